"""`transposed-result`: a transposed result."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_transposed": {"en": "{name} comes out transposed (shape {actual}, not {expected}): the "
                             "operands of its product are in the wrong order, or a .T is missing",
                       "ko": "{name}이(가) 전치된 형상입니다 ({expected}가 아니라 {actual}): 곱의 "
                             "순서가 바뀌었거나 .T가 빠졌습니다"},
}

FAMILY = Family(
    id="transposed-result",
    name={"en": "a transposed result", "ko": "전치된 결과"},
    needs=NEEDS["batch_axis"],
    texts=TEXTS,
)
