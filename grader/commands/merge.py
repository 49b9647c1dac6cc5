"""`grader merge OUT_I … --out OUT`: batch outputs (shards) combined into one gradebook."""
from __future__ import annotations

import sys

from .. import paths
from ..bank import SpecError, read_bank
from ..batch import lms, outputs
from ..batch.policy import PolicyError, check_exercises
from ..batch.record import RecordError
from ..render.words import points, progress_words
from .common import UsageError
from .policies import check_files, class_exit, exports_given, policy_given, say_similar


def run(args) -> int:
    for folder in args.inputs:
        paths.input_folder(folder)
    paths.output_folder(args.out, "--out")
    check_files(args)
    try:
        specs = list(read_bank(args.exercises).specs)  # for missing hints, the overrides
    except SpecError:
        specs = None
    try:
        setup = outputs.prepare_merge(args.inputs, args.out, args.force, policy_given(args),
                                      exports_given(args))
        if specs is not None:
            check_exercises(setup.policy, specs)
    except (RecordError, PolicyError, lms.RosterError) as e:
        raise UsageError(str(e)) from None
    try:
        s, warnings = outputs.merge(args.out, setup, specs, args.force,
                                    find_similar=not args.no_similarity)
    except OSError as e:
        raise UsageError(f"could not write {e.filename or args.out}: {e.strerror or e}") from None
    for warning in warnings:
        print(f"grader: {warning}", file=sys.stderr)
    lang = setup.settings.lang if setup.settings else None  # the language the shards speak
    print(progress_words(lang)["merged"].format(
        students=s["students"], mean=points(s["mean"]), top=points(s["max_score"]))
          + f"\n{args.out / 'index.html'}")
    say_similar(s, args.out, lang)
    return class_exit(s)
