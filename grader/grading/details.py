"""A failing check's comparison as plain data for reports: small arrays as nested lists."""
from __future__ import annotations

from typing import Any

import numpy as np

from .compare import Difference, as_numeric_array
from .messages import show
from ..results import Detail, Frame

MAX_ELEMENTS = 400
"""arrays larger than this are shown as text (numpy's summary), not element by element"""


def for_report(value) -> Any:
    array = as_numeric_array(value)
    if array is None:
        if isinstance(value, dict):
            return {str(k): for_report(v) for k, v in value.items()}
        return show(value)
    if array.size > MAX_ELEMENTS:
        return show(array, 2000)
    return array.tolist()


def detail(compared: tuple[str, Difference] | None, inputs: dict, code: str,
           error: dict | None) -> Detail | None:
    frames = tuple(Frame(str(f.get("file", "?")), int(f.get("line") or 0),
                         str(f.get("function", "")), str(f.get("code", "")),
                         f.get("cell") if isinstance(f.get("cell"), int) else None)
                   for f in (error or {}).get("frames") or [])
    if compared is None and not frames and not code:
        return None
    name, found = compared if compared else ("", None)
    fields = {}
    if found is not None:
        fields = dict(expected=for_report(found.expected), actual=for_report(found.actual),
                      index=found.index, abs_diff=found.abs_diff, rel_diff=found.rel_diff)
        mask = found.mask
        if mask is not None and np.size(mask) <= MAX_ELEMENTS:
            fields["mismatch"] = np.asarray(mask).tolist()
    return Detail(name=name + (found.path if found else ""),
                  inputs={k: for_report(v) for k, v in inputs.items()},
                  code=code, traceback=frames, **fields)
