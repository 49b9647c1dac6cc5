# attack: a signed HEAD commit, log.showSignature on, and gpg.program naming the clone's own script: `git log` runs it to check the signature
# trigger: log -1 --format=%cI
# time: known
from armory import config, sign_head


def arm(git, marker):
    sign_head(git)
    script = git / "checker.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    script.chmod(0o755)
    config(git, "log.showSignature", "true")
    config(git, "gpg.program", str(script))
