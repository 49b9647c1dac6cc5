"""Shapes that do not fit, from numpy's ValueError and the failing line: both shapes, and the
transpose, the other order, `np.dot` for `*` or `keepdims=True` that would fit
(`missing-transpose`, `operand-order`, `elementwise-product`, `keepdims`)."""
from __future__ import annotations

import ast
import re

from . import Finding, piece, sources
from .raised import Raised, _text

REDUCTIONS = {"max": "reduction_max", "amax": "reduction_max", "sum": "reduction_sum",
              "mean": "reduction_mean", "min": "reduction_min", "amin": "reduction_min"}


def _shape(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


def shapes(raised: Raised, spec, check, texts) -> list[Finding]:
    if raised.kind != "ValueError":
        return []
    tree = sources.parsed(raised.code.strip().rstrip(":"))
    if tree is None:
        return []
    known = {_text(s.get("expr")): tuple(s.get("shape") or ()) for s in raised.fact("shapes")
             if isinstance(s, dict)}
    aligned = re.search(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned", raised.message)
    if aligned or "matmul: Input operand" in raised.message:
        return _product(tree, known, aligned)
    broadcast = re.search(r"could not be broadcast together with shapes \(([\d,]*)\) "
                          r"\(([\d,]*)\)", raised.message)
    if broadcast:
        return _broadcast(tree, known, _shape(broadcast.group(1)), _shape(broadcast.group(2)))
    return []


def _products(tree: ast.AST) -> list[tuple[ast.expr, ast.expr, ast.AST]]:
    """(left, right, node) of each matrix product: np.dot(a, b), a.dot(b), a @ b."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            found.append((node.left, node.right, node))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("dot", "matmul"):
            if isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy"):
                if len(node.args) == 2:
                    found.append((node.args[0], node.args[1], node))
            elif len(node.args) == 1:
                found.append((node.func.value, node.args[0], node))
    return found


def _fits(a: tuple, b: tuple) -> bool:
    if not a or not b:
        return True
    return a[-1] == (b[-2] if len(b) >= 2 else b[0])


def _t(shape: tuple) -> tuple:
    return tuple(reversed(shape))


def _show(shape: tuple) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def _product(tree, known: dict, aligned) -> list[Finding]:
    for left, right, node in _products(tree):
        a, b = known.get(ast.unparse(left)), known.get(ast.unparse(right))
        if aligned and (a is None or b is None):
            a, b = _shape(aligned.group(1)), _shape(aligned.group(2))
        if a is None or b is None or _fits(a, b):
            continue
        l, r = ast.unparse(left), ast.unparse(right)
        fixes, family = [], "missing-transpose"
        if _fits(b, a):  # the other order first: a transpose that also fits is then a guess
            fixes.append(f"np.dot({r}, {l})")
            family = "operand-order"
        if len(a) == 2 and _fits(_t(a), b):
            fixes.append(f"np.dot({_transposed(l)}, {r})")
        if len(b) == 2 and _fits(a, _t(b)):
            fixes.append(f"np.dot({l}, {_transposed(r)})")
        if not fixes:
            continue
        return [Finding(family, "why_shapes_fix", dict(
            product=ast.unparse(node)[:100], a=_show(a), b=_show(b), n=a[-1],
            m=b[-2] if len(b) >= 2 else b[0], fixes=" · ".join(fixes[:3])))]
    return []


def _transposed(expression: str) -> str:
    return expression[:-2] if expression.endswith(".T") else f"{expression}.T"


def _broadcast(tree, known: dict, a: tuple, b: tuple) -> list[Finding]:
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            l, r = ast.unparse(node.left), ast.unparse(node.right)
            shapes_here = (known.get(l), known.get(r))
            if None not in shapes_here and shapes_here != (a, b):
                continue
            if len(a) >= 1 and len(b) >= 1 and max(len(a), len(b)) == 2 and _fits(a, b):
                return [Finding("elementwise-product", "why_elementwise", dict(
                    expr=ast.unparse(node)[:100], a=_show(a), b=_show(b),
                    fix=f"np.dot({l}, {r})"))]
    if len(a) == 2 and len(b) == 1 and b[0] == a[0] and a[0] != a[1]:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in REDUCTIONS and not any(
                        k.arg == "keepdims" for k in node.keywords):
                return [Finding("keepdims", "why_keepdims_broadcast", dict(
                    a=_show(a), b=_show(b), kept=_show((b[0], 1)),
                    reduction=piece(REDUCTIONS[node.func.attr])))]
    return []
