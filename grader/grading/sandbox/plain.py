"""Plain data across the process boundary: JSON, with arrays as raw bytes in base64.

`to_plain` runs in the student's process and must survive anything a student returns;
`from_plain` runs in the grader and trusts nothing: an array is rebuilt with `np.frombuffer` from a
numeric dtype it checks itself and a shape that must match the bytes (no pickle, no .npy header to
parse: faster too); any other shape of data becomes an `Opaque` value that compares as a failure.
"""
from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass

import numpy as np

MAX_DEPTH = 20
MAX_ITEMS = 10_000
MAX_ARRAY_BYTES = 16 * 2**20
"""larger arrays are described, not sent: no check needs them, and encoding them takes long"""
BUDGET_BYTES = 32 * 2**20
"""the most array data one result carries; the rest is described, not sent"""


class Budget:
    """Bytes of array data left for one result, shared by every value in it."""

    def __init__(self, left: int = BUDGET_BYTES):
        self.left = left


@dataclass(frozen=True)
class Opaque:
    """A value the student's code produced that is not plain data (an object, a lying array)."""

    type_name: str
    text: str

    def __str__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


def to_plain(value, budget: Budget | None = None):
    """Student side: a JSON-able tree, or an opaque description; never raises."""
    try:
        return _to_plain(value, 0, budget or Budget())
    except Exception as e:  # a value that lies or explodes on inspection
        return {"$t": "opaque", "type": _type_name(value), "text": f"unreadable ({_type_name(e)})"}


def _to_plain(value, depth, budget):
    if depth > MAX_DEPTH:
        return {"$t": "opaque", "type": _type_name(value), "text": "nested too deeply"}
    kind = type(value)  # exact types only: a subclass may override anything
    if value is None or kind in (bool, str):
        return value if kind is not str else value[:10_000]
    if kind is int:
        return value if abs(value) < 2**63 else float(value)
    if kind is float:
        return value if math.isfinite(value) else {"$t": "float", "v": repr(value)}
    if kind in (tuple, list):
        items = [_to_plain(v, depth + 1, budget) for v in value[:MAX_ITEMS]]
        return {"$t": kind.__name__, "v": items}
    if kind is dict:
        items = [[_to_plain(k, depth + 1, budget), _to_plain(v, depth + 1, budget)]
                 for k, v in list(value.items())[:MAX_ITEMS]]
        return {"$t": "dict", "v": items}
    if isinstance(value, np.generic) and kind.__module__ == "numpy":
        return _array(np.asarray(value), budget)
    if kind is np.ndarray:
        return _array(value, budget)
    return {"$t": "opaque", "type": _type_name(value), "text": _safe_repr(value)}


def _array(a: np.ndarray, budget: Budget):
    if a.dtype.kind not in "biufc" or a.dtype.hasobject:
        return {"$t": "opaque", "type": f"ndarray of {a.dtype}", "text": _safe_repr(a)}
    if a.nbytes > min(MAX_ARRAY_BYTES, budget.left):
        return {"$t": "opaque", "type": "ndarray",
                "text": f"too large to compare: shape {a.shape}, {a.nbytes // 2**20} MiB"}
    budget.left -= a.nbytes
    return {"$t": "nd", "dtype": a.dtype.str, "shape": list(a.shape),
            "v": base64.b64encode(a.tobytes(order="C")).decode("ascii")}


def _type_name(value) -> str:
    try:
        return type(value).__qualname__
    except Exception:
        return "object"


def _safe_repr(value) -> str:
    try:
        text = object.__repr__(value) if not isinstance(value, np.ndarray) else repr(value)
    except Exception:
        text = "?"
    return text[:200]


class PlainDataError(ValueError):
    pass


NUMERIC_DTYPE = re.compile(r"[<>|][biufc][0-9]{1,2}")
"""how numpy spells a plain numeric dtype (`<f8`, `|b1`, `<c16`): nothing with objects or fields"""
MAX_DIMENSIONS = 32


def _array_from(data: dict) -> np.ndarray:
    dtype, shape = data.get("dtype"), data.get("shape")
    if not (isinstance(dtype, str) and NUMERIC_DTYPE.fullmatch(dtype)):
        raise PlainDataError(f"bad array dtype {str(dtype)[:40]!r}")
    if not (isinstance(shape, list) and len(shape) <= MAX_DIMENSIONS
            and all(type(n) is int and n >= 0 for n in shape)):
        raise PlainDataError("bad array shape")
    try:
        raw = base64.b64decode(data["v"], validate=True)
        dtype = np.dtype(dtype)
    except Exception as e:
        raise PlainDataError(f"bad array ({e})") from None
    if len(raw) != math.prod(shape) * dtype.itemsize:
        raise PlainDataError("array bytes do not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()  # writable, owns its data


def from_plain(data):
    """Grader side: plain data back into Python values and numpy arrays."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        raise PlainDataError("untagged list")
    if not isinstance(data, dict):
        raise PlainDataError(f"unexpected {type(data).__name__}")
    tag = data.get("$t")
    if tag == "nd":
        return _array_from(data)
    if tag == "float" and data.get("v") in ("nan", "inf", "-inf"):
        return float(data["v"])
    if tag in ("tuple", "list") and isinstance(data.get("v"), list):
        items = [from_plain(v) for v in data["v"]]
        return tuple(items) if tag == "tuple" else items
    if tag == "dict" and isinstance(data.get("v"), list):
        out = {}
        for pair in data["v"]:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise PlainDataError("bad dict item")
            key = from_plain(pair[0])
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = repr(key)
            out[key] = from_plain(pair[1])
        return out
    if tag == "opaque":
        return Opaque(str(data.get("type", "?"))[:100], str(data.get("text", ""))[:300])
    raise PlainDataError(f"unknown tag {tag!r}")
