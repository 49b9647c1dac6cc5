"""`missing-transpose`: a transpose (.T) missing in a product."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "formula_missing-transpose": {"en": "a transpose (.T) is missing in a product",
                                  "ko": "곱에서 전치(.T)가 빠졌습니다"},
}

FAMILY = Family(
    id="missing-transpose",
    name={"en": "a transpose (.T) missing in a product", "ko": "곱에서 빠진 전치(.T)"},
    needs=NEEDS["product_shapes"],
    texts=TEXTS,
    slip="formula_missing-transpose",
)
