"""`grader validate [EXERCISES_DIR]`: the specs are sound, every reference solution scores full
marks and every stub fails, on one seed or several (the instructor's tool)."""
from __future__ import annotations

from pathlib import Path

from .. import settings
from ..bank import read_bank, select
from ..render.environment import render
from ..validate import validate_bank
from .common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError
from .given import validated_bank

MAX_SEEDS = 100
"""`grader validate --seeds`: each seed grades the whole bank again"""


def run(args) -> int:
    folder = validated_bank(args)
    bank = read_bank(folder)  # a broken spec is one of the report's problems
    specs = select(list(bank.specs), args.only)
    seed = args.options.seed
    if not 1 <= args.seeds <= MAX_SEEDS:
        raise UsageError(f"--seeds {args.seeds}: a whole number from 1 to {MAX_SEEDS}")
    if seed is not None and seed + args.seeds > settings.SEED_LIMIT:
        raise UsageError(f"--seed {seed} --seeds {args.seeds}: the last seed passes "
                         f"{settings.SEED_LIMIT - 1}")
    if args.options.solutions is None:
        raise UsageError(f"no solutions folder beside {folder}: give --solutions DIR")
    cases = Path(folder).resolve().parent / "tests" / "realistic"
    report = validate_bank(specs, bank, args.options, freeze=args.freeze,
                           seeds=args.seeds, cases=cases)
    print(render("validate.txt.j2", report=report), end="")
    return EXIT_USAGE if report.broken else EXIT_OK if report.ok else EXIT_FAILED
