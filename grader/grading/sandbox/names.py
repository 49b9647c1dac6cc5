"""The names a loaded module defines, for the message when a required one is missing.

Runs in the student's process, which only reports facts as plain data (which names are missing,
which the module does define); the grader words the message in the student's language and picks
the closest spelling (`messages.missing_names`).
"""
from __future__ import annotations

import types

MAX_NAMES = 40
MAX_LENGTH = 80


class MissingNames(NameError):
    """Names the spec requires that the student's module does not define."""

    def __init__(self, file: str, missing: list[str], namespace: dict):
        super().__init__(f"{file} does not define {', '.join(missing)}")
        self.file, self.missing, self.defined = file, missing, public_names(namespace)

    def as_plain(self) -> dict:
        return {"file": self.file, "missing": list(self.missing), "defined": self.defined}


def public_names(namespace: dict) -> list[str]:
    """The module's public top-level names, not modules: what it defines itself (its own classes
    and functions) first, then what it imported or assigned, each in the module's order."""
    module = namespace.get("__name__")
    names = [n for n, v in namespace.items()
             if isinstance(n, str) and not n.startswith("_") and not isinstance(v, types.ModuleType)]

    def own(name: str) -> bool:
        value = namespace[name]
        try:
            return isinstance(value, (type, types.FunctionType)) and value.__module__ == module
        except Exception:  # a class may make even that raise
            return False

    ordered = [n for n in names if own(n)] + [n for n in names if not own(n)]
    return [n[:MAX_LENGTH] for n in ordered[:MAX_NAMES]]
