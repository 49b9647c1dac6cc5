"""The methods `dataclasses` writes for each dataclass, compiled once and kept for the next run.

For every class `@dataclass(frozen=True)` writes the source of __init__, __repr__, __eq__,
__hash__, __setattr__ and __delattr__ and compiles it: in Python 3.11, 0.6-0.9 ms a class, 40 ms
of `grader check`'s start for its 49 classes, a fifth of it. Here `dataclasses` compiles
through `_exec`, which takes the code from a cache keyed by the exact source text and the
interpreter, and compiles only what it has not seen: the same text compiled by the same
compiler, so the classes are the ones `dataclasses` makes. Python looks `exec` up in the
`dataclasses` module before the builtins, so nothing else changes. Each text's code is kept
marshalled on its own and read only when a class asks for it: the file holds the classes of
every command (560 texts), a run makes a fraction of them, and reading all of them took 3.6 ms.

Only the `grader` command's cold start uses it (`launch`), never an import of the package: a
notebook's kernel, a test runner or the warm grader (which loads once) keep their `dataclasses`
as it is. The cache is kept beside
the grader's bytecode (`caches`), read by the same user who could rewrite that bytecode; one
that cannot be read or written is a slower start, never an error.
"""
from __future__ import annotations

import dataclasses
import marshal
import sys
from types import CodeType

from . import caches
from .atomic import write_bytes_atomic  # now: no import once a job has run (`preload`)

FILE_NAME = f"dataclass-code.{sys.implementation.cache_tag or 'python'}.bin"
LIMIT = 4000
"""source texts kept at most (a grader that changes keeps the texts of its older classes)"""
_code: dict[str, bytes] = {}
"""source text -> its code, marshalled (read from the cache)"""
_compiled: dict[str, CodeType] = {}
"""texts compiled in this run, to be kept (`keep`)"""


def use() -> None:
    """From now on, `dataclasses` takes its compiled methods from the cache."""
    if "exec" in vars(dataclasses):
        return  # in use already
    try:
        with open(_place(), "rb") as f:
            version, code = marshal.loads(f.read())
        if version == sys.version and type(code) is dict:
            _code.update((text, c) for text, c in code.items()
                         if type(text) is str and type(c) is bytes)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    dataclasses.exec = _exec


def keep() -> None:
    """Write the cache when this run compiled something new."""
    if not _compiled:
        return
    compiled = {text: marshal.dumps(c) for text, c in _compiled.items()}
    code = {**_code, **compiled} if len(_code) + len(compiled) <= LIMIT else compiled
    _code.update(compiled)
    _compiled.clear()
    place = _place()
    try:
        if caches.made(place.parent):
            write_bytes_atomic(place, marshal.dumps((sys.version, code)))
    except (OSError, ValueError):
        pass


def _exec(text, globals=None, locals=None):
    """`exec` as `dataclasses` calls it, with its source text's code kept."""
    kept = _code.get(text) if type(text) is str else None
    code = _loaded(kept) if kept is not None else None
    if code is None:
        # dont_inherit: compiled as `dataclasses` compiles it, without this module's __future__
        code = compile(text, "<string>", "exec", dont_inherit=True)
        if type(text) is str:
            _compiled[text] = code
    exec(code, globals, locals)


def _loaded(data: bytes) -> CodeType | None:
    """A kept text's code; None if what was kept is not code (a miss: compiled again)."""
    try:
        code = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return code if type(code) is CodeType else None


def _place():
    from pathlib import Path

    return caches.beside(Path(__file__).parent) / FILE_NAME
