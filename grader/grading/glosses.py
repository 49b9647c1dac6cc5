"""Python's and numpy's own exception messages, said again in Korean.

A Korean report keeps the message as Python wrote it (what a student searches for, what the
traceback in their own terminal says) and adds what it means in Korean: `name 'enp' is not
defined (enp이(가) 정의되어 있지 않습니다)`. Only the messages students of this course meet are
here (NameError, a call that does not fit, a None where a value was needed, shapes that do not
fit); any other message stays as it is.
"""
from __future__ import annotations

import re

NAME = r"[\w.<>]+"
SHAPE = r"\([\d, ]*\)"

GLOSSES: dict[str, dict] = {
    "name_not_defined": {
        "types": ("NameError",),
        "en": rf"name '(?P<name>{NAME})' is not defined",
        "ko": "{name}이(가) 정의되어 있지 않습니다"},
    "local_unbound": {
        "types": ("UnboundLocalError",),
        "en": rf"cannot access local variable '(?P<name>{NAME})' where it is not associated "
              r"with a value",
        "ko": "지역 변수 {name}을(를) 값이 정해지기 전에 읽었습니다"},
    "local_unbound_310": {
        "types": ("UnboundLocalError",),  # Python 3.10's words
        "en": rf"local variable '(?P<name>{NAME})' referenced before assignment",
        "ko": "지역 변수 {name}을(를) 값이 정해지기 전에 읽었습니다"},
    "operand_types": {
        "types": ("TypeError",),
        "en": rf"unsupported operand type\(s\) for (?P<op>\S+): '(?P<a>{NAME})' and "
              rf"'(?P<b>{NAME})'",
        "ko": "{a}와(과) {b} 사이에는 {op} 연산을 할 수 없습니다"},
    "not_subscriptable": {
        "types": ("TypeError",),
        "en": rf"'(?P<kind>{NAME})' object is not subscriptable",
        "ko": "{kind} 객체에는 [ ]로 원소를 꺼낼 수 없습니다"},
    "not_callable": {
        "types": ("TypeError",),
        "en": rf"'(?P<kind>{NAME})' object is not callable",
        "ko": "{kind} 객체는 함수처럼 호출할 수 없습니다"},
    "not_iterable": {
        "types": ("TypeError",),
        "en": rf"'(?P<kind>{NAME})' object is not iterable",
        "ko": "{kind} 객체는 반복할 수 없습니다"},
    "cannot_unpack": {
        "types": ("TypeError",),
        "en": rf"cannot unpack non-iterable (?P<kind>{NAME}) object",
        "ko": "{kind} 객체는 여러 변수로 나눠 받을 수 없습니다"},
    "positional_count": {
        "types": ("TypeError",),
        "en": rf"(?P<function>{NAME})\(\) takes (?P<count>\d+) positional arguments? but "
              rf"(?P<given>\d+) (?:was|were) given",
        "ko": "{function}()은(는) 위치 인자 {count}개를 받는데 {given}개가 주어졌습니다"},
    "missing_arguments": {
        "types": ("TypeError",),
        "en": rf"(?P<function>{NAME})\(\) missing \d+ required positional arguments?: "
              r"(?P<names>.+)",
        "ko": "{function}()에 꼭 필요한 인자 {names}이(가) 빠졌습니다"},
    "unexpected_keyword": {
        "types": ("TypeError",),
        "en": rf"(?P<function>{NAME})\(\) got an unexpected keyword argument '(?P<name>\w+)'",
        "ko": "{function}()은(는) 키워드 인자 {name}을(를) 받지 않습니다"},
    "too_many_values": {
        "types": ("ValueError",),
        "en": r"too many values to unpack \(expected (?P<count>\d+)\)",
        "ko": "나눠 받을 변수는 {count}개인데 값이 더 많습니다"},
    "not_enough_values": {
        "types": ("ValueError",),
        "en": r"not enough values to unpack \(expected (?P<count>\d+), got (?P<given>\d+)\)",
        "ko": "값 {count}개를 나눠 받아야 하는데 {given}개뿐입니다"},
    "no_attribute": {
        "types": ("AttributeError",),
        "en": rf"'(?P<kind>{NAME})' object has no attribute '(?P<name>\w+)'",
        "ko": "{kind} 객체에는 {name} 속성이 없습니다"},
    "module_no_attribute": {
        "types": ("AttributeError",),
        "en": rf"module '(?P<module>{NAME})' has no attribute '(?P<name>\w+)'",
        "ko": "모듈 {module}에는 {name}이(가) 없습니다"},
    "shapes_not_aligned": {
        "types": ("ValueError",),
        "en": rf"shapes (?P<a>{SHAPE}) and (?P<b>{SHAPE}) not aligned",
        "ko": "형상 {a}와(과) {b}은(는) 행렬 곱에서 맞지 않습니다: 앞 배열의 마지막 크기와 뒤 배열의 "
              "첫 크기가 같아야 합니다"},
    "matmul_mismatch": {
        "types": ("ValueError",),
        "en": r"matmul: Input operand \d has a mismatch in its core dimension",
        "ko": "@ 행렬 곱의 두 형상이 맞지 않습니다: 앞 배열의 마지막 크기와 뒤 배열의 첫 크기가 같아야 "
              "합니다"},
    "not_broadcast": {
        "types": ("ValueError",),
        "en": r"operands could not be broadcast together with shapes (?P<shapes>.+)",
        "ko": "형상 {shapes}은(는) 서로 브로드캐스트할 수 없습니다"},
    "index_out_of_bounds": {
        "types": ("IndexError",),
        "en": r"index (?P<index>-?\d+) is out of bounds for axis (?P<axis>\d+) with size "
              r"(?P<size>\d+)",
        "ko": "인덱스 {index}은(는) 크기가 {size}인 {axis}번 축의 범위를 벗어납니다"},
    "list_index": {
        "types": ("IndexError",),
        "en": r"(?:list|tuple) index out of range",
        "ko": "인덱스가 범위를 벗어났습니다"},
    "key_missing": {
        "types": ("KeyError",),
        "en": r"(?P<key>'.*'|\d+)",
        "ko": "딕셔너리에 키 {key}이(가) 없습니다"},
    "division_by_zero": {
        "types": ("ZeroDivisionError",),
        "en": r".*division by zero",
        "ko": "0으로 나누었습니다"},
    "recursion": {
        "types": ("RecursionError",),
        "en": r"maximum recursion depth exceeded",
        "ko": "재귀가 너무 깊습니다: 함수가 자기 자신을 끝없이 호출하나요?"},
    "expected_indent": {
        "types": ("IndentationError",),
        "en": r"expected an indented block",
        "ko": "들여쓴 블록이 와야 합니다"},
    "unexpected_indent": {
        "types": ("IndentationError",),
        "en": r"unexpected indent",
        "ko": "들여쓰기가 필요 없는 자리입니다"},
    "unindent": {
        "types": ("IndentationError",),
        "en": r"unindent does not match any outer indentation level",
        "ko": "들여쓰기가 바깥 블록의 어느 수준과도 맞지 않습니다"},
    "tabs_and_spaces": {
        "types": ("TabError",),
        "en": r"inconsistent use of tabs and spaces in indentation",
        "ko": "들여쓰기에 탭과 공백을 섞어 썼습니다"},
    "invalid_syntax": {
        "types": ("SyntaxError",),
        "en": r"invalid syntax",
        "ko": "문법에 맞지 않는 줄입니다"},
    "expected_token": {
        "types": ("SyntaxError",),
        "en": r"expected '(?P<token>[^']+)'",
        "ko": "'{token}'이(가) 와야 합니다"},
    "never_closed": {
        "types": ("SyntaxError",),
        "en": r"'(?P<bracket>[(\[{])' was never closed",
        "ko": "연 괄호 {bracket}이(가) 닫히지 않았습니다"},
    "unterminated_string": {
        "types": ("SyntaxError",),
        "en": r"unterminated string literal",
        "ko": "문자열의 따옴표가 닫히지 않았습니다"},
}
"""key -> the exception types, Python's English message (a pattern: its groups are the
fields) and its Korean; first match wins"""

PATTERNS = {key: re.compile(gloss["en"]) for key, gloss in GLOSSES.items()}


def korean(kind: str, message: str) -> str | None:
    """What an exception's message means, in Korean; None for a message not known here."""
    for key, gloss in GLOSSES.items():
        if kind in gloss["types"]:
            match = PATTERNS[key].match(message)
            if match:
                return gloss["ko"].format(**{k: v.strip() for k, v in match.groupdict().items()})
    return None
