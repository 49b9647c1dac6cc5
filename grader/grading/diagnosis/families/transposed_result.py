"""`transposed-result`: a transposed result."""
from ..family import Family

TEXTS = {
    "why_transposed": {"en": "{name} comes out transposed (shape {actual}, not {expected}): the "
                             "operands of its product are in the wrong order, or a .T is missing",
                       "ko": "{name}이(가) 전치된 형상입니다 ({expected}가 아니라 {actual}): 곱의 "
                             "순서가 바뀌었거나 .T가 빠졌습니다"},
}

FAMILY = Family(
    id="transposed-result",
    name={"en": "a transposed result", "ko": "전치된 결과"},
    needs=("a value of the wrong shape whose values are the expected ones with the batch "
           "axis kept (an input has that axis, and the sum over it is the expected value), "
           "summed over another axis of an input, or transposed; `keepdims` only where the "
           "student's code writes `keepdims=True` (a row made by a reshape keeps an axis "
           "too); or the value equals the spec's expected expression with one slip (`x * W` "
           "for `x @ W`, operands swapped, a `.T`, a sum or a term left out)"),
    texts=TEXTS,
)
