"""What starts before the command line is parsed: `grader check`'s warm workers, read from argv
without argparse (see `launch`; `cli.main` starts them here when it is called directly)."""
from __future__ import annotations


def early_workers(argv: list[str]) -> list:
    """For `grader check`, its warm workers (one per core); none for another command. The
    command is read from argv without argparse, which comes later: `--exercises DIR` is the
    only option before it; `--isolation none` after it starts workers without namespaces. A
    usage error ends them (`cli.main`); `commands.check` ends those it does not need (and
    those started otherwise than the options say)."""
    if command(argv) != "check":
        return []
    from .grading.sandbox import warm

    cores, only = warm.usable_cores(), given(argv, "--only")
    light = few_jobs(only, "--watch" in argv, cores)
    # as many as `--only` names when they are fewer than the cores: a worker started for
    # nothing forks its sibling all the same when the grader lets it go too late
    count = named_at_most(only) if light else cores
    return warm.start_workers(count, isolation=isolation_given(argv), preload=not light)


_collector_paused = False


def loading() -> None:
    """`grader check`'s modules are about to load (numpy, jinja2, the grader's own): Python's
    cyclic collector waits until `loaded`. Its passes over every object as they pile up were
    4 % of the command's start, and a start makes no garbage worth collecting."""
    global _collector_paused
    import gc

    gc.disable()
    _collector_paused = True


def loaded() -> None:
    """The command is loaded, and grades (or watches) from now on: the collector runs again,
    on what is made from now on (what the start made is frozen: its first pass over the
    hundred thousand objects loaded so far would cost more than the pauses it spared).
    Nothing where `loading` was not called (a test calling `cli.main`, the warm grader)."""
    global _collector_paused
    if _collector_paused:
        import gc

        gc.freeze()
        gc.enable()
        _collector_paused = False


def few_jobs(only: str | None, watch: bool, workers: int) -> bool:
    """Whether `grader check`'s workers will run one exercise each and end: `--only` naming
    at most one per worker (`219`, `219,220`, `209-210`), without `--watch`. They then leave
    the modules few jobs use to the jobs that import them (see `spawn.start_worker`): a student
    checking one exercise waits for none of them."""
    return not watch and only is not None and 0 < named_at_most(only) <= workers


def named_at_most(ids: str) -> int:
    """How many exercises an IDS text (`209,210`, `209-215`) names at most (0: not read)."""
    count = 0
    for part in ids.split(","):
        first, dash, last = part.strip().partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            return 0
        count += int(last) - int(first) + 1 if dash else 1
    return count


def command(argv: list[str]) -> str | None:
    """The command word of argv (`--exercises DIR` is the only option before it)."""
    words = iter(argv)
    for word in words:
        if word == "--exercises":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def isolation_given(argv: list[str]) -> str:
    """What `--isolation` says in argv (see `given`); `auto` when it is not given."""
    said = given(argv, "--isolation")
    return "auto" if said is None else said.strip().lower()


def given(argv: list[str], option: str) -> str | None:
    """What `option` says in argv, read as argparse will (the last one given, `--option X` or
    `--option=X`), checked later; None when it is not given."""
    said = None
    for i, word in enumerate(argv):
        if word == option and i + 1 < len(argv):
            said = argv[i + 1]
        elif word.startswith(option + "="):
            said = word.partition("=")[2]
    return said


def discard(started: list) -> None:
    """End warm workers no command took (argparse refused the arguments)."""
    from .grading.sandbox import warm  # loaded already: `early_workers` started them

    warm.discard(started)
