# attack: objects/info/alternates makes git read another repository's objects (here, where HEAD's commit is, with another time)
# trigger:
# time: unknown
import subprocess

from armory import drop_head_commit


def arm(git, marker):
    other = marker.parent / f"{git.parent.name}-elsewhere"
    subprocess.run(["git", "clone", "-q", "--bare", str(git.parent), str(other)], check=True)
    drop_head_commit(git)
    (git / "objects" / "info").mkdir(exist_ok=True)
    (git / "objects" / "info" / "alternates").write_text(f"{other / 'objects'}\n")
