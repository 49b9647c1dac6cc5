"""`return-count`: too few or many values returned."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_return_count": {"en": "{call} must return {count} values ({targets}), but returned {got}",
                         "ko": "{call}은(는) 값 {count}개({targets})를 돌려주어야 하는데 {got}"},
    "why_extra_values": {"en": "{name} came back as {count} values together, and value "
                               "{position} of them is the right {name}: return {name} alone (a "
                               "method's other results stay in attributes, as self.dW and "
                               "self.db do)",
                         "ko": "{name} 자리에 값 {count}개가 함께 돌아왔고, 그중 {position}번째가 "
                               "맞는 {name}입니다: {name}만 돌려주세요 (메서드의 다른 결과는 "
                               "self.dW, self.db처럼 속성에 저장합니다)"},
    "got_one": {"en": "one {kind}", "ko": "{kind} 하나를 돌려주었습니다"},
    "got_more": {"en": "more than {count}", "ko": "{count}개보다 많이 돌려주었습니다"},
    "got_fewer": {"en": "{got}", "ko": "{got}개만 돌려주었습니다"},
}

FAMILY = Family(
    id="return-count",
    name={"en": "too few or many values returned", "ko": "돌려주는 값의 개수가 다름"},
    needs=NEEDS["returned_values"],
    texts=TEXTS,
)
