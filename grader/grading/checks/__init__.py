"""The check kinds, one module each: its params (a frozen dataclass), its YAML fields, parser
and default tolerance, the kind of exercise it belongs to, its label and texts in both languages,
whether it needs the reference, its task for the student's process and its judge (`base.CheckKind`,
the module's `KIND`). Every table is derived from them here; adding a kind is adding its module
(and its test).

The modules are found in this folder when it is imported: `bank.loader` imports it to read a
spec, so every command that loads the bank has them (numpy among their imports, which the
bank's reader has already loaded).
"""
from __future__ import annotations

import importlib
import pkgutil

from .base import CheckKind, CheckRun, Verdict

SHARED = {"base"}
"""modules of this package that are no kind: what the kinds share"""


def _found() -> dict[str, CheckKind]:
    """Every kind: each module of this package (but `SHARED`) holds one, its `KIND`."""
    modules = sorted(m.name for m in pkgutil.iter_modules(__path__)
                     if m.name not in SHARED and not m.name.startswith("_"))
    kinds = (importlib.import_module(f"{__name__}.{name}").KIND for name in modules)
    return {kind.kind: kind for kind in kinds}


JUDGES: dict[str, CheckKind] = _found()
"""kind name (as the YAML writes it) -> the kind: how its YAML reads, what it runs, how it judges"""
PARAMS: tuple[type, ...] = tuple(kind.params for kind in JUDGES.values())
"""every type a `CheckSpec.params` may be (`bank.spec.CheckParams` is what they share)"""

__all__ = ["JUDGES", "PARAMS", "CheckKind", "CheckRun", "Verdict"]
