"""`other-order`: results in another order."""
from ..family import Family

TEXTS = {
    "why_order": {"en": "{name} holds what {other} should: the results come out in another "
                        "order; keep the exercise's order",
                  "ko": "{name}에 {other}의 값이 들어 있습니다: 결과의 순서가 바뀌었습니다. 문제에 "
                        "나온 순서를 지키세요"},
    "why_order_inside": {"en": "{name} holds the expected values, in another order: keep the "
                               "exercise's order",
                         "ko": "{name}에 기대한 값들이 다른 순서로 들어 있습니다: 문제에 나온 순서를 "
                               "지키세요"},
    "why_print_order": {"en": "the expected numbers are all printed, but in another order or with "
                              "other numbers between them: print them together, in the order the "
                              "exercise gives",
                        "ko": "기대한 숫자가 모두 출력되었지만 순서가 다르거나 사이에 다른 숫자가 "
                              "있습니다: 문제에 나온 순서대로 이어서 출력하세요"},
}

FAMILY = Family(
    id="other-order",
    name={"en": "results in another order", "ko": "결과의 순서가 바뀜"},
    needs=("the opposite sign, a constant factor over several numbers, zeros (never a "
           "network's gradient, whose zeros have as many causes as it has layers), the "
           "results exchanged, or (gradients, and values with a literal upstream gradient) "
           "what backward gives when it ignores `dout`; or printed numbers: the expected "
           "ones with some left out and nothing else, all of them printed but out of order "
           "or apart, or most of them printed and some never (one expected number not "
           "printed says nothing)"),
    texts=TEXTS,
)
