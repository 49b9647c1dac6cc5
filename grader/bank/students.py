"""The bank as it ships to students: hidden checks, and their frozen reference results, left out.

A check marked `visibility: hidden` counts only at the final grading. The students' wheel is
built from a copy of the bank written here: each spec with hidden checks is written again
without them (and without the mistakes that look only at them), saying how many were taken out
(`hidden_checks: N`, so a student's report can say they exist); its frozen results keep only the
visible checks'. The other files are copied as they are. The instructor's `exercises/` is never
changed.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from .catalogue import SPEC_FILE
from .loader import SAFE_LOADER


def write_students_bank(source: Path, target: Path) -> int:
    """Copy the bank `source` to `target` as students get it; returns how many hidden checks
    were left out."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    taken = 0
    for path in sorted(target.iterdir()):
        if SPEC_FILE.fullmatch(path.name):
            hidden = _without_hidden(path)
            if hidden:
                _prune_frozen(target / "frozen" / f"{path.stem}.json", hidden)
                taken += len(hidden)
    return taken


def _without_hidden(path: Path) -> set[str]:
    """Rewrite one spec file without its hidden checks; the names taken out. A file that does
    not read as a spec is left as it is (its problem is the loader's to say)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return set()
    checks = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(checks, list):
        return set()
    hidden = {c.get("name") for c in checks
              if isinstance(c, dict) and c.get("visibility") == "hidden"}
    if not hidden:
        return set()
    data["checks"] = [c for c in checks if not (isinstance(c, dict) and c.get("name") in hidden)]
    data["hidden_checks"] = int(data.get("hidden_checks") or 0) + len(hidden)
    data["mistakes"] = [_visible_part(m, hidden) for m in data.get("mistakes") or []
                        if not _only_hidden(m, hidden)]
    if not data["mistakes"]:
        del data["mistakes"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")
    return hidden


def _only_hidden(mistake, hidden: set[str]) -> bool:
    """A mistake that names checks, all of them hidden: its hint would tell what they test."""
    names = mistake.get("checks") if isinstance(mistake, dict) else None
    return bool(names) and isinstance(names, list) and set(names) <= hidden


def _visible_part(mistake, hidden: set[str]):
    if isinstance(mistake, dict) and isinstance(mistake.get("checks"), list):
        return {**mistake, "checks": [n for n in mistake["checks"] if n not in hidden]}
    return mistake


def _prune_frozen(path: Path, hidden: set[str]) -> None:
    """The frozen results of the hidden checks out; the file gone when none is left."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    checks = data.get("checks") if isinstance(data, dict) else None
    if not isinstance(checks, dict):
        return
    kept = {name: entry for name, entry in checks.items() if name not in hidden}
    if not kept:
        path.unlink()
        return
    data["checks"] = kept
    path.write_text(json.dumps(data, sort_keys=True) + "\n", encoding="utf-8")
