"""How fast `grader check` answers a student, measured in one run on this machine.

    python benchmarks/bench_check.py [--runs 11] [--students 20] [--json FILE] [--keep DIR] [--here]
    python benchmarks/bench_check.py --cold-only [--runs 15]     # figures 0 and 1 alone, printed
    python benchmarks/bench_check.py --warm-only [--runs 15]     # figure 4's two sides, printed

Six figures, each as a ratio to a start measured in the same run, so that a busy or slow
machine moves both sides alike:

0. the bare start: `python -c "import numpy, yaml, jinja2"`, the interpreter with the grader's
   three libraries and nothing else;
1. `grader check DIR --only 219` on a correct submission;
2. `grader check DIR` on a complete correct submission without 237 and 238 (`--only` the rest);
3. the grader's own CPU time per exercise: a class of stub submissions whose files all differ
   (the identical-work cache never applies; the stubs' own code is a raise), graded one after
   another by one warm `Grader` in a process of its own; the CPU of that process, its warm
   workers and their jobs, over the exercises graded, after a first submission that starts
   everything; beside it, what a fork of the warm worker's image and its exit cost alone (the
   floor of a process per exercise).
4. `grader check DIR --only 219` answered by the warm grader (grader/server), against a bare
   `python -c "import numpy"`, with the server's CPU for the call (see `timed`).
5. `grader check DIR --watch` on a complete correct submission (237 and 238 among it): after a
   save of p219.py that changes its code, the time until p219's verdict line is on the watch's
   standard output, less p219's own run time as its results JSON reports it (`watch_answer`).

Every command runs with the interpreter of a user's environment, as README's `pip install .`
leaves one: a virtual environment made for the run that finds numpy, yaml and jinja2 and holds
no editable install (`users_python`: a development environment's `pip install -e` adds its
finder's 15-20 ms to every Python start, on both sides of every ratio); `--here` measures with
this interpreter as it is. The grader's bytecode is written first, as `pip install` writes it.

The machine may be shared: the runs of 0, 1 and 2 alternate, each figure is the median of
`--runs`, and every figure is given in wall time and in CPU time (the command's process and
every process it started), with the CPU the rest of the machine used meanwhile
(`others_cores`). JSON: benchmarks/bench_check.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_batch import LEFT_OUT, installed_bytecode, machine, machine_busy  # noqa: E402

from grader.bank import load_bank  # noqa: E402
from grader.render.environment import render  # noqa: E402

SOLUTIONS = REPO / "solutions"
PYTHON = sys.executable
"""the interpreter every measured command runs with: a user's (`users_python`), unless --here"""
BARE = [PYTHON, "-c", "import numpy, yaml, jinja2"]
BARE_NUMPY = [PYTHON, "-c", "import numpy"]
TARGETS = {"only_219": 1.4, "complete": 4.0, "cpu_ms_per_exercise": 3.0, "warm_219": 0.5,
           "watch_answer_seconds": 0.15}
RUNTIME = Path(tempfile.mkdtemp(prefix="bench-check-rt-"))
"""the warm grader's runtime folder (XDG_RUNTIME_DIR), the benchmark's own"""
COLD = {"GRADER_NO_SERVER": "1"}
WARM = {"GRADER_NO_SERVER": "0", "XDG_RUNTIME_DIR": str(RUNTIME)}


REAPER = """
import ctypes, json, os, resource, signal, subprocess, sys, time
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
started = time.monotonic()
code = subprocess.run(sys.argv[2:]).returncode
wall = time.monotonic() - started
def late(*_):
    raise InterruptedError
signal.signal(signal.SIGALRM, late)
signal.alarm(120)  # a process that never ends (a warm grader started meanwhile) is left
try:
    while True:
        os.wait()
except (ChildProcessError, InterruptedError):
    pass
used, own = (resource.getrusage(who) for who in (resource.RUSAGE_CHILDREN, resource.RUSAGE_SELF))
os.write(int(sys.argv[1]), json.dumps(
    {"exit": code, "seconds": wall, "cpu_seconds": used.ru_utime + used.ru_stime,
     "reaper_cpu_seconds": own.ru_utime + own.ru_stime}).encode())
"""
"""Runs the command as its child, the subreaper of everything it starts: every process the
command leaves (the warm workers forked twice, which are no one's child) comes back to it, and
it waits for them all, so that their CPU is in its RUSAGE_CHILDREN. It says the command's exit
code, its wall time (from its start to its exit, the wrapper's own start left out) and that
CPU (and its own, which is not the command's) on the file descriptor it is given."""


def reaped(command: list[str], env: dict) -> dict:
    """`command` run under REAPER: its exit code, wall seconds and the CPU seconds of every
    process it started, and its standard error."""
    said, tell = os.pipe()
    try:
        done = subprocess.run([sys.executable, "-c", REAPER, str(tell), *command], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                              text=True, pass_fds=[tell])
        os.close(tell)
        tell = None
        with os.fdopen(said, "rb") as f:
            said = None
            text = f.read()
    finally:
        for fd in (said, tell):
            if fd is not None:
                os.close(fd)
    if not text:
        raise SystemExit(f"{' '.join(command)} was not measured:\n{done.stderr}")
    return {**json.loads(text), "stderr": done.stderr}


def timed(command: list[str], env: dict | None = None) -> dict:
    """Wall seconds, CPU seconds of the command and every process it started (all of them: it
    runs under a subreaper that waits for them, see REAPER), and the cores the rest of the
    machine kept busy meanwhile. Through the warm grader (`env` is WARM), the server's CPU for
    the call is counted too: the server, every process it reaped (it is their subreaper: the
    call's fork, the warm workers and their jobs) and its live children, from before the call
    until its next warm workers are started."""
    warm = env is WARM
    server = _server_ready() if warm else None
    server_before = _server_cpu(server) if server else 0.0
    started, busy = time.monotonic(), machine_busy()
    done = reaped(command, {**os.environ, "NO_COLOR": "1", **(env or COLD)})
    window = time.monotonic() - started  # the subreaper's own start and end with it
    wall, cpu = done["seconds"], done["cpu_seconds"]
    if server:
        again = _server_ready()
        cpu += _server_cpu(again) - server_before if again == server else 0.0
    if done["exit"] not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done['exit']}):\n{done['stderr']}")
    return {"seconds": wall, "cpu_seconds": cpu, "exit": done["exit"],
            "others_cores": max(0.0, machine_busy() - busy - cpu - done["reaper_cpu_seconds"])
            / window}


def _server_ready() -> int | None:
    """The warm grader's pid, once its warm workers for the next call are started."""
    from grader.server import client

    socks = list((RUNTIME / "backprop-grader").glob("*.sock"))
    said = client.ask(str(socks[0]), "ping") if socks else None
    return int(said) if said and said.isdigit() else None


def _server_cpu(pid: int) -> float:
    """A live process's CPU with what it reaped, and its live descendants'."""
    total, todo = 0.0, [pid]
    while todo:
        one = todo.pop()
        try:
            total += _process_cpu(one)
            todo += _children(one)
        except OSError:
            pass
    return total


def users_python(work: Path) -> str:
    """An interpreter as README's `pip install .` leaves one: a virtual environment of this
    Python (made in `work`) whose site-packages finds numpy, PyYAML and jinja2 where this one
    finds them (a .pth file naming their folders), and nothing else. A development environment
    (`pip install -e`) holds an editable install's finder, which `site` runs at every start of
    its interpreter: 15-20 ms here, on both sides of every ratio, which no student's
    installation has. The grader measured is the checkout's (`python -m grader` in REPO): an
    installed grader is the same code."""
    import importlib.util
    import venv

    folder = work / "users-venv"
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    found = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    needed = []
    for name in ("numpy", "yaml", "jinja2", "markupsafe"):
        where = str(Path(importlib.util.find_spec(name).origin).parent.parent)
        if where not in needed:
            needed.append(where)
    Path(found, "bench-dependencies.pth").write_text("\n".join(needed) + "\n", encoding="utf-8")
    subprocess.run([str(python), "-c", "import numpy, yaml, jinja2"], check=True)
    return str(python)


def use_python(python: str) -> None:
    """Measure every command with `python` (see PYTHON)."""
    global PYTHON, BARE, BARE_NUMPY
    PYTHON = python
    BARE = [python, "-c", "import numpy, yaml, jinja2"]
    BARE_NUMPY = [python, "-c", "import numpy"]


def summary(samples: list[dict]) -> dict:
    return {"seconds_median": round(statistics.median(s["seconds"] for s in samples), 3),
            "seconds_min": round(min(s["seconds"] for s in samples), 3),
            "cpu_seconds_median": round(statistics.median(s["cpu_seconds"] for s in samples), 3),
            "others_cores_median": round(statistics.median(s["others_cores"] for s in samples), 2),
            "runs": len(samples)}


def correct_submission(folder: Path, specs) -> None:
    """The reference solutions, each file marked as this student's own."""
    folder.mkdir(parents=True)
    for spec in specs:
        text = (SOLUTIONS / spec.filename).read_text(encoding="utf-8")
        (folder / spec.filename).write_text(f"# bench\n{text}", encoding="utf-8")


def stub_class(root: Path, specs, count: int) -> None:
    """`count` students who handed in every stub, each file with the student's name on top."""
    stubs = {s.filename: render("stub.py.j2", spec=s, lang="en") for s in specs}
    for n in range(count + 1):
        folder = root / f"student{n:03d}"
        folder.mkdir(parents=True)
        for name, text in stubs.items():
            (folder / name).write_text(f"# {folder.name}\n{text}", encoding="utf-8")


# -- figures 0 and 1 alone (--cold-only), figure 4 alone (--warm-only) --------------------------

def alternated(base: tuple[str, list[str]], measured: tuple[str, list[str]], runs: int, say,
               env: dict | None = None) -> dict:
    """A bare start and a grader command, alternated `runs` times, each pair's ratio said as it
    comes: their summaries, and the command's ratio to the start (of the medians, in wall and
    CPU time, and the median of each pair's ratio: the two runs side by side, under the same
    load). `env`: the command's (WARM through the warm grader; cold by default)."""
    (base_name, base_command), (name, command) = base, measured
    samples: dict[str, list[dict]] = {base_name: [], name: []}
    for run in range(runs):
        samples[base_name].append(timed(base_command))
        samples[name].append(timed(command, env))
        bare, graded = samples[base_name][-1]["seconds"], samples[name][-1]["seconds"]
        say(f"run {run + 1}/{runs}: {base_name} {bare:.3f} s, {name} {graded:.3f} s "
            f"({graded / bare:.2f}x)")
    figures = {n: summary(s) for n, s in samples.items()}
    pairs = [m["seconds"] / b["seconds"] for b, m in zip(*samples.values())]
    cpu_pairs = [m["cpu_seconds"] / b["cpu_seconds"] for b, m in zip(*samples.values())]
    figures[name].update({
        f"ratio_to_{base_name}": round(figures[name]["seconds_median"]
                                       / figures[base_name]["seconds_median"], 2),
        f"cpu_ratio_to_{base_name}": round(figures[name]["cpu_seconds_median"]
                                           / figures[base_name]["cpu_seconds_median"], 2),
        "paired_ratio_median": round(statistics.median(pairs), 2),
        "paired_cpu_ratio_median": round(statistics.median(cpu_pairs), 2),
        "target_ratio": TARGETS[name]})
    return figures


def cold_only(folder: Path, specs, runs: int, say) -> dict:
    """Figures 0 and 1, alternated `runs` times (after one unmeasured run of each): the fast
    loop for work on the cold path."""
    correct_submission(folder, specs)
    installed_bytecode()
    only = [PYTHON, "-m", "grader", "check", str(folder), "--seed", "1", "--only", "219"]
    for command in (BARE, only):
        timed(command)  # files in the page cache, the caches beside the bank and templates
    return alternated(("bare_start", BARE), ("only_219", only), runs, say)


def warm_only(work: Path, specs, runs: int, say) -> dict:
    """Figure 4's two sides, `python -c "import numpy"` and `grader check --only 219` through
    the warm grader, alternated `runs` times (see `alternated`)."""
    correct = work / "correct"
    correct_submission(correct, specs)
    warm = [PYTHON, "-m", "grader", "check", str(correct), "--seed", "1", "--only", "219"]
    installed_bytecode()
    subprocess.run(warm, cwd=REPO, stdout=subprocess.DEVNULL, env={**os.environ, **WARM},
                   check=False)  # starts the warm grader, unmeasured (see `main`)
    return alternated(("bare_numpy", BARE_NUMPY), ("warm_219", warm), runs, say, WARM)


# -- figure 3, in a process of its own (run with --stub-cpu) -----------------------------------

def _process_cpu(pid: int) -> float:
    """A live process's CPU seconds, with its children it has waited for."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return found


def _tree_cpu() -> float:
    """This process, every process it waited for, and its live children (the warm workers) with
    theirs (the jobs)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    waited = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    for pid in _children(os.getpid()):
        try:
            live += _process_cpu(pid)
        except OSError:
            pass
    return own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime + live


def stub_cpu(root: Path, only: str) -> dict:
    from grader.bank import select
    from grader.grading.engine import Grader
    from grader.grading.job import GradingJob, Options
    from grader.grading.sandbox.isolation import become_subreaper

    specs = select(load_bank(), only)
    folders = sorted(root.iterdir())
    become_subreaper()  # the workers forked twice come back here: `_tree_cpu` counts them
    with Grader(specs, Options(seed=1)) as grader:
        grader.grade(GradingJob.read(folders[0]))  # starts the warm worker
        cpu, wall = _tree_cpu(), time.monotonic()
        graded = 0
        for folder in folders[1:]:
            graded += len(grader.grade(GradingJob.read(folder)).exercises)
        cpu, wall = _tree_cpu() - cpu, time.monotonic() - wall
    return {"exercises": graded, "cpu_seconds": cpu, "seconds": wall}


FORK_FLOOR = """
import os, resource, sys, gc
sys.path.insert(0, sys.argv[1])
from grader.grading.sandbox import zygote
zygote._preload()
gc.freeze()
def cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime
before = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN)
for _ in range(int(sys.argv[2])):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
print((cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - before) / int(sys.argv[2]))
"""
"""A warm worker's image (numpy and the preloaded modules) forking a process that exits at
once: the CPU a process per exercise costs before any of the grader's work."""


def fork_floor(forks: int = 300) -> float:
    out = subprocess.run([PYTHON, "-I", "-c", FORK_FLOOR, str(REPO), str(forks)],
                         check=True, capture_output=True, text=True)
    return 1000 * float(out.stdout.strip())


# -----------------------------------------------------------------------------------------------

# -- figure 5: the watch's answer to a save --------------------------------------------------

def watch_answer(folder: Path, saves: int) -> dict:
    """`grader check FOLDER --watch`, and `saves` saves of p219.py, each changing its code, one
    after the other's report is complete: the seconds from the save (its file closed) to the
    watch's heading line and to p219's verdict line, read as they come, and p219's own run
    time from --json (written after each report)."""
    import queue
    import threading

    results = folder.parent / "watch.json"
    process = subprocess.Popen(
        [PYTHON, "-m", "grader", "check", str(folder), "--watch", "--seed", "1",
         "--json", str(results)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1", **COLD}, text=True)
    lines: queue.Queue = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put((time.monotonic(), line))
        lines.put((time.monotonic(), None))
    threading.Thread(target=read, daemon=True).start()

    def until(needle: str) -> float:
        while True:
            when, line = lines.get(timeout=300)
            if line is None:
                raise SystemExit(f"the watch ended ({process.wait()})")
            if needle(line) if callable(needle) else needle in line:
                return when

    samples = []
    try:
        until("watching")
        text = (folder / "p219.py").read_text(encoding="utf-8")
        for n in range(saves):
            written = results.stat().st_mtime_ns
            with open(folder / "p219.py", "w", encoding="utf-8") as f:
                f.write(f"{text}\n_bench_save = {n}\n")  # a change of code, not of a comment
            saved = time.monotonic()
            heading = until("changed: p219.py")
            verdict = until(lambda line: line.split()[1:2] == ["p219"])
            until("Total")
            own = None
            while own is None:  # --json is written once the report is complete
                try:
                    if results.stat().st_mtime_ns != written:
                        said = json.loads(results.read_text(encoding="utf-8"))
                        own = next(e["seconds"] for e in said["exercises"] if e["id"] == "219")
                except ValueError:
                    pass  # read while it was written
                time.sleep(0.01)
            samples.append({"heading": heading - saved, "verdict": verdict - saved, "own": own})
    finally:
        process.send_signal(2)
        process.wait(timeout=60)
    answers = [s["verdict"] - s["own"] for s in samples]
    return {"seconds_median": round(statistics.median(answers), 3),
            "seconds_runs": [round(a, 3) for a in answers],
            "heading_seconds_median": round(statistics.median(s["heading"] for s in samples), 3),
            "p219_own_seconds_median": round(statistics.median(s["own"] for s in samples), 3),
            "saves": saves, "target_seconds": TARGETS["watch_answer_seconds"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11,
                        help="rounds of figures 0, 1, 2 and 4 (median)")
    parser.add_argument("--students", type=int, default=20, help="stub students of figure 3")
    parser.add_argument("--stub-runs", type=int, default=3, help="runs of figure 3 (median)")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "bench_check.json")
    parser.add_argument("--keep", type=Path, help="generate the submissions here, and keep them")
    parser.add_argument("--saves", type=int, default=7, help="saves of figure 5 (median)")
    parser.add_argument("--watch-only", action="store_true",
                        help="figure 5 alone, printed (the JSON is left as it is)")
    parser.add_argument("--cold-only", action="store_true",
                        help="figures 0 and 1 alone, alternated, printed with each run's ratio "
                             "(the JSON is left as it is)")
    parser.add_argument("--warm-only", action="store_true",
                        help="figure 4's two sides alone (bare_numpy and warm_219), alternating, "
                             "printed (the JSON is left as it is)")
    parser.add_argument("--here", action="store_true",
                        help="measure with this interpreter as it is (an editable install's "
                             "finder and all), not in a user's environment made for the run")
    parser.add_argument("--stub-cpu", type=Path, help=argparse.SUPPRESS)  # figure 3's process
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stub_cpu:
        print(json.dumps(stub_cpu(args.stub_cpu, args.only)))
        return 0

    specs = [s for s in load_bank() if s.id not in LEFT_OUT]
    only = ",".join(s.id for s in specs)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-check-"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.here:
        use_python(users_python(work))
    if args.cold_only:
        try:
            print(json.dumps(cold_only(work / "correct", specs, args.runs, say=print)))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return 0
    if args.watch_only:
        try:
            correct_submission(work / "full", load_bank())
            print(json.dumps(watch_answer(work / "full", args.saves)))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return 0

    def say(text: str):
        print(text, flush=True)

    if args.warm_only:
        try:
            print(json.dumps(warm_only(work, specs, args.runs, say)))
        finally:
            _stop_server()
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return 0

    try:
        correct = work / "correct"
        correct_submission(correct, specs)
        stubs = work / "stubs"
        stub_class(stubs, specs, args.students)
        check = [PYTHON, "-m", "grader", "check", str(correct), "--seed", "1"]
        commands = {"bare_start": BARE, "only_219": check + ["--only", "219"],
                    "complete": check + ["--only", only], "bare_numpy": BARE_NUMPY,
                    "warm_219": check + ["--only", "219"]}
        installed_bytecode()
        timed(commands["complete"])  # once unmeasured: files in the page cache
        # once unmeasured, not under the subreaper: starts the warm grader (which the
        # subreaper would otherwise wait for)
        subprocess.run(commands["warm_219"], cwd=REPO, stdout=subprocess.DEVNULL,
                       env={**os.environ, **WARM}, check=False)
        samples: dict[str, list[dict]] = {name: [] for name in commands}
        for run in range(args.runs):
            for name, command in commands.items():
                samples[name].append(timed(command, WARM if name.startswith("warm") else None))
            say(f"run {run + 1}/{args.runs}: " + ", ".join(
                f"{name} {samples[name][-1]['seconds']:.3f} s" for name in commands))
        stub_runs = []
        for run in range(args.stub_runs):
            # one BLAS thread, as `grader` itself has it: the grader's arrays are small, and
            # OpenBLAS's idle threads would count their spinning as the grader's work
            out = subprocess.run([PYTHON, str(Path(__file__).resolve()), "--stub-cpu",
                                  str(stubs), "--only", only], cwd=REPO, check=True,
                                 capture_output=True, text=True,
                                 env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
            stub_runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            say(f"stub run {run + 1}/{args.stub_runs}: {stub_runs[-1]}")
        full = work / "full"
        correct_submission(full, load_bank())
        watched = watch_answer(full, args.saves)
        say(f"watch: {watched}")
        fork_and_exit = statistics.median(fork_floor() for _ in range(3))  # (PYTHON is in work)
    finally:
        _stop_server()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    figures = {name: summary(s) for name, s in samples.items()}
    bare = figures["bare_start"]
    for name in ("only_219", "complete"):
        figures[name]["ratio_to_bare_start"] = round(
            figures[name]["seconds_median"] / bare["seconds_median"], 2)
        figures[name]["cpu_ratio_to_bare_start"] = round(
            figures[name]["cpu_seconds_median"] / bare["cpu_seconds_median"], 2)
        figures[name]["target_ratio"] = TARGETS[name]
    numpy_start = figures["bare_numpy"]
    figures["warm_219"]["ratio_to_bare_numpy"] = round(
        figures["warm_219"]["seconds_median"] / numpy_start["seconds_median"], 2)
    figures["warm_219"]["cpu_ratio_to_bare_numpy"] = round(
        figures["warm_219"]["cpu_seconds_median"] / numpy_start["cpu_seconds_median"], 2)
    figures["warm_219"]["target_ratio"] = TARGETS["warm_219"]
    for name, base in (("only_219", "bare_start"), ("complete", "bare_start"),
                       ("warm_219", "bare_numpy")):
        # beside the ratio of the medians: the median of each round's ratio, the two measured
        # one after the other (a machine whose speed drifts during the run moves both alike)
        figures[name]["paired_ratio_median"] = round(statistics.median(
            m["seconds"] / b["seconds"] for b, m in zip(samples[base], samples[name])), 2)
    figures["complete"]["exercises"] = len(specs)
    per_exercise = [1000 * r["cpu_seconds"] / r["exercises"] for r in stub_runs]
    figures["cpu_per_exercise"] = {
        "ms_median": round(statistics.median(per_exercise), 2),
        "ms_runs": [round(x, 2) for x in per_exercise],
        "wall_ms_median": round(statistics.median(
            1000 * r["seconds"] / r["exercises"] for r in stub_runs), 2),
        "students": args.students, "exercises_per_student": len(specs),
        "target_ms": TARGETS["cpu_ms_per_exercise"],
        "fork_and_exit_ms": round(fork_and_exit, 2)}
    figures["watch_answer"] = watched
    report = {"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M:%S"),
              "commit": _commit(), "left_out": sorted(LEFT_OUT),
              "python": "as run (--here)" if args.here else
              "a user's environment: numpy, yaml and jinja2, no editable install (users_python)",
              **figures}
    say(f"0. bare start (python, numpy, yaml, jinja2): {bare['seconds_median']:.3f} s wall, "
        f"{bare['cpu_seconds_median']:.3f} s CPU")
    for number, name, what in ((1, "only_219", "grader check --only 219"),
                               (2, "complete", f"grader check, {len(specs)} exercises")):
        f = figures[name]
        say(f"{number}. {what}: {f['seconds_median']:.3f} s wall = {f['ratio_to_bare_start']:.2f}x "
            f"the bare start (aim {f['target_ratio']}x; each round's ratio, median: "
            f"{f['paired_ratio_median']:.2f}x); CPU {f['cpu_seconds_median']:.3f} s = "
            f"{f['cpu_ratio_to_bare_start']:.2f}x")
    w = figures["warm_219"]
    say(f"4. grader check --only 219 through the warm grader: {w['seconds_median']:.3f} s wall = "
        f"{w['ratio_to_bare_numpy']:.2f}x `python -c 'import numpy'` "
        f"({numpy_start['seconds_median']:.3f} s; aim {w['target_ratio']}x; each round's ratio, "
        f"median: {w['paired_ratio_median']:.2f}x); CPU with the "
        f"server's {w['cpu_seconds_median']:.3f} s = {w['cpu_ratio_to_bare_numpy']:.2f}x")
    c = figures["cpu_per_exercise"]
    say(f"3. the grader's own CPU per exercise: {c['ms_median']:.2f} ms (aim {c['target_ms']} ms), "
        f"of which a fork and an exit of the warm worker's image: {c['fork_and_exit_ms']:.2f} ms; "
        f"others kept {bare['others_cores_median']} cores busy")
    say(f"5. --watch, a save of p219.py in a complete folder: p219's verdict "
        f"{watched['seconds_median']:.3f} s after the save on top of its own run "
        f"({watched['p219_own_seconds_median']:.3f} s; aim {watched['target_seconds']} s), "
        f"the heading {watched['heading_seconds_median']:.3f} s after it")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    say(f"written {args.json}")
    return 0


def _stop_server() -> None:
    from grader.server import client

    for sock in (RUNTIME / "backprop-grader").glob("*.sock"):
        client.ask(str(sock), "stop")
    shutil.rmtree(RUNTIME, ignore_errors=True)


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    sys.exit(main())
