"""What a reference solution defines, read with `ast` (nothing of it runs here): its public
classes and functions, each method's parameters without defaults (the arguments a check must
give) and how many values it returns."""
from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[str, ...]
    """the parameters a call must give (no `self`, none with a default)"""
    returns: int
    """0: returns nothing; 1: one value; k: a tuple of k values (`return dx, dy`)"""


@dataclass(frozen=True)
class Class:
    name: str
    init: tuple[str, ...]
    """what `__init__` must be given"""
    methods: tuple[Function, ...]
    """the public methods but `__init__`, in the order written (the order a layer is used)"""


@dataclass(frozen=True)
class Outline:
    classes: tuple[Class, ...]
    functions: tuple[Function, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.classes) + tuple(f.name for f in self.functions)


def outline(source: str) -> Outline:
    tree = ast.parse(source)
    classes, functions = [], []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and _public(node.name):
            methods = {m.name: m for m in node.body if isinstance(m, ast.FunctionDef)}
            init = _function(methods["__init__"], method=True).params if "__init__" in methods \
                else ()
            classes.append(Class(node.name, init, tuple(
                _function(m, method=True) for name, m in methods.items()
                if _public(name) and name != "__init__")))
        elif isinstance(node, ast.FunctionDef) and _public(node.name):
            functions.append(_function(node, method=False))
    return Outline(tuple(classes), tuple(functions))


def _public(name: str) -> bool:
    return not name.startswith("_")


def _function(node: ast.FunctionDef, method: bool) -> Function:
    positional = node.args.posonlyargs + node.args.args
    required = positional[:len(positional) - len(node.args.defaults)]
    names = [a.arg for a in required][1 if method and required else 0:]
    return Function(node.name, tuple(names), _returns(node))


def _returns(node: ast.FunctionDef) -> int:
    """The most values any `return` of the function itself gives (not its inner functions')."""
    most = 0
    for statement in _own_statements(node):
        if isinstance(statement, ast.Return) and statement.value is not None:
            most = max(most, len(statement.value.elts)
                       if isinstance(statement.value, ast.Tuple) else 1)
    return most


def _own_statements(node: ast.FunctionDef):
    todo = list(node.body)
    while todo:
        statement = todo.pop()
        yield statement
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                      ast.Lambda)):
            todo += [c for c in ast.iter_child_nodes(statement) if isinstance(c, ast.stmt)]
