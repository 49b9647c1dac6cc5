"""The jinja2 environment for every template shipped in the package.

A template is read from disk once, then kept (no auto-reload): in same-user mode the student's
code could rewrite the package's templates while the grader runs (see `grader.preload`).

A template's compiled code is kept for the next run (jinja2's bytecode cache, `Compiled`):
compiling the terminal report's templates took longer than reading them back (13 ms against
under 1 ms here), on every `grader check`.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2

from .. import caches
from ..text import encodable
from .words import kind_word, points

PACKAGE = Path(__file__).resolve().parent
"""grader.render: its templates are in templates/, their compiled code in its __pycache__"""


class Compiled(jinja2.FileSystemBytecodeCache):
    """The templates' compiled code, in the `__pycache__` of this package (beside its own
    bytecode, not among the templates), else in the user's cache folder (`grader.caches`).
    jinja2 takes a file only for its template's source as it is now (a digest of it is in the
    file); the key adds what else the code depends on: jinja2's version and this module (the
    environment's options, its filters' names). A file that cannot be read or written is a
    compile, never an error; writes are atomic (jinja2 writes a temporary file, then renames
    it). jinja2 reads the source's digest in the file with pickle and runs the code it holds:
    the file is the grader's own, where only the grader's user writes, as its bytecode and its
    templates (a job as `nobody` or in its namespaces cannot; in same-user mode a student's
    code could rewrite the templates themselves for the next run: SECURITY.md)."""

    def __init__(self, folder: Path):
        super().__init__(str(folder), "%s.j2c")
        self.folder = folder
        own = Path(__file__).read_bytes()
        self.key = hashlib.sha1(jinja2.__version__.encode() + b"\0" + own).hexdigest()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, f"{filename}|{self.key}")

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # truncated or not jinja2's: compiled again, and written again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if caches.made(self.folder):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass


def compiled_templates() -> Compiled | None:
    """Where the templates' compiled code is kept: in this package's `__pycache__` when the
    grader can write there, else in the user's cache folder; None when neither can be."""
    beside = caches.beside(PACKAGE)
    if caches.writable(beside):
        return Compiled(beside)
    users = caches.users()
    return Compiled(users / "templates") if users else None


@lru_cache(maxsize=None)
def environment(autoescape: bool) -> jinja2.Environment:
    """Every template writes points as `{{ x | points }}`: one way of writing a score (see
    `words.points`); a kind of exercise or check as `{{ kind | kind(lang) }}`."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("grader.render", "templates"),
        autoescape=autoescape, auto_reload=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
        bytecode_cache=compiled_templates())
    env.filters["points"] = points
    env.filters["kind"] = kind_word
    return env


def render(name: str, **context) -> str:
    """A template's text, which any UTF-8 file or terminal takes (see grader.text)."""
    return encodable(environment(name.endswith(".html.j2")).get_template(name).render(**context))
