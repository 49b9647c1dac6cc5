"""`numpy-name`: a misspelt numpy name."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_numpy_name": {"en": "numpy has no {name}: did you mean np.{close}?",
                       "ko": "numpy에는 {name}이(가) 없습니다: np.{close}을(를) 쓰려던 것인가요?"},
    "why_numpy_keyword": {"en": "np.{function} takes no keyword {name}: did you mean {close}=?",
                          "ko": "np.{function}에는 {name}이라는 키워드가 없습니다: {close}=을(를) "
                                "쓰려던 것인가요?"},
}

FAMILY = Family(
    id="numpy-name",
    name={"en": "a misspelt numpy name", "ko": "numpy 이름의 오타"},
    needs=NEEDS["misspelt_names"],
    texts=TEXTS,
)
