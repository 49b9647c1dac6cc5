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
from . import sources

EXERCISE_FILE = re.compile(r"p(\d+)\.py")
MISSING_MODULE = re.compile(r"No module named '(p\d+)'")
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
    if missing and f"{missing.group(1)}.py" != filename:
        return Cause(missing.group(1)[1:], f"{missing.group(1)}.py", "missing")
    frames = [f for f in error.get("frames") or [] if isinstance(f, dict)]
    for frame in frames:  # outermost first: the other exercise's file that was loading
        file = str(frame.get("file") or "")
        match = EXERCISE_FILE.fullmatch(file)
        if match and file != filename and (frame.get("function") == "<module>"
                                           or kind in LOADING):
            return Cause(match.group(1), file, "load")
    if not frames:
        return None
    last = frames[-1]
    file = str(last.get("file") or "")
    match = EXERCISE_FILE.fullmatch(file)
    if match is None or file == filename:
        return None
    if kind in NOT_THE_CALLERS or (kind == "AttributeError" and message.startswith(
            "module 'numpy' has no attribute")) or _never_stored(error, file, texts or {}):
        line = last.get("line")
        return Cause(match.group(1), file, "raises", str(last.get("function") or "")[:80],
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
    match = EXERCISE_FILE.fullmatch(f"{module}.py")
    return Cause(match.group(1), f"{module}.py", "hangs") if match else None


def words(cause: Cause, exercise: str, lang: str) -> str:
    from .. import messages

    where = messages.say("where_function", lang, function=cause.function, line=cause.line)
    return messages.say(f"cause_{cause.how}", lang, exercise=exercise, root=cause.exercise,
                        file=cause.file, where=where, name=cause.function)


# -- a layer of another exercise, used by this one ---------------------------------------------

def through_layers(exercises: tuple, job, specs: list, lang: str) -> tuple:
    """The submission's results, where an exercise that failed without a hint of its own uses
    a class of another exercise that fails its own checks (237's network and the `Sigmoid` of
    216): its first failing check then says so, and the dashboard counts it there. The class is
    that exercise's when the file it is imported from is the exercise's graded file, or holds
    the same code for it (`common/layers.py` beside a copy of it as `p216.py`); in a notebook,
    when both are graded on the same notebook, whose cells define the class. Read from the
    files with `ast`; nothing runs."""
    failed = {e.id for e in exercises if e.status in ("failed", "error", "timeout")}
    bank = {s.id: s for s in specs}
    owner = {name: spec.id for spec in bank.values() if spec.kind == "api"
             for name in spec.defines}
    out = []
    for e in exercises:
        spec = bank.get(e.id)
        first = next((c for c in e.checks if c.status in ("failed", "error")), None)
        if spec is None or first is None or any(c.hint or c.cause for c in e.checks) \
                or not _runs_methods(spec, first.name):
            out.append(e)
            continue
        cause = _layer_cause(spec, job, specs, bank, owner, failed - {e.id}, first.error_line)
        if cause is None:
            out.append(e)
            continue
        checks = tuple(dataclasses.replace(c, cause=cause, message=words(cause, e.id, lang)
                                           + "\n" + c.message) if c is first else c
                       for c in e.checks)
        out.append(dataclasses.replace(e, checks=checks))
    return tuple(out)


def _layer_cause(spec, job, specs: list, bank: Mapping, owner: Mapping[str, str],
                 failed: set, where: tuple[str, int] | None) -> Cause | None:
    """The failing exercise whose class this one uses; of several, the one whose code the
    check's error rose in (`where`: file and line), else the first in the file."""
    source = job.source(spec, specs)
    if source.kind == "missing" or source.problem:
        return None
    own_names = set(spec.defines) | {a for v in spec.aliases.values() for a in v}
    if source.kind in ("notebook", "kernel"):
        choice = job.resolution(specs).choices.of(spec.id)
        defined = getattr(choice, "defined", None)
        used = _used(defined.code, own_names) if defined is not None else set()
        for name, exercise in sorted(owner.items()):
            other = job.source(bank[exercise], specs) if exercise in failed else None
            if other is not None and other.path == source.path and name in used:
                return Cause(exercise, source.path or "", "uses", name)
        return None
    pool = {**job.files.files, **source.overlay}
    own = _text(pool.get(source.file))
    # what the exercise's own code reads, and the classes the checks take from the exercises
    # it needs (237's sigmoid network, built with p216's Sigmoid when the file names none)
    used = _used(own, own_names) | {n for need in spec.needs if need in bank
                                    for n in bank[need].defines}
    for module, names in _imports(own):
        file = _module_file(module, source.paths, pool)
        if file is None:
            continue
        text = _text(pool[file])
        blamed = []
        for name in (names or sources.classes(text)):
            exercise = owner.get(name) if name in used else None
            if exercise not in failed or name not in sources.classes(text):
                continue
            theirs = job.source(bank[exercise], specs)
            graded = _text({**job.files.files, **theirs.overlay}.get(theirs.file))
            if sources.classes(graded).get(name) == sources.classes(text)[name]:
                blamed.append(Cause(exercise, file, "uses", name))
        if blamed:
            inside = _class_at(text, where[1]) if where and where[0] == file else None
            return next((c for c in blamed if c.function == inside), blamed[0])
    return None


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
    if check is None or check.kind == "training":
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
