"""Whether an exercise's `.py` file is still the stub the student was given, with nothing of
theirs in it: its code (not its comments, which hold the prompt in either language) is the
spec's stub, or every function and method the stub leaves to write still begins by raising
NotImplementedError. Such a file does not hide the student's notebook (see `choosing`): the
Classroom template ships the stubs beside the notebook its README invites students to work in.
Read with `ast`; nothing runs.
"""
from __future__ import annotations

import ast

from ...bank.spec import ExerciseSpec


def untouched(spec: ExerciseSpec, content: bytes) -> bool:
    try:
        written = ast.parse(content.decode("utf-8-sig"))
        stub = ast.parse(spec.stub)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    if ast.dump(written) == ast.dump(stub):
        return True
    to_write = _still_raising(stub)
    return bool(to_write) and to_write <= _still_raising(written)


def _still_raising(tree: ast.Module) -> set[str]:
    """The functions and methods (`MulLayer.forward`) whose body begins, after a docstring,
    with `raise NotImplementedError`."""
    found = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _raises_first(node):
            found.add(node.name)
        if isinstance(node, ast.ClassDef):
            found.update(f"{node.name}.{m.name}" for m in node.body
                         if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                         and _raises_first(m))
    return found


def _raises_first(function: ast.FunctionDef) -> bool:
    body = function.body[1:] if function.body and docstring(function.body[0]) else function.body
    return bool(body) and raises_not_implemented(body[0])


def docstring(statement: ast.stmt) -> bool:
    """Whether a statement is a string alone (a docstring, where it opens a body)."""
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def raises_not_implemented(statement: ast.stmt | None) -> bool:
    """Whether a statement is a stub's `raise NotImplementedError` (with a message or not);
    `grader validate` reads stubs with it too."""
    if not isinstance(statement, ast.Raise) or statement.exc is None:
        return False
    raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"
