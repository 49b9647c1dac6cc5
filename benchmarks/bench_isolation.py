"""What the jobs' namespaces cost a batch, measured in one run on this machine.

    python benchmarks/bench_isolation.py [--students N] [--rounds R] [--yardstick CHECKOUT]
                                         [--json FILE]

One generated class (bench_batch's: complete, typical, partial, struggling and hostile
students, the bank without 237 and 238) is graded R times each way, the two ways taking turns
so that a machine's load falls on both alike:

- `--isolation auto`: each job in namespaces of its own, with its cgroup where one can be made
  (what `grader doctor` says this machine gives);
- the yardstick: the same checkout with `--isolation none` (plain processes), or, with
  `--yardstick`, another checkout of the grader (the grader before namespaces) run as is.

It prints and writes (JSON) the median seconds per submission of each, wall and CPU (the
grader's process and every process it started), and their ratios; the issue asked for a
batch cost per submission within 15 % of the grader's before namespaces.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from bench_batch import (LEFT_OUT, exercise_files, installed_bytecode, machine,  # noqa: E402
                         make_class, run)
from grader.bank import load_bank  # noqa: E402


def isolation_of(out: Path) -> str | None:
    """What the run's record says its jobs ran in (None: a grader before namespaces)."""
    try:
        record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    said = record.get("isolation")
    return said.get("level") if isinstance(said, dict) else None


def grade(checkout: Path, root: Path, out: Path, only: str, extra: list[str]) -> dict:
    """A batch by the grader of `checkout` (`python -m grader` run there imports it)."""
    shutil.rmtree(out, ignore_errors=True)
    result = run([sys.executable, "-m", "grader", "batch", str(root), "--out", str(out),
                  "--only", only, "--jobs", "2", "--seed", "1", *extra], cwd=checkout)
    result["isolation"] = isolation_of(out)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--yardstick", type=Path,
                        help="another checkout of the grader, run as is (default: this one "
                             "with --isolation none)")
    parser.add_argument("--json", type=Path,
                        default=REPO / "benchmarks" / "bench_isolation.json")
    args = parser.parse_args()
    installed_bytecode()
    specs = [s for s in load_bank() if s.id not in LEFT_OUT]
    only = ",".join(s.id for s in specs)
    work = Path(tempfile.mkdtemp(prefix="bench-isolation-"))
    ways = {"namespaces": (REPO, ["--isolation", "auto"]),
            "yardstick": (args.yardstick.resolve(), []) if args.yardstick
            else (REPO, ["--isolation", "none"])}
    runs: dict[str, list[dict]] = {way: [] for way in ways}
    try:
        root = work / "class"
        made = make_class(root, args.students, specs, exercise_files(specs), seed=3)
        for round_ in range(args.rounds):
            for way, (checkout, extra) in ways.items():
                runs[way].append(grade(checkout, root, work / f"out-{way}", only, extra))
                r = runs[way][-1]
                print(f"round {round_ + 1}, {way}: {r['seconds']:.1f} s wall, "
                      f"{r['cpu_seconds']:.1f} s CPU (jobs in: {r['isolation']}; other "
                      f"processes used {r['others_cores']:.2f} cores)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    per = {way: {"wall_seconds_per_submission":
                 round(statistics.median(r["seconds"] for r in rs) / args.students, 4),
                 "cpu_seconds_per_submission":
                 round(statistics.median(r["cpu_seconds"] for r in rs) / args.students, 4),
                 "isolation": rs[-1]["isolation"], "runs": rs}
           for way, rs in runs.items()}
    ratio = {kind: round(per["namespaces"][f"{kind}_seconds_per_submission"]
                         / per["yardstick"][f"{kind}_seconds_per_submission"], 3)
             for kind in ("wall", "cpu")}
    report = {"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M:%S"),
              "students": args.students, "profiles": made, "rounds": args.rounds,
              "yardstick": str(args.yardstick) if args.yardstick else "--isolation none",
              **per, "ratio_namespaces_to_yardstick": ratio, "target_ratio": 1.15}
    print(f"per submission: namespaces {per['namespaces']['wall_seconds_per_submission']:.3f} s "
          f"wall, {per['namespaces']['cpu_seconds_per_submission']:.3f} s CPU; yardstick "
          f"{per['yardstick']['wall_seconds_per_submission']:.3f} s wall, "
          f"{per['yardstick']['cpu_seconds_per_submission']:.3f} s CPU: x{ratio['wall']:.2f} "
          f"wall, x{ratio['cpu']:.2f} CPU (target at most x1.15)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
