"""Every text a student reads is written: a drafted spec (`grader new`) says TODO where its
author has still to write, and no TODO may reach a student."""
from __future__ import annotations

from ..bank.spec import ExerciseSpec, Text

MARK = "TODO"


def unwritten(spec: ExerciseSpec) -> list[str]:
    """Each text of `spec` still marked TODO, by where it is and in which language."""
    texts: list[tuple[str, Text | None]] = [("title", spec.title), ("prompt", spec.prompt)]
    for check in spec.checks:
        texts += [(f"check {check.name!r} label", check.label),
                  (f"check {check.name!r} hint", check.hint)]
    for mistake in spec.mistakes:
        texts += [(f"mistake {mistake.id!r} hint", mistake.hint),
                  (f"mistake {mistake.id!r} label", mistake.label)]
    return [f"the {where} ({lang}) still says {MARK}: write it"
            for where, text in texts if text is not None
            for lang in ("ko", "en") if MARK in text.get(lang)]
