"""Choose the slow tests from measured durations, and write them to tests/slow_tests.txt.

    python -m pytest -p no:cacheprovider --junitxml=run.xml
    python tools/slow_tests.py run.xml [more.xml ...] [--mean S] [--total S]

The tests listed in tests/slow_tests.txt are marked `slow` (tests/conftest.py), so that
`pytest -m "not slow"` is the fast subset for the edit loop. A test function is slow when its
cases (the parametrized ones together) take S seconds or more each on average (--mean, default
1.0), or S seconds or more all together (--total, default 10: the hostile corpus, say).
Durations are pytest's own (setup, call and teardown), read from JUnit XML; several files are
pooled (one per test file, or several runs of the suite: a case measured more than once counts
with its mean). It prints the sum of the durations of the whole run and of the fast subset.
Standard library only.
"""
from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "tests" / "slow_tests.txt"
HEADER = """\
# The tests marked `slow` (tests/conftest.py): `pytest -m "not slow"` leaves them out.
# A test function is here when its cases took {mean:g} s or more each on average, or {total:g} s
# or more all together (each case's seconds: its mean over the measured runs). Written by
# tools/slow_tests.py from JUnit XML; refresh it with that tool after adding or speeding up tests.
# seconds  cases  test
"""


def function_of(case: str) -> str:
    """`tests/test_cli.py::test_x[a]` -> `tests/test_cli.py::test_x` (its cases together)."""
    return re.sub(r"\[.*\]$", "", case)


def durations(paths: list[Path]) -> dict[str, list[float]]:
    """{test function: the durations of its cases} from JUnit XML files; a case measured in
    several files (several runs) counts with the mean of its durations."""
    runs: dict[str, list[float]] = defaultdict(list)
    for path in paths:
        for case in ET.parse(path).iter("testcase"):
            module = case.get("classname", "").replace(".", "/") + ".py"
            runs[f"{module}::{case.get('name', '')}"].append(float(case.get("time", 0)))
    found: dict[str, list[float]] = defaultdict(list)
    for case, times in runs.items():
        found[function_of(case)].append(sum(times) / len(times))
    return found


def slow(found: dict[str, list[float]], mean: float, total: float) -> dict[str, list[float]]:
    return {test: times for test, times in found.items()
            if sum(times) / len(times) >= mean or sum(times) >= total}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("junit", nargs="+", type=Path, help="JUnit XML of a pytest run")
    parser.add_argument("--mean", type=float, default=1.0, help="seconds per case (default 1)")
    parser.add_argument("--total", type=float, default=10.0, help="seconds in all (default 10)")
    args = parser.parse_args(argv)
    try:
        found = durations(args.junit)
    except (OSError, ET.ParseError) as error:
        print(f"slow_tests: cannot read the JUnit XML: {error}", file=sys.stderr)
        return 2
    chosen = slow(found, args.mean, args.total)
    everything = sum(map(sum, found.values()))
    fast = everything - sum(map(sum, chosen.values()))
    print(f"{sum(map(len, found.values()))} tests, {everything:.1f} s in all; "
          f"fast subset {sum(map(len, found.values())) - sum(map(len, chosen.values()))} tests, "
          f"{fast:.1f} s ({100 * fast / max(everything, 1e-9):.0f} %)")
    lines = [f"{sum(times):9.2f} {len(times):6d}  {test}"
             for test, times in sorted(chosen.items(), key=lambda item: -sum(item[1]))]
    LIST.write_text(HEADER.format(mean=args.mean, total=args.total) + "\n".join(lines) + "\n")
    print(f"wrote {len(lines)} test functions to {LIST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
