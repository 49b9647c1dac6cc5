"""A stub shows the student every function and method to write, and each one fails on its own.

Graded, a stub scores zero as soon as one method raises; so a stub that lacks a whole method
(`backward`), or whose `loss` fails only because it calls `predict`, still scores zero, and the
student is never told to write what is missing. So the stub is read beside the reference
solution, both with `ast` (nothing runs): every function of `defines`, and every method of its
classes that the solution has (all but the solution's own `_helpers`), must be in the stub; and
each of them but `__init__` must end by raising NotImplementedError or returning a placeholder
(a literal: the stub's value), without calling another of the stub's functions or methods first.
A solution with `# BEGIN SOLUTION` markers makes its stub (`authoring.stub`): the spec's must be
that one, so that the two cannot drift apart.
"""
from __future__ import annotations

import ast
from pathlib import Path

from ..authoring.stub import MarkerError, has_markers, stub_from_solution
from ..bank.spec import ExerciseSpec
from ..grading.sources.stubs import docstring, raises_not_implemented

Definitions = dict[str, ast.FunctionDef | ast.ClassDef]


def stub_problems(spec: ExerciseSpec, solutions: Path) -> list[str]:
    """What is wrong with `spec`'s stub (an api exercise's; an output exercise's is a script)."""
    if spec.kind != "api":
        return []
    stub = _definitions(spec.stub)
    if stub is None:
        return ["the stub is not valid Python"]
    text = _read(solutions / spec.filename)
    solution = _definitions(text) or {}
    problems = _drift(spec, text)
    for name in spec.defines:
        theirs, ours = solution.get(name), stub.get(name)
        if ours is None:
            problems.append(f"the stub does not define {name}")
            continue
        if isinstance(theirs, ast.ClassDef) and isinstance(ours, ast.ClassDef):
            have = _methods(ours)
            problems += [f"the stub lacks {name}.{m}, which the reference solution defines: a "
                         f"student would not know to write it"
                         for m in _methods(theirs) if m not in have and _public(m)]
            problems += [p for m, node in _methods(ours).items() if m != "__init__"
                         for p in _on_its_own(f"{name}.{m}", node, stub)]
        elif isinstance(ours, ast.FunctionDef):
            problems += _on_its_own(name, ours, stub)
    return problems


def _drift(spec: ExerciseSpec, solution: str | None) -> list[str]:
    """A solution with `# BEGIN SOLUTION` markers makes the stub: the spec's must be that one."""
    if solution is None or not has_markers(solution):
        return []
    try:
        made = stub_from_solution(solution)
    except (SyntaxError, MarkerError) as e:
        return [f"the markers of {spec.filename} cannot make its stub: {e}"]
    ours, theirs = spec.stub.rstrip().splitlines(), made.rstrip().splitlines()
    if ours == theirs:
        return []
    line = next((k for k, (a, b) in enumerate(zip(ours, theirs)) if a != b),
                min(len(ours), len(theirs)))
    wanted = theirs[line] if line < len(theirs) else "(the end)"
    return [f"the stub is not the one {spec.filename}'s markers make (line {line + 1}: "
            f"{wanted.strip()!r}): `grader new {spec.id} --from solutions/{spec.filename} --stub` "
            f"prints it"]


def _on_its_own(shown: str, function: ast.FunctionDef, stub: Definitions) -> list[str]:
    """Whether a stub's function fails by itself: its last statement raises
    NotImplementedError or returns a literal, and nothing before calls the stub's own code."""
    body = [s for s in function.body if not docstring(s)]
    last = body[-1] if body else None
    if not (raises_not_implemented(last) or _returns_literal(last)):
        return [f"the stub's {shown} neither raises NotImplementedError nor returns a "
                f"placeholder value: a student's file with it unchanged is not told to write it"]
    called = sorted({c for s in body[:-1] for c in _calls_of_own(s, stub)})
    if called:
        return [f"the stub's {shown} calls {', '.join(called)} before it fails: it must fail "
                f"on its own, not because another part of the stub does"]
    return []


def _definitions(text: str | None) -> Definitions | None:
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return None
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def _methods(cls: ast.ClassDef) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}


def _public(name: str) -> bool:
    """A method the student writes: not the solution's own helper (`_cache`); dunders are."""
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _returns_literal(statement: ast.stmt | None) -> bool:
    if not isinstance(statement, ast.Return):
        return False
    try:
        ast.literal_eval(statement.value) if statement.value is not None else None
    except ValueError:
        return False
    return True


def _calls_of_own(statement: ast.stmt, stub: Definitions) -> set[str]:
    """The stub's functions, and methods through `self`, that a statement calls."""
    found = set()
    for node in ast.walk(statement):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name) and node.func.id in stub:
            found.add(node.func.id)
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == "self":
            found.add(f"self.{node.func.attr}")
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
