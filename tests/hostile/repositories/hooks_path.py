# attack: core.hooksPath points at the clone's own hooks (every hook git knows, each creating the marker)
# trigger: commit --allow-empty -q -m again
# time: known
from armory import HOOKS, config


def arm(git, marker):
    hooks = git.parent / "tools"
    hooks.mkdir()
    for name in HOOKS:
        (hooks / name).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / name).chmod(0o755)
    config(git, "core.hooksPath", str(hooks))
