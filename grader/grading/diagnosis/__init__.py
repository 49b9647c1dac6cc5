"""Diagnoses from what happened: the mistakes every exercise can make, recognised without a
predicate in the spec.

The spec's own `mistakes:` name what is particular to an exercise (judging tries them first);
these families name what students get wrong everywhere, from plain data only:
- `errors`: the exception the student's code raised (`raised`: its type, message, the failing
  line, and the facts the student's process sent, see `sandbox.facts`): Python 2, syntax,
  misspelt names, a call that does not fit the exercise's signature; with `unset` (an attribute
  read before any method stored it, None from a function without return, a statement that
  keeps nothing) and `shapes` (shapes that do not fit a product or a broadcast);
- `values`: what a failing comparison found (the opposite sign, another order, a constant
  factor, the upstream gradient ignored, a sum missing, keepdims), with `formula` (the spec's
  expected expression with one slip);
- `sources`: the student's file and the exercise's stub, read with `ast`;
- `cascade`: a failure that comes from another exercise's file.

Those modules read evidence; a family itself (its id, dashboard name, the evidence it needs,
its texts in both languages, any detector of its own) is one module of `families/`. What they
find is a `Finding`: the family's id (counted on the dashboard), and the message key and fields
that word it in the student's language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .. import phrases


class UnwordedFinding(UserWarning):
    """A finding whose message does not resolve (an unknown key, a field missing): a bug of the
    grader's. In production its hint is left out with this warning; the tests make it an
    error (pyproject.toml's `filterwarnings`)."""


@dataclass(frozen=True)
class Finding:
    id: str
    """the family, as counted on the dashboard (`returns-none`, `wrong-sign` …)"""
    key: str
    """its message: a key of `families.TEXTS` (a family's texts, or the shared `texts`)"""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """the message's fields; a field that is a Finding is worded first (a piece of the text)"""

    def text(self, lang: str) -> str:
        from .families import TEXTS  # loaded with the diagnoses, only when something failed

        fields = {k: v.text(lang) if isinstance(v, Finding) else v for k, v in self.fields.items()}
        return phrases.word(TEXTS, self.key, lang, **fields)


def piece(key: str, **fields) -> Finding:
    """A part of a message, worded in the student's language with the rest."""
    return Finding("", key, fields)

