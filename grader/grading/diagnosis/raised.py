"""The exception the student's code raised, as the diagnoses read it.

It arrives as plain data (`sandbox.child.describe_error`, with `sandbox.facts`): its type and
message, the check's statement that raised, the student's frames (file, line, function, code)
and a few facts of the failing frame. Nothing of it is trusted: every part is checked to be
text, numbers or lists of them before use.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Raised:
    """The exception, read defensively."""

    kind: str
    message: str
    statement: str
    """the check's statement that raised, if it was the check's own code"""
    frames: tuple[Mapping, ...]
    facts: Mapping

    @classmethod
    def read(cls, error: dict) -> "Raised":
        frames = tuple(f for f in error.get("frames") or [] if isinstance(f, dict))
        return cls(_text(error.get("type")), _text(error.get("message")),
                   _text(error.get("statement")), frames, error)

    @property
    def last(self) -> Mapping:
        return self.frames[-1] if self.frames else {}

    @property
    def code(self) -> str:
        """The failing line of the student's code, else the check's statement."""
        return _text(self.last.get("code")) or self.statement

    @property
    def file(self) -> str:
        return _text(self.last.get("file"))

    @property
    def own(self) -> bool:
        """Whether the grader marked the frame it raised in as the exercise's own code (which a
        file graded under another name, `P216.py` or a notebook's cells, shows as that name)."""
        return self.last.get("own") is True

    @property
    def line(self) -> int:
        line = self.last.get("line")
        return line if isinstance(line, int) else 0

    def fact(self, key: str) -> list:
        value = self.facts.get(key)
        return value if isinstance(value, list) else []

    def fact_text(self, key: str) -> str:
        return _text(self.facts.get(key))


def _text(value) -> str:
    return value[:2000] if isinstance(value, str) else ""
