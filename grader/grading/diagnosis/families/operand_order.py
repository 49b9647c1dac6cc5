"""`operand-order`: a product's operands in the wrong order."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "formula_operand-order": {"en": "the operands of a matrix product are in the wrong order "
                                    "(it does not commute)",
                              "ko": "행렬 곱의 순서가 바뀌었습니다 (행렬의 곱은 교환법칙이 "
                                    "성립하지 않습니다)"},
}

FAMILY = Family(
    id="operand-order",
    name={"en": "a product's operands in the wrong order", "ko": "행렬 곱의 순서가 바뀜"},
    needs=NEEDS["product_shapes"],
    texts=TEXTS,
    slip="formula_operand-order",
)
