"""`syntax`: Python cannot read a line."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_syntax": {"en": "{file} line {line}: Python cannot read this line: {what}\n  {code}",
                   "ko": "{file} {line}번째 줄을 파이썬이 읽지 못합니다: {what}\n  {code}"},
    "syntax_colon": {"en": "a ':' is missing at the end of the line",
                     "ko": "줄 끝에 ':'가 빠졌습니다"},
    "syntax_indent": {"en": "the line is indented more than the block it is in",
                      "ko": "이 줄이 속한 블록보다 더 들여쓰기되어 있습니다"},
    "syntax_unindent": {"en": "its indentation matches no outer block (spaces and tabs mixed, or "
                              "one space too many or too few)",
                        "ko": "들여쓰기가 바깥 블록 어느 것과도 맞지 않습니다 (탭과 공백이 섞였거나 "
                              "공백 수가 하나 많거나 적습니다)"},
    "syntax_block": {"en": "the block after it is not indented",
                     "ko": "다음 줄의 블록이 들여쓰기되어 있지 않습니다"},
    "syntax_tabs": {"en": "tabs and spaces are mixed in the indentation: indent with spaces only",
                    "ko": "들여쓰기에 탭과 공백이 섞여 있습니다: 공백으로만 들여쓰세요"},
    "syntax_character": {"en": "the character {char} is not Python (typed on a Korean keyboard? "
                               "use the plain ASCII one)",
                         "ko": "{char} 문자는 파이썬 문자가 아닙니다 (한글 자판의 전각 문자인가요? "
                               "영문 자판의 문자로 바꾸세요)"},
    "syntax_string": {"en": "a string is not closed: its quote is missing",
                      "ko": "문자열이 닫히지 않았습니다: 따옴표가 빠졌습니다"},
    "syntax_open": {"en": "a bracket {bracket} is never closed", "ko": "괄호 {bracket}이(가) 닫히지 않았습니다"},
    "syntax_unmatched": {"en": "a closing {bracket} has no opening one",
                         "ko": "닫는 괄호 {bracket}에 짝이 되는 여는 괄호가 없습니다"},
    "syntax_comma": {"en": "invalid syntax (a comma missing?)",
                     "ko": "문법에 맞지 않습니다 (쉼표가 빠졌나요?)"},
    "syntax_other": {"en": "{message}", "ko": "문법에 맞지 않습니다 ({message})"},
}

FAMILY = Family(
    id="syntax",
    name={"en": "Python cannot read a line", "ko": "파이썬이 읽지 못하는 줄"},
    needs=NEEDS["syntax"],
    texts=TEXTS,
)
