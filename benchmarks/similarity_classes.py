"""Classes built to measure similarity (benchmarks/bench_similarity.py): independent solutions,
and disguised copies of them.

`similarity_variants/p<ID>_<author>.py` are independent correct solutions, written differently
from each other and from `solutions/` (each passes its exercise). `disguise(text)` makes the copy
a student would hand in: every name of their own renamed, functions and methods in another
order, comments and docstrings changed, blank lines added and removed. It works on our own
files (it parses them with `ast`); the grader never does.
"""
from __future__ import annotations

import ast
import builtins
import io
import keyword
import random
import tokenize
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
VARIANTS = HERE / "similarity_variants"
INTERFACE = {"forward", "backward", "predict", "loss", "gradient", "accuracy", "params",
             "layers", "lastLayer", "dW", "db", "W", "b", "value", "grad", "self", "cls"}
"""names a copier keeps: the checks call them (methods, attributes, keyword arguments)"""
COMMENTS = ["# compute it", "# keep for backward", "# the gradient", "# TODO check shapes",
            "# done", "# from the lecture", "# 순전파", "# 역전파", "# step", "# result"]


def variants() -> dict[str, dict[str, str]]:
    """exercise id -> author -> text."""
    found: dict[str, dict[str, str]] = {}
    for path in sorted(VARIANTS.glob("p*_*.py")):
        ex_id, author = path.stem[1:].split("_", 1)
        found.setdefault(ex_id, {})[author] = path.read_text(encoding="utf-8")
    return found


def disguise(text: str, defines: tuple[str, ...] = (), seed: int = 0) -> str:
    """The copy: renamed, reordered, recommented, re-spaced."""
    rng = random.Random(seed)
    text = _reorder(text, rng)
    text = _rename(text, set(defines), rng)
    return _respace(text, rng)


def _own_names(tree: ast.AST, keep: set[str]) -> set[str]:
    """Names the student chose: variables, parameters without defaults, helper functions and
    classes, imported modules' aliases; not the interface, not what is imported by name."""
    imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                for a in n.names}
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.arguments):
            plain = node.posonlyargs + node.args
            own.update(a.arg for a in plain[:len(plain) - len(node.defaults)])
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
    methods = {f.name for c in ast.walk(tree) if isinstance(c, ast.ClassDef)
               for f in c.body if isinstance(f, ast.FunctionDef)}
    fixed = keep | INTERFACE | imported | methods | set(keyword.kwlist) | set(dir(builtins))
    return {n for n in own if n not in fixed and not n.startswith("__")}


def _rename(text: str, keep: set[str], rng: random.Random) -> str:
    tree = ast.parse(text)
    own = sorted(_own_names(tree, keep))
    own_attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                      and isinstance(n.ctx, ast.Store)} - set(dir(np)) - set(dir(np.ndarray))
    new = {name: f"{rng.choice(['my', 'tmp', 'val', 'the', 'v'])}_{name[::-1].lower()}{i}"
           for i, name in enumerate(own)}
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    out = []
    for i, t in enumerate(tokens):
        after_dot = i > 0 and tokens[i - 1].string == "."
        if t.type == tokenize.NAME and t.string in new and (
                not after_dot or t.string in own_attributes):
            t = t._replace(string=new[t.string])
        out.append(t)
    return tokenize.untokenize(out)


def _reorder(text: str, rng: random.Random) -> str:
    """Top-level functions, and the methods of each class, in another order (classes stay
    where they are: a subclass needs its base above it)."""
    lines = text.splitlines(keepends=True)
    tree = ast.parse(text)

    def span(node):
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        return first - 1, node.end_lineno

    def shuffled(body):
        """(start, end) slots of consecutive defs in body, and their texts in a new order."""
        defs = [n for n in body if isinstance(n, ast.FunctionDef)]
        if len(defs) < 2:
            return []
        texts = ["".join(lines[a:b]).rstrip("\n") + "\n" for a, b in map(span, defs)]
        order = list(range(len(defs)))
        while order == sorted(order):
            rng.shuffle(order)
        return [(span(d), texts[j]) for d, j in zip(defs, order)]

    edits = shuffled(tree.body)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            edits += shuffled(node.body)
    for (a, b), replacement in sorted(edits, reverse=True):
        lines[a:b] = [replacement]
    return "".join(lines)


def _respace(text: str, rng: random.Random) -> str:
    """Comments and docstrings changed; blank lines added and removed."""
    out = []
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    comments = {t.start[0]: t.start[1] for t in tokens if t.type == tokenize.COMMENT}
    docstrings = {t.start[0] for i, t in enumerate(tokens) if t.type == tokenize.STRING
                  and tokens[i - 1].type in (tokenize.INDENT, tokenize.NEWLINE, tokenize.NL)
                  and tokens[i + 1].type == tokenize.NEWLINE and t.start[0] == t.end[0]}
    for number, line in enumerate(text.splitlines(), 1):
        if number in docstrings:
            continue
        if number in comments:
            line = line[:comments[number]].rstrip()
            if not line:
                continue
        if not line.strip():
            if rng.random() < 0.6:
                continue
        elif rng.random() < 0.25 and not line.rstrip().endswith((",", "(", "[", "{", "\\")):
            indent = line[:len(line) - len(line.lstrip())]
            out.append(indent + rng.choice(COMMENTS))
        out.append(line)
        if line.strip() and rng.random() < 0.1 and not line.rstrip().endswith(
                (",", "(", "[", "{", "\\")):
            out.append("")
    return "\n".join(out) + "\n"
