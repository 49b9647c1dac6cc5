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
                        file=cause.file, where=where)
