"""`signature`: a call that does not fit the exercise's signature."""
from ..family import Family

TEXTS = {
    "why_signature": {"en": "{callee} is defined as {short}{actual}{where}, but the exercise calls "
                            "it as {short}{expected}: give it the exercise's parameters",
                      "ko": "{callee}이(가) {short}{actual}(으)로 정의되어 있는데{where} 이 문제는 "
                            "{short}{expected}처럼 호출합니다: 문제에 나온 매개변수로 정의하세요"},
    "where_line": {"en": " ({file} line {line})", "ko": " ({file} {line}번째 줄)"},
    "where_cell_line": {"en": " ({where}, line {line})", "ko": " ({where}, {line}번째 줄)"},
    "why_no_self": {"en": "{klass}.{method} is written without self: Python passes the object "
                          "to a method as its first argument, so write def {method}(self, ...)",
                    "ko": "{klass}.{method}에 self가 없습니다: 파이썬은 메서드의 첫 인수로 객체를 "
                          "넘기므로 def {method}(self, ...)처럼 쓰세요"},
}

FAMILY = Family(
    id="signature",
    name={"en": "a call that does not fit the exercise's signature", "ko": "문제의 시그니처와 맞지 않는 호출"},
    needs=("a TypeError about a call's arguments, beside the parameters of the exercise's "
           "stub; a method written without `self` (`takes 0 positional arguments but 1 was "
           "given`)"),
    texts=TEXTS,
)
