"""`missing-term`: a term of a sum missing."""
from ..family import Family

TEXTS = {
    "formula_missing-term": {"en": "a term of the sum is missing", "ko": "더해야 할 항이 빠졌습니다"},
}

FAMILY = Family(
    id="missing-term",
    name={"en": "a term of a sum missing", "ko": "합에서 빠진 항"},
    needs=("the value equals the spec's expected expression with one slip (`x * W` for `x @ "
           "W`, operands swapped, a `.T`, a sum or a term left out)"),
    texts=TEXTS,
    slip="formula_missing-term",
)
