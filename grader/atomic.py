"""A file written whole or not at all: a temporary file beside it, then `os.replace`. An
interrupted or failing write leaves the previous file as it was, and two processes writing the
same file at once each replace it whole (the last one stays). A batch's OUT is written so; the
bank's compiled cache too (`bank.compiled`). A character UTF-8 cannot encode (a lone surrogate
from a student's file name or text, see `grader.text`) is written as its escape, never a
failure: in a JSON string the escape reads back as the same character."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8", errors="backslashreplace"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # as an ordinary file would be, not mkstemp's 0600
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
