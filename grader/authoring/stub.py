"""The student's stub, made from the reference solution, so that the two cannot drift.

As nbgrader and Otter Assign do it: the lines between `# BEGIN SOLUTION` and `# END SOLUTION`
become one `raise NotImplementedError("Class.method")` at the marker's indentation. A solution
without markers loses the body of every function and method but `__init__` (which sets the
attributes the prompt names), its docstring kept. Hand-written stubs stay possible: a spec whose
solution has no markers keeps the stub it was given (`grader validate` compares only a marked
solution's stub).
"""
from __future__ import annotations

import ast
import re

BEGIN = re.compile(r"^(\s*)#\s*BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*#\s*END SOLUTION\s*$")


class MarkerError(ValueError):
    """The markers do not pair up (said with the line number)."""


def has_markers(source: str) -> bool:
    return any(BEGIN.match(line) for line in source.splitlines())


def stub_from_solution(source: str) -> str:
    """The stub of a solution's text (which must parse)."""
    tree = ast.parse(source)
    owners = _owners(tree)
    if has_markers(source):
        return _tidy(_between_markers(source.splitlines(), owners))
    return _tidy(_bodies_removed(source.splitlines(), tree))


def _owners(tree: ast.Module) -> list[tuple[int, int, str]]:
    """(first line, last line, shown name) of every function and method."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found.append((node.lineno, node.end_lineno, node.name))
        elif isinstance(node, ast.ClassDef):
            found += [(m.lineno, m.end_lineno, f"{node.name}.{m.name}") for m in node.body
                      if isinstance(m, ast.FunctionDef)]
    return found


def _owner(owners, line: int) -> str:
    inside = [name for first, last, name in owners if first <= line <= last]
    return inside[-1] if inside else "this part"


def _between_markers(lines: list[str], owners) -> list[str]:
    out, start = [], None
    for number, line in enumerate(lines, 1):
        begin = BEGIN.match(line)
        if begin:
            if start is not None:
                raise MarkerError(f"line {number}: BEGIN SOLUTION before the END of the one "
                                  f"of line {start}")
            start = number
            out.append(f'{begin.group(1)}raise NotImplementedError("{_owner(owners, number)}")')
        elif END.match(line):
            if start is None:
                raise MarkerError(f"line {number}: END SOLUTION without a BEGIN")
            start = None
        elif start is None:
            out.append(line)
    if start is not None:
        raise MarkerError(f"line {start}: BEGIN SOLUTION without an END")
    return out


def _bodies_removed(lines: list[str], tree: ast.Module) -> list[str]:
    """Every function's and method's body but `__init__`'s replaced, from the last up."""
    functions = [(n, n.name) for n in tree.body if isinstance(n, ast.FunctionDef)]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        functions += [(m, f"{cls.name}.{m.name}") for m in cls.body
                      if isinstance(m, ast.FunctionDef) and m.name != "__init__"]
    for node, shown in sorted(functions, key=lambda f: f[0].lineno, reverse=True):
        kept = node.body[:1] if _docstring(node.body[0]) else []  # the docstring stays
        first = node.body[0]
        if first.lineno == node.lineno:  # `def f(x): return x`: nothing to cut on its own line
            continue
        indent = _indent(lines[first.lineno - 1])
        start = kept[0].end_lineno if kept else first.lineno - 1
        lines[start:node.end_lineno] = [f'{indent}raise NotImplementedError("{shown}")']
    return lines


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip())]


def _docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def _tidy(lines: list[str]) -> str:
    """No trailing spaces, one newline at the end."""
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"
