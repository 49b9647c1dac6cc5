"""The check kinds as the YAML writes them: one entry per kind, with its own fields and parser.

To add a kind: its params dataclass in `spec`, an entry here, and its judge in
`grading/checks/`, which owns the rest (label, routine, whether it needs the reference);
tests/test_judging.py proves both tables name the same kinds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .reader import Reader, check_literal, compile_snippet, read_names
from .spec import (CheckParams, GradientParams, OutputParams, ReferenceParams, Tolerance,
                   TrainingParams, ValueParams)

GRADIENT_TOLERANCE = Tolerance(rtol=1e-5, atol=1e-7)
INPUT_FIELDS = frozenset({"inputs", "dims"})


@dataclass(frozen=True)
class Kind:
    name: str
    exercise_kind: str
    """the kind of exercise its checks belong to: api or output"""
    fields: frozenset[str]
    """the fields of its own, besides name, kind, label, hint, weight, timeout and tolerance"""
    parse: Callable[[Reader, Tolerance], CheckParams]
    """(the check's reader, its tolerance) -> its params"""
    tolerance: Tolerance | None = None
    """its default tolerance, when not the exercise's"""


def _value(r: Reader, tolerance: Tolerance) -> ValueParams:
    expect = r.get("expect", dict)
    if not expect:
        r.fail("expect", "name at least one variable to compare")
    for name, value in expect.items():
        if isinstance(value, str):
            compile_snippet(value, "eval", lambda p: r.fail(f"expect.{name}", p))
        else:
            check_literal(r, f"expect.{name}", value, tolerance)
    return ValueParams(run=r.code("run"), expect=expect)


def _reference(r: Reader, tolerance: Tolerance) -> ReferenceParams:
    compare = tuple(read_names(r, "compare"))
    if not compare:
        r.fail("compare", "name at least one variable to compare")
    return ReferenceParams(run=r.code("run"), compare=compare)


def _gradient(r: Reader, tolerance: Tolerance) -> GradientParams:
    wrt = r.get("wrt", dict)
    names = set(r.get("inputs", dict, {}))
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
        check_literal(r, "dout", dout, None)
    return GradientParams(forward=r.code("forward"), backward=r.code("backward"), wrt=wrt,
                          dout=dout, sample=sample, h=h)


def _output(r: Reader, tolerance: Tolerance) -> OutputParams:
    numbers = tuple(_flatten(r.get("expect", list)))
    check_literal(r, "expect", list(numbers), tolerance)
    start = r.get("from", int, None)
    if start is not None and start < 0:
        r.fail("from", "must not be negative")
    alternatives = []
    for i, other in enumerate(r.get("alternatives", list, [])):
        if not isinstance(other, list) or not _flatten(other):
            r.fail(f"alternatives[{i}]", "expected a non-empty list of numbers, as in expect")
        check_literal(r, f"alternatives[{i}]", _flatten(other), tolerance)
        alternatives.append(tuple(_flatten(other)))
    return OutputParams(numbers=numbers, start=start, alternatives=tuple(alternatives))


def _flatten(values) -> list:
    """Printed numbers in order, whatever the nesting (one list per printed line is fine)."""
    if isinstance(values, list):
        return [n for v in values for n in _flatten(v)]
    return [values]


def _training(r: Reader, tolerance: Tolerance) -> TrainingParams:
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
    return TrainingParams(models=dict(models), learning_rate=r.get("learning_rate", float, 0.1),
                          thresholds={k: float(v) for k, v in thresholds.items()},
                          beats=tuple(tuple(p) for p in beats), **counts)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("value", "api", INPUT_FIELDS | {"run", "expect"}, _value),
    Kind("gradient", "api", INPUT_FIELDS | {"forward", "backward", "wrt", "dout", "sample", "h"},
         _gradient, GRADIENT_TOLERANCE),
    Kind("output", "output", frozenset({"expect", "from", "alternatives"}), _output),
    Kind("reference", "api", INPUT_FIELDS | {"run", "compare"}, _reference),
    Kind("training", "api", frozenset({"models", "iterations", "batch_size", "learning_rate",
                                       "evaluate_every", "init_seed", "seed", "thresholds",
                                       "beats"}), _training),
)}
"""kind name -> how its YAML reads"""
