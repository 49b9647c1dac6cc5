"""`keepdims`: keepdims."""
from ..family import Family

TEXTS = {
    "why_keepdims_broadcast": {"en": "shapes {a} and {b} do not line up: the {reduction} of each "
                                     "row has shape {b}; keepdims=True keeps it as {kept}, which "
                                     "does",
                               "ko": "형상 {a}와(과) {b}이(가) 맞지 않습니다: 행마다 구한 "
                                     "{reduction}의 형상이 {b}입니다. keepdims=True를 주면 {kept} "
                                     "형상이 되어 맞습니다"},
    "reduction_max": {"en": "maximum", "ko": "최댓값"},
    "reduction_min": {"en": "minimum", "ko": "최솟값"},
    "reduction_sum": {"en": "sum", "ko": "합"},
    "reduction_mean": {"en": "mean", "ko": "평균"},
    "why_keepdims": {"en": "{name} has shape {actual}, not {expected}: keepdims=True kept the "
                           "summed axis; leave keepdims out here",
                     "ko": "{name}의 형상이 {expected}가 아니라 {actual}입니다: keepdims=True가 "
                           "더한 축을 남겼습니다. 여기서는 keepdims를 빼세요"},
    "formula_keepdims": {"en": "keepdims=True kept the summed axis",
                         "ko": "keepdims=True가 더한 축을 남겼습니다"},
}

FAMILY = Family(
    id="keepdims",
    name={"en": "keepdims", "ko": "keepdims"},
    needs=("a shape error in the failing line: both shapes and the product or broadcast that"
           " fits; or a value of the wrong shape whose values are the expected ones with the"
           " batch axis kept (an input has that axis, and the sum over it is the expected "
           "value), summed over another axis of an input, or transposed; `keepdims` only "
           "where the student's code writes `keepdims=True` (a row made by a reshape keeps "
           "an axis too); or the value equals the spec's expected expression with one slip "
           "(`x * W` for `x @ W`, operands swapped, a `.T`, a sum or a term left out)"),
    texts=TEXTS,
    slip="formula_keepdims",
)
