# attack: core.fsmonitor names a command, which git runs (through a shell) whenever it refreshes the index
# trigger: status
# time: known
from armory import config


def arm(git, marker):
    config(git, "core.fsmonitor", f"touch {marker}; false")
