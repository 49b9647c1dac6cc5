"""`name-typo`: a misspelt name."""
from ..family import Family

TEXTS = {
    "why_missing_name": {"en": "{found} is spelt differently from {wanted}, the name the "
                               "exercise's checks use: rename it {wanted} (Python finds a name "
                               "only when it matches exactly, capitals included)",
                         "ko": "{found}은(는) 문제의 검사가 쓰는 이름 {wanted}와(과) 철자가 "
                               "다릅니다: {wanted}(으)로 이름을 바꾸세요 (파이썬은 대소문자까지 "
                               "정확히 같은 이름만 찾습니다)"},
    "why_attribute_typo": {"en": "{klass}.{method} reads self.{name}, which the object does not "
                                 "have; it has self.{close}: did you mean self.{close}?",
                           "ko": "{klass}.{method}이(가) self.{name}을(를) 읽지만 객체에 그런 속성이 "
                                 "없고 self.{close}가 있습니다: self.{close}(으)로 쓰려던 "
                                 "것인가요?"},
    "why_member_typo": {"en": "{klass} has no {wanted}, which the exercise reads; its methods store "
                              "self.{found}: name it self.{wanted}",
                        "ko": "{klass}에 문제에서 읽는 {wanted}가 없고, 메서드가 self.{found}를 "
                              "저장합니다: self.{wanted}(으)로 이름을 바꾸세요"},
    "why_method_typo": {"en": "{klass} has no method {wanted}, which the exercise calls; it has "
                              "{found}: did you mean {wanted}?",
                        "ko": "{klass}에 문제에서 부르는 {wanted} 메서드가 없고 {found}가 있습니다: "
                              "{wanted}(으)로 쓰려던 것인가요?"},
    "why_name_typo": {"en": "{name} is not defined where it is used: did you mean {close}? "
                            "(names are case-sensitive)",
                      "ko": "{name}은(는) 이 자리에 정의되어 있지 않습니다: {close}을(를) 쓰려던 "
                            "것인가요? (이름은 대소문자를 구분합니다)"},
}

FAMILY = Family(
    id="name-typo",
    name={"en": "a misspelt name", "ko": "이름의 오타"},
    needs=("a NameError with a name of the frame spelt alike (`dY` for `dy`, `W` for "
           "`self.W`, never a capitalised class for a lower-case function); a name the "
           "exercise needs that the file spells otherwise (`ReluLayer`, `MultiplyLayer`); a "
           "method the checks call that the class spells otherwise (`forword`); an attribute"
           " the object has under another spelling (`self.laseLayer`)"),
    texts=TEXTS,
)
