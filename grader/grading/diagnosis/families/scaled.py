"""`scaled`: off by a constant factor."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_scaled": {"en": "{name} is {factor} times the expected value everywhere: a constant "
                         "factor is missing or extra (the 2 of x², the 1/N of a mean or a batch, "
                         "the h or 2h of a difference)",
                   "ko": "{name}이(가) 모든 원소에서 기대값의 {factor}배입니다: 상수 배가 빠졌거나 "
                         "더 들어갔습니다 (x²의 2, 평균이나 배치의 1/N, 차분의 h나 2h 등)"},
}

FAMILY = Family(
    id="scaled",
    name={"en": "off by a constant factor", "ko": "상수 배만큼 다름"},
    needs=NEEDS["gradient_values"],
    texts=TEXTS,
)
