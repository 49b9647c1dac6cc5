"""The exercise bank: numbered YAML specs loaded into frozen values, and choosing among them.

`spec` holds the values, `loader` reads a YAML file into them (a check kind's own fields with
its module of `grading/checks/`), `catalogue` finds the bank (a course folder's, else the
installed one), reads it (a broken spec stopping only its own exercise) and picks exercises by
`ids`.

Only `ids` is imported with the package: the rest needs numpy and PyYAML, loaded when first
asked for (`grader check` starts its warm workers before that).
"""
from __future__ import annotations

import importlib

from .ids import IdsError

__all__ = ["IdsError", "SpecError", "default_exercises_dir", "default_solutions_dir",
           "load_bank", "read_bank", "select"]

_WHERE = {"SpecError": "reader", "default_exercises_dir": "catalogue",
          "default_solutions_dir": "catalogue", "load_bank": "catalogue",
          "read_bank": "catalogue", "select": "catalogue"}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
