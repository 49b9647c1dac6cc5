"""How fast `grader batch` grades a class, measured in one run on this machine.

    python benchmarks/bench_batch.py [--quick] [--json FILE] [--keep DIR]

It generates submissions from solutions/ and solutions/mistakes/ (complete, typical, partial,
struggling and hostile students; a few hang), grades them, and prints and writes (JSON) four
figures, on the bank without 237 and 238:

1. one correct submission, graded inside a batch (warm), seconds of wall time;
2. 200 submissions with --jobs 2, against 200 separate `grader check` processes (a sample of
   them timed, scaled to 200);
3. --jobs 2 against --jobs 1 on the same 200;
4. 100 and 1,000 submissions with --jobs 2: seconds per submission, and the grader's peak
   memory (its own process, and with its warm sandbox processes).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from grader.bank import load_bank  # noqa: E402
from grader.render.environment import render  # noqa: E402

SOLUTIONS = REPO / "solutions"
LEFT_OUT = {"237", "238"}

HOSTILE = {
    "exit": "import os\nos._exit(1)\n",
    "sys_exit": "import sys\nsys.exit('bye')\n",
    "print_flood": "while True:\n    print('x' * 10000)\n",
    "memory": "x = bytearray(8 * 2**30)\n",
    "kill_group": "import os, signal\nos.killpg(0, signal.SIGKILL)\n",
    "raise": "raise RuntimeError('broken on purpose')\n",
}
HANG = "while True:\n    pass\n"
CORRECT = 31
"""correct submissions graded in one batch for figure 1 (the first starts the sandbox)"""


def exercise_files(specs) -> dict[str, dict[str, str]]:
    """Per exercise: the ways a student's file can be (correct, mistakes, stub, broken)."""
    variants = {}
    for spec in specs:
        correct = (SOLUTIONS / spec.filename).read_text(encoding="utf-8")
        mistakes = [p.read_text(encoding="utf-8")
                    for p in sorted((SOLUTIONS / "mistakes").glob(f"p{spec.id}_*.py"))]
        variants[spec.id] = {
            "correct": correct, "mistakes": mistakes,
            "stub": render("stub.py.j2", spec=spec, lang="en"),
            "syntax": correct + "\ndef broken(:\n    pass\n",
            "raises": "raise ValueError('half done')\n" + correct,
        }
    return variants


def choose(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


TYPICAL = {"correct": 75, "mistake": 12, "missing": 8, "stub": 3, "syntax": 1, "raises": 1}
STRUGGLING = {"correct": 30, "mistake": 30, "stub": 20, "missing": 10, "syntax": 5, "raises": 5}
PROFILES = {"complete": 35, "typical": 35, "partial": 15, "struggling": 10, "hostile": 5}


def mark(student: str, text: str, verbatim: bool) -> str:
    """The student's own copy: no two students' files are byte for byte the same (as in a real
    class, where the grader's result cache does not apply), unless `verbatim`."""
    return text if verbatim else f"# {student}\n{text}"


def make_class(root: Path, count: int, specs, variants, seed: int = 1,
               verbatim: bool = False) -> dict[str, int]:
    """`count` student folders under root; returns how many of each profile."""
    rng = random.Random(seed)
    ids = [s.id for s in specs]
    api_ids = [s.id for s in specs if s.kind == "api"]
    made: dict[str, int] = {}
    for n in range(count):
        profile = choose(rng, PROFILES)
        made[profile] = made.get(profile, 0) + 1
        folder = root / f"student{n:04d}"
        folder.mkdir(parents=True)
        attempted = ids[: rng.randint(len(ids) * 3 // 10, len(ids) * 8 // 10)] \
            if profile == "partial" else ids
        for ex in attempted:
            how = "correct" if profile == "complete" else choose(
                rng, STRUGGLING if profile == "struggling" else TYPICAL)
            v = variants[ex]
            if how == "missing":
                continue
            if how == "mistake":
                text = rng.choice(v["mistakes"]) if v["mistakes"] else v["stub"]
            else:
                text = v[how]
            if how != "stub":  # an untouched stub is the same for everyone, as in a real class
                text = mark(folder.name, text, verbatim)
            (folder / f"p{ex}.py").write_text(text, encoding="utf-8")
        if profile == "hostile":
            ex = rng.choice(api_ids)
            text = HANG if n % 20 == 0 else rng.choice(list(HOSTILE.values()))  # 1 in 20 hangs
            (folder / f"p{ex}.py").write_text(text, encoding="utf-8")
    return made


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (every process, ours and others')."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run(command: list[str], sample_memory: bool = False, cwd: Path = REPO) -> dict:
    """Run a grader command: wall seconds, its CPU seconds (with every process it started), the
    CPU others used meanwhile (this machine may be shared), and optionally its peak memory.
    `cwd`: the checkout whose grader `python -m grader` runs."""
    started, busy = time.monotonic(), machine_busy()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "NO_COLOR": "1"})
    peaks = {"grader_mb": 0.0, "grader_and_sandboxes_mb": 0.0}
    done = threading.Event()

    def sample():
        while not done.wait(0.1):
            own = _rss_kb(process.pid, "VmHWM")
            zygotes = sum(_rss_kb(pid, "VmRSS") for pid in _children(process.pid))
            peaks["grader_mb"] = max(peaks["grader_mb"], own / 1024)
            peaks["grader_and_sandboxes_mb"] = max(peaks["grader_and_sandboxes_mb"],
                                                   (_rss_kb(process.pid, "VmRSS") + zygotes) / 1024)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    stdout, _ = process.communicate()
    done.set()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    result = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 2),
              "others_cores": round(max(0.0, machine_busy() - busy - cpu) / wall, 2),
              "exit": process.returncode, "stdout": stdout.strip().splitlines()[:1]}
    if sample_memory:
        sampler.join()
        result.update({k: round(v, 1) for k, v in peaks.items()})
    return result


def _rss_kb(pid: int, field: str) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return found


def batch(root: Path, out: Path, only: str, jobs: int, memory: bool = False) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    return run([sys.executable, "-m", "grader", "batch", str(root), "--out", str(out),
                "--only", only, "--jobs", str(jobs), "--seed", "1"], sample_memory=memory)


def per_student_seconds(out: Path) -> list[float]:
    return [json.loads(p.read_text())["seconds"] for p in sorted(out.glob("*/results.json"))]


def slowest_exercises(out: Path, count: int = 5) -> dict[str, float]:
    """Median seconds of the exercises that take longest, over the students of `out`."""
    times: dict[str, list[float]] = {}
    for path in sorted(out.glob("*/results.json"))[1:]:  # the first starts the sandbox
        for exercise in json.loads(path.read_text())["exercises"]:
            times.setdefault(exercise["id"], []).append(exercise.get("seconds") or 0.0)
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {k: round(v, 3) for k, v in sorted(medians.items(), key=lambda kv: -kv[1])[:count]}


def installed_bytecode() -> None:
    """The grader's bytecode written, as `pip install` writes it: a benchmark times an installed
    grader, not Python compiling it again on every run (which it does from a checkout where
    PYTHONDONTWRITEBYTECODE is set, as on some CI machines)."""
    import compileall

    compileall.compile_dir(str(REPO / "grader"), quiet=1)


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            memory = round(int(f.readline().split()[1]) / 2**20, 1)
    except (OSError, ValueError, IndexError):
        memory = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory,
            "python": platform.python_version(), "system": platform.platform()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20/50/100 instead of 200/100/1000")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "bench_batch.json")
    parser.add_argument("--keep", type=Path, help="generate and grade here, and keep it")
    parser.add_argument("--sample", type=int, default=20, help="grader check processes timed")
    parser.add_argument("--verbatim", action="store_true",
                        help="students' files are exact copies of solutions/ and mistakes/ (the "
                             "result cache then grades most of them once)")
    args = parser.parse_args()
    installed_bytecode()
    n_mid, n_small, n_large = (20, 50, 100) if args.quick else (200, 100, 1000)

    specs = [s for s in load_bank() if s.id not in LEFT_OUT]
    only = ",".join(s.id for s in specs)
    variants = exercise_files(specs)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": machine(), "exercises": len(specs), "verbatim": args.verbatim,
                    "left_out": sorted(LEFT_OUT), "when": time.strftime("%Y-%m-%d %H:%M:%S")}

    def say(text: str):
        print(text, flush=True)

    try:
        # 1. one correct submission inside a batch
        correct = work / "correct"
        for n in range(CORRECT):
            folder = correct / f"c{n:02d}"
            folder.mkdir(parents=True)
            for spec in specs:
                text = (SOLUTIONS / spec.filename).read_text(encoding="utf-8")
                (folder / spec.filename).write_text(mark(folder.name, text, args.verbatim),
                                                    encoding="utf-8")
        one = batch(correct, work / "out-correct", only, jobs=1)
        seconds = per_student_seconds(work / "out-correct")[1:]  # the first starts the sandbox
        two = batch(correct, work / "out-correct2", only, jobs=2)
        few = work / "few"
        for n in range(3):
            shutil.copytree(correct / f"c{n:02d}", few / f"c{n:02d}")
        split = batch(few, work / "out-few", only, jobs=2)
        split_seconds = per_student_seconds(work / "out-few")[1:]
        report["1_one_correct_submission"] = {
            "seconds_in_batch_jobs1_median": round(statistics.median(seconds), 3),
            "seconds_in_batch_jobs1_min": round(min(seconds), 3),
            "seconds_in_batch_jobs2_split_median": round(statistics.median(split_seconds), 3),
            "correct": CORRECT, "batch_of_correct_jobs1": one, "batch_of_correct_jobs2": two,
            "batch_of_3_jobs2": split,
            "batch_of_correct_jobs2_seconds_per_submission": round(two["seconds"] / CORRECT, 3),
            "slowest_exercises_jobs1_median": slowest_exercises(work / "out-correct"),
            "target_seconds": 0.3}
        say(f"1. one correct submission in a warm batch: {statistics.median(seconds):.3f} s "
            f"(--jobs 1, median of {CORRECT - 1}); {statistics.median(split_seconds):.3f} s with its "
            f"exercises spread over --jobs 2 (a class smaller than 2 x jobs); target 0.3 s. "
            f"{CORRECT} with --jobs 2: {two['seconds'] / CORRECT:.3f} s each, start-up included. "
            f"Slowest "
            f"exercises: {report['1_one_correct_submission']['slowest_exercises_jobs1_median']}")

        # 2 and 3. 200 submissions: batch --jobs 2, --jobs 1, separate grader check processes
        mid = work / f"class{n_mid}"
        made = make_class(mid, n_mid, specs, variants, verbatim=args.verbatim)
        jobs2 = batch(mid, work / "out-mid-2", only, jobs=2)
        jobs1 = batch(mid, work / "out-mid-1", only, jobs=1)
        rng = random.Random(7)
        sample = rng.sample(sorted(p for p in mid.iterdir()), min(args.sample, n_mid))
        timed = [run([sys.executable, "-m", "grader", "check", str(folder), "--only", only,
                      "--seed", "1"]) for folder in sample]
        per_check = sum(t["seconds"] for t in timed) / len(sample)
        # Scaled by parts: a check process costs its student's own grading (known for every
        # student from the --jobs 1 batch) plus a process's start and bank loading (the
        # sample's mean). A plain mean would miss the rare student who hangs for minutes.
        graded = {p.parent.name: json.loads(p.read_text())["seconds"]
                  for p in (work / "out-mid-1").glob("*/results.json")}
        overhead = statistics.fmean(t["seconds"] - graded[f.name] for t, f in zip(timed, sample))
        checks = sum(graded.values()) + overhead * n_mid
        report["2_batch_vs_check"] = {
            "submissions": n_mid, "profiles": made, "batch_jobs2_seconds": jobs2["seconds"],
            "batch_jobs2": jobs2, "batch_jobs1": jobs1,
            "check_processes_seconds_scaled": round(checks, 1),
            "check_process_overhead_seconds": round(overhead, 3),
            "check_processes_seconds_plain_mean_scaled": round(per_check * n_mid, 1),
            "check_sample": len(sample), "check_seconds_each": round(per_check, 3),
            "check_cpu_seconds_each": round(sum(t["cpu_seconds"] for t in timed) / len(sample), 3),
            "check_others_cores": round(statistics.fmean(t["others_cores"] for t in timed), 2),
            "speedup": round(checks / jobs2["seconds"], 2), "target_speedup": 15}
        report["3_jobs2_vs_jobs1"] = {
            "batch_jobs1_seconds": jobs1["seconds"], "batch_jobs2_seconds": jobs2["seconds"],
            "speedup": round(jobs1["seconds"] / jobs2["seconds"], 2), "target_speedup": 1.7}
        say(f"2. {n_mid} submissions, --jobs 2: {jobs2['seconds']:.1f} s; {n_mid} grader check "
            f"processes: {checks:.1f} s (each: the student's grading + {overhead:.2f} s to start, "
            f"from {len(sample)} timed): "
            f"{checks / jobs2['seconds']:.1f}x (target 15x)")
        say(f"3. --jobs 1: {jobs1['seconds']:.1f} s, --jobs 2: {jobs2['seconds']:.1f} s: "
            f"{jobs1['seconds'] / jobs2['seconds']:.2f}x (target 1.7x)")

        # 4. growth and memory: 100 and 1,000
        large = work / f"class{n_large}"
        make_class(large, n_large, specs, variants, seed=2, verbatim=args.verbatim)
        small = work / f"class{n_small}"
        small.mkdir()
        for folder in sorted(large.iterdir())[:n_small]:
            shutil.copytree(folder, small / folder.name)
        runs = {}
        for count, root in ((n_small, small), (n_large, large)):
            runs[count] = batch(root, work / f"out-{count}", only, jobs=2, memory=True)
        growth = (runs[n_large]["seconds"] / n_large) / (runs[n_small]["seconds"] / n_small)
        report["4_scale"] = {
            str(count): {"seconds": r["seconds"], "cpu_seconds": r["cpu_seconds"],
                         "others_cores": r["others_cores"],
                         "seconds_per_submission": round(r["seconds"] / count, 3),
                         "grader_peak_mb": r["grader_mb"],
                         "grader_and_sandboxes_peak_mb": r["grader_and_sandboxes_mb"]}
            for count, r in runs.items()}
        report["4_scale"]["per_submission_ratio_large_to_small"] = round(growth, 2)
        report["4_scale"]["target_peak_mb"] = 500
        for count, r in runs.items():
            say(f"4. {count} submissions, --jobs 2: {r['seconds']:.1f} s "
                f"({r['seconds'] / count:.3f} s each); peak memory: grader {r['grader_mb']:.0f} MB,"
                f" with its sandboxes {r['grader_and_sandboxes_mb']:.0f} MB (target < 500 MB)")
        say(f"   time per submission, {n_large} vs {n_small}: x{growth:.2f} (1.0 = linear)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    say(f"written {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
