"""Facts about an exception that only the student's process can see, sent as plain data.

The grader explains a failure from what happened (`grading.diagnosis`); some of what happened
exists only in the student's process, in the frame where the exception rose:
- `callee`, `signature`: for a TypeError about a call's arguments, the function called (found by
  the name the message gives, among the frame's names) and its parameters as the student wrote
  them, so that the grader can set them beside the exercise's;
- `attributes`: the `self.<name>` that the failing line reads and that no method has set
  (`missing`, with the object's attributes spelt alike) or that hold None;
- `nones`: the plain names of the failing line that hold None;
- `shapes`: the shapes of the arrays the failing line names (`self.W`, `x.T`), for a shape error;
- `near`: for a NameError, the frame's names closest to the missing one.

Only names are looked up, in dictionaries (`vars`, the class's `__dict__`): no student property,
`__getattr__` or call runs, and a lookup that fails is left out. Runs next to untrusted code: it
never raises, and what it sends is short.
"""
from __future__ import annotations

import ast
import difflib
import inspect
import os
import re
import types

import numpy as np

MAX_ITEMS = 8
MAX_TEXT = 200
CALL_ERROR = re.compile(r"^([A-Za-z_][\w.]*)\(\) (?:takes|missing|got an unexpected keyword|"
                        r"got multiple values)")
NAME_ERROR = re.compile(r"name '(\w+)' is not defined")
_MISSING = object()


def of(exc: BaseException, workdir: str) -> dict:
    """The facts of `exc` in the innermost frame of the student's own files (or, for a call that
    did not fit, the frame that made the call); empty when there are none."""
    try:
        frame = _innermost(exc, workdir)
        if frame is None:
            return {}
        facts: dict = {}
        message = str(exc)
        if isinstance(exc, TypeError) and CALL_ERROR.match(message):
            facts.update(_callee(CALL_ERROR.match(message).group(1), frame, workdir))
        if isinstance(exc, NameError) and NAME_ERROR.search(message):
            facts["near"] = _near(NAME_ERROR.search(message).group(1), frame)
        line = _line(frame)
        if line:
            reads = _reads(line)
            facts.update(_self_reads(reads, frame), **_nones(reads, frame))
            if isinstance(exc, (ValueError, TypeError, IndexError)):
                shapes = _shapes(reads, frame)
                if shapes:
                    facts["shapes"] = shapes
        return {k: v for k, v in facts.items() if v}
    except BaseException:  # a fact is a courtesy: never one more failure
        return {}


def _innermost(exc: BaseException, workdir: str):
    """The last frame of the traceback in the student's files or the check's snippet."""
    found, tb = None, exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith(workdir + os.sep) or name == "<check>":
            found = tb.tb_frame
        tb = tb.tb_next
    return found


def _line(frame) -> str:
    import linecache

    filename = frame.f_code.co_filename
    if filename == "<check>":
        return ""  # the grader has the snippet's statement already
    return linecache.getline(filename, frame.f_lineno).strip()[:MAX_TEXT]


def _reads(line: str) -> list[ast.expr]:
    """The names and attribute chains the line reads (not those it assigns to)."""
    text = line[:-1] if line.endswith(":") else line
    for candidate in (text, text.split("#", 1)[0].strip()):
        try:
            tree = ast.parse(candidate)
            break
        except SyntaxError:
            continue
    else:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
            found.append(node)
    return found


def _lookup(node: ast.expr, frame):
    """The value of a name or attribute chain, by dictionary lookups only; _MISSING if not
    found that way. Of an array only `.T` is read."""
    if isinstance(node, ast.Name):
        for scope in (frame.f_locals, frame.f_globals):
            if node.id in scope:
                return scope[node.id]
        return _MISSING
    if isinstance(node, ast.Attribute):
        base = _lookup(node.value, frame)
        if base is _MISSING:
            return _MISSING
        if isinstance(base, np.ndarray):
            return base.T if node.attr == "T" else _MISSING
        return _static(base, node.attr)
    return _MISSING


def _static(obj, name: str):
    """An attribute found in the instance's or its classes' dictionaries, without running any
    descriptor; _MISSING otherwise."""
    try:
        own = object.__getattribute__(obj, "__dict__")
    except BaseException:
        own = {}
    if isinstance(own, dict) and name in own:
        return own[name]
    for klass in type(obj).__mro__:
        if name in klass.__dict__:
            value = klass.__dict__[name]
            return value if not hasattr(type(value), "__get__") else _MISSING
    return _MISSING


def _self_reads(reads: list[ast.expr], frame) -> dict:
    """`self.<name>` read by the line that no method set, or that is None."""
    if "self" not in frame.f_locals:
        return {}
    this = frame.f_locals["self"]
    out, seen = [], set()
    for node in reads:
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id == "self" and node.attr not in seen):
            seen.add(node.attr)
            value = _static(this, node.attr)
            if value is _MISSING and not _has_descriptor(this, node.attr):
                out.append({"name": node.attr, "state": "missing",
                            "near": _near_attributes(this, node.attr)})
            elif value is None:
                out.append({"name": node.attr, "state": "None"})
    if not out:
        return {}
    return {"attributes": out[:MAX_ITEMS], "klass": type(this).__name__[:80],
            "method": frame.f_code.co_name[:80]}


def _near_attributes(this, name: str) -> list[str]:
    """The object's own attributes spelt like a missing one (`lastLayer` for `laseLayer`)."""
    try:
        names = [n for n in vars(this) if isinstance(n, str)]
    except TypeError:
        return []
    return [n[:80] for n in difflib.get_close_matches(name, names, n=2, cutoff=0.75)]


def _has_descriptor(obj, name: str) -> bool:
    return any(name in klass.__dict__ for klass in type(obj).__mro__)


def _nones(reads: list[ast.expr], frame) -> dict:
    names = []
    for node in reads:
        if isinstance(node, ast.Name) and node.id not in names and node.id != "self":
            if _lookup(node, frame) is None:
                names.append(node.id)
    return {"nones": names[:MAX_ITEMS]} if names else {}


def _shapes(reads: list[ast.expr], frame) -> list[dict]:
    out, seen = [], set()
    for node in reads:
        try:
            text = ast.unparse(node)
        except Exception:
            continue
        if text in seen or text == "np":
            continue
        seen.add(text)
        value = _lookup(node, frame)
        if isinstance(value, np.ndarray):
            out.append({"expr": text[:80], "shape": [int(n) for n in value.shape]})
    return out[:MAX_ITEMS]


def _callee(qualname: str, frame, workdir: str) -> dict:
    """The function a call did not fit, as the student defined it."""
    head, *rest = qualname.split(".")
    target = _MISSING
    for scope in (frame.f_locals, frame.f_globals):
        if head in scope:
            target = scope[head]
            break
    if target is _MISSING and rest:  # an instance or class of that name among the frame's values
        for scope in (frame.f_locals, frame.f_globals):
            for value in list(scope.values()):
                klass = value if isinstance(value, type) else type(value)
                if klass.__qualname__ == head:
                    target = klass
                    break
            if target is not _MISSING:
                break
    for part in rest:
        if target is _MISSING:
            break
        target = (target.__dict__.get(part, _MISSING) if isinstance(target, type)
                  else _static(target, part))
        if isinstance(target, (staticmethod, classmethod)):
            target = target.__func__
    if not isinstance(target, (types.FunctionType, type)):
        return {"callee": qualname[:MAX_TEXT]}
    function = target.__init__ if isinstance(target, type) else target
    facts = {"callee": qualname[:MAX_TEXT]}
    try:
        facts["signature"] = str(inspect.signature(function))[:MAX_TEXT]
    except (TypeError, ValueError):
        pass
    code = getattr(function, "__code__", None)
    if code is not None and code.co_filename.startswith(workdir + os.sep):
        facts["defined_in"] = {"file": os.path.relpath(code.co_filename, workdir)[:MAX_TEXT],
                               "line": code.co_firstlineno}
    return facts


def _near(name: str, frame) -> list[str]:
    import builtins

    names = {n for n in (*frame.f_locals, *frame.f_globals, *vars(builtins))
             if isinstance(n, str) and not n.startswith("__")}
    by_lower = {n.lower(): n for n in sorted(names)}
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.7)
    if name.lower() in by_lower and by_lower[name.lower()] not in close:
        close.insert(0, by_lower[name.lower()])
    this = frame.f_locals.get("self")
    if this is not None and _static(this, name) is not _MISSING:  # `W` kept as self.W
        close.insert(0, f"self.{name}")
    return [c[:80] for c in close[:3]]
