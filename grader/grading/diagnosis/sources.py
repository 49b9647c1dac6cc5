"""What a file's text says, read with `ast` in the grader (parsing runs nothing).

For the diagnoses: the signatures the exercise's stub gives (what the checks call), statements
that compute a value and drop it (`self.db - np.sum(dout, axis=0)` typed for `=`), the functions
that return nothing, the locals that shadow an attribute (`mask = x <= 0` where backward reads
`self.mask`), and the names a module defines (for `from p214 import ReLU`).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping


@dataclass(frozen=True)
class Dropped:
    """A statement that computes a value and keeps nothing."""

    line: int
    code: str
    function: str
    """the function or method it is in (`Affine.backward`), empty at the top of the file"""
    target: str
    """what it would have stored with `=`: `self.db`, `out` (empty when it names nothing)"""


@lru_cache(maxsize=256)
def parsed(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def own_text(texts: Mapping[str, str], filename: str) -> str:
    """The exercise's own file among the submission's texts: `p214.py`, or the one in the
    folder it was graded in (`ch05/p214.py`); a notebook's is its generated module."""
    if filename in texts:
        return texts[filename]
    inside = sorted((k for k in texts if k.endswith("/" + filename)), key=len)
    return texts[inside[0]] if inside else ""


def classes(text: str) -> dict[str, str]:
    """A file's top-level classes, each with its code as written (its lines)."""
    tree = parsed(text)
    if tree is None:
        return {}
    lines = text.splitlines()
    return {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno]) for node in tree.body
            if isinstance(node, ast.ClassDef)}


def functions(text: str) -> dict[str, ast.FunctionDef]:
    """`name` and `Class.name` -> the function's node, at the top of the file and in its
    classes."""
    tree = parsed(text)
    found: dict[str, ast.FunctionDef] = {}
    if tree is None:
        return found
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[f"{node.name}.{item.name}"] = item
    return found


def signature(node: ast.FunctionDef) -> str:
    """`(self, x, y)` as the source writes it."""
    return f"({ast.unparse(node.args)})"


def stub_signature(stub: str, qualname: str) -> str | None:
    """The stub's parameters for `Class.method` or `function` (`Class` alone: its __init__)."""
    found = functions(stub)
    node = found.get(qualname) or found.get(f"{qualname}.__init__")
    return signature(node) if node is not None else None


def _drops(statement: ast.stmt) -> bool:
    """An expression statement whose value is thrown away: arithmetic, a comparison, a name, an
    attribute or an item (not a call, a docstring or `...`; the calls inside arithmetic run,
    but the result is what is lost)."""
    if not isinstance(statement, ast.Expr):
        return False
    return isinstance(statement.value, (ast.BinOp, ast.Compare, ast.UnaryOp, ast.BoolOp,
                                        ast.Name, ast.Attribute, ast.Subscript))


def _target(value: ast.expr) -> str:
    left = value.left if isinstance(value, (ast.BinOp, ast.Compare)) else value
    return ast.unparse(left) if isinstance(left, (ast.Name, ast.Attribute)) else ""


def dropped(text: str) -> tuple[Dropped, ...]:
    """Statements of the file that compute a value and keep nothing, in order."""
    tree = parsed(text)
    if tree is None:
        return ()
    out = []

    def visit(body, where: str):
        for statement in body:
            if _drops(statement):
                out.append(Dropped(statement.lineno, ast.unparse(statement)[:120], where,
                                   _target(statement.value)))
            if isinstance(statement, ast.ClassDef):
                visit(statement.body, statement.name)
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(statement.body, f"{where}.{statement.name}" if where else statement.name)
            else:
                for field in ("body", "orelse", "finalbody"):
                    inner = getattr(statement, field, None)
                    if isinstance(inner, list):
                        visit(inner, where)
                for handler in getattr(statement, "handlers", []) or []:
                    visit(handler.body, where)

    visit(tree.body, "")
    return tuple(out)


def returns_value(node: ast.FunctionDef) -> bool:
    """Whether any `return <value>` is in the function itself (not in a nested one)."""
    todo = list(node.body)
    while todo:
        item = todo.pop()
        if isinstance(item, ast.Return) and item.value is not None:
            return True
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        todo.extend(ast.iter_child_nodes(item))
    return False


def local_assigned(node: ast.FunctionDef, name: str) -> int | None:
    """The line where the function assigns a plain local `name`, if it does."""
    for item in ast.walk(node):
        if isinstance(item, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            for target in targets:
                for n in ast.walk(target):
                    if isinstance(n, ast.Name) and n.id == name:
                        return item.lineno
    return None


def stored_attributes(node: ast.FunctionDef) -> set[str]:
    """The attributes a method stores on self (`self.dw = ...`)."""
    return {t.attr for n in ast.walk(node) if isinstance(n, (ast.Assign, ast.AugAssign,
                                                              ast.AnnAssign))
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
            and t.value.id == "self"}


def assigns_attribute(node: ast.FunctionDef, name: str) -> bool:
    """Whether the function stores `self.<name>` (by any assignment)."""
    for item in ast.walk(node):
        if isinstance(item, ast.Attribute) and isinstance(item.ctx, ast.Store) \
                and isinstance(item.value, ast.Name) and item.value.id == "self" \
                and item.attr == name:
            return True
    return False


def top_level_names(text: str) -> list[str]:
    """The classes, functions and variables the file defines at its top level, in order."""
    tree = parsed(text)
    names: list[str] = []
    if tree is None:
        return names
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return [n for n in dict.fromkeys(names) if not n.startswith("_")]
