"""The checks a drafted spec starts with, planned from the solution's outline.

For every class: a value check per method (the object built, its methods called in the order
written up to that one, on small literal inputs, its results compared with what the reference
solution gives, or its array arguments after the call when it returns nothing); a gradient check
for every `backward` (of the inputs of the method before it); one reference check calling every
method on random inputs of sizes drawn per run. For every function: a value check and a
reference check. Every array argument is 2 × 3 (literal) or n × d (random): shapes the author
changes where the code wants others (a weight matrix, a dict of parameters).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from .outline import Class, Function, Outline

LITERAL_SHAPE = (2, 3)
RANDOM_SHAPE = "[n, d]"
DIMS = "{n: [1, 6], d: [1, 6]}"
GRADIENT_SHAPE = "[3, 4]"
AVOID = 0.05
"""random inputs keep this far from 0 (ReLU-like kinks), literal ones 0.1"""


@dataclass(frozen=True)
class Planned:
    """One check of the draft, as the template writes it."""

    name: str
    kind: str
    inputs: dict[str, str]
    """input -> its YAML flow text"""
    code: str = ""
    """value and reference: `run`; gradient: `forward`"""
    backward: str = ""
    wrt: dict[str, str] = field(default_factory=dict)
    results: tuple[str, ...] = ()
    """value: the variables expected (their values filled in later); reference: compared"""
    dims: str = ""


def plan(outline: Outline, exercise_id: str) -> list[Planned]:
    rng = np.random.default_rng(int(exercise_id))
    checks = []
    for cls in outline.classes:
        checks += _class_checks(cls, rng)
    for function in outline.functions:
        call, results = _call(function, function.name)
        expected = results or function.params  # what it returns, else what it changes
        checks.append(Planned(f"{function.name} on small arrays", "value",
                              _literal_inputs(function.params, rng), call, results=expected))
        checks.append(Planned(f"{function.name} against the reference solution", "reference",
                              _random_inputs(function.params), call, results=expected,
                              dims=DIMS))
    return [c for c in checks if c.results or c.kind == "gradient"]


def _class_checks(cls: Class, rng) -> list[Planned]:
    obj = cls.name.lower()
    build = f"{obj} = {cls.name}({', '.join(cls.init)})"
    lines, every, checks = [build], list(cls.init), []
    named = {}
    for position, method in enumerate(cls.methods):
        previous = cls.methods[position - 1] if position else None
        call, results = _call(method, f"{obj}.{method.name}", previous)
        lines.append(call)
        every += [p for p in method.params if p not in every]
        expected = results or tuple(p for p in method.params if p not in ("dout",))
        named[method.name] = expected
        checks.append(Planned(f"{cls.name}.{method.name} on small arrays", "value",
                              _literal_inputs(every, rng), "\n".join(lines), results=expected))
        if method.name == "backward" and previous is not None and previous.returns \
                and results:
            checks.append(_gradient(cls, obj, lines[:-1], previous, named[previous.name],
                                    results))
    compared = tuple(dict.fromkeys(r for m in cls.methods for r in named[m.name]))
    checks.append(Planned(f"{cls.name} against the reference solution", "reference",
                          _random_inputs(every), "\n".join(lines), results=compared, dims=DIMS))
    return checks


def _gradient(cls: Class, obj: str, before: list[str], forward: Function,
              forward_results: tuple[str, ...], results: tuple[str, ...]) -> Planned:
    """The backward of `forward`'s inputs, against a numerical gradient of `forward` (the
    object built again on every nudged input, so `__init__`'s arrays could be added to `wrt`)."""
    code = list(before) + ([f"out = {forward_results[0]}"] if forward_results[0] != "out" else [])
    shapes = {p: f"{{shape: {GRADIENT_SHAPE}, avoid: {AVOID}}}" for p in cls.init + forward.params}
    return Planned(f"{cls.name}.backward agrees with the numerical gradient", "gradient", shapes,
                   "\n".join(code), backward=f"{', '.join(results)} = {obj}.backward(dout)",
                   wrt=dict(zip(forward.params, results)))


def _call(function: Function, called: str, previous: Function | None = None
          ) -> tuple[str, tuple[str, ...]]:
    """The statement calling `function`, and the names its results are kept in: `out` for a
    forward, `dx` (`dx, dy`) for the inputs of the method before a backward."""
    arguments = ", ".join(function.params)
    if function.returns == 0:
        return f"{called}({arguments})", ()
    if function.name == "forward" and function.returns == 1:
        names = ("out",)
    elif function.name == "backward" and previous is not None \
            and len(previous.params) == function.returns:
        names = tuple(f"d{p}" for p in previous.params)
    elif function.returns == 1:
        names = (f"{function.name}_out",)
    else:
        names = tuple(f"{function.name}_out{k}" for k in range(1, function.returns + 1))
    return f"{', '.join(names)} = {called}({arguments})", names


def _literal_inputs(names, rng) -> dict[str, str]:
    inputs = {}
    for name in names:
        values = np.round(rng.uniform(-2, 2, LITERAL_SHAPE), 2)
        values = np.where(np.abs(values) < 0.1, np.sign(values + 1e-9) * 0.5, values)
        inputs[name] = f"{{value: {json.dumps(values.tolist())}}}"
    return inputs


def _random_inputs(names) -> dict[str, str]:
    return {name: f"{{shape: {RANDOM_SHAPE}, avoid: {AVOID}}}" for name in names}


def literal(value):
    """A value the reference solution gave, as YAML flow text (JSON is YAML)."""
    return json.dumps(_plain(value))


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
