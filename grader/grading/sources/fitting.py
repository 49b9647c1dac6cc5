"""Whether what a notebook without markers defines under an exercise's name is that exercise.

A notebook that follows the book defines the book's helpers, whose names some exercises of the
bank share: the book's `numerical_gradient(f, x)` is not exercise 184's
`numerical_gradient(f, args, h=1e-4)`, nor its `sigmoid(x)` exercise 151's
`sigmoid(x, deriv=False)`, nor a class `sigmoid` (a layer) its function. A function is taken
for the exercise only when it can be called as the exercise's stub is: as many arguments in
place, and every optional parameter of the stub by its name. A class is taken for a class
whatever its methods (a class of the exercise's name is an attempt at it). Read with `ast`;
nothing runs.
"""
from __future__ import annotations

import ast
import difflib
import re

from ...bank.spec import ExerciseSpec
from .spelling import spelling


def misfit(spec: ExerciseSpec, code: str, names: tuple[str, ...]) -> str | None:
    """What the student wrote (`numerical_gradient(f, x)`, `class sigmoid`) when a name of
    `names` that `code` defines is not what the exercise asks for under it: a class for a
    function or a function for a class, or a function that cannot be called as the stub's is;
    None when it fits, or when either cannot be read. A near miss (`sigmoid` for `Sigmoid`) is
    compared with the stub's name it is closest to."""
    stubs, written = _entities(spec.stub), _entities(code)
    for name in names:
        node = written.get(name)
        stub = stubs.get(name) or _closest(name, stubs)
        if node is None or stub is None:
            continue
        if isinstance(node, ast.ClassDef) != isinstance(stub, ast.ClassDef):
            return f"class {name}" if isinstance(node, ast.ClassDef) else _signature(code, node)
        if not isinstance(node, ast.ClassDef) and not _callable_as(node.args, stub.args):
            return _signature(code, node)
    return None


def stub_signature(spec: ExerciseSpec, name: str) -> str:
    """The stub's `name` (or its closest), as the student reads it: a function's signature,
    `class Name`."""
    stubs = _entities(spec.stub)
    stub = stubs.get(name) or _closest(name, stubs)
    if stub is None:
        return name
    return f"class {stub.name}" if isinstance(stub, ast.ClassDef) else _signature(spec.stub, stub)


def _entities(code: str) -> dict[str, ast.stmt]:
    """A module's top-level classes and functions by name."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return {n.name: n for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _closest(name: str, stubs: dict[str, ast.stmt]) -> ast.stmt | None:
    scored = sorted((difflib.SequenceMatcher(None, spelling(name, s), s.lower()).ratio(), s)
                    for s in stubs)
    return stubs[scored[-1][1]] if scored else None


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
