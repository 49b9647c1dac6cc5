"""Run the test suite on a loaded machine, several times in a row: no test may need an idle one.

    python tools/load_test.py [--busy N] [--runs R] [--idle-run] [--max-seconds S] [-- PYTEST ARGS]

A grader stops student code on the clock, so its tests are tempted to lean on the clock too: a
time limit that a well-behaved control exercise meets on an idle machine, a comparison of two
durations. Such a test passes alone and fails in CI when other work shares the cores. This
script makes that load on purpose: it starts N busy processes (pure-Python spin loops, default
2, one per core of a small CI machine), runs the tests (`python -m pytest -q` with this
interpreter, in the project's root, then PYTEST ARGS: `-n 2 --dist worksteal` makes it the
README's test command) R times in a row (default 3), and with `--idle-run` once more after the
busy processes are gone. It prints each run's result line and duration, then a verdict; exit 0
only when every run passed within S seconds (default 600, the CI budget). The busy processes
are killed at the end whatever happens (failure, Ctrl-C, SIGTERM). Standard library only.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPIN = "while True:\n    pass\n"


def run_suite(label: str, extra: list[str], max_seconds: float) -> bool:
    """One run of the test command; prints its result line (and failures) and duration."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", *extra],
                          cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    lines = done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or ["(no output)"]
    for line in lines:
        if line.startswith(("FAILED ", "ERROR ")):
            print(f"  {line}")
    if done.returncode != 0:  # a flaky failure is worth its whole story
        fd, log = tempfile.mkstemp(prefix="load-test-", suffix=".log")
        with os.fdopen(fd, "w") as f:
            f.write(done.stdout + done.stderr)
        print(f"  the whole output: {log}")
    passed = done.returncode == 0 and seconds <= max_seconds
    late = "" if seconds <= max_seconds else f", over the {max_seconds:.0f} s budget"
    print(f"{label}: {lines[-1].strip('= ')} [exit {done.returncode}, {seconds:.1f} s{late}]",
          flush=True)
    return passed


def main(argv: list[str]) -> int:
    cut = argv.index("--") if "--" in argv else len(argv)
    ours, extra = argv[:cut], argv[cut + 1:]  # after `--`: for pytest
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy", type=int, default=2, help="busy processes (default 2)")
    parser.add_argument("--runs", type=int, default=3, help="loaded runs in a row (default 3)")
    parser.add_argument("--idle-run", action="store_true", help="also run once with no load")
    parser.add_argument("--max-seconds", type=float, default=600,
                        help="a run that takes longer fails (default 600)")
    args = parser.parse_args(ours)

    # SIGTERM (a CI timeout, say) unwinds like Ctrl-C, so the busy processes are killed below
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    busy: list[subprocess.Popen] = []
    results: list[bool] = []
    try:
        for _ in range(args.busy):
            busy.append(subprocess.Popen([sys.executable, "-c", SPIN]))
        print(f"load: {args.busy} busy processes (pids {' '.join(str(p.pid) for p in busy)})",
              flush=True)
        for run in range(1, args.runs + 1):
            results.append(run_suite(f"loaded run {run}/{args.runs}", extra, args.max_seconds))
    finally:
        for process in busy:
            process.kill()
            process.wait()
    if args.idle_run:
        results.append(run_suite("idle run", extra, args.max_seconds))
    verdict = "PASS" if all(results) else "FAIL"
    print(f"{verdict}: {sum(results)} of {len(results)} runs passed "
          f"({args.runs} with {args.busy} busy processes{', 1 idle' if args.idle_run else ''})")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
