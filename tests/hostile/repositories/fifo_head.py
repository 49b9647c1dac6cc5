# attack: HEAD is a named pipe, whose reading blocks for ever
# trigger:
# time: unknown
import os


def arm(git, marker):
    (git / "HEAD").unlink()
    os.mkfifo(git / "HEAD")
