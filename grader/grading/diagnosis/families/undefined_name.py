"""`undefined-name`: a name nothing defines or imports."""
from ..family import Family

TEXTS = {
    "why_undefined_name": {"en": "{name} is used, but nothing defines it or imports it where this "
                                 "code runs: define it, or import it from where it is defined",
                           "ko": "{name}을(를) 쓰지만 이 코드가 실행되는 곳에서 정의하거나 import한 "
                                 "곳이 없습니다: 정의하거나, 정의된 곳에서 import하세요"},
    "why_undefined_method": {"en": "{name} is called as a function, but it is defined inside class "
                                   "{klass}, as its method: move it out of the class (to the top "
                                   "of the file), or call it as self.{name}(...) with self as its "
                                   "first parameter",
                             "ko": "{name}을(를) 함수로 부르지만 {klass} 클래스 안에 메서드로 "
                                   "정의되어 있습니다: 클래스 밖(파일의 맨 위 수준)으로 옮기거나, "
                                   "첫 매개변수를 self로 하고 self.{name}(...)로 부르세요"},
    "why_undefined_skipped": {"en": "{name} is not defined where this code runs: it would come "
                                    "from `{statement}`, which the grader skipped ({module} is not "
                                    "in your submission, or not where Python looks from here): "
                                    "hand in {module} with your work, or define {name}",
                              "ko": "{name}이(가) 이 코드가 실행되는 곳에 정의되어 있지 않습니다: "
                                    "`{statement}`에서 올 이름인데 채점기가 그 import를 "
                                    "건너뛰었습니다({module}이(가) 제출물에 없거나 여기서 "
                                    "파이썬이 찾는 곳에 없음): {module}도 함께 내거나 {name}을(를) "
                                    "정의하세요"},
    "why_undefined_imported": {"en": "{name} is used, but nothing defines it or imports it where "
                                     "this code runs; {file} defines it: import it "
                                     "(from {module} import {name})",
                               "ko": "{name}을(를) 쓰지만 이 코드가 실행되는 곳에서 정의하거나 "
                                     "import한 곳이 없습니다. {file}에 정의되어 있으니 import하세요 "
                                     "(from {module} import {name})"},
}

FAMILY = Family(
    id="undefined-name",
    name={"en": "a name nothing defines or imports", "ko": "정의하거나 import하지 않은 이름"},
    needs=("a NameError with no name spelt alike: where the submission's files define it, or"
           " the skipped `from … import *` it would have come from, or the class it is "
           "written inside as a method"),
    texts=TEXTS,
)
