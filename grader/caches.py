"""Where the grader keeps what it compiles for its next run (the bank's specs, the templates'
code): in a `__pycache__` folder beside the source, as Python keeps its bytecode (ignored by
git, the wheel, the bank's copies and the warm grader's key), else, where that folder cannot be
written (a grader installed by another user), in the user's cache folder. A cache is only ever
a faster start: one that cannot be read or written is a slower run, never an error."""
from __future__ import annotations

import os
from pathlib import Path

PYCACHE = "__pycache__"


def beside(folder: Path) -> Path:
    """The cache folder beside the source in `folder`."""
    return folder / PYCACHE


def writable(cache: Path) -> bool:
    """Whether the grader can write in `cache` (made when first written, so its parent when it
    is not there yet)."""
    target = cache if cache.exists() else cache.parent
    return target.is_dir() and os.access(target, os.W_OK | os.X_OK)


def users() -> Path | None:
    """The user's own cache folder for the grader: `$XDG_CACHE_HOME/backprop-grader`, else
    `~/.cache/backprop-grader`; None when neither can be named (no home)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        base = os.path.join(home, ".cache") if os.path.isabs(home) else ""
    return Path(base) / "backprop-grader" if base else None


def made(cache: Path) -> bool:
    """Make the cache folder (the user's only for the user: 0700); whether it is there."""
    try:
        cache.mkdir(mode=0o777 if cache.name == PYCACHE else 0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return cache.is_dir()
