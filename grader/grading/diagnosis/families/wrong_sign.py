"""`wrong-sign`: the wrong sign."""
from ..family import Family

TEXTS = {
    "why_sign": {"en": "{name} has the right size but the opposite sign: a minus sign is missing "
                       "or extra (y - t for t - y, -= for +=)",
                 "ko": "{name}의 크기는 맞지만 부호가 반대입니다: 빼기 부호가 빠졌거나 더 "
                       "있습니다 (t - y 대신 y - t, += 대신 -= 등)"},
}

FAMILY = Family(
    id="wrong-sign",
    name={"en": "the wrong sign", "ko": "반대 부호"},
    needs=("the opposite sign, a constant factor over several numbers, zeros (never a "
           "network's gradient, whose zeros have as many causes as it has layers), the "
           "results exchanged, or (gradients, and values with a literal upstream gradient) "
           "what backward gives when it ignores `dout`"),
    texts=TEXTS,
)
