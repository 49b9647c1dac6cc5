"""A value the spec writes as a numpy expression (`dx: "dout @ W.T"`), against the same
expression with one slip made: `*` for the product, the operands swapped, a `.T`, a term or a sum
left out, keepdims, another axis, the upstream gradient replaced by ones. When the student's
value is one of these, and that one differs from the expected value, the slip is named.
The expressions are the spec's own, evaluated in the grader."""
from __future__ import annotations

import ast
import copy

from ...bank.spec import CheckSpec
from ..compare import as_numeric_array, compare
from ..expressions import evaluate
from . import Finding, piece, sources, unset
from .families import SLIPS



class _Change(ast.NodeTransformer):
    """Replace the `index`-th node (in pre-order) by `change(node)`."""

    def __init__(self, index: int, change):
        self.index, self.change, self.seen = index, change, -1

    def visit(self, node):
        self.seen += 1
        if self.seen == self.index:
            return self.change(node)
        return self.generic_visit(node)


def _preorder(tree: ast.AST) -> list[ast.AST]:
    order = []

    class Walk(ast.NodeVisitor):
        def visit(self, node):
            order.append(node)
            self.generic_visit(node)

    Walk().visit(tree)
    return order


def _is_np(node: ast.expr, names: tuple[str, ...]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
        and node.func.attr in names and isinstance(node.func.value, ast.Name) \
        and node.func.value.id in ("np", "numpy")


def _untransposed(node: ast.expr) -> ast.expr | None:
    return node.value if isinstance(node, ast.Attribute) and node.attr == "T" else None


def slips(expression: str, upstream: set[str]) -> list[tuple[str, str]]:
    """(family, expression) for each slip of one kind made in `expression`: each family but
    `ignores-dout` (a message of its own) words its slip with its `Family.slip`."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        return []
    out: list[tuple[str, ast.AST]] = []

    def product(l, r, matmul: bool):
        make = (lambda a, b: ast.BinOp(a, ast.MatMult(), b)) if matmul else (
            lambda a, b: ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "dot", ast.Load()),
                                  [a, b], []))
        yield "elementwise-product", ast.BinOp(l, ast.Mult(), r)
        yield "operand-order", make(r, l)
        for side in (0, 1):
            bare = _untransposed((l, r)[side])
            if bare is not None:
                yield "missing-transpose", make(bare, r) if side == 0 else make(l, bare)

    for index, node in enumerate(_preorder(tree)):
        changes = []
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            changes = list(product(node.left, node.right, True))
        elif _is_np(node, ("dot", "matmul")) and len(node.args) == 2:
            changes = list(product(node.args[0], node.args[1], False))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            changes = [("missing-term", node.left), ("missing-term", node.right)]
        elif _is_np(node, ("sum",)) and node.args:
            axis = next((k for k in node.keywords if k.arg == "axis"), None)
            others = [k for k in node.keywords if k.arg not in ("axis", "keepdims")]
            if axis is not None and isinstance(axis.value, ast.Constant):
                flipped = ast.keyword("axis", ast.Constant(1 if axis.value.value == 0 else 0))
                changes = [("missing-sum", node.args[0]),
                           ("keepdims", ast.Call(node.func, node.args, node.keywords + [
                               ast.keyword("keepdims", ast.Constant(True))])),
                           ("sum-axis", ast.Call(node.func, node.args, others + [flipped])),
                           ("sum-axis", ast.Call(node.func, node.args, others))]
        for family, replacement in changes:
            changed = _Change(index, lambda _, r=replacement: copy.deepcopy(r)).visit(
                copy.deepcopy(tree))
            out.append((family, changed))
    if upstream:
        class Ones(ast.NodeTransformer):
            def visit_Name(self, node):
                if node.id in upstream:
                    return ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "ones_like",
                                                  ast.Load()), [node], [])
                return node

        out.append(("ignores-dout", Ones().visit(copy.deepcopy(tree))))
    texts = []
    for family, changed in out:
        try:
            texts.append((family, ast.unparse(ast.fix_missing_locations(changed))))
        except Exception:
            continue
    return texts


def upstream_names(check: CheckSpec) -> set[str]:
    """The check's inputs passed to a backward call: the gradient from above."""
    tree = sources.parsed(unset.check_code(check))
    if tree is None:
        return set()
    names = {i.name for i in check.inputs}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "backward":
            found |= {a.id for a in node.args if isinstance(a, ast.Name) and a.id in names}
    return found


def named_slip(name, expression, expected, actual, inputs, check) -> list[Finding]:
    for family, variant in slips(expression, upstream_names(check)):
        try:
            value = evaluate(variant, dict(inputs))
        except Exception:
            continue
        if _close(value, actual, check.tolerance) and not _close(value, expected,
                                                                 check.tolerance):
            if family == "ignores-dout":
                return [Finding(family, "why_ignores_dout", dict(name=name))]
            return [Finding(family, "why_formula", dict(
                name=name, yours=variant, expected=expression,
                what=piece(SLIPS[family])))]
    return []


def _close(a, b, tolerance) -> bool:
    return as_numeric_array(a) is not None and as_numeric_array(b) is not None \
        and compare(a, b, tolerance) is None
