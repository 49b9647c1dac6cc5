# attack: the ref HEAD names is a symbolic link out of the clone (git follows it)
# trigger:
# time: unknown
from armory import git_run


def arm(git, marker):
    ref = git / git_run(git, "symbolic-ref", "HEAD")
    outside = marker.parent / f"{git.parent.name}-ref"
    outside.write_text(ref.read_text())
    ref.unlink()
    ref.symlink_to(outside)
