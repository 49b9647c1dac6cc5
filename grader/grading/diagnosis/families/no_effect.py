"""`no-effect`: a statement that computes and keeps nothing."""
from ..family import Family

TEXTS = {
    "why_no_effect": {"en": "{file} line {line}: `{code}` computes a value and keeps nothing{fix}",
                      "ko": "{file} {line}번째 줄의 `{code}`는 값을 계산만 하고 저장하지 "
                            "않습니다{fix}"},
    "fix_assign": {"en": ": did you mean `{fix}`?", "ko": ": `{fix}`을(를) 쓰려던 것인가요?"},
    "fix_print": {"en": ": a script shows nothing by itself (a notebook cell would): "
                        "print({expr})",
                  "ko": ": 노트북 셀과 달리 스크립트는 값을 저절로 보여 주지 않습니다: "
                        "print({expr})"},
    "fix_return": {"en": ": return it (`return {expr}`)", "ko": ": 돌려주려면 `return {expr}`"},
}

FAMILY = Family(
    id="no-effect",
    name={"en": "a statement that computes and keeps nothing", "ko": "계산만 하고 저장하지 않는 문장"},
    needs=("a statement that computes and keeps nothing: `self.db - np.sum(dout, axis=0)` "
           "typed for `=`, `self.out == out`, a bare `Y` in a script"),
    texts=TEXTS,
)
