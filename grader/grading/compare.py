"""Compare an actual value with an expected one: structure, shape, kind, NaN/inf, tolerance.

Runs in the grader on plain data only. The first difference found is returned as a value that
says where and by how much; `messages` turns it into words.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .sandbox.plain import Opaque
from ..bank.spec import Tolerance


@dataclass(frozen=True)
class Difference:
    kind: str
    """type | keys | shape | nonfinite | value"""
    path: str = ""
    """where inside a tuple or dict (`[1]`, `['W1']`), empty at the top"""
    expected: Any = None
    actual: Any = None
    index: tuple[int, ...] | None = None
    expected_item: float | None = None
    actual_item: float | None = None
    abs_diff: float | None = None
    rel_diff: float | None = None
    count: int = 0
    """how many elements differ"""
    size: int = 0
    """how many elements there are"""
    mask: Any = None
    """boolean array of the differing elements (for reports)"""


def as_numeric_array(value) -> np.ndarray | None:
    """A number, numpy array, or (nested) list/tuple of numbers as an array; else None."""
    if isinstance(value, (Opaque, str, dict)) or value is None:
        return None
    if isinstance(value, np.ndarray):
        return value if value.dtype.kind in "biuf" else None
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None
    return array if array.dtype.kind in "biuf" else None


def compare(expected, actual, tolerance: Tolerance, path: str = "") -> Difference | None:
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return Difference("type", path, expected, actual)
        if set(map(str, expected)) != set(map(str, actual)):
            return Difference("keys", path, sorted(map(str, expected)), sorted(map(str, actual)))
        by_name = {str(k): v for k, v in actual.items()}
        for key, value in expected.items():
            found = compare(value, by_name[str(key)], tolerance, f"{path}[{str(key)!r}]")
            if found:
                return found
        return None
    want = np.asarray(expected, dtype=float)
    got = as_numeric_array(actual)
    if got is None:
        return Difference("type", path, want, actual)
    if got.shape != want.shape:
        return Difference("shape", path, want, got)
    got_f = got.astype(float)
    bad_finite = ~np.isfinite(got_f) & np.isfinite(want)
    if bad_finite.any():
        return _located("nonfinite", path, want, got_f, bad_finite)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(got_f - want)
        allowed = tolerance.atol + tolerance.rtol * np.abs(want)
        bad = ~((diff <= allowed) | (want == got_f) | (np.isnan(want) & np.isnan(got_f)))
    if bad.any():
        return _located("value", path, want, got_f, bad)
    return None


def _located(kind: str, path: str, want: np.ndarray, got: np.ndarray, bad: np.ndarray) -> Difference:
    """The first differing element, and the largest differences over all of them."""
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        diff = np.abs(got - want)[bad]
        rel = np.where(want[bad] != 0, diff / np.abs(want[bad]), np.inf)
    first = tuple(int(i) for i in np.argwhere(bad)[0]) if want.ndim else ()
    return Difference(
        kind, path, want, got, index=first,
        expected_item=float(want[first]), actual_item=float(got[first]),
        abs_diff=_largest(diff), rel_diff=_largest(rel),
        count=int(bad.sum()), size=int(bad.size), mask=bad)


def _largest(values: np.ndarray) -> float:
    known = values[~np.isnan(values)]
    return float(known.max()) if known.size else float("nan")
