"""Where a module the student's code could not import is in the submission, if it is: for the
advice that follows a ModuleNotFoundError (`common/` is there, but in another folder than the
one the exercise runs in; `common/functions.py` lacks the submodule imported).
"""
from __future__ import annotations

from .submission import SubmissionFiles


def locate(module: str, files: SubmissionFiles, workdir: str) -> dict | None:
    """`{"path", "part"}`: the package is there but not its submodule `part`; `{"module",
    "folder", "path"}`: the module is at `path`, and the exercise ran in `folder`."""
    parts = module.split(".")
    names = list(files.files)
    for folder in files.folders():
        prefix = folder + "/" if folder else ""
        top = prefix + parts[0]
        if top + ".py" in files.files or any(n.startswith(top + "/") for n in names):
            whole = prefix + "/".join(parts)
            if len(parts) > 1 and not (whole + ".py" in files.files or any(
                    n.startswith(whole + "/") for n in names)):
                return {"path": top + ("/" if top + ".py" not in files.files else ".py"),
                        "part": module}
            return {"module": parts[0], "folder": workdir or ".",
                    "path": top + (".py" if top + ".py" in files.files else "/")}
    return None
