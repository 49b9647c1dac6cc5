"""`wrong-sign`: the wrong sign."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_sign": {"en": "{name} has the right size but the opposite sign: a minus sign is missing "
                       "or extra (y - t for t - y, -= for +=)",
                 "ko": "{name}의 크기는 맞지만 부호가 반대입니다: 빼기 부호가 빠졌거나 더 "
                       "있습니다 (t - y 대신 y - t, += 대신 -= 등)"},
}

FAMILY = Family(
    id="wrong-sign",
    name={"en": "the wrong sign", "ko": "반대 부호"},
    needs=NEEDS["gradient_values"],
    texts=TEXTS,
)
