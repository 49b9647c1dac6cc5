"""`missing-key`: a key missing from a returned dict."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_stored_keys": {"en": "self.{attribute}['{missing}'] is read, but {klass} stores only the "
                              "keys {keys} in self.{attribute}: store '{missing}' too (a key typed "
                              "twice for another?)",
                        "ko": "self.{attribute}['{missing}']를 읽지만 {klass}는 self.{attribute}에 "
                              "{keys} 키만 저장합니다: '{missing}'도 저장하세요 (다른 키를 두 번 "
                              "쓴 것은 아닌가요?)"},
    "why_missing_key": {"en": "{call} returned a dict without the key '{missing}'; the exercise "
                              "reads the keys {keys}",
                        "ko": "{call}이(가) 돌려준 딕셔너리에 '{missing}' 키가 없습니다. 이 문제는 "
                              "{keys} 키를 읽습니다"},
}

FAMILY = Family(
    id="missing-key",
    name={"en": "a key missing from a returned dict", "ko": "돌려준 딕셔너리에 빠진 키"},
    needs=NEEDS["misspelt_names"],
    texts=TEXTS,
)
