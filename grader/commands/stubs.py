"""`grader stubs DIR`: starting files p<ID>.py, never over a student's own, and the folder's
language kept in its grader.cfg."""
from __future__ import annotations

from pathlib import Path

from .. import language, paths
from ..render.environment import render
from .common import EXIT_OK, chosen_specs


def run(args) -> int:
    folder: Path = args.dir
    paths.output_folder(folder)
    specs = [s.for_students() for s in chosen_specs(args)]  # nothing of a hidden check
    folder.mkdir(exist_ok=True)
    for spec in specs:
        target = folder / spec.filename
        if target.exists() or target.is_symlink():
            print(f"kept     {target} (already there)")
            continue
        target.write_text(render("stub.py.j2", spec=spec, lang=args.lang), encoding="utf-8")
        print(f"written  {target}")
    # the folder keeps its language: `grader check` and pytest there speak it without --lang
    if args.lang_given or not (folder / language.CONFIG).exists():
        done = language.write(folder, args.lang)
        print(f"{done:<8} {folder / language.CONFIG} (lang = {args.lang})")
    return EXIT_OK
