"""Whether what a notebook without markers defines under an exercise's name is that exercise.

A notebook that follows the book defines the book's helpers, whose names some exercises of the
bank share: the book's `numerical_gradient(f, x)` is not exercise 184's
`numerical_gradient(f, args, h=1e-4)`, nor its `sigmoid(x)` exercise 151's
`sigmoid(x, deriv=False)`. A function is taken for the exercise only when it can be called as
the exercise's stub is: as many arguments in place, and every optional parameter of the stub by
its name. A class is always taken (a class of the exercise's name is an attempt at it, whatever
its methods). Read with `ast`; nothing runs.
"""
from __future__ import annotations

import ast
import re

from ...bank.spec import ExerciseSpec


def misfit(spec: ExerciseSpec, code: str, names: tuple[str, ...]) -> str | None:
    """The student's signature (`numerical_gradient(f, x)`) when a function of `names` that
    `code` defines cannot be called as the exercise's stub is; None when it can, or when
    either cannot be read."""
    stubs = _functions(spec.stub)
    for node in _functions(code).values():
        if node.name not in names:
            continue
        stub = stubs.get(node.name) or (next(iter(stubs.values())) if len(stubs) == 1 else None)
        if stub is not None and not _callable_as(node.args, stub.args):
            return _signature(code, node)
    return None


def stub_signature(spec: ExerciseSpec, name: str) -> str:
    """The stub's signature of `name` (or of its only function), as the student reads it."""
    stubs = _functions(spec.stub)
    stub = stubs.get(name) or next(iter(stubs.values()), None)
    return _signature(spec.stub, stub) if stub is not None else name


def _functions(code: str) -> dict[str, ast.FunctionDef]:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _callable_as(own: ast.arguments, stub: ast.arguments) -> bool:
    """Whether every call the stub allows binds in `own`: the stub's required arguments in
    place, and each of its optional ones by name."""
    stub_positional = stub.posonlyargs + stub.args
    required = len(stub_positional) - len(stub.defaults)
    positional = own.posonlyargs + own.args
    if len(positional) < required and own.vararg is None:
        return False
    accepted = {a.arg for a in own.args + own.kwonlyargs}
    optional = [a.arg for a in stub_positional[required:]] + [a.arg for a in stub.kwonlyargs]
    return own.kwarg is not None or all(name in accepted for name in optional)


HEADER = re.compile(r"\s*(?:async\s+)?def\s+(\w+\s*\(.*\))\s*(?:->.*)?:")


def _signature(code: str, node: ast.FunctionDef) -> str:
    """`name(parameters)` as the code writes it (`numerical_gradient(f, args, h=1e-4)`)."""
    line = code.split("\n")[node.lineno - 1]
    written = HEADER.match(line)
    if written:
        return written.group(1)[:120]
    return f"{node.name}({ast.unparse(node.args)[:120]})"
