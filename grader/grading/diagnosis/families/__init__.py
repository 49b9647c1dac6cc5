"""The families of mistakes, one module each: its id, its dashboard name, the evidence it needs,
its texts in both languages and any detector of its own (`family.Family`). Every table is
derived from them here; adding a family is adding its module (and its test).

The modules are found in this folder when it is imported (`preload` imports it before any
student code runs, so none can be added then).
"""
from __future__ import annotations

import importlib
import pkgutil

from ..family import Family
from ..texts import TEXTS as SHARED_TEXTS


def _found() -> tuple[Family, ...]:
    modules = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(importlib.import_module(f"{__name__}.{name}").FAMILY for name in modules)


REGISTRY: tuple[Family, ...] = _found()
BY_ID: dict[str, Family] = {f.id: f for f in REGISTRY}
FAMILIES: tuple[str, ...] = tuple(BY_ID)
"""every family id"""
NAMES: dict[str, dict[str, str]] = {f.id: dict(f.name) for f in REGISTRY}
"""the dashboard's names, id -> {en, ko}"""
TEXTS: dict[str, dict[str, str]] = {**SHARED_TEXTS,
                                    **{k: v for f in REGISTRY for k, v in f.texts.items()}}
"""every key a finding may use -> {en, ko}"""
SLIPS: dict[str, str] = {f.id: f.slip for f in REGISTRY if f.slip}
"""family -> its piece of `why_formula` (the slips `formula` makes)"""
ON_ERROR = tuple(rule for f in REGISTRY for rule in f.on_error)
ON_VALUES = tuple(rule for f in REGISTRY for rule in f.on_values)
