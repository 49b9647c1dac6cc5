"""A failure that comes from another exercise's file: p233 fails because p214.py, which it
imports, does not load.

Told from the exception alone: where its innermost frame of the student's files is (another
`p<ID>.py`), and whether that file was loading (its module level, or a SyntaxError in it). A
file that raises later, inside a function, is blamed only for what no caller can cause: a name
it never defined, a method it left unwritten, a misspelt numpy function, an attribute that no
method of its class ever stores. A shape or type error, or an attribute that a method would
have stored had it been called first, may come from what the importing exercise did, so it
stays that exercise's.
"""
from __future__ import annotations

import ast
import dataclasses
import re
from typing import Mapping

from ...results import Cause
from ..checks import JUDGES
from ..sources.finder import exact
from . import Finding, sources

MISSING_MODULE = re.compile(r"No module named '(\w+)'")
LOADING = ("SyntaxError", "IndentationError", "TabError")
NOT_THE_CALLERS = ("NameError", "UnboundLocalError", "NotImplementedError", "ImportError",
                   "ModuleNotFoundError")
"""exceptions raised inside a function whatever the arguments it was given"""


def from_error(filename: str, error: dict | None,
               texts: Mapping[str, str] | None = None) -> Cause | None:
    """The other exercise's file to blame for `error` (raised while grading `filename`);
    `texts`, the submission's Python files, tell an attribute that file never stores."""
    if not isinstance(error, dict):
        return None
    kind, message = str(error.get("type") or ""), str(error.get("message") or "")
    missing = MISSING_MODULE.search(message) if kind == "ModuleNotFoundError" else None
    missing_file = f"{missing.group(1)}.py" if missing else ""
    missing_root = exact(missing_file)
    if missing_root and missing_file != filename:
        return Cause(missing_root, missing_file, "missing")
    frames = [f for f in error.get("frames") or [] if isinstance(f, dict)]
    for frame in frames:  # outermost first: the other exercise's file that was loading
        file = str(frame.get("file") or "")
        root = exact(file)
        if root and file != filename and (frame.get("function") == "<module>"
                                          or kind in LOADING):
            return Cause(root, file, "load")
    if not frames:
        return None
    last = frames[-1]
    file = str(last.get("file") or "")
    root = exact(file)
    if root is None or file == filename:
        return None
    if kind in NOT_THE_CALLERS or (kind == "AttributeError" and message.startswith(
            "module 'numpy' has no attribute")) or _never_stored(error, file, texts or {}):
        line = last.get("line")
        return Cause(root, file, "raises", str(last.get("function") or "")[:80],
                     line if isinstance(line, int) else 0)
    return None


def _never_stored(error: dict, file: str, texts: Mapping[str, str]) -> bool:
    """The failing method reads self.<name> that no method of its class (but __init__, with
    None) ever stores: whatever the caller did first, that file is wrong (`mask = x <= 0` for
    `self.mask = …`)."""
    klass = error.get("klass")
    names = [a.get("name") for a in error.get("attributes") or [] if isinstance(a, dict)]
    if not isinstance(klass, str) or not names or file not in texts:
        return False
    methods = {q: node for q, node in sources.functions(texts[file]).items()
               if q.startswith(f"{klass}.") and not q.endswith(".__init__")}
    return bool(methods) and not any(sources.assigns_attribute(node, name)
                                     for node in methods.values() for name in names
                                     if isinstance(name, str))


def from_module(filename: str, module: str | None) -> Cause | None:
    """The other exercise's module that never finished loading (a hang), if it is one."""
    if not module or f"{module}.py" == filename:
        return None
    root = exact(f"{module}.py")
    return Cause(root, f"{module}.py", "hangs") if root else None


CAUSE_TEXTS = {"load": "cause_load", "raises": "cause_raises", "uses": "cause_uses",
               "missing": "cause_missing"}
"""how another exercise's file made this one fail -> its sentence (a hang's message says it)"""


def words(cause: Cause, exercise: str, lang: str) -> str:
    where = Finding("", "where_function", dict(function=cause.function, line=cause.line))
    return Finding("", CAUSE_TEXTS[cause.how], dict(
        exercise=exercise, root=cause.exercise, file=cause.file, where=where,
        name=cause.function)).text(lang)


# -- a layer of another exercise, used by this one ---------------------------------------------

def through_layers(exercises: tuple, job, specs: list, lang: str) -> tuple:
    """The submission's results, where an exercise whose first failing check has no hint uses
    a class of another exercise that fails its own checks (237's network and the `Sigmoid` of
    216): that check then says so (before any later check's hint, which may be the same
    layer's consequence), and the dashboard counts it there.

    The class is that exercise's when the file it is imported from is the exercise's graded
    file, or holds the same code for it (`common/layers.py` beside a copy of it as `p216.py`);
    in a notebook, when both are graded on the same notebook's cells. And the failure must be
    one that class can have caused: an exception that rose in the layers' code (not in the
    network's own), or a value that the network computes with it (a wrong `y = net.predict(x)`
    is never the SoftmaxWithLoss's, which only `loss` and `gradient` use). Read from the files
    with `ast`; nothing runs."""
    failed = {e.id for e in exercises if e.status in ("failed", "error", "timeout")}
    bank = {s.id: s for s in specs}
    owner = {name: spec.id for spec in bank.values() if spec.kind == "api"
             for name in spec.defines}
    out = []
    for e in exercises:
        spec = bank.get(e.id)
        first = next((c for c in e.checks if c.status in ("failed", "error")), None)
        if spec is None or first is None or first.hint or first.cause \
                or not _runs_methods(spec, first.name):
            out.append(e)
            continue
        cause = _layer_cause(spec, job, specs, bank, owner, failed - {e.id}, first)
        if cause is None:
            out.append(e)
            continue
        checks = tuple(dataclasses.replace(c, cause=cause, message=words(cause, e.id, lang)
                                           + "\n" + c.message) if c is first else c
                       for c in e.checks)
        out.append(dataclasses.replace(e, checks=checks))
    return tuple(out)


@dataclasses.dataclass(frozen=True)
class _Suspect:
    """A failing exercise's class that the exercise's own code uses."""

    cause: Cause
    name: str
    own_code: str
    """the code of the exercise's own classes (where the network keeps its layers)"""


def _layer_cause(spec, job, specs: list, bank: Mapping, owner: Mapping[str, str],
                 failed: set, first) -> Cause | None:
    """The failing exercise whose class this one uses and that can have caused the failure
    of `first`, its first failing check (see `through_layers`)."""
    suspects, layers_file = _suspects(spec, job, specs, bank, owner, failed)
    if not suspects:
        return None
    if first.status == "error":  # it rose in the layers' code, and in whose class
        where = first.error_line
        if where is None or where[0] != layers_file or (
                first.error_cell is not None and first.error_cell == _own_cell(spec, job,
                                                                                specs)):
            return None
        inside = _class_at(_text({**job.files.files, **job.source(spec, specs).overlay}
                                 .get(layers_file)), where[1]) if not first.error_cell else None
        return next((s.cause for s in suspects if s.name == inside), suspects[0].cause)
    method = _method_of(spec, first)
    return next((s.cause for s in suspects if method is None
                 or _reaches(s.own_code, method, s.name, set(spec.needs), bank)), None)


def _suspects(spec, job, specs, bank, owner, failed) -> tuple[list[_Suspect], str | None]:
    """The failing exercises' classes the exercise's own code uses, and the file they are
    in (the layers' module, or the notebook)."""
    source = job.source(spec, specs)
    if source.kind == "missing" or source.problem:
        return [], None
    own_names = set(spec.defines) | {a for v in spec.aliases.values() for a in v}
    needed = {n for need in spec.needs if need in bank for n in bank[need].defines}
    if source.kind in ("notebook", "kernel"):
        choice = job.resolution(specs).choices.of(spec.id)
        defined = getattr(choice, "defined", None)
        if defined is None or defined.code != _cell_code(defined.cell):
            return [], None  # imported from the student's module: its layers are its own
        used = _used(defined.code, own_names) | needed
        return [_Suspect(Cause(exercise, source.path or "", "uses", name), name, defined.code)
                for name, exercise in sorted(owner.items())
                if exercise in failed and name in used
                and job.source(bank[exercise], specs).path == source.path], source.path
    pool = {**job.files.files, **source.overlay}
    own = _text(pool.get(source.file))
    # what the exercise's own code reads, and the classes the checks take from the exercises
    # it needs (237's sigmoid network, built with p216's Sigmoid when the file names none)
    used = _used(own, own_names) | needed
    for module, names in _imports(own):
        file = _module_file(module, source.paths, pool)
        if file is None:
            continue
        text = _text(pool[file])
        found = []
        for name in (names or sources.classes(text)):
            exercise = owner.get(name) if name in used else None
            if exercise not in failed or name not in sources.classes(text):
                continue
            theirs = job.source(bank[exercise], specs)
            graded = _text({**job.files.files, **theirs.overlay}.get(theirs.file))
            if sources.classes(graded).get(name) == sources.classes(text)[name]:
                found.append(_Suspect(Cause(exercise, file, "uses", name), name, own))
        if found:
            return found, file
    return [], None


def _cell_code(cell) -> str | None:
    from ..sources.notebook import python_of

    return python_of(cell.source).code


def _own_cell(spec, job, specs) -> int | None:
    choice = job.resolution(specs).choices.of(spec.id)
    defined = getattr(choice, "defined", None)
    return defined.cell.number if defined is not None else None


def _method_of(spec, check) -> str | None:
    """The exercise's method that computed the value a failing check compared (`loss` for
    `loss = net.loss(x, t)`, `gradient` for `dW1 = grads['W1']` after `grads =
    net.gradient(x, t)`); None when it cannot be told (then any may have)."""
    from .unset import check_code

    name = check.detail.name if check.detail is not None else ""
    spec_check = next((c for c in spec.checks if c.name == check.name), None)
    tree = sources.parsed(check_code(spec_check)) if spec_check is not None else None
    if tree is None or not name.isidentifier():
        return None
    values = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name):
                values[target.id] = node.value
            elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                    and len(target.elts) == len(node.value.elts):
                values.update((t.id, v) for t, v in zip(target.elts, node.value.elts)
                              if isinstance(t, ast.Name))
    value = values.get(name)
    for _ in range(3):  # `dW1 = grads['W1']` after `grads = net.gradient(x, t)`
        if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name):
            value = values.get(value.value.id)
        elif isinstance(value, ast.Name):
            value = values.get(value.id)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        return value.func.attr
    return None


def _reaches(own_code: str, method: str, name: str, needed: set, bank: Mapping) -> bool:
    """Whether the exercise's `method` (or a method of its class that it calls) reads an
    attribute of self that holds a `name` object: `self.lastLayer = SoftmaxWithLoss()` is read
    by `loss`, not `predict`. A class the checks take from a needed exercise (237's Sigmoid)
    sits where the layers are."""
    tree = sources.parsed(own_code)
    if tree is None:
        return True
    for klass in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        methods = {f.name: f for f in klass.body if isinstance(f, ast.FunctionDef)}
        if method not in methods:
            continue
        holds = {a: _made(v) for a, v in _self_assignments(klass)}
        layers = {a for a, made in holds.items() if made}
        wanted = {a for a, made in holds.items() if name in made}
        if any(name in bank[n].defines for n in needed if n in bank):
            wanted |= layers
        reached = {method} | {c for c in _self_calls(methods[method]) if c in methods}
        read = {a for m in reached for a in _self_reads(methods[m])}
        return bool(read & wanted)
    return True


def _self_assignments(klass: ast.ClassDef):
    """(attribute, value) of `self.A = value` and `self.A[key] = value` in a class."""
    for node in ast.walk(klass):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                base = target.value if isinstance(target, ast.Subscript) else target
                if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name) \
                        and base.value.id == "self":
                    yield base.attr, node.value


def _made(value: ast.expr) -> set[str]:
    """The classes a value makes objects of (`SoftmaxWithLoss()`, `Affine(W1, b1)`)."""
    return {n.func.id for n in ast.walk(value) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)}


def _self_calls(method: ast.FunctionDef) -> set[str]:
    return {n.func.attr for n in ast.walk(method) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
            and n.func.value.id == "self"}


def _self_reads(method: ast.FunctionDef) -> set[str]:
    return {n.attr for n in ast.walk(method) if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name) and n.value.id == "self"
            and isinstance(n.ctx, ast.Load)}


def _class_at(text: str, line: int) -> str | None:
    """The top-level class of a file whose code holds `line`."""
    tree = sources.parsed(text)
    return next((n.name for n in (tree.body if tree else ()) if isinstance(n, ast.ClassDef)
                 and n.lineno <= line <= (n.end_lineno or n.lineno)), None)


def _text(content: bytes | None) -> str:
    return content.decode("utf-8", "replace") if content else ""


def _runs_methods(spec, check_name: str) -> bool:
    """Whether a check runs the exercise's class, and so its layers (`net.predict(x)`, a
    training run), rather than only building it (237's parameters: a wrong initialisation is
    the network's own)."""
    from .unset import check_code

    check = next((c for c in spec.checks if c.name == check_name), None)
    if check is None or JUDGES[check.kind].runs_the_class:
        return check is not None
    methods = {q.rpartition(".")[2] for q in sources.functions(spec.stub) if "." in q} - {
        "__init__"}
    tree = sources.parsed(check_code(check))
    return tree is not None and any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in methods
        for n in ast.walk(tree))


def _used(text: str, own: set[str]) -> set[str]:
    """The names the code of `own` (the exercise's classes and functions) reads, in a file or
    a cell (what the file only imports, or another class of it uses, it does not use)."""
    tree = sources.parsed(text)
    nodes = [n for n in (tree.body if tree else ()) if isinstance(
        n, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.name in own]
    return {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}


def _imports(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names; empty for `*`) of a file's top-level `from … import …` statements."""
    tree = sources.parsed(text)
    if tree is None:
        return []
    return [(node.module, tuple(a.name for a in node.names if a.name != "*"))
            for node in tree.body if isinstance(node, ast.ImportFrom) and node.module
            and not node.level]


def _module_file(module: str, paths, pool: Mapping[str, bytes]) -> str | None:
    relative = module.replace(".", "/") + ".py"
    for folder in paths:
        path = f"{folder}/{relative}" if folder else relative
        if path in pool:
            return path
    return None
