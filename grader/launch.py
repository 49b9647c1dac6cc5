"""The `grader` command's first moment. `grader check` needs warm workers whatever its arguments
say, and each is a new interpreter importing numpy: started here (see `early`), before the rest
of the grader (even its command line) is imported, their start overlaps the grader's own."""
from __future__ import annotations

import os
import sys

import _signal  # not signal: its enums cost a warm call's client half a millisecond

from .early import early_workers, loading


def _terminated(signum, frame):
    """SIGTERM (a scheduler, `kill`, CI's end) is taken as Ctrl-C: the command stops the jobs in
    progress, keeps what is finished and removes its working copies (a batch abandons the
    students in progress at once: see batch/run.py)."""
    raise KeyboardInterrupt


def entry() -> None:
    """The `grader` command: its warm workers, then `cli.main`, then an exit without the
    interpreter's teardown (tens of milliseconds freeing numpy, jinja2 and the bank once the
    report is out; every file is closed by then) and without waiting for its warm workers to
    end (see `afterwards`)."""
    argv = sys.argv[1:]
    for stream in (sys.stdout, sys.stderr):  # a student's text that UTF-8 cannot encode (a lone
        try:  # surrogate) is shown as its escape, never a UnicodeEncodeError (see grader.text)
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    _signal.signal(_signal.SIGTERM, _terminated)  # as Ctrl-C: every command cleans up the same way
    from .server import client  # the warm grader answers `grader check` if it can

    if client.wanted(argv) and (code := client.run(argv)) is not None:
        _flushed_exit(code)
    started = early_workers(argv)
    if started:  # `grader check` grades, with numpy: imported here, near the stack's bottom
        loading()  # until `commands.check` is loaded
        _numpy_imported()
    from . import afterwards, dataclass_code  # not before: the warm grader's client makes no class

    dataclass_code.use()  # their methods' code kept from the last run (a fifth of the start)
    # Its warm workers' end is not waited for: this process exits once its answer is out, and
    # they end by themselves as their sockets close with it (see `afterwards`).
    afterwards.leaving()
    from .cli import main

    try:
        code = main(argv, started)
    finally:
        scratch = sys.modules.get("grader.grading.scratch")
        if scratch is not None:  # its working copies (os._exit runs no atexit)
            scratch.remove_run_folders()
        dataclass_code.keep()
    _flushed_exit(code)


def _numpy_imported() -> None:
    """numpy, imported from here rather than from deep in the grader's own imports (where
    `grading.messages` would import it first). CPython 3.11 keeps frames in 16 KiB chunks and
    unmaps a chunk as soon as the stack leaves it: from that depth, numpy's typing module
    crossed a chunk's end back and forth, a mapping made and unmade 1567 times (12 ms of
    `grader check`'s start; tests/test_cold_start.py counts them)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as `cli.main` says why
    import numpy  # noqa: F401


def _flushed_exit(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe: nothing more can be said
    os._exit(code)
