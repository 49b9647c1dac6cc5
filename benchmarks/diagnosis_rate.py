"""How often a realistic buggy submission gets a hint that names its mistake.

Grades every case of `tests/realistic/` (one student's file per mistake; its README gives the
header) in a submission made of the reference solutions with that file in its place, and checks
each judged exercise's report: some check that did not pass must carry one of the diagnosis ids
the header expects, with a hint (`cause:N`: the check says the failure comes from exercise N's
file). A case counts when every exercise it judges does. Also counted: cases named by the first
failing check (what the terminal shows) and cases where some check names another mistake too.

    python benchmarks/diagnosis_rate.py [--json FILE] [--verbose] [--corpus DIR]

It only uses the grader's public pieces (Grader, Options, GradingJob), so it also measures an
older checkout: `PYTHONPATH=OLD_CHECKOUT python benchmarks/diagnosis_rate.py`.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "realistic"
SOLUTIONS = ROOT / "solutions"
SEED = 20261124
TARGET = 0.8


@dataclass
class Case:
    path: Path
    exercise: str
    mistake: str
    expect: dict[str, set[str]]
    """judged exercise -> the ids that name the mistake (any one)"""
    extra: dict[str, str] = field(default_factory=dict)
    """p<ID>.py -> a helper file of the corpus, also in the submission"""
    without: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    case: str
    exercise: str
    mistake: str
    named: bool
    named_first: bool
    """named by the first check that did not pass, in every judged exercise"""
    other: list[str]
    """diagnoses found besides the expected ones"""
    found: dict[str, list[str]]
    """judged exercise -> what its checks carried (diagnoses, and cause:N)"""
    statuses: dict[str, str]
    """judged exercise -> its status (a case must not pass)"""


def read_case(path: Path) -> Case:
    header: dict[str, list[str]] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = re.match(r"#\s*([a-z]+(?: p?\d+)?):\s*(.*)", line)
        if match:
            key = match.group(1)
            header.setdefault(key, []).append(match.group(2).strip())
        elif key and line.startswith("#   "):
            header[key][-1] += " " + line[1:].strip()
    exercise = header["exercise"][0]
    expect = {exercise: _ids(header.get("expect", [""])[0])}
    extra, without = {}, []
    for key, values in header.items():
        if key.startswith("expect "):
            expect[key.split()[1].lstrip("p")] = _ids(values[0])
        elif key.startswith("with "):
            extra[f"{key.split()[1]}.py"] = values[0]
        elif key == "without":
            without += [v for value in values for v in value.replace(",", " ").split()]
    expect = {k: v for k, v in expect.items() if v}
    return Case(path, exercise, " ".join(header.get("mistake", [""])), expect, extra, without)


def _ids(text: str) -> set[str]:
    return {i for i in re.split(r"[,\s]+", text) if i}


def cases(corpus: Path = CORPUS) -> list[Case]:
    return [read_case(p) for p in sorted(corpus.glob("p*.py"))]


def build(case: Case, folder: Path) -> None:
    folder.mkdir(parents=True)
    for source in SOLUTIONS.glob("p*.py"):
        shutil.copyfile(source, folder / source.name)
    shutil.copyfile(case.path, folder / f"p{case.exercise}.py")
    for name, helper in case.extra.items():
        shutil.copyfile(case.path.parent / helper, folder / name)
    for name in case.without:
        (folder / name).unlink(missing_ok=True)


def carried(check) -> set[str]:
    """What a check says it recognised: diagnosis ids (with a hint) and the file it blames."""
    found = set(check.diagnoses) if check.hint else set()
    cause = getattr(check, "cause", None)  # absent before cascades were told apart
    if cause:
        found.add(f"cause:{cause.exercise}")
    return found


def measure(corpus: Path = CORPUS, lang: str = "en") -> list[Outcome]:
    from grader.bank import load_bank
    from grader.grading.engine import Grader
    from grader.grading.job import GradingJob, Options

    bank = {s.id: s for s in load_bank()}
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="diagnosis-rate-") as tmp, \
            Grader(list(bank.values()), Options(seed=SEED, lang=lang,
                                                solutions=SOLUTIONS)) as grader:
        for number, case in enumerate(cases(corpus)):
            folder = Path(tmp) / f"case{number}"
            build(case, folder)
            specs = [bank[i] for i in sorted(case.expect)]
            result = grader.grade(GradingJob.read(folder, specs=specs))
            named = named_first = True
            other, found = set(), {}
            statuses = {e.id: e.status for e in result.exercises}
            for exercise in result.exercises:
                wanted = case.expect[exercise.id]
                failing = [c for c in exercise.checks if c.status not in ("passed", "skipped")]
                seen = [carried(c) for c in failing]
                found[exercise.id] = sorted(set().union(*seen)) if seen else []
                named &= any(s & wanted for s in seen)
                named_first &= bool(seen and seen[0] & wanted)
                other |= set().union(*seen) - wanted if seen else set()
            outcomes.append(Outcome(case.path.name, case.exercise, case.mistake, named,
                                    named_first, sorted(other), found, statuses))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the outcomes here")
    parser.add_argument("--verbose", action="store_true", help="one line per case")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="another folder of cases (default: tests/realistic)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    outcomes = measure(args.corpus, lang=args.lang)
    total = len(outcomes)
    named = sum(o.named for o in outcomes)
    first = sum(o.named_first for o in outcomes)
    other = sum(bool(o.other) for o in outcomes)
    for o in outcomes:
        if args.verbose or not o.named:
            mark = "named " if o.named else "MISSED"
            print(f"{mark} {o.case}: {o.found} {o.statuses}" + (f" (also {o.other})" if o.other else ""))
    print(f"{named} of {total} realistic buggy submissions get a hint naming their mistake "
          f"({named / total:.1%}; target {TARGET:.0%}); named by the first failing check: "
          f"{first} ({first / total:.1%}); also diagnosed with another mistake: {other}; "
          f"{time.monotonic() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({
            "cases": total, "named": named, "rate": named / total, "named_first": first,
            "other": other, "outcomes": [asdict(o) for o in outcomes]}, indent=1) + "\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
