"""`missing-numbers`: numbers not printed."""
from ..family import Family

TEXTS = {
    "why_missing_numbers": {"en": "printed {printed} of the {expected} expected numbers, the right "
                                  "ones in the right order; not printed: number(s) {positions} "
                                  "({values})",
                            "ko": "기대한 숫자 {expected}개 중 {printed}개를 맞는 순서로 "
                                  "출력했습니다. 출력하지 않은 것: {positions}번째 ({values})"},
    "why_never_printed": {"en": "most of the expected numbers are printed, but number(s) "
                                "{positions} ({values}) never are: compute and print them too",
                          "ko": "기대한 숫자 대부분은 출력되었지만 {positions}번째 숫자({values})는 "
                                "출력되지 않았습니다: 그 값도 계산해서 출력하세요"},
}

FAMILY = Family(
    id="missing-numbers",
    name={"en": "numbers not printed", "ko": "출력하지 않은 숫자"},
    needs=("printed numbers: the expected ones with some left out and nothing else, all of "
           "them printed but out of order or apart, or most of them printed and some never "
           "(one expected number not printed says nothing)"),
    texts=TEXTS,
)
