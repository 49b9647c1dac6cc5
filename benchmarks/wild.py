"""How the grader does on learners' work it was not written against: the wild corpus.

Grades every submission that `benchmarks/wild/assemble.py` built from
`benchmarks/wild/manifest.yaml` (learners' chapter-5 work from public study repositories, with
the right verdict of each exercise decided by reading the code, and the real mistake of each
failure named in words and as the diagnosis ids that name it) and compares:

- verdicts: for every exercise the manifest expects (passed or failed) and every exercise the
  grader graded although the manifest expects it not handed in, whether the grader's verdict
  (passed; failed, error or timeout; missing) is the expected one;
- hints: for every expected failure, the hint a student reads (the terminal's: the first check
  that did not pass and has a hint) is `diagnosed` when its diagnosis ids include one the
  manifest accepts (`cause:N`: the report says the failure comes from exercise N's file),
  `misleading` when it names something else, `undiagnosed` when there is none.

Figures are given apart for the repositories the fixes were made on (`tuned`), and for each
held-out set (`held_out_set` in the manifest): set 1, a third of the first repositories, set
aside before any fix; each later set gathered after the fixes the one before it showed, by one
who never saw the grader's results on it. A set is looked at only once its figures are taken
(`benchmarks/wild_first_looks.json`). A submission graded on several seeds counts every seed:
a verdict that changes with the seed is wrong on some of them.

    python benchmarks/wild/assemble.py --clones DIR      # once: builds .cache/wild
    python benchmarks/wild.py [--seeds 1,2] [--only NAMES] [--part tuned|held_out] [--set N]
                              [--json benchmarks/wild.json] [-v [--show-held-out]]

The grader is run as a command (`python -m grader check`), so an older checkout is measured
with `PYTHONPATH=OLD_CHECKOUT python benchmarks/wild.py --json before.json`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "wild"))
from assemble import DEFAULT_OUT, MANIFEST, load_manifest  # noqa: E402

GOALS = {"verdicts_right": 1.0, "misleading_at_most": 0.05, "diagnosed_at_least": 0.75}
NOT_PASSED = {"failed", "error", "timeout"}


def verdict(status: str) -> str:
    return "failed" if status in NOT_PASSED else status


def expected(entry: dict) -> dict[str, dict]:
    """exercise id -> {verdict, mistake, hints} as the manifest says it."""
    out = {}
    for ident, value in entry["expect"].items():
        if isinstance(value, str):
            value = {"verdict": value}
        out[str(ident)] = {"verdict": value["verdict"], "mistake": value.get("mistake", ""),
                           "hints": set(value.get("hints") or ())}
    return out


def shown_hint(exercise: dict) -> tuple[str | None, set[str]]:
    """The hint the terminal shows for an exercise that did not pass, and the ids it names."""
    for check in exercise.get("checks", ()):
        if check["status"] in ("passed", "skipped"):
            continue
        cause = check.get("cause")
        if cause:
            return check.get("message", "").split("\n")[0], {f"cause:{cause['exercise']}"}
        if check.get("hint"):
            return check["hint"], set(check.get("diagnoses") or ())
    return None, set()


def grade(folder: Path, entry: dict, seed: int, timeout: float) -> dict:
    target = folder / entry.get("target", ".")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "results.json"
        command = [sys.executable, "-m", "grader", "check", str(target), "--json", str(out),
                   "--seed", str(seed), "--lang", "en"]
        # run from a folder of its own: `-m` puts the working folder first on sys.path, which
        # would shadow PYTHONPATH's grader when this runs from a checkout
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "GRADER_LANG": "en"}, cwd=tmp)
        if not out.exists():
            raise SystemExit(f"{entry['name']}: the grader wrote no results (exit "
                             f"{done.returncode}):\n{done.stderr[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def judge(entry: dict, results: dict) -> list[dict]:
    """One row per exercise that counts: expected, got, right, and the hint's class."""
    want = expected(entry)
    graded = {e["id"]: e for e in results["exercises"]}
    rows = []
    for ident in sorted(set(want) | {i for i, e in graded.items() if e["status"] != "missing"},
                        key=int):
        exercise = graded.get(ident, {"status": "missing", "checks": []})
        expect = want.get(ident, {"verdict": "missing", "mistake": "", "hints": set()})
        got = verdict(exercise["status"])
        row = {"exercise": ident, "expected": expect["verdict"], "got": got,
               "status": exercise["status"], "right": got == expect["verdict"]}
        if expect["verdict"] == "failed":
            hint, ids = shown_hint(exercise) if got == "failed" else (None, set())
            row["mistake"] = expect["mistake"]
            row["accepted"] = sorted(expect["hints"])
            row["hint_ids"] = sorted(ids)
            row["hint"] = hint
            row["hint_class"] = ("undiagnosed" if hint is None else
                                 "diagnosed" if ids & expect["hints"] else "misleading")
        if not row["right"] or row.get("hint_class") == "misleading":
            first = next((c for c in exercise.get("checks", ())
                          if c["status"] not in ("passed", "skipped")), None)
            row["why"] = (first or {}).get("message", exercise.get("message", ""))[:400]
        rows.append(row)
    return rows


def figures(rows: list[dict]) -> dict:
    verdicts = len(rows)
    right = sum(r["right"] for r in rows)
    failures = [r for r in rows if r["expected"] == "failed"]
    classes = Counter(r["hint_class"] for r in failures)
    n = len(failures)
    return {"verdicts": verdicts, "right": right,
            "verdicts_right": round(right / verdicts, 4) if verdicts else None,
            "failures": n, **{k: classes.get(k, 0) for k in
                              ("diagnosed", "misleading", "undiagnosed")},
            "diagnosed_rate": round(classes["diagnosed"] / n, 4) if n else None,
            "misleading_rate": round(classes["misleading"] / n, 4) if n else None}


def compact(per_submission: list[dict]) -> list[dict]:
    """The rows kept in the JSON: every verdict as `exercise: got` (with the hint's class for
    an expected failure), and in full only those that are wrong or whose hint is not right."""
    out = []
    for s in per_submission:
        off = [r for r in s["rows"] if not r["right"]
               or r.get("hint_class") in ("misleading", "undiagnosed")]
        out.append({k: s[k] for k in ("name", "repo", "seed", "held_out", "set")} | {
            "verdicts": {r["exercise"]: r["got"] + (f" ({r['hint_class']})"
                                                    if r.get("hint_class") else "")
                         for r in s["rows"]},
            "off": off})
    return out


def met(f: dict) -> bool:
    return (f["verdicts_right"] == GOALS["verdicts_right"]
            and (f["misleading_rate"] or 0) <= GOALS["misleading_at_most"]
            and (f["diagnosed_rate"] is None
                 or f["diagnosed_rate"] >= GOALS["diagnosed_at_least"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--seeds", default="1", help="comma list of seeds (default 1)")
    parser.add_argument("--only", help="comma list of submission names")
    parser.add_argument("--part", choices=("all", "tuned", "held_out"), default="all",
                        help="grade only the submissions not held out, or only the held-out ones")
    parser.add_argument("--set", type=int, help="only one held-out set (with --part held_out)")
    parser.add_argument("--json", type=Path, help="write the figures and every row here")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every wrong verdict and every hint that is not right, of the "
                             "submissions not held out")
    parser.add_argument("--show-held-out", action="store_true",
                        help="with -v, the held-out submissions' too (not while fixing the grader)")
    args = parser.parse_args(argv)
    entries = load_manifest(args.manifest)
    if args.only:
        wanted = set(args.only.split(","))
        entries = [e for e in entries if e["name"] in wanted]
    if args.part != "all":
        entries = [e for e in entries if bool(e.get("held_out")) == (args.part == "held_out")]
    if args.set:
        entries = [e for e in entries if e.get("held_out_set", 1) == args.set]
    seeds = [int(s) for s in args.seeds.split(",")]
    missing = [e["name"] for e in entries if not (args.corpus / e["name"]).is_dir()]
    if missing:
        print(f"not assembled: {', '.join(missing)}; run benchmarks/wild/assemble.py "
              f"--clones DIR first", file=sys.stderr)
        return 2
    per_submission = []
    for entry in entries:
        for seed in seeds:
            results = grade(args.corpus / entry["name"], entry, seed, args.timeout)
            rows = judge(entry, results)
            per_submission.append({"name": entry["name"], "repo": entry["repo"], "seed": seed,
                                   "held_out": bool(entry.get("held_out")),
                                   "set": entry.get("held_out_set", 1) if entry.get("held_out")
                                   else 0, "rows": rows})
            wrong = [r for r in rows if not r["right"]]
            off = [r for r in rows if r.get("hint_class") in ("misleading", "undiagnosed")]
            mark = "ok" if not wrong else f"{len(wrong)} wrong"
            print(f"{entry['name']:<30} seed {seed:<4} {len(rows):>3} verdicts, {mark}"
                  + (f", {len(off)} hint(s) off" if off else ""), flush=True)
            if args.verbose and (args.show_held_out or not entry.get("held_out")):
                for r in wrong:
                    print(f"    p{r['exercise']}: expected {r['expected']}, got {r['status']}: "
                          f"{r.get('why', '')[:300]}")
                for r in off:
                    print(f"    p{r['exercise']} {r['hint_class']}: {r['mistake']} | hint: "
                          f"{r['hint']} {r['hint_ids']}")
    sets = sorted({e.get("held_out_set", 1) for e in load_manifest(args.manifest)
                   if e.get("held_out")})
    parts = {"all": list(per_submission),
             "tuned": [s for s in per_submission if not s["held_out"]],
             **{f"held_out_{n}": [s for s in per_submission if s["set"] == n] for n in sets}}
    summary = {}
    for part, subs in parts.items():
        rows = [r for s in subs for r in s["rows"]]
        summary[part] = {"submissions": len({s["name"] for s in subs}),
                         "repositories": len({s["repo"] for s in subs}), **figures(rows)}
        f = summary[part]
        print(f"{part:<10} {f['repositories']} repositories: verdicts {f['right']}/{f['verdicts']}"
              f"; failures {f['failures']}: diagnosed {f['diagnosed']}, misleading "
              f"{f['misleading']}, undiagnosed {f['undiagnosed']}"
              + ("" if met(f) or not f["verdicts"] else "  (goal not met)"))
    if args.json:
        args.json.write_text(json.dumps({"goals": GOALS, "seeds": seeds, "summary": summary,
                                         "submissions": compact(per_submission)}, indent=1,
                                        ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if all(met(f) for f in summary.values() if f["verdicts"]) else 1

if __name__ == "__main__":
    sys.exit(main())
