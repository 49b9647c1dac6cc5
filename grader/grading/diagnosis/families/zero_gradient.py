"""`zero-gradient`: a gradient that stays 0."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_zero": {"en": "{name} is all zeros: the gradient never reached it (the output's gradient "
                       "not set to 1, backward called in the wrong order, or = where += is meant)",
                 "ko": "{name}이(가) 모두 0입니다: 기울기가 전달되지 않았습니다 (출력의 기울기를 "
                       "1로 두지 않았거나, backward 호출 순서가 틀렸거나, += 대신 =를 썼습니다)"},
}

FAMILY = Family(
    id="zero-gradient",
    name={"en": "a gradient that stays 0", "ko": "0으로 남은 기울기"},
    needs=NEEDS["gradient_values"],
    texts=TEXTS,
)
