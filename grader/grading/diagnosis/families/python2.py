"""`python2`: Python 2 code."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_python2_print": {"en": "{file} line {line}: `{code}` is Python 2. In Python 3 print is "
                                "a function: print(...), with parentheses",
                          "ko": "{file} {line}번째 줄의 `{code}`는 파이썬 2 문법입니다. 파이썬 3에서 "
                                "print는 함수이므로 print(...)처럼 괄호로 감싸세요"},
    "why_python2_name": {"en": "{old} is Python 2; Python 3 calls it {new}",
                         "ko": "{old}은(는) 파이썬 2의 이름입니다. 파이썬 3에서는 {new}입니다"},
    "why_python2_except": {"en": "{file} line {line}: `except X, e` is Python 2; write "
                                 "`except X as e`",
                           "ko": "{file} {line}번째 줄: `except X, e`는 파이썬 2 문법입니다. "
                                 "`except X as e`로 쓰세요"},
}

FAMILY = Family(
    id="python2",
    name={"en": "Python 2 code", "ko": "파이썬 2 코드"},
    needs=NEEDS["syntax"],
    texts=TEXTS,
)
