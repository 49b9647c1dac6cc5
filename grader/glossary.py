"""One Korean term per concept, in every text a student or teacher reads.

The terms are the Korean edition's of the course book (밑바닥부터 시작하는 딥러닝: 형상, 계층,
기울기, 에폭 …). A message, a label, a hint or an exercise that says a concept in other words
makes a reader wonder whether two things are meant: tests/test_what_people_read.py reads
every Korean text of the package and the bank (string literals of grader/, its templates,
exercises/*.yaml) and fails on a word this table forbids. Imports nothing: data only.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    concept: str
    """the concept, in English"""
    korean: str
    """the one Korean word for it"""
    forbidden: tuple[str, ...]
    """other Korean words for it, which no text may use"""


GLOSSARY = (
    Term("shape (of an array)", "형상", ("모양", "형태")),
    Term("gradient", "기울기", ("그래디언트", "그레이디언트", "구배")),
    Term("element (of an array)", "원소", ("요소",)),
    Term("layer (a class such as Affine)", "계층", ("레이어",)),
    Term("reference solution", "참조 답안", ("모범 답안", "정답 코드", "참고 답안")),
    Term("epoch", "에폭", ("에포크",)),
    Term("parameter", "매개변수", ("파라미터",)),
    Term("weight", "가중치", ("웨이트",)),
    Term("bias", "편향", ("바이어스",)),
    Term("numerical differentiation", "수치 미분", ("수치미분",)),
    Term("check (what the grader runs)", "검사", ("테스트",)),
    Term("print, printed output", "출력", ("프린트", "인쇄")),
    Term("timeout", "시간 초과", ("타임아웃",)),
    Term("exercise", "문제", ("연습문제", "연습 문제")),
)


def forbidden_in(text: str) -> list[tuple[str, Term]]:
    """(the forbidden word, its term) for each forbidden word `text` holds."""
    return [(word, term) for term in GLOSSARY for word in term.forbidden if word in text]
