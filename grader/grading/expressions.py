"""The spec's own expressions, evaluated in the grader on plain data (never student objects).

Expected values written as numpy expressions (`out: "x * y"`) and mistake predicates (`when:`)
are the instructor's code; what they see is inputs the grader drew and values decoded from the
student's process.
"""
from __future__ import annotations

import functools

import numpy as np

from .compare import as_numeric_array


def close(a, b, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Same shape and equal within tolerance; False (not an error) for anything else."""
    x, y = as_numeric_array(a), as_numeric_array(b)
    if x is None or y is None or x.shape != y.shape:
        return False
    return bool(np.allclose(x.astype(float), y.astype(float), rtol=rtol, atol=atol))


def shape(a) -> tuple | None:
    x = as_numeric_array(a)
    return None if x is None else x.shape


GLOBALS = {"np": np, "close": close, "shape": shape}


def evaluate(expression: str, names: dict):
    # the spec's own code
    return eval(_compiled(expression), dict(GLOBALS), dict(names))  # noqa: S307


@functools.lru_cache(maxsize=1024)
def _compiled(expression: str):
    """Each expression compiled once per run (a mistake's predicate is tried on every student)."""
    return compile(expression, "<spec>", "eval")


def matches(predicate: str, names: dict) -> bool:
    """A mistake predicate, raising what it raises: the caller counts an exception as no match
    (`judging.predicates`), and `grader validate` shows it."""
    scope = dict(names)
    scope["has"] = lambda name: name in names and names[name] is not None
    return bool(evaluate(predicate, scope))
