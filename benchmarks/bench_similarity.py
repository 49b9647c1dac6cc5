"""How well, and how fast, `grader batch` finds students whose code is alike, measured in one run.

    python benchmarks/bench_similarity.py [--quick] [--json FILE] [--keep DIR]

1. Ranks. For each exercise with independent solutions in similarity_variants/ (three authors
   each), for each author and each of three disguises (`similarity_classes.disguise`: names
   renamed, functions and methods reordered, comments, docstrings and blank lines changed), a
   class of: the reference solution, the stub, every known mistake, the three independent
   solutions, and the disguised copy of that author's. The copy must rank first, over the
   threshold; no other pair may reach the threshold. Printed: how many classes pass, the lowest
   similarity of a copy, the highest of any other pair.
2. Time. A class of 200 made by bench_batch.py's generator (complete, typical, partial,
   struggling and hostile students, files from solutions/ and solutions/mistakes/), the
   independent solutions handed to one student each, and copies planted: one disguised copy per
   exercise with variants, and one student who copied a whole submission, disguised. Graded with
   `grader batch --no-similarity --jobs 2` (the grading time); then, in this process and on the
   same OUT, what similarity adds to a batch: `record` (every student's fingerprints) and
   `report` (compare, rank, draw the pages), timed, wall and CPU; and `grader batch` run again
   on the graded class with similarity (everyone fingerprinted), once more (nobody changed) and
   without. Printed: the planted pairs found and their ranks, the pairs found that were not
   planted, the seconds and the ratios to grading, and what other processes used meanwhile.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_batch import (LEFT_OUT, exercise_files, machine, machine_busy, make_class,  # noqa: E402
                         run)
from similarity_classes import disguise, variants  # noqa: E402

from grader.bank import load_bank  # noqa: E402
from grader.batch import similarity  # noqa: E402
from grader.batch.students import discover  # noqa: E402
from grader.batch.summary import read_results  # noqa: E402
from grader.render.environment import render  # noqa: E402

SOLUTIONS = REPO / "solutions"
SEEDS = (0, 1, 2)


def rank_classes(specs: dict) -> dict:
    """Part 1: one small class per (exercise, author, disguise), `specs` the batch's."""
    shared = similarity.shared_code(list(specs.values()), SOLUTIONS)
    counts = {"classes": 0, "copy_first": 0, "copy_listed": 0, "other_listed": 0}
    copies, others, misses = [], [], []
    by_exercise: dict[str, dict] = {}
    for ex_id, authors in variants().items():
        spec = specs[ex_id]
        base = {"reference": (SOLUTIONS / spec.filename).read_text(encoding="utf-8"),
                "stub": render("stub.py.j2", spec=spec, lang="en")}
        for path in sorted((SOLUTIONS / "mistakes").glob(f"p{ex_id}_*.py")):
            base[path.stem] = path.read_text(encoding="utf-8")
        base.update(authors)
        for author in authors:
            for seed in SEEDS:
                texts = {**base, "copier": disguise(authors[author], spec.defines, seed)}
                files = {n: similarity.student_prints({ex_id: t}, shared)[ex_id]
                         for n, t in texts.items()}
                pairs = sorted(similarity.compare(ex_id, files, threshold=0.0, min_shared=0),
                               key=lambda p: (-p["similarity"], -p["shared"]))
                listed = {tuple(p["students"]) for p in similarity.compare(ex_id, files)}
                copy = ("copier", author) if "copier" < author else (author, "copier")
                copy_pair = next((p for p in pairs if tuple(p["students"]) == copy),
                                 {"similarity": 0.0, "shared": 0})
                first = bool(pairs) and pairs[0] is copy_pair
                counts["classes"] += 1
                counts["copy_first"] += first
                counts["copy_listed"] += copy in listed
                counts["other_listed"] += len(listed - {copy})
                copies.append(copy_pair["similarity"])
                others += [p["similarity"] for p in pairs if p is not copy_pair]
                row = by_exercise.setdefault(ex_id, {"copies_listed": 0, "classes": 0,
                                                     "copy_lowest": 1.0, "other_highest": 0.0})
                row["classes"] += 1
                row["copies_listed"] += copy in listed
                row["copy_lowest"] = min(row["copy_lowest"], copy_pair["similarity"])
                row["other_highest"] = max([row["other_highest"]] + [
                    p["similarity"] for p in pairs if p is not copy_pair])
                if not first or copy not in listed:
                    misses.append({"exercise": ex_id, "author": author, "seed": seed,
                                   "rank": pairs.index(copy_pair) + 1 if copy_pair in pairs
                                   else None,
                                   "similarity": copy_pair["similarity"],
                                   "shared": copy_pair["shared"]})
    return {**counts, "threshold": similarity.THRESHOLD, "min_shared": similarity.MIN_SHARED,
            "copy_similarity_lowest": min(copies), "copy_similarity_median": median(copies),
            "other_similarity_highest": max(others), "by_exercise": by_exercise,
            "misses": misses}


def plant(root: Path, specs: dict, rng: random.Random) -> set[tuple[str, str, str]]:
    """Independent solutions to one student each, and copies: returns the pairs expected,
    (exercise, student, student) with the names in order: every two students whose files for
    an exercise come from the same independent solution."""
    students = sorted(p.name for p in root.iterdir())
    origin: dict[tuple[str, str], str] = {}
    """(student, exercise) -> the author whose independent solution the file comes from"""
    for ex_id, authors in variants().items():
        if ex_id not in specs:
            continue
        chosen = rng.sample(students, len(authors) + 1)
        for name, (author, text) in zip(chosen, authors.items()):
            (root / name / f"p{ex_id}.py").write_text(text, encoding="utf-8")
            origin[name, ex_id] = author
        source, copier = rng.choice(chosen[:len(authors)]), chosen[-1]
        text = (root / source / f"p{ex_id}.py").read_text(encoding="utf-8")
        (root / copier / f"p{ex_id}.py").write_text(
            disguise(text, specs[ex_id].defines, rng.randrange(1000)), encoding="utf-8")
        origin[copier, ex_id] = origin[source, ex_id]
    # a student who copied a whole submission, disguised wherever it parses
    source = next(s for s in students if any(k[0] == s for k in origin))
    copier = next(s for s in reversed(students) if not any(k[0] == s for k in origin))
    for path in sorted((root / copier).glob("*.py")):
        path.unlink()
    for path in sorted((root / source).glob("*.py")):
        text = path.read_text(encoding="utf-8")
        ex_id = path.stem[1:]
        try:
            text = disguise(text, specs[ex_id].defines if ex_id in specs else (), 5)
        except SyntaxError:
            pass
        (root / copier / path.name).write_text(text, encoding="utf-8")
        if (source, ex_id) in origin:
            origin[copier, ex_id] = origin[source, ex_id]
    return {(ex_id, *sorted([a, b]))
            for (a, ex_id), author in origin.items() for (b, other), author_b in origin.items()
            if a < b and ex_id == other and author == author_b}


def class_of_200(count: int, specs_list: list, work: Path) -> dict:
    specs = {s.id: s for s in specs_list}
    root, out = work / "class", work / "out"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    make_class(root, count, specs_list, exercise_files(specs_list), seed=1)
    planted = plant(root, specs, random.Random(7))
    command = [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only",
               ",".join(specs), "--jobs", "2", "--seed", "1"]
    shutil.rmtree(out, ignore_errors=True)
    graded = run(command + ["--no-similarity"])
    assert graded["exit"] in (0, 1), graded
    # as a user sees it: a rerun (everyone up to date) with similarity, and one without
    rerun_with = run(command)
    rerun_fresh = run(command)  # nobody changed: only the comparison and the pages
    rerun_without = run(command + ["--no-similarity"])
    # in this process, step by step, from no fingerprints at all
    for path in out.glob(f"*/{similarity.PRINTS_FILE}"):
        path.unlink()
    students = discover(root)
    busy, cpu = machine_busy(), time.process_time()
    started = time.perf_counter()
    similarity.record(out, students, specs_list, SOLUTIONS)
    recorded = time.perf_counter()
    results = [r for s in students if (r := read_results(out / s.name / "results.json"))]
    pairs = similarity.report(out, results)
    reported = time.perf_counter()
    cpu = time.process_time() - cpu
    others = max(0.0, machine_busy() - busy - cpu) / (reported - started)
    found = [(p["exercise"], *p["students"]) for p in pairs]
    ranks = {f"p{p[0]} {p[1]}/{p[2]}": (found.index(p) + 1 if p in found else None)
             for p in sorted(planted)}
    return {
        "students": count, "grading_seconds": graded["seconds"],
        "grading_command": "grader batch --no-similarity --jobs 2",
        "rerun_with_similarity_seconds": rerun_with["seconds"],
        "rerun_without_similarity_seconds": rerun_without["seconds"],
        "rerun_nothing_changed_seconds": rerun_fresh["seconds"],
        "similarity_seconds": round(reported - started, 2),
        "record_seconds": round(recorded - started, 2),
        "report_seconds": round(reported - recorded, 2),
        "ratio": round((reported - started) / graded["seconds"], 3),
        "similarity_cpu_seconds": round(cpu, 2), "grading_cpu_seconds": graded["cpu_seconds"],
        "cpu_ratio": round(cpu / graded["cpu_seconds"], 3),
        "others_cores_while_grading": graded["others_cores"],
        "others_cores_while_comparing": round(others, 2),
        "planted": len(planted), "planted_found": sum(r is not None for r in ranks.values()),
        "planted_ranks": ranks,
        "planted_all_first": sorted(r for r in ranks.values() if r) == list(
            range(1, 1 + sum(r is not None for r in ranks.values()))),
        "not_planted": [{"pair": f"p{p['exercise']} {'/'.join(p['students'])}",
                         "similarity": p["similarity"], "shared": p["shared"]}
                        for p in pairs if (p["exercise"], *p["students"]) not in planted],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a class of 40 instead of 200")
    parser.add_argument("--json", type=Path,
                        default=REPO / "benchmarks" / "bench_similarity.json")
    parser.add_argument("--keep", type=Path, help="generate and grade here, and keep it")
    args = parser.parse_args()
    specs_list = [s for s in load_bank() if s.id not in LEFT_OUT]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-similarity-"))
    work.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M:%S"),
              "exercises": len(specs_list), "left_out": sorted(LEFT_OUT)}
    try:
        report["ranks"] = rank_classes({s.id: s for s in specs_list})
        r = report["ranks"]
        print(f"1. {r['classes']} classes: the disguised copy ranks first in {r['copy_first']}, "
              f"is listed (similarity >= {r['threshold']}, >= {r['min_shared']} fingerprints "
              f"shared) in {r['copy_listed']}; other pairs listed: {r['other_listed']}. "
              f"Copies: lowest {r['copy_similarity_lowest']}, median "
              f"{r['copy_similarity_median']}; any other pair at most "
              f"{r['other_similarity_highest']}", flush=True)
        for ex_id, row in r["by_exercise"].items():
            print(f"   p{ex_id}: copies listed {row['copies_listed']} of {row['classes']}, "
                  f"copies >= {row['copy_lowest']}, any other pair <= {row['other_highest']}")
        report["class"] = c = class_of_200(40 if args.quick else 200, specs_list, work)
        print(f"2. {c['students']} students: grading {c['grading_seconds']} s "
              f"(`{c['grading_command']}`), similarity {c['similarity_seconds']} s "
              f"(record {c['record_seconds']} s, compare and pages {c['report_seconds']} s): "
              f"{c['ratio']:.1%} of the grading time")
        print(f"   CPU: similarity {c['similarity_cpu_seconds']} s, grading (every process) "
              f"{c['grading_cpu_seconds']} s: {c['cpu_ratio']:.1%}; other processes on this "
              f"machine used {c['others_cores_while_grading']} cores while grading, "
              f"{c['others_cores_while_comparing']} while comparing")
        print(f"   a rerun, everyone up to date: {c['rerun_with_similarity_seconds']} s with "
              f"similarity (everyone fingerprinted), {c['rerun_nothing_changed_seconds']} s "
              f"once more (fingerprints up to date), {c['rerun_without_similarity_seconds']} s "
              f"without")
        print(f"   planted pairs found {c['planted_found']} of {c['planted']}, ranked "
              f"{sorted(r for r in c['planted_ranks'].values() if r)}; first: "
              f"{c['planted_all_first']}; found, not planted: {c['not_planted']}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    print(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
