"""What of a piece of Python the grader runs: a definitions view or a script, line for line.

A *definitions view* keeps what a module defines (imports, functions, classes, assignments of
plain values) and leaves out every other top-level statement (prints, training loops, plots):
what an API exercise is graded on when it comes from a notebook, or from a `.py` file whose
top-level script cannot run here. A *script* keeps everything: an output exercise's cells.
In both, an import the grading environment cannot satisfy becomes a stand-in that raises a
clear error when used, and in a script a top-level statement that only uses such an import
(`plt.plot(...)`, `plt.show()`) is left out.

Made with `ast` in the grader's process, never by running the code. The text keeps every line
where it was (a left-out statement becomes `pass`), so a traceback's line numbers stay right.
"""
from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import Callable

STANDIN = "__grader_skipped__"
"""the name a generated module calls to make a stand-in (the sandbox's child provides it)"""
SKIPPED_STAR = "__grader_skipped__ * "
"""how a skipped `from … import *` is left in the code (a string that does nothing)"""


@dataclass(frozen=True)
class SkippedImport:
    line: int
    statement: str
    """the import as written (its first line)"""
    module: str
    """the top-level module that is not available"""
    names: tuple[str, ...]
    """the names it would have bound"""


@dataclass(frozen=True)
class Bindings:
    """What the code run before a piece left bound (a notebook's earlier cells, as a kernel
    holds them); what a view leaves for the code after it."""

    bound: frozenset[str] | None = None
    """names the kept code bound; None when unknown (a module read alone)"""
    gone: frozenset[str] = frozenset()
    """names whose last binding was left out: reading one would fail, or read a stale value"""
    tainted: frozenset[str] = frozenset()
    """names that hold stand-ins, or what a left-out script statement would have assigned"""
    star: bool = False
    """a kept `from … import *`, which may bind any name"""


@dataclass(frozen=True)
class View:
    text: str
    """the code to run, with as many lines as the original"""
    dropped: tuple[tuple[int, int], ...] = ()
    """(first, last) lines of the top-level statements left out"""
    unplotted: tuple[tuple[int, int], ...] = ()
    """(first, last) lines of script statements left out because they use a skipped import"""
    skipped: tuple[SkippedImport, ...] = ()
    binds: frozenset[str] = frozenset()
    """names the kept top-level statements bind"""
    own: frozenset[str] = frozenset()
    """of those, the names the code itself defines (a class, a function, an assignment), not
    those an import binds"""
    stars: tuple[str, ...] = ()
    """the modules of the kept `from … import *` statements"""
    froms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(module, names bound) of the other kept `from … import …` statements"""
    changed: bool = False
    after: Bindings = Bindings()
    """what the code leaves bound, for the code after it"""

    @property
    def tainted(self) -> frozenset[str]:
        return self.after.tainted


@dataclass
class _Edit:
    first: int
    first_col: int
    last: int
    last_col: int
    text: str


BUILTIN_NAMES = frozenset(dir(builtins))


def view(source: str, mode: str, available: Callable[[str], bool],
         future: bool = True, before: Bindings = Bindings(), relative: bool = False) -> View:
    """`mode`: "definitions" or "script". `available(module)` says whether the top-level module
    can be imported here. `future`: keep `from __future__` imports (a notebook's cells are
    joined into one module, where they could not stand). `before`: what the code before left
    (a notebook's earlier cells). `relative`: the code is a package's module, whose relative
    imports (`from .util import im2col`) work. Raises SyntaxError.

    As in a kernel, an import that fails binds nothing: a name an earlier statement bound
    keeps its value, and only a name bound nowhere before becomes a stand-in. A definitions
    view also leaves out a plain assignment that reads what was left out (`out = X` after
    `X = np.array(...)`), or, when what was bound before is known, a name bound nowhere."""
    tree = ast.parse(source)
    lines = source.split("\n")
    edits: list[_Edit] = []
    dropped, unplotted, skipped, stars, froms = [], [], [], [], []
    binds: set[str] = set()
    own: set[str] = set()
    known = None if before.bound is None else set(before.bound)
    gone, tainted, star = set(before.gone), set(before.tainted), before.star
    previous_dropped = False

    def bound(names) -> None:
        binds.update(names)
        gone.difference_update(names)
        if known is not None:
            known.update(names)

    for node in tree.body:
        span = (node.lineno, node.end_lineno or node.lineno)
        was_dropped, previous_dropped = previous_dropped, False
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                if not future:
                    edits.append(_edit(node, lines, "pass"))
                continue
            module = _top_module(node)
            names = _import_names(node)
            if module is None and relative:
                star = star or "*" in names
                bound(n for n in names if n != "*")
                continue
            if module is None or not available(module):
                missing = SkippedImport(node.lineno, lines[node.lineno - 1].strip()[:120],
                                        module or "." * getattr(node, "level", 1),
                                        tuple(n for n in names if n != "*"))
                skipped.append(missing)
                # a name bound before keeps its value; only the others hold stand-ins
                earlier = binds | (known or set())
                tainted.update(n for n in missing.names if n not in earlier)
                edits.append(_edit(node, lines, _standins(missing)))
                continue
            if "*" in names:
                star = True
                stars.append(node.module)
            elif isinstance(node, ast.ImportFrom):
                froms.append((node.module, tuple(names)))
            bound(n for n in names if n != "*")
            continue
        keep = _keeps(node) if mode == "definitions" else not (_uses(node) & tainted)
        if keep and mode == "definitions" and isinstance(node, (ast.Assign, ast.AnnAssign)):
            reads = _uses(node)
            keep = not (reads & gone) and (known is None or star
                                           or not (reads - known - BUILTIN_NAMES))
        if keep:
            bound(_bound(node))
            own.update(_bound(node))
            continue
        targets = _bound(node)
        if mode == "script":
            tainted.update(targets)
            unplotted.append(span)
        elif not _silent(node):
            if was_dropped:  # one stretch of left-out code, one place in the notes
                span = (dropped.pop()[0], span[1])
            dropped.append(span)
            previous_dropped = True
            gone.update(targets)
        edits.append(_edit(node, lines, "pass"))
    for edit in sorted(edits, key=lambda e: (e.first, e.first_col), reverse=True):
        _apply(lines, edit)
    after = Bindings(None if known is None else frozenset(known), frozenset(gone),
                     frozenset(tainted), star)
    return View("\n".join(lines), tuple(dropped), tuple(unplotted), tuple(skipped),
                frozenset(binds), frozenset(own), tuple(stars), tuple(froms), bool(edits),
                after)


def _keeps(node: ast.stmt) -> bool:
    """Whether a definitions view keeps a top-level statement."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Pass,
                         ast.Global, ast.Nonlocal)):
        return True
    if isinstance(node, ast.Expr):
        return isinstance(node.value, ast.Constant)  # a docstring
    if isinstance(node, ast.Assign):
        return all(_plain_target(t) for t in node.targets) and _plain_value(node.value)
    if isinstance(node, ast.AnnAssign):
        return isinstance(node.target, ast.Name) and (node.value is None
                                                      or _plain_value(node.value))
    if isinstance(node, ast.Try):
        inner = node.body + node.orelse + node.finalbody + [s for h in node.handlers
                                                            for s in h.body]
        return all(isinstance(s, (ast.Import, ast.ImportFrom, ast.Raise)) or _keeps(s)
                   for s in inner)
    return False


def _silent(node: ast.stmt) -> bool:
    """Left out without a word: an `if __name__ == "__main__":` block never runs on import."""
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def _plain_target(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return True
    return isinstance(node, (ast.Tuple, ast.List)) and all(_plain_target(e) for e in node.elts)


def _plain_value(node: ast.expr) -> bool:
    """A value that costs nothing and runs nothing: a literal, a name, an attribute of one
    (`Relu1 = Relu`, `apple = 100`, `W = [[1, 2]]`)."""
    if isinstance(node, (ast.Constant, ast.Name)):
        return True
    if isinstance(node, ast.Attribute):
        return _plain_value(node.value)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_plain_value(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is None or _plain_value(k) for k in node.keys) and all(
            _plain_value(v) for v in node.values)
    if isinstance(node, ast.UnaryOp):
        return _plain_value(node.operand)
    if isinstance(node, ast.BinOp):
        return _plain_value(node.left) and _plain_value(node.right)
    return False


def _top_module(node: ast.Import | ast.ImportFrom) -> str | None:
    """The top-level module an import needs; None for a relative import."""
    if isinstance(node, ast.ImportFrom):
        return None if node.level else (node.module or "").split(".")[0]
    return node.names[0].name.split(".")[0]


def _import_names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.asname or a.name.split(".")[0] for a in node.names]
    return [a.asname or a.name for a in node.names]


def _standins(missing: SkippedImport) -> str:
    """One line: each name the import would bind keeps the value it had (a kernel's failed
    import binds nothing), else becomes a stand-in. A `*` import binds nothing, and leaves
    its statement behind as a string, for the diagnosis of a name it would have brought."""
    if not missing.names:
        return repr(f"{SKIPPED_STAR}{missing.module}|{missing.statement}")
    what = repr(missing.statement)
    return "; ".join(f"{name} = globals()[{name!r}] if {name!r} in globals() else "
                     f"{STANDIN}({what}, {name!r}, {missing.module!r})"
                     for name in missing.names)


def _bound(node: ast.stmt) -> set[str]:
    """Names a top-level statement binds."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    found = set()
    targets = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [i.optional_vars for i in node.items if i.optional_vars is not None]
    for target in targets:
        found |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return found


def _uses(node: ast.stmt) -> set[str]:
    if not isinstance(node, (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign)):
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}


def _col(line: str, byte_offset: int) -> int:
    """ast's column (UTF-8 bytes) as a position in the str."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", "replace"))


def _edit(node: ast.stmt, lines: list[str], text: str) -> _Edit:
    first, last = node.lineno, node.end_lineno or node.lineno
    start = getattr(node, "decorator_list", None)
    if start:
        first = min(first, min(d.lineno for d in start))
    return _Edit(first, _col(lines[first - 1], node.col_offset if first == node.lineno else 0),
                 last, _col(lines[last - 1], node.end_col_offset or len(lines[last - 1])), text)


def _apply(lines: list[str], edit: _Edit) -> None:
    """Replace the statement's text; its other lines become empty (what followed it on its
    last line moves up to its first)."""
    head = lines[edit.first - 1][: edit.first_col]
    tail = lines[edit.last - 1][edit.last_col:]
    for i in range(edit.first, edit.last):
        lines[i] = ""
    lines[edit.first - 1] = head + edit.text + tail
