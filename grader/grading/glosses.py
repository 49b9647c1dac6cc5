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

GLOSSES: tuple[tuple[tuple[str, ...], re.Pattern, str], ...] = tuple(
    (kinds, re.compile(pattern), korean) for kinds, pattern, korean in (
        (("NameError",), rf"name '(?P<name>{NAME})' is not defined",
         "{name}이(가) 정의되어 있지 않습니다"),
        (("UnboundLocalError",),
         rf"cannot access local variable '(?P<name>{NAME})' where it is not associated with a value",
         "지역 변수 {name}을(를) 값이 정해지기 전에 읽었습니다"),
        (("UnboundLocalError",), rf"local variable '(?P<name>{NAME})' referenced before assignment",
         "지역 변수 {name}을(를) 값이 정해지기 전에 읽었습니다"),  # Python 3.10's words
        (("TypeError",),
         rf"unsupported operand type\(s\) for (?P<op>\S+): '(?P<a>{NAME})' and '(?P<b>{NAME})'",
         "{a}와(과) {b} 사이에는 {op} 연산을 할 수 없습니다"),
        (("TypeError",), rf"'(?P<kind>{NAME})' object is not subscriptable",
         "{kind} 객체에는 [ ]로 원소를 꺼낼 수 없습니다"),
        (("TypeError",), rf"'(?P<kind>{NAME})' object is not callable",
         "{kind} 객체는 함수처럼 호출할 수 없습니다"),
        (("TypeError",), rf"'(?P<kind>{NAME})' object is not iterable",
         "{kind} 객체는 반복할 수 없습니다"),
        (("TypeError",), rf"cannot unpack non-iterable (?P<kind>{NAME}) object",
         "{kind} 객체는 여러 변수로 나눠 받을 수 없습니다"),
        (("TypeError",),
         rf"(?P<function>{NAME})\(\) takes (?P<count>\d+) positional arguments? but "
         rf"(?P<given>\d+) (?:was|were) given",
         "{function}()은(는) 위치 인자 {count}개를 받는데 {given}개가 주어졌습니다"),
        (("TypeError",),
         rf"(?P<function>{NAME})\(\) missing \d+ required positional arguments?: (?P<names>.+)",
         "{function}()에 꼭 필요한 인자 {names}이(가) 빠졌습니다"),
        (("TypeError",),
         rf"(?P<function>{NAME})\(\) got an unexpected keyword argument '(?P<name>\w+)'",
         "{function}()은(는) 키워드 인자 {name}을(를) 받지 않습니다"),
        (("ValueError",), r"too many values to unpack \(expected (?P<count>\d+)\)",
         "나눠 받을 변수는 {count}개인데 값이 더 많습니다"),
        (("ValueError",),
         r"not enough values to unpack \(expected (?P<count>\d+), got (?P<given>\d+)\)",
         "값 {count}개를 나눠 받아야 하는데 {given}개뿐입니다"),
        (("AttributeError",), rf"'(?P<kind>{NAME})' object has no attribute '(?P<name>\w+)'",
         "{kind} 객체에는 {name} 속성이 없습니다"),
        (("AttributeError",), rf"module '(?P<module>{NAME})' has no attribute '(?P<name>\w+)'",
         "모듈 {module}에는 {name}이(가) 없습니다"),
        (("ValueError",), rf"shapes (?P<a>{SHAPE}) and (?P<b>{SHAPE}) not aligned",
         "형상 {a}와(과) {b}은(는) 행렬 곱에서 맞지 않습니다: 앞 배열의 마지막 크기와 뒤 배열의 "
         "첫 크기가 같아야 합니다"),
        (("ValueError",),
         r"matmul: Input operand \d has a mismatch in its core dimension",
         "@ 행렬 곱의 두 형상이 맞지 않습니다: 앞 배열의 마지막 크기와 뒤 배열의 첫 크기가 같아야 "
         "합니다"),
        (("ValueError",), r"operands could not be broadcast together with shapes (?P<shapes>.+)",
         "형상 {shapes}은(는) 서로 브로드캐스트할 수 없습니다"),
        (("IndexError",),
         r"index (?P<index>-?\d+) is out of bounds for axis (?P<axis>\d+) with size (?P<size>\d+)",
         "인덱스 {index}은(는) 크기가 {size}인 {axis}번 축의 범위를 벗어납니다"),
        (("IndexError",), r"(?:list|tuple) index out of range",
         "인덱스가 범위를 벗어났습니다"),
        (("KeyError",), r"(?P<key>'.*'|\d+)", "딕셔너리에 키 {key}이(가) 없습니다"),
        (("ZeroDivisionError",), r".*division by zero", "0으로 나누었습니다"),
        (("RecursionError",), r"maximum recursion depth exceeded",
         "재귀가 너무 깊습니다: 함수가 자기 자신을 끝없이 호출하나요?"),
        (("IndentationError",), r"expected an indented block", "들여쓴 블록이 와야 합니다"),
        (("IndentationError",), r"unexpected indent", "들여쓰기가 필요 없는 자리입니다"),
        (("IndentationError",), r"unindent does not match any outer indentation level",
         "들여쓰기가 바깥 블록의 어느 수준과도 맞지 않습니다"),
        (("TabError",), r"inconsistent use of tabs and spaces in indentation",
         "들여쓰기에 탭과 공백을 섞어 썼습니다"),
        (("SyntaxError",), r"invalid syntax", "문법에 맞지 않는 줄입니다"),
        (("SyntaxError",), r"expected '(?P<token>[^']+)'", "'{token}'이(가) 와야 합니다"),
        (("SyntaxError",), r"'(?P<bracket>[(\[{])' was never closed",
         "연 괄호 {bracket}이(가) 닫히지 않았습니다"),
        (("SyntaxError",), r"unterminated string literal", "문자열의 따옴표가 닫히지 않았습니다"),
    ))
"""(exception types, message pattern, its Korean), first match wins"""


def korean(kind: str, message: str) -> str | None:
    """What an exception's message means, in Korean; None for a message not known here."""
    for kinds, pattern, text in GLOSSES:
        if kind in kinds:
            match = pattern.match(message)
            if match:
                return text.format(**{k: v.strip() for k, v in match.groupdict().items()})
    return None
