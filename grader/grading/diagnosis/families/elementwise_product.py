"""`elementwise-product`: * for the matrix product."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_elementwise": {"en": "`{expr}` multiplies element by element (shapes {a} and {b}); the "
                              "matrix product is {fix}",
                        "ko": "`{expr}`은(는) 원소별 곱입니다 (형상 {a}, {b}). 행렬의 곱은 "
                              "{fix}입니다"},
    "formula_elementwise-product": {"en": "* multiplies element by element; a matrix product is "
                                          "np.dot (or @)",
                                    "ko": "*는 원소별 곱입니다. 행렬의 곱은 np.dot(또는 @)입니다"},
}

FAMILY = Family(
    id="elementwise-product",
    name={"en": "* for the matrix product", "ko": "행렬의 곱 대신 *"},
    needs=NEEDS["product_shapes"],
    texts=TEXTS,
    slip="formula_elementwise-product",
)
