"""The submission's own modules that import what the grading environment lacks.

A student's helper module (`common/functions.py` with `from PIL import Image`, a `layers.py`
that plots) runs on the student's machine, where the import works. Here it would stop every
exercise that imports the module, for a line that is no exercise's. As in an exercise's file
read by definitions and in a notebook, each such import binds stand-ins instead (code that uses
them fails, saying why) and a top-level statement that only uses them is not run; the
submission's notes say which import was skipped, once. The module keeps every line where it
was. An exercise's own file (`p214.py`) is left as it is: it is graded as written, and read by
its definitions only when it cannot run here (see `definitions`).
"""
from __future__ import annotations

import re
from typing import Callable

from ..phrases import Phrase
from .finder import candidate
from .imports import available
from .locating import locate
from .places import lines_phrase, skipped_phrase
from .submission import SubmissionFiles
from .views import view


def helper_views(files: SubmissionFiles, paths: tuple[str, ...]) -> tuple[dict[str, bytes],
                                                                           list[Phrase]]:
    """(path -> the module as it runs here, for each helper module that needs it; a note for
    each import left out). `paths`: the folders its imports are found from."""
    can_import = available(files, paths)
    overlay, notes = {}, []
    for path, content in sorted(files.files.items()):
        if not path.endswith(".py") or candidate(path) is not None or b"import" not in content:
            continue
        if imports_only(content, can_import):
            continue  # every import it makes works here: it runs as written (no parse needed)
        try:
            shown = view(content.decode("utf-8"), "script", can_import, relative=True)
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError, MemoryError):
            continue  # it fails as Python fails on it, where it is imported
        if shown.skipped:
            overlay[path] = shown.text.encode("utf-8")
            where = Phrase("path", {"file": path})
            for skipped in shown.skipped:
                found = locate(skipped.module, files, paths[0]) if skipped.module[:1] != "." \
                    else None
                notes.append(Phrase("import_out_of_reach", {
                    "statement": skipped.statement, "where": lines_phrase(where, skipped.line,
                                                                          skipped.line),
                    "module": skipped.module, "file": found["path"],
                    "dotted": found["path"].rstrip("/").removesuffix(".py").replace("/", "."),
                    "names": ", ".join(skipped.names) or Phrase("star_names")})
                    if found and "module" in found else skipped_phrase(skipped, where))
    return overlay, notes


TOP_IMPORT = re.compile(rb"^(?:import|from)\b.*$", re.M)
"""a line that starts a top-level import statement (top-level statements start a line)"""
PLAIN_IMPORT = re.compile(rb"import\s+([A-Za-z_]\w*)[\w.]*(?:\s+as\s+\w+)?"
                          rb"(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*\s*(?:#.*)?")
FROM_IMPORT = re.compile(rb"from\s+(\.*)([A-Za-z_]\w*)?[\w.]*\s+import\b.*")


def imports_only(content: bytes, can_import: Callable[[str], bool]) -> bool:
    """Whether a module's view would leave nothing out, told from its text without parsing it:
    each line that starts a top-level import names a module that can be imported here (or a
    relative one). A line it cannot read so (two statements on a line, a continued line) says
    no, and the module is viewed: a wrong "no" costs a parse, a wrong "yes" never happens (a
    view leaves out only top-level imports of what cannot be imported; see `views.view`).
    A lone carriage return, a form feed or a byte-order mark, which Python also reads as a
    statement's start, says no."""
    content = content.replace(b"\r\n", b"\n")  # Windows' line ends are line ends here too
    if b"\r" in content or b"\f" in content or content.startswith(b"\xef\xbb\xbf"):
        return False
    for match in TOP_IMPORT.finditer(content):
        line = match.group()
        if b";" in line or line.rstrip().endswith(b"\\"):
            return False  # (a bracketed list of names may go on: the module is on this line)
        plain = PLAIN_IMPORT.fullmatch(line.rstrip())
        if plain is not None:
            module = plain.group(1)
        else:
            found = FROM_IMPORT.fullmatch(line.rstrip())
            if found is None:
                return False
            if found.group(1):
                continue  # relative: a package's own module
            module = found.group(2)
        if module is None or not can_import(module.decode("ascii")):
            return False
    return True
