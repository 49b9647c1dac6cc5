"""`ignores-dout`: backward ignores dout."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_ignores_dout": {"en": "{name} is what it would be if the gradient from above (dout, or "
                               "the output unit's grad) were 1: backward ignores it; multiply "
                               "the local derivative by it (the chain rule)",
                         "ko": "{name}이(가) 위에서 온 기울기(dout 또는 출력 유닛의 grad)가 1일 때의 "
                               "값입니다: backward가 그 기울기를 쓰지 않습니다. 국소 미분에 그 "
                               "기울기를 곱하세요 (연쇄 법칙)"},
}

FAMILY = Family(
    id="ignores-dout",
    name={"en": "backward ignores dout", "ko": "backward가 dout을 쓰지 않음"},
    needs=NEEDS["gradient_values"],
    texts=TEXTS,
)
