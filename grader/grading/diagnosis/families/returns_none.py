"""`returns-none`: None returned (no return)."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_returns_none": {"en": "{call} returned None: {function} has no return statement, so "
                               "what it computes is lost; end it with return …",
                         "ko": "{call}이(가) None을 돌려주었습니다: {function}에 return 문이 없어서 "
                               "계산한 값이 사라집니다. return …으로 끝내세요"},
    "why_returns_none_branch": {"en": "{call} returned None: {function} reaches its end without "
                                      "a return on this input (a branch has no return)",
                                "ko": "{call}이(가) None을 돌려주었습니다: 이 입력에서 {function}이(가) "
                                      "return 없이 끝납니다 (return이 없는 분기가 있습니다)"},
    "why_returns_none_plain": {"en": "{call} returned None (a function without return, or with a "
                                     "bare return, gives None): return the value",
                               "ko": "{call}이(가) None을 돌려주었습니다 (return이 없거나 값 없는 "
                                     "return인 함수는 None을 돌려줍니다): 값을 return하세요"},
}

FAMILY = Family(
    id="returns-none",
    name={"en": "None returned (no return)", "ko": "None을 돌려줌 (return 없음)"},
    needs=NEEDS["returned_values"],
    texts=TEXTS,
)
