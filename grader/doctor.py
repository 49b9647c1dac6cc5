"""`grader doctor`: what this machine allows the sandbox, and what the grader will use.

What the machine allows is tried, not guessed: each namespace is unshared in a child process
(with a user namespace first when the grader is not root, as the grader's workers do), a cgroup
is made and removed where the grader would make it, and the tools that could do the same
(bubblewrap, nsjail, unshare(1)) are looked for, though the grader needs none of them. What the
grader will use is what a real warm worker says once it has set itself up, as `grader check`'s
do (`grading/sandbox/isolation.py`).
"""
from __future__ import annotations

import json
import os
import platform
import pwd
import shutil
import sys

from .grading.sandbox import cgroups, isolation

NAMESPACES = (("pid", isolation.CLONE_NEWPID), ("mount", isolation.CLONE_NEWNS),
              ("network", isolation.CLONE_NEWNET), ("ipc", isolation.CLONE_NEWIPC),
              ("uts", isolation.CLONE_NEWUTS))
TOOLS = (("bubblewrap (bwrap)", "bwrap"), ("nsjail", "nsjail"), ("unshare(1)", "unshare"))


def examine() -> dict:
    """What this machine allows and what the grader will use, as plain data (`--json`)."""
    root = os.geteuid() == 0
    found = {
        "machine": {"system": platform.system(), "release": platform.release(),
                    "arch": platform.machine(), "python": platform.python_version(),
                    "uid": os.geteuid(), "user": _user_name()},
        "max_user_namespaces": _number("/proc/sys/user/max_user_namespaces"),
        "namespaces": {}, "cgroups": {}, "tools": {}, "worker": None,
    }
    if not sys.platform.startswith("linux"):
        found["namespaces"] = {name: f"namespaces are Linux's ({sys.platform})"
                               for name in ["user", *dict(NAMESPACES)]}
    else:
        found["namespaces"]["user"] = _try(isolation.CLONE_NEWUSER)
        user = 0 if root else isolation.CLONE_NEWUSER
        for name, flag in NAMESPACES:
            found["namespaces"][name] = _try(user | flag)
        from .grading.scratch import started

        made, why = cgroups.create(f"grader-{os.getpid()}-0-0doctor", started)
        found["cgroups"] = {"name": made.name if made else None, "why": why}
        if made is not None:
            made.remove()
    for label, program in TOOLS:
        found["tools"][label] = shutil.which(program)
    found["worker"] = _worker_report()
    report = found["worker"]
    found["strict"] = bool(report and report.get("level") == isolation.NAMESPACES)
    return found


def _try(flags: int) -> str | None:
    """None when a child process may unshare `flags` (mapping its own ids in a new user
    namespace), else why not."""
    try:
        isolation._try_first(flags, bool(flags & isolation.CLONE_NEWUSER))
    except OSError as e:
        return e.strerror or str(e)
    return None


def _worker_report() -> dict | None:
    """What a warm worker says it gives its jobs (the grader's own sandbox, started and ended
    here)."""
    from .grading.sandbox.client import Limits, Sandbox
    from .grading.scratch import new_home

    home = new_home()
    try:
        with Sandbox(home, Limits(isolation="auto")) as sandbox:
            return sandbox.isolation()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def said(found: dict, lang: str) -> str:
    """The report in words."""
    from .render.words import doctor_words, isolation_said

    w = doctor_words(lang)
    machine = found["machine"]
    rows = [(w["machine"], w["machine_is"].format(**machine))]
    root = machine["uid"] == 0
    for name in ["user", *dict(NAMESPACES)]:
        why = found["namespaces"].get(name)
        text = w["allowed"] if why is None else w["refused"].format(why=why)
        if name == "user":
            if found.get("max_user_namespaces") is not None:
                text += w["max_user"].format(count=found["max_user_namespaces"])
            if root:
                text += w["not_needed_root"]
        rows.append((w[name], text))
    cgroup = found.get("cgroups") or {}
    rows.append((w["cgroups"], w["cgroup_ok"].format(name=cgroup["name"]) if cgroup.get("name")
                 else w["cgroup_no"].format(why=cgroup.get("why") or "?")))
    for label, path in found["tools"].items():
        rows.append((label, w["tool_found"].format(path=path) if path else w["tool_missing"]))
    width = max(len(label) for label, _ in rows) + 2
    lines = [w["title"], ""]
    lines += [f"  {label.ljust(width)}{text}" for label, text in rows]
    lines += [f"  {' ' * width}({w['tools_why']})", ""]
    report = found.get("worker")
    lines.append(f"{w['uses']}: " + (isolation_said(report, lang) if report else w["no_worker"]))
    lines.append(f"{w['strict']}: " + (w["strict_yes"] if found["strict"] else w["strict_no"]))
    return "\n".join(lines) + "\n"


def main(lang: str, as_json: bool = False) -> int:
    found = examine()
    print(json.dumps(found, indent=1) if as_json else said(found, lang), end="\n" if as_json
          else "")
    return 0


def _user_name() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def _number(path: str) -> int | None:
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None
