"""`import-name`: an import of a name the file does not define."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_import_name": {"en": "{module}.py defines no {name}{close}; it defines {defined}",
                        "ko": "{module}.py에는 {name}이(가) 없습니다{close}. 정의된 이름: {defined}"},
    "close_name": {"en": " (did you mean {close}?)", "ko": " ({close}을(를) 쓰려던 것인가요?)"},
}

FAMILY = Family(
    id="import-name",
    name={"en": "an import of a name the file does not define", "ko": "파일에 없는 이름을 import함"},
    needs=NEEDS["misspelt_names"],
    texts=TEXTS,
)
