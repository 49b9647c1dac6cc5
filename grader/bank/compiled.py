"""The bank compiled: each spec as it loaded from its YAML, kept in a cache file, so that a run
reads no YAML (and imports neither PyYAML nor the loader) unless a spec changed; a spec is
rebuilt into its classes, a check's params into its kind's (whose module imports numpy, which
the run needs to judge anyway).

Where (`grader.caches`): `<bank>/__pycache__/specs.<interpreter>.bin`, beside the YAML; where
that cannot be written (a bank installed by another user), in the user's cache folder,
`$XDG_CACHE_HOME/backprop-grader/` (else `~/.cache/backprop-grader/`), under a name made from
the bank's path. Deleting the file clears it; the next run writes it again.

What it holds: for each spec file, its name, a digest of its bytes and the spec it loaded
into; for the whole file, a key of the grader's version, the interpreter and the bank code's
own files (`grader/bank/*.py`, this one included). An entry is used only when its file's bytes
and that key are the same now; any other entry, a file that is stale, truncated, corrupt or
unreadable is read as a miss: the YAML is read, and the cache written again. A spec that did
not load is never cached (its problem is said from the YAML, every run). Writes are atomic
(`grader.atomic`): graders writing at once each replace the file whole, the last one stays.

Why marshal and not pickle: the file is written and read by the grader alone, but it lies
where the user's other programs (a student's code in same-user mode, SECURITY.md) can write,
and unpickling runs whatever the file says. marshal builds only plain values; a spec is stored
as the name of its class and its fields, and rebuilt only into the classes of `spec` and the
kinds' params (`classes`), through their constructors: a forged file can say no more than a
forged YAML file could.
"""
from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import caches
from ..version import __version__
from . import spec as specs


@lru_cache(maxsize=1)
def classes() -> dict[str, type]:
    """The only classes an entry is rebuilt into: the spec's, and each check kind's params
    (which its module of `grading/checks/` owns). The kinds are imported when a spec is first
    stored or rebuilt, not with this module: reading which exercises the bank has needs none."""
    from ..grading.checks import PARAMS  # the kinds' modules import numpy: only when needed

    return {c.__name__: c for c in (*vars(specs).values(), *PARAMS) if isinstance(c, type)
            and dataclasses.is_dataclass(c)
            and (c.__module__ == specs.__name__ or c in PARAMS)}


TAG = b"\0spec"
"""first item of a stored spec value, (TAG, class name, fields): no tuple of a spec starts so"""
CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parents[1] / "grading" / "checks")
"""the code that reads a spec (the bank's, and each check kind's parser), whose files are part
of the key"""
FORMAT = 1


class Uncacheable(ValueError):
    """A spec holds a value the cache cannot store as it is (it is then read from its YAML)."""


class Compiled:
    """The cache of one bank folder, read when first asked: `get` a spec by its file, `put` the
    ones read from YAML, `save` them. A spec is taken only for its file's bytes as they are at
    `get`, so one `Compiled` serves a process as long as it lives (`--watch`)."""

    def __init__(self, folder: Path):
        users = caches.users()
        named = _digest(os.fsencode(os.path.abspath(folder))).hex()[:16]
        self.places = (caches.beside(folder) / FILE_NAME,
                       users / f"bank-{named}.{FILE_NAME}" if users else None)
        self.stored: dict[str, list[tuple[bytes, bytes]]] = {}
        """file name -> its entries in the places read, in their order: (digest of the file's
        bytes, its spec as marshal data)"""
        self.fresh: dict[str, tuple[bytes, bytes]] = {}
        """file name -> its entry for a spec read from YAML in this run"""
        self.read = 0
        """how many of `places` were read (the second only after a miss in the first)"""

    def get(self, path: Path) -> specs.ExerciseSpec | None:
        """The spec of file `path`, when the cache holds it for the file's bytes as they are."""
        try:
            digest = _digest(path.read_bytes())
        except OSError:
            return None
        tried = 0
        while True:
            for said, data in self.stored.get(path.name, ())[tried:]:
                tried += 1
                if said == digest:
                    try:
                        return dataclasses.replace(decode(marshal.loads(data)), source=str(path))
                    except Exception:  # a corrupt entry is a miss: the YAML is read
                        pass
            if self.read == len(self.places):
                return None
            self._read_next()

    def put(self, path: Path, spec: specs.ExerciseSpec) -> None:
        """Keep `spec`, loaded just now from file `path`, unless the cache would not give it
        back equal."""
        try:
            digest = _digest(path.read_bytes())
            data = marshal.dumps(encode(dataclasses.replace(spec, source="")))
            if dataclasses.replace(decode(marshal.loads(data)), source=spec.source) != spec:
                raise Uncacheable(path.name)
        except (OSError, ValueError):
            return
        self.fresh[path.name] = (digest, data)

    def save(self, present: set[str]) -> None:
        """Write the cache when something was put, with what it held for the other files of
        `present` (the folder's spec files now): beside the bank, else in the user's cache
        folder. A cache that cannot be written only makes the next run slower."""
        if not self.fresh:
            return
        while self.read < len(self.places):
            self._read_next()
        kept = {name: self.fresh.get(name) or self.stored[name][0] for name in present
                if name in self.fresh or self.stored.get(name)}
        for name, entry in self.fresh.items():  # saved: stored, first
            self.stored[name] = [entry, *self.stored.get(name, ())]
        self.fresh = {}
        data = marshal.dumps((FORMAT, key(), kept))
        from ..atomic import write_bytes_atomic  # only when writing: tempfile's imports

        for place in self.places:
            if place is None:
                continue
            try:
                if caches.made(place.parent):
                    write_bytes_atomic(place, data)
                    return
            except OSError:
                continue

    def _read_next(self) -> None:
        """Add the entries of the next place."""
        place = self.places[self.read]
        self.read += 1
        if place is None:
            return
        try:
            with open(place, "rb") as f:
                form, said, entries = marshal.loads(f.read())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if form != FORMAT or said != key() or type(entries) is not dict:
            return
        for name, entry in entries.items():
            if (type(name) is str and type(entry) is tuple and len(entry) == 2
                    and all(type(part) is bytes for part in entry)):
                self.stored.setdefault(name, []).append(entry)


FILE_NAME = f"specs.{sys.implementation.cache_tag or 'python'}.bin"


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@lru_cache(maxsize=1)
def key() -> bytes:
    """The grader's version, the interpreter (marshal's format is its own) and the files of the
    code that reads a spec, by their bytes: any change there makes every entry stale."""
    said = [__version__.encode(), sys.version.encode(), str(marshal.version).encode()]
    for path in sorted(path for folder in CODE for path in folder.glob("*.py")):
        said += [path.name.encode(), _digest(path.read_bytes())]
    return _digest(b"\0".join(said))


def encode(value: Any) -> Any:
    """A spec's value as plain data marshal stores: a spec class's instance as (TAG, its class
    name, {field: value}); tuples, lists and dicts with their items encoded; the rest as it is
    (Uncacheable when marshal cannot store it)."""
    if isinstance(value, (str, int, float, bool, type(None), bytes)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if classes().get(name) is not type(value):
            raise Uncacheable(name)
        return (TAG, name, {f.name: encode(getattr(value, f.name))
                            for f in dataclasses.fields(value)})
    if type(value) is tuple:
        if value and type(value[0]) is bytes and value[0] == TAG:
            raise Uncacheable("a tuple that reads as a stored spec")
        return tuple(encode(v) for v in value)
    if type(value) is list:
        return [encode(v) for v in value]
    if type(value) is dict:
        if not all(isinstance(k, (str, int, float, bool, type(None))) for k in value):
            raise Uncacheable("a mapping with keys that are not plain")
        return {k: encode(v) for k, v in value.items()}
    raise Uncacheable(type(value).__name__)


def decode(value: Any) -> Any:
    """The value `encode` stored, rebuilt: a stored spec into its class (one of `classes()`, by its
    constructor), containers with their items decoded."""
    kind = type(value)
    if kind is tuple:
        if value and type(value[0]) is bytes and value[0] == TAG:
            _, name, fields = value
            return classes()[name](**{k: decode(v) for k, v in fields.items()})
        return tuple(decode(v) for v in value)
    if kind is list:
        return [decode(v) for v in value]
    if kind is dict:
        return {k: decode(v) for k, v in value.items()}
    return value
