"""The diagnoses' texts that are no family's own: a failure caused by another exercise's file
(`cascade`), and the messages several families share (a product's shapes, a slip in the spec's
expression). Key -> {en, ko}, as in every family's module."""

TEXTS = {
    "cause_load": {"en": "p{exercise} stops because {file}, which it imports, does not load: fix "
                         "p{root} first",
                   "ko": "p{exercise}이(가) import하는 {file}을(를) 불러오지 못해 함께 멈췄습니다: "
                         "p{root}부터 고치세요"},
    "cause_raises": {"en": "p{exercise} stops inside {file} ({where}), which it imports: the "
                           "error is in the code of exercise {root}; fix p{root} first",
                     "ko": "p{exercise}이(가) import한 {file} 안({where})에서 멈췄습니다: {root}번 "
                           "문제의 코드에서 난 오류이니 p{root}부터 고치세요"},
    "cause_uses": {"en": "p{exercise} uses the {name} of {file}, the same code as exercise "
                         "{root}'s, which fails its own checks: fix p{root} first",
                   "ko": "p{exercise}은(는) {file}의 {name}을(를) 쓰는데, 이는 {root}번 문제와 같은 "
                         "코드이고 {root}번 문제가 자기 검사에서 실패합니다: p{root}부터 고치세요"},
    "cause_missing": {"en": "p{exercise} imports {file}, which is not in the submission: hand in "
                            "{file} (exercise {root}) too",
                      "ko": "p{exercise}이(가) {file}을(를) import하는데 제출물에 {file}이(가) "
                            "없습니다: {root}번 문제의 {file}도 함께 내세요"},
    "where_function": {"en": "{function}, line {line}", "ko": "{function}, {line}번째 줄"},
    "why_shapes_fix": {"en": "{product}: shapes {a} and {b} do not fit (the inner sizes {n} and "
                             "{m} differ); this fits: {fixes}",
                       "ko": "{product}: 형상 {a}와(과) {b}이(가) 맞지 않습니다 (안쪽 크기 {n}, "
                             "{m}이(가) 다름). 이렇게 하면 맞습니다: {fixes}"},
    "why_formula": {"en": "{name} equals {yours}, where the exercise computes {expected}: {what}",
                    "ko": "{name}이(가) {yours}의 값입니다. 문제는 {expected}을(를) 계산합니다: "
                          "{what}"},
}


NEEDS = {
    "product_shapes": (
        'a shape error in the failing line: both shapes and the product or broadcast that fits'
    ),
    "gradient_values": (
        "the opposite sign, a constant factor over several numbers, zeros (never a network's "
        'gradient, whose zeros have as many causes as it has layers), the results exchanged, or '
        '(gradients, and values with a literal upstream gradient) what backward gives when it '
        'ignores `dout`'
    ),
    "misspelt_names": (
        "`np.maxmimum`, `keepdim=`, `from p214 import ReLU`, a gradient dict without `'b1'`"
    ),
    "batch_axis": (
        'a value of the wrong shape whose values are the expected ones with the batch axis kept '
        '(an input has that axis, and the sum over it is the expected value), summed over '
        "another axis of an input, or transposed; `keepdims` only where the student's code "
        'writes `keepdims=True` (a row made by a reshape keeps an axis too); or the value '
        "equals the spec's expected expression with one slip (`x * W` for `x @ W`, operands "
        'swapped, a `.T`, a sum or a term left out)'
    ),
    "syntax": (
        'a SyntaxError (a missing `:`, a full-width `）` typed on a Korean keyboard, `print x`, '
        "a space after a line's `\\`), also in a notebook cell that does not parse; a NameError "
        'of `xrange`, `dict.iteritems()`'
    ),
    "returned_values": (
        'None, or one value where `dx, dy = …` wants two, from a function of the exercise: '
        'whether it has a `return` at all'
    ),
}
"""what a family needs to fire, where several families are told apart by one detector: the
row of docs/spec-format.md's table they share"""
