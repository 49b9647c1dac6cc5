"""What a family of mistakes is: one module of `families/` holds one, whole (see there)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping


@dataclass(frozen=True)
class Family:
    id: str
    """as counted on the dashboard and written in the results (`returns-none`, `wrong-sign` …)"""
    name: Mapping[str, str]
    """its name on the class dashboard, {en, ko}"""
    needs: str
    """the evidence it fires on, and nothing less (docs/spec-format.md's table says it too)"""
    texts: Mapping[str, Mapping[str, str]]
    """its messages and their pieces, key -> {en, ko}: every key its findings use"""
    slip: str | None = None
    """its piece of `why_formula`, when `formula` makes this slip in the spec's expression"""
    on_error: tuple[Callable, ...] = field(default=())
    """more detectors of an exception, (raised, spec, check, texts) -> [Finding], tried after
    those of `errors.findings` (a new family adds its own here)"""
    on_values: tuple[Callable, ...] = field(default=())
    """more detectors of a failing comparison, (spec, check, verdict, inputs, texts) ->
    [Finding], tried after those of `values.findings`"""
