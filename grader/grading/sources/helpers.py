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
