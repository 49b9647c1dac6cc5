"""`sum-axis`: summed over the wrong axis."""
from ..family import Family

TEXTS = {
    "why_sum_axis": {"en": "{name} has shape {actual}, not {expected}: it is summed over the "
                           "wrong axis; the batch is axis 0",
                     "ko": "{name}의 형상이 {expected}가 아니라 {actual}입니다: 다른 축으로 "
                           "더했습니다. 배치 축은 axis=0입니다"},
    "formula_sum-axis": {"en": "it is summed over the wrong axis", "ko": "다른 축으로 더했습니다"},
}

FAMILY = Family(
    id="sum-axis",
    name={"en": "summed over the wrong axis", "ko": "다른 축으로 더함"},
    needs=("a value of the wrong shape whose values are the expected ones with the batch "
           "axis kept (an input has that axis, and the sum over it is the expected value), "
           "summed over another axis of an input, or transposed; `keepdims` only where the "
           "student's code writes `keepdims=True` (a row made by a reshape keeps an axis "
           "too); or the value equals the spec's expected expression with one slip (`x * W` "
           "for `x @ W`, operands swapped, a `.T`, a sum or a term left out)"),
    texts=TEXTS,
    slip="formula_sum-axis",
)
