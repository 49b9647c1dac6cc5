"""Reading one YAML mapping of a spec, field by field, with the path of every problem.

Every problem is a SpecError naming the file, the field and what is wrong, so that a bad spec is
exit 2 with a message, never a traceback. The readers of values every check kind shares (a
tolerance, literal numbers, inputs and their sizes) are here too.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from .spec import InputSpec, Text, Tolerance

if TYPE_CHECKING:
    import numpy as np


class SpecError(Exception):
    def __init__(self, source: str, where: str, problem: str):
        super().__init__(f"{source}: {where}: {problem}")
        self.source, self.where, self.problem = source, where, problem


class Reader:
    """Reads fields of one mapping, reporting problems with their path in the file."""

    def __init__(self, source: str, data: Any, where: str = ""):
        self.source, self.where = source, where
        if not isinstance(data, dict):
            self.fail("", f"expected a mapping, got {type(data).__name__}")
        self.data = data

    def fail(self, key: str, problem: str):
        where = ".".join(p for p in (self.where, key) if p) or "(top)"
        raise SpecError(self.source, where, problem)

    def child(self, key: str, data: Any) -> "Reader":
        return Reader(self.source, data, ".".join(p for p in (self.where, key) if p))

    def known(self, allowed: set[str]):
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            self.fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def get(self, key: str, kind: type | tuple, default: Any = ..., *, required=False):
        if key not in self.data:
            if required or default is ...:
                self.fail(key, "missing")
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.fail(key, f"expected {names}, got {type(value).__name__}")
        return value

    def text(self, key: str, *, required=True) -> Text | None:
        if key not in self.data and not required:
            return None
        sub = self.child(key, self.get(key, dict))
        sub.known({"ko", "en"})
        return Text(ko=sub.get("ko", str).strip(), en=sub.get("en", str).strip())

    def code(self, key: str, mode: str = "exec", default: str | None = None) -> str:
        value = self.get(key, str, default) if default is not None else self.get(key, str)
        compile_snippet(value, mode, lambda problem: self.fail(key, problem))
        return value


def compile_snippet(code: str, mode: str, fail) -> None:
    try:
        ast.parse(code, mode=mode)
    except SyntaxError as e:
        fail(f"not valid Python ({e.msg}, line {e.lineno})")


def read_names(r: Reader, key: str) -> list[str]:
    values = r.get(key, list, [])
    if not all(isinstance(v, str) for v in values):
        r.fail(key, "expected a list of names")
    return values


def read_tolerance(r: Reader, default: Tolerance) -> Tolerance:
    if "tolerance" not in r.data:
        return default
    t = r.child("tolerance", r.get("tolerance", dict))
    t.known({"rtol", "atol"})
    rtol, atol = t.get("rtol", float, default.rtol), t.get("atol", float, default.atol)
    if rtol < 0 or atol < 0:
        t.fail("", "rtol and atol must not be negative")
    return Tolerance(rtol=rtol, atol=atol)


def check_literal(r: Reader, key: str, value: Any, tolerance: Tolerance | None):
    """A literal must be numeric data; and an absolute tolerance must not swamp it."""
    if isinstance(value, dict):
        for k, v in value.items():
            check_literal(r, f"{key}.{k}", v, tolerance)
        return value
    import numpy as np  # here: a bank read from its compiled cache never reads a literal

    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        r.fail(key, "expected a number or a (nested, rectangular) list of numbers")
    smallest = swamped(array, tolerance)
    if smallest is not None:
        r.fail(key, f"atol={tolerance.atol:g} would accept almost anything for an expected value "
                    f"of {smallest:g}: lower atol (0 is fine) and rely on rtol")
    return value


def swamped(array: np.ndarray, tolerance: Tolerance | None) -> float | None:
    """The smallest non-zero magnitude of an expected value that `tolerance`'s atol would
    swamp (more than a thousandth of it), or None: such a value checks nothing."""
    import numpy as np

    nonzero = np.abs(array[np.isfinite(array) & (array != 0)])
    if tolerance is not None and nonzero.size and tolerance.atol > 1e-3 * nonzero.min():
        return float(nonzero.min())
    return None


def read_dims(r: Reader) -> dict[str, tuple[int, int]]:
    dims = {}
    for name, bounds in r.get("dims", dict, {}).items():
        if not (str(name).isidentifier() and isinstance(bounds, list) and len(bounds) == 2
                and all(isinstance(b, int) and b >= 0 for b in bounds) and bounds[0] <= bounds[1]):
            r.fail(f"dims.{name}", "expected a name and [low, high], whole numbers, low <= high")
        dims[name] = (bounds[0], bounds[1])
    return dims


def read_input(r: Reader, name: str, dims: dict) -> InputSpec:
    r.known({"value", "dtype", "shape", "low", "high", "avoid", "onehot"})
    if not name.isidentifier():
        r.fail("", "an input's name must be a Python identifier")
    dtype = r.get("dtype", str, None)
    if dtype not in (None, "float", "int"):
        r.fail("dtype", "must be float or int")
    if "value" in r.data:
        if {"shape", "onehot"} & set(r.data):
            r.fail("value", "a literal input has no shape or onehot")
        check_literal(r, "value", r.data["value"], None)
        return InputSpec(name=name, value=r.data["value"], dtype=dtype)
    if "onehot" in r.data:
        rows, classes = read_sizes(r, "onehot", dims, 2)
        return InputSpec(name=name, onehot=(rows, classes))
    shape = read_sizes(r, "shape", dims, None)
    low, high = r.get("low", float, None), r.get("high", float, None)
    if (low is None) != (high is None) or (low is not None and low >= high):
        r.fail("low", "give both low and high, with low < high")
    avoid = r.get("avoid", float, 0.0)
    if avoid < 0 or (low is not None and max(abs(low), abs(high)) <= avoid):
        r.fail("avoid", "must be non-negative and leave room inside [low, high)")
    return InputSpec(name=name, shape=shape, low=low, high=high, avoid=avoid, dtype=dtype)


def read_sizes(r: Reader, key: str, dims: dict, length: int | None) -> tuple[int | str, ...]:
    """Sizes: non-negative integers, or names of the check's `dims`."""
    values = r.get(key, list)
    fits = all((isinstance(v, int) and not isinstance(v, bool) and v >= 0) or v in dims
               for v in values)
    if not fits or (length is not None and len(values) != length):
        r.fail(key, f"expected a list of {length or ''} non-negative integers or names of `dims`"
               .replace("  ", " "))
    return tuple(values)
