"""`unset-attribute`: an attribute read before any method stored it."""
from ..family import Family

TEXTS = {
    "why_unset_attribute": {"en": "{klass}.{method} reads self.{name}, {state}: {setter} must "
                                  "store it first (self.{name} = …)",
                            "ko": "{klass}.{method}이(가) self.{name}을(를) 읽는데 {state}: "
                                  "{setter}에서 먼저 self.{name} = …로 저장해야 합니다"},
    "state_missing": {"en": "which no method has set", "ko": "어떤 메서드도 저장한 적이 없습니다"},
    "state_None": {"en": "which is still None (no method stored a value in it)",
                   "ko": "아직 None입니다 (어떤 메서드도 값을 저장하지 않았습니다)"},
    "why_unset_local": {"en": "{klass}.{setter} computes {name} (line {line}) but keeps it in a "
                              "local variable, which is gone when {setter} returns: write "
                              "self.{name} = … so that {method} can read it",
                        "ko": "{klass}.{setter}이(가) {line}번째 줄에서 {name}을(를) 계산하지만 "
                              "지역 변수에 두어서 {setter}이(가) 끝나면 사라집니다: {method}에서 "
                              "읽을 수 있도록 self.{name} = …로 저장하세요"},
    "why_unset_local_kept": {"en": "{klass}.{setter} computes {name} (line {line}) but keeps it "
                                   "in a local variable, which is gone when {setter} returns: "
                                   "write self.{name} = … to keep it",
                             "ko": "{klass}.{setter}이(가) {line}번째 줄에서 {name}을(를) 계산하지만 "
                                   "지역 변수에 두어서 {setter}이(가) 끝나면 사라집니다: "
                                   "self.{name} = …로 저장하세요"},
    "why_attribute_none": {"en": "{expr} is None after the check ran: no method of the layer "
                                 "stored self.{name}",
                           "ko": "검사 코드를 실행한 뒤에도 {expr}이(가) None입니다: 계층의 어떤 "
                                 "메서드도 self.{name}에 값을 저장하지 않았습니다"},
    "why_no_forward": {"en": "{method} never runs the forward pass (it calls no self.loss(x, t)): "
                             "the layers' backward then reads what no forward stored (None). "
                             "Call self.loss(x, t) first, then backpropagate",
                       "ko": "{method}이(가) 순전파를 실행하지 않습니다(self.loss(x, t)를 부르지 "
                             "않음): 계층의 backward가 순전파가 저장하지 않은 값(None)을 읽게 "
                             "됩니다. 먼저 self.loss(x, t)를 부른 다음 역전파하세요"},
}

FAMILY = Family(
    id="unset-attribute",
    name={"en": "an attribute read before any method stored it", "ko": "어떤 메서드도 저장하기 전에 읽은 속성"},
    needs=("a method reads `self.out` that no method stored (the student's process sends "
           "which attribute is missing or None; the student's file says whether `forward` "
           "kept it in a local); a network's `gradient` whose code calls no `loss`, "
           "`predict` or `forward` when a layer's backward reads None"),
    texts=TEXTS,
)
