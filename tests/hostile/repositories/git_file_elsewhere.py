# attack: .git is a file (`gitdir: ...`) sending git to another repository, outside the submission
# trigger:
# time: unknown
import shutil


def arm(git, marker):
    other = marker.parent / f"{git.parent.name}-gitdir"
    shutil.move(str(git), str(other))
    git.write_text(f"gitdir: {other}\n")
