"""YAML -> ExerciseSpec, checked on load.

Every problem is a SpecError naming the file, the field and what is wrong, so that a bad spec is
exit 2 with a message, never a traceback.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .spec import (EXERCISE_KINDS, CheckSpec, ExerciseSpec, InputSpec, MistakeSpec, Text,
                   Tolerance, TrainingSpec)

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (five times faster: the bank loads on every
`grader check`), the pure-Python one otherwise; both build only plain data"""

CHECK_KINDS = ("value", "gradient", "output", "reference", "training")
DEFAULT_TIMEOUT = 5.0
DEFAULT_TOLERANCE = Tolerance(rtol=1e-6, atol=1e-9)
GRADIENT_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-7)
_ID = re.compile(r"^\d{1,6}$")
_MISTAKE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class SpecError(Exception):
    def __init__(self, source: str, where: str, problem: str):
        super().__init__(f"{source}: {where}: {problem}")
        self.source, self.where, self.problem = source, where, problem


class _Reader:
    """Reads fields of one mapping, reporting problems with their path in the file."""

    def __init__(self, source: str, data: Any, where: str = ""):
        self.source, self.where = source, where
        if not isinstance(data, dict):
            self.fail("", f"expected a mapping, got {type(data).__name__}")
        self.data = data

    def fail(self, key: str, problem: str):
        where = ".".join(p for p in (self.where, key) if p) or "(top)"
        raise SpecError(self.source, where, problem)

    def child(self, key: str, data: Any) -> "_Reader":
        return _Reader(self.source, data, ".".join(p for p in (self.where, key) if p))

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


def load_exercise(path: Path) -> ExerciseSpec:
    source = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise SpecError(source, "(file)", f"cannot be read as YAML: {e}") from None
    r = _Reader(source, data)
    r.known({"id", "kind", "points", "title", "prompt", "stub", "checks", "defines", "aliases",
             "timeout", "tolerance", "mistakes"})
    ex_id = str(r.get("id", (int, str)))
    if not _ID.match(ex_id):
        r.fail("id", f"{ex_id!r} is not an exercise number")
    if path.stem != f"p{ex_id}":
        r.fail("id", f"{ex_id} does not match the file name {path.name} (expected p{ex_id}.yaml)")
    kind = r.get("kind", str)
    if kind not in EXERCISE_KINDS:
        r.fail("kind", f"{kind!r} is not one of {', '.join(EXERCISE_KINDS)}")
    points = r.get("points", float, 1.0)
    if points <= 0:
        r.fail("points", "must be positive")
    timeout = r.get("timeout", float, DEFAULT_TIMEOUT)
    if timeout <= 0:
        r.fail("timeout", "must be positive")
    tolerance = _tolerance(r, DEFAULT_TOLERANCE)
    defines = tuple(_str_list(r, "defines"))
    if kind == "api" and not defines:
        r.fail("defines", "an api exercise must name what the student's file defines")
    aliases = {}
    for name, spellings in r.get("aliases", dict, {}).items():
        if name not in defines:
            r.fail(f"aliases.{name}", "is not one of `defines`")
        aliases[name] = tuple(_str_list(r.child("aliases", r.data["aliases"]), name))
    stub = r.code("stub")
    raw_checks = r.get("checks", list)
    if not raw_checks:
        r.fail("checks", "an exercise needs at least one check")
    checks = tuple(_check(r.child(f"checks[{i}]", c), kind, timeout, tolerance)
                   for i, c in enumerate(raw_checks))
    names = [c.name for c in checks]
    for name in names:
        if names.count(name) > 1:
            r.fail("checks", f"two checks are named {name!r}")
    mistakes = tuple(_mistake(r.child(f"mistakes[{i}]", m), names)
                     for i, m in enumerate(r.get("mistakes", list, [])))
    ids = [m.id for m in mistakes]
    for mid in ids:
        if ids.count(mid) > 1:
            r.fail("mistakes", f"two mistakes have the id {mid!r}")
    return ExerciseSpec(id=ex_id, kind=kind, points=points, title=r.text("title"),
                        prompt=r.text("prompt"), stub=stub, checks=checks, defines=defines,
                        aliases=aliases, mistakes=mistakes, source=str(path))


def _str_list(r: _Reader, key: str) -> list[str]:
    values = r.get(key, list, [])
    if not all(isinstance(v, str) for v in values):
        r.fail(key, "expected a list of names")
    return values


def _tolerance(r: _Reader, default: Tolerance) -> Tolerance:
    if "tolerance" not in r.data:
        return default
    t = r.child("tolerance", r.get("tolerance", dict))
    t.known({"rtol", "atol"})
    rtol, atol = t.get("rtol", float, default.rtol), t.get("atol", float, default.atol)
    if rtol < 0 or atol < 0:
        t.fail("", "rtol and atol must not be negative")
    return Tolerance(rtol=rtol, atol=atol)


_CHECK_FIELDS = {
    "value": {"inputs", "dims", "run", "expect"},
    "gradient": {"inputs", "dims", "forward", "backward", "wrt", "dout", "sample", "h"},
    "output": {"expect", "from"},
    "reference": {"inputs", "dims", "run", "compare"},
    "training": {"models", "iterations", "batch_size", "learning_rate", "evaluate_every",
                 "init_seed", "seed", "thresholds", "beats"},
}


def _check(r: _Reader, exercise_kind: str, timeout: float, tolerance: Tolerance) -> CheckSpec:
    kind = r.get("kind", str)
    if kind not in CHECK_KINDS:
        r.fail("kind", f"{kind!r} is not one of {', '.join(CHECK_KINDS)}")
    if (kind == "output") != (exercise_kind == "output"):
        r.fail("kind", f"a {kind} check does not belong to an {exercise_kind} exercise")
    r.known({"name", "kind", "label", "hint", "weight", "timeout", "tolerance"} | _CHECK_FIELDS[kind])
    if kind == "gradient":
        tolerance = GRADIENT_TOLERANCE if "tolerance" not in r.data else tolerance
    common = dict(
        name=r.get("name", str), kind=kind, weight=r.get("weight", float, 1.0),
        timeout=r.get("timeout", float, timeout), tolerance=_tolerance(r, tolerance),
        label=r.text("label", required=False), hint=r.text("hint", required=False))
    if common["weight"] <= 0 or common["timeout"] <= 0:
        r.fail("weight", "weight and timeout must be positive")
    dims = _dims(r)
    inputs = tuple(_input(r.child(f"inputs.{n}", v), n, dims)
                   for n, v in r.get("inputs", dict, {}).items())
    common["dims"] = dims
    if kind == "value":
        expect = r.get("expect", dict)
        if not expect:
            r.fail("expect", "name at least one variable to compare")
        for name, value in expect.items():
            if isinstance(value, str):
                compile_snippet(value, "eval", lambda p: r.fail(f"expect.{name}", p))
            else:
                _check_literal(r, f"expect.{name}", value, common["tolerance"])
        return CheckSpec(**common, inputs=inputs, run=r.code("run"), expect=expect)
    if kind == "reference":
        compare = tuple(_str_list(r, "compare"))
        if not compare:
            r.fail("compare", "name at least one variable to compare")
        return CheckSpec(**common, inputs=inputs, run=r.code("run"), compare=compare)
    if kind == "training":
        return CheckSpec(**common, training=_training(r))
    if kind == "gradient":
        wrt = r.get("wrt", dict)
        names = {i.name for i in inputs}
        for name, expr in wrt.items():
            if name not in names:
                r.fail(f"wrt.{name}", "is not one of the check's inputs")
            if not isinstance(expr, str):
                r.fail(f"wrt.{name}", "expected an expression")
            compile_snippet(expr, "eval", lambda p: r.fail(f"wrt.{name}", p))
        if not wrt:
            r.fail("wrt", "name at least one input")
        sample = r.get("sample", int, None)
        if sample is not None and sample < 1:
            r.fail("sample", "must be at least 1")
        h = r.get("h", float, 1e-5)
        if not 0 < h < 1:
            r.fail("h", "must be between 0 and 1")
        dout = r.data.get("dout")
        if dout is not None:
            _check_literal(r, "dout", dout, None)
        return CheckSpec(**common, inputs=inputs, forward=r.code("forward"),
                         backward=r.code("backward"), wrt=wrt, dout=dout, sample=sample, h=h)
    numbers = tuple(_flatten(r.get("expect", list)))
    _check_literal(r, "expect", list(numbers), common["tolerance"])
    start = r.get("from", int, None)
    if start is not None and start < 0:
        r.fail("from", "must not be negative")
    return CheckSpec(**common, numbers=numbers, start=start)


def _flatten(values) -> list:
    """Printed numbers in order, whatever the nesting (one list per printed line is fine)."""
    if isinstance(values, list):
        return [n for v in values for n in _flatten(v)]
    return [values]


def _check_literal(r: _Reader, key: str, value: Any, tolerance: Tolerance | None):
    """A literal must be numeric data; and an absolute tolerance must not swamp it."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_literal(r, f"{key}.{k}", v, tolerance)
        return value
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        r.fail(key, "expected a number or a (nested, rectangular) list of numbers")
    nonzero = np.abs(array[np.isfinite(array) & (array != 0)])
    if tolerance is not None and nonzero.size and tolerance.atol > 1e-3 * nonzero.min():
        r.fail(key, f"atol={tolerance.atol:g} would accept almost anything for an expected value "
                    f"of {nonzero.min():g}: lower atol (0 is fine) and rely on rtol")
    return value


def _dims(r: _Reader) -> dict[str, tuple[int, int]]:
    dims = {}
    for name, bounds in r.get("dims", dict, {}).items():
        if not (str(name).isidentifier() and isinstance(bounds, list) and len(bounds) == 2
                and all(isinstance(b, int) and b >= 0 for b in bounds) and bounds[0] <= bounds[1]):
            r.fail(f"dims.{name}", "expected a name and [low, high], whole numbers, low <= high")
        dims[name] = (bounds[0], bounds[1])
    return dims


def _input(r: _Reader, name: str, dims: dict) -> InputSpec:
    r.known({"value", "dtype", "shape", "low", "high", "avoid", "onehot"})
    if not name.isidentifier():
        r.fail("", "an input's name must be a Python identifier")
    dtype = r.get("dtype", str, None)
    if dtype not in (None, "float", "int"):
        r.fail("dtype", "must be float or int")
    if "value" in r.data:
        if {"shape", "onehot"} & set(r.data):
            r.fail("value", "a literal input has no shape or onehot")
        _check_literal(r, "value", r.data["value"], None)
        return InputSpec(name=name, value=r.data["value"], dtype=dtype)
    if "onehot" in r.data:
        rows, classes = _sizes(r, "onehot", dims, 2)
        return InputSpec(name=name, onehot=(rows, classes))
    shape = _sizes(r, "shape", dims, None)
    low, high = r.get("low", float, None), r.get("high", float, None)
    if (low is None) != (high is None) or (low is not None and low >= high):
        r.fail("low", "give both low and high, with low < high")
    avoid = r.get("avoid", float, 0.0)
    if avoid < 0 or (low is not None and max(abs(low), abs(high)) <= avoid):
        r.fail("avoid", "must be non-negative and leave room inside [low, high)")
    return InputSpec(name=name, shape=shape, low=low, high=high, avoid=avoid, dtype=dtype)


def _sizes(r: _Reader, key: str, dims: dict, length: int | None) -> tuple[int | str, ...]:
    """Sizes: non-negative integers, or names of the check's `dims`."""
    values = r.get(key, list)
    fits = all((isinstance(v, int) and not isinstance(v, bool) and v >= 0) or v in dims
               for v in values)
    if not fits or (length is not None and len(values) != length):
        r.fail(key, f"expected a list of {length or ''} non-negative integers or names of `dims`"
               .replace("  ", " "))
    return tuple(values)


def _training(r: _Reader) -> TrainingSpec:
    models = r.get("models", dict)
    if not models:
        r.fail("models", "name at least one network to train")
    for name, expression in models.items():
        if not isinstance(expression, str):
            r.fail(f"models.{name}", "expected an expression")
        compile_snippet(expression, "eval", lambda p: r.fail(f"models.{name}", p))
    counts = {key: r.get(key, int, default) for key, default in
              (("iterations", ...), ("batch_size", 100), ("evaluate_every", 100),
               ("init_seed", 0), ("seed", 0))}
    if min(counts["iterations"], counts["batch_size"], counts["evaluate_every"]) < 1:
        r.fail("iterations", "iterations, batch_size and evaluate_every must be at least 1")
    thresholds = r.get("thresholds", dict, {})
    for name, value in thresholds.items():
        if name not in models or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            r.fail(f"thresholds.{name}", "must name a model and be an accuracy in [0, 1]")
    beats = r.get("beats", list, [])
    for pair in beats:
        if not (isinstance(pair, list) and len(pair) == 2 and set(pair) <= set(models)):
            r.fail("beats", "each item is a pair of model names [better, worse]")
    return TrainingSpec(models=dict(models), learning_rate=r.get("learning_rate", float, 0.1),
                        thresholds={k: float(v) for k, v in thresholds.items()},
                        beats=tuple(tuple(p) for p in beats), **counts)


def _mistake(r: _Reader, check_names: list[str]) -> MistakeSpec:
    r.known({"id", "when", "hint", "checks"})
    mid = r.get("id", str)
    if not _MISTAKE_ID.match(mid):
        r.fail("id", "letters, digits, - and _ only")
    checks = tuple(_str_list(r, "checks"))
    for name in checks:
        if name not in check_names:
            r.fail("checks", f"no check is named {name!r}")
    return MistakeSpec(id=mid, when=r.code("when", "eval"), hint=r.text("hint"), checks=checks)
