"""`grader batch` and `grader merge`: outputs, resume, interrupt, shards, zip and Classroom input,
hostile students. Behaviour only (no timing); a few exercises each, to stay fast."""
from __future__ import annotations

import csv
import io
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import student as make_student, ROOT, SOLUTIONS, run_cli
from grader.batch.run import parse_shard, shard
from grader.batch.students import Student, discover
from grader.openers import Refused
from grader.openers.zipped import extract_zip
from grader.batch.gradebook import gradebook

IDS = "209-211"
FILES = ("p209.py", "p210.py", "p211.py")


def student(root: Path, name: str, replace: dict[str, str] | None = None,
            files: tuple[str, ...] = FILES) -> Path:
    return make_student(root, name, files, replace)


def batch(root: Path, out: Path, *more: str, timeout: float = 120):
    return run_cli("batch", str(root), "--out", str(out), "--only", IDS, "--seed", "5", *more,
                   timeout=timeout)


def rows(out: Path, sheet: str = "gradebook.csv") -> dict[str, dict[str, str]]:
    """The students' rows of a sheet (the gradebook's max-points row left out)."""
    text = (out / sheet).read_text(encoding="utf-8-sig")
    return {r["student"]: r for r in csv.DictReader(io.StringIO(text))
            if r["student"] != "(max points)"}


def mtimes(out: Path) -> dict[str, int]:
    return {p.parent.name: p.stat().st_mtime_ns for p in out.glob("*/results.json")}


@pytest.fixture
def signals(monkeypatch):
    """A folder where students' code and the test signal each other with files (which the
    students' code can write whatever user it runs as: `nobody` when the tests run as root).
    Each job's namespaces hide every folder but its own copy: this one is shared with the jobs
    of the graders the test starts (GRADER_SANDBOX_SHARE, said in the isolation's report)."""
    from grader.grading.sandbox.spawn import SHARE

    folder = Path(tempfile.mkdtemp(prefix="grader-test-"))
    folder.chmod(0o777)
    monkeypatch.setenv(SHARE, str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def lines_of(stream) -> queue.Queue:
    """The stream's lines as they come, read by a thread; None at its end."""
    found: queue.Queue = queue.Queue()

    def read():
        for line in stream:
            found.put(line)
        found.put(None)

    threading.Thread(target=read, daemon=True).start()
    return found


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.fixture
def klass(tmp_path):
    root = tmp_path / "class"
    student(root, "alice")
    student(root, "bob", {"p209.py": (SOLUTIONS / "mistakes" / "p209_swaps-gradients.py")
                          .read_text()}, files=("p209.py", "p210.py"))
    (root / "carol").mkdir()
    return root


def test_a_batch_writes_results_reports_gradebook_summary_and_dashboard(klass, tmp_path):
    out = tmp_path / "out"
    done = batch(klass, out, "--jobs", "2")
    assert done.returncode == 1, done.stdout + done.stderr  # not everyone passed
    for name in ("alice", "bob", "carol"):
        data = json.loads((out / name / "results.json").read_text())
        assert data["submission"] == name and data["schema"] == 1
        assert [e["id"] for e in data["exercises"]] == ["209", "210", "211"]
        assert (out / name / "report.html").read_text().lstrip().lower().startswith("<!doctype")
    table = rows(out)
    assert list(table) == ["alice", "bob", "carol"]
    assert list(table["alice"]) == ["student", "p209", "p210", "p211", "total", "notes"]
    assert table["alice"]["total"] == "3" and table["carol"]["total"] == "0"
    assert table["bob"]["p211"] == "0" and float(table["bob"]["p209"]) < 1
    summary = json.loads((out / "summary.json").read_text())
    assert summary["students"] == 3 and summary["max_score"] == 3
    assert sorted(summary["scores"]) == sorted(float(r["total"]) for r in table.values())
    by_id = {e["id"]: e for e in summary["exercises"]}
    assert by_id["211"]["statuses"] == {"missing": 2, "passed": 1}
    assert by_id["211"]["pass_rate"] == pytest.approx(1 / 3, abs=1e-3)
    assert set(by_id["209"]) >= {"id", "title", "pass_rate", "mean_score", "max_score",
                                 "statuses", "diagnoses"}
    [diagnosis] = by_id["209"]["diagnoses"]
    assert diagnosis["count"] == 1 and diagnosis["hint"]
    index = (out / "index.html").read_text()
    assert "alice/report.html" in index and "bob/report.html" in index
    assert not list(out.rglob("*.tmp"))


def test_a_rerun_skips_fresh_results_and_regrades_changed_ones_or_all_with_force(klass, tmp_path):
    out = tmp_path / "out"
    assert batch(klass, out).returncode == 1
    first = mtimes(out)
    done = batch(klass, out)
    assert "0 graded, 3 up to date" in done.stdout
    assert mtimes(out) == first and (out / "summary.json").exists()

    (klass / "bob" / "p211.py").write_text((SOLUTIONS / "p211.py").read_text())
    done = batch(klass, out)
    assert "1 graded, 2 up to date" in done.stdout, done.stdout + done.stderr
    second = mtimes(out)
    assert second["bob"] > first["bob"]
    assert {k: v for k, v in second.items() if k != "bob"} == \
        {k: v for k, v in first.items() if k != "bob"}
    assert rows(out)["bob"]["p211"] == "1"

    done = batch(klass, out, "--force")
    assert "3 graded, 0 up to date" in done.stdout
    assert all(mtimes(out)[k] > second[k] for k in second)


def test_ctrl_c_keeps_every_finished_result_and_writes_the_summary(tmp_path, signals):
    """s00 and s01 finish; s02 is being graded, held at a gate, when Ctrl-C comes: it finishes,
    and nobody after it starts. The test waits for events, never for a guessed time."""
    root, out = tmp_path / "class", tmp_path / "out"
    gated = (f"import os, time\nopen(os.path.join({str(signals)!r}, NAME), 'w').close()\n"
             f"while not os.path.exists(os.path.join({str(signals)!r}, 'open')):\n"
             f"    time.sleep(0.01)\n") + (SOLUTIONS / "p209.py").read_text()
    names = [f"s{i:02d}" for i in range(8)]
    for i, name in enumerate(names):  # each its own file: no result is reused from another student
        code = (SOLUTIONS / "p209.py").read_text() if i < 2 else gated.replace("NAME", repr(name))
        student(root, name, {"p209.py": f"# {name}\n{code}"}, files=("p209.py",))
    # long limits: s02 waits at the gate while it loads, and must still pass
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only", "209",
         "--jobs", "1", "--timeout-scale", "10"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_COLOR": "1"})
    lines = lines_of(process.stdout)
    wait_for(lambda: (signals / "s02").exists())
    process.send_signal(signal.SIGINT)
    output = []
    while (line := lines.get(timeout=60)) is not None:
        output.append(line)
        if line.startswith("interrupted: "):  # told, so s02 is the last: let it through
            (signals / "open").touch()
    process.wait(timeout=60)
    output = "".join(output)
    assert process.returncode == 130, output
    assert "interrupted: finishing what is in progress for s02" in output
    finished = sorted(p.parent.name for p in out.glob("*/results.json"))
    assert finished == names[:3]
    assert not (signals / "s03").exists()  # nobody new started
    for name in finished:
        assert json.loads((out / name / "results.json").read_text())["exercises"][0]["status"] \
            == "passed"
    summary = json.loads((out / "summary.json").read_text())
    assert [s["name"] for s in summary["submissions"]] == finished
    assert summary["ungraded"] == [n for n in names if n not in finished]
    table = rows(out)  # every student: the ones not graded yet said so, with empty cells
    assert list(table) == names
    assert [n for n in names if table[n]["total"]] == finished
    assert all(table[n]["notes"] == "not graded yet" and table[n]["p209"] == ""
               for n in names if n not in finished)
    assert all(rows(out, "statuses.csv")[n]["p209"] == ("passed" if n in finished
                                                         else "not graded") for n in names)
    assert not list(out.rglob("*.tmp"))
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--jobs", "2",
                   "--timeout-scale", "10")  # the same options: the finished are up to date
    assert f"{len(names) - len(finished)} graded, {len(finished)} up to date" in done.stdout


def test_shards_cover_every_student_once_and_their_merge_equals_one_run(tmp_path):
    root = tmp_path / "class"
    for i in range(7):
        student(root, f"st{i}", files=FILES[: i % 3 + 1])
    whole = tmp_path / "whole"
    batch(root, whole)
    shards = [tmp_path / f"shard{i}" for i in (1, 2, 3)]
    for i, folder in enumerate(shards, 1):
        batch(root, folder, "--shard", f"{i}/3")
    graded = [sorted(p.parent.name for p in f.glob("*/results.json")) for f in shards]
    everyone = sorted(n for names in graded for n in names)
    assert everyone == sorted(f"st{i}" for i in range(7))  # all, once each
    assert all(graded)
    merged = tmp_path / "merged"
    done = run_cli("merge", *map(str, shards), "--out", str(merged))
    assert done.returncode == 1, done.stdout + done.stderr
    assert (merged / "gradebook.csv").read_bytes() == (whole / "gradebook.csv").read_bytes()
    a, b = (json.loads((f / "summary.json").read_text()) for f in (merged, whole))
    assert a == b
    assert all((merged / n / "report.html").exists() for n in everyone)
    assert "st0/report.html" in (merged / "index.html").read_text()


def test_shares_are_deterministic_and_disjoint():
    students = [Student(n, Path(n)) for n in ("d", "a", "c", "b", "e")]
    shares = [shard(students, i, 2) for i in (1, 2)]
    assert [[s.name for s in share] for share in shares] == [["a", "c", "e"], ["b", "d"]]
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/2", "3/2", "x", "1/0"):
        with pytest.raises(ValueError):
            parse_shard(bad)
    done = run_cli("batch", str(ROOT / "solutions"), "--out", "/nonexistent/x", "--shard", "3/2")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def _zip(path: Path, members: dict[str, str]):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)


def test_zip_submissions_are_graded_and_an_unsafe_zip_is_refused_for_its_student_only(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    root.mkdir()
    _zip(root / "alice.zip", {f"alice/{f}": (SOLUTIONS / f).read_text() for f in FILES})
    _zip(root / "mallory.zip", {"p209.py": "x = 1\n", "../escaped.py": "print('out')\n"})
    student(root, "bob")
    done = batch(root, out)
    table = rows(out)
    assert table["alice"]["total"] == "3" and table["bob"]["total"] == "3", done.stderr
    assert table["mallory"]["total"] == "0"
    mallory = json.loads((out / "mallory" / "results.json").read_text())
    assert "refused" in mallory["problem"] and "../escaped.py" in mallory["problem"]
    assert {e["status"] for e in mallory["exercises"]} == {"error"}
    assert not list(tmp_path.rglob("escaped.py"))
    assert json.loads((out / "summary.json").read_text())["submissions"][2]["problem"]


def test_zip_links_and_bombs_are_refused(tmp_path):
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as z:
        info = zipfile.ZipInfo("p209.py")
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/passwd")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("p209.py", "0" * (80 * 2**20))
    for archive, words in ((link, "symbolic link"), (bomb, "more than"),
                           (tmp_path / "link.zip", "link")):
        target = tmp_path / f"x-{archive.stem}"
        target.mkdir(exist_ok=True)
        with pytest.raises(Refused, match=words):
            extract_zip(archive, target)
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(Refused, match="not a readable zip"):
        extract_zip(tmp_path / "junk.zip", tmp_path / "x-junk")


def test_github_classroom_folders_are_named_by_username(tmp_path):
    download = tmp_path / "backprop-hw1-submissions"
    for name in ("backprop-hw1-alice", "backprop-hw1-bob-kim"):
        (download / name).mkdir(parents=True)
    assert [s.name for s in discover(download)] == ["alice", "bob-kim"]
    clones = tmp_path / "repos"
    for name in ("hw-alice", "hw-bob"):
        (clones / name / ".git").mkdir(parents=True)
    assert [s.name for s in discover(clones)] == ["alice", "bob"]
    plain = tmp_path / "plain"
    for name in ("team-a", "team-b", "summary.json"):
        (plain / name).mkdir(parents=True)
    (plain / "team-a.zip").write_bytes(b"")
    assert [s.name for s in discover(plain)] == ["_summary.json", "team-a", "team-a.zip", "team-b"]


def test_a_hostile_student_does_not_stop_the_batch(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    student(root, "alice", files=("p209.py",))
    student(root, "looper", {"p209.py": "while True:\n    pass\n"}, files=())
    student(root, "quitter", {"p209.py": "import os\nos._exit(3)\n"}, files=())
    student(root, "killer", {"p209.py": "import os, signal\nos.killpg(0, signal.SIGKILL)\n"},
            files=())
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--seed", "1",
                   "--jobs", "2")  # the usual limits: alice's code must finish, however busy
    assert done.returncode == 1, done.stdout + done.stderr
    status = {p.parent.name: json.loads(p.read_text())["exercises"][0]["status"]
              for p in out.glob("*/results.json")}
    assert status == {"alice": "passed", "looper": "timeout", "quitter": "error",
                      "killer": "error"}
    assert json.loads((out / "summary.json").read_text())["students"] == 4


def test_the_gradebook_is_spreadsheet_safe():
    results = [{"submission": "=HYPERLINK(1)", "score": 1.5, "max_score": 2.0, "exercises": [
        {"id": "210", "score": 0.5, "max_score": 1.0}, {"id": "209", "score": 1.0, "max_score": 1.0}]},
        {"submission": "김민수", "score": 0.28571428, "max_score": 1.0,
         "exercises": [{"id": "209", "score": 0.28571428, "max_score": 1.0}]}]
    text = gradebook(results)
    assert text.startswith("\ufeffstudent,p209,p210,total,notes\r\n(max points),1,1,2,\r\n")
    assert "'=HYPERLINK(1),1,0.5,1.5,\r\n" in text and "김민수,0.29,,0.29,\r\n" in text


def test_sigterm_abandons_what_is_in_progress_at_once_and_writes_the_summary(tmp_path, signals):
    root, out = tmp_path / "class", tmp_path / "out"
    student(root, "a-quick", files=("p209.py",))
    for name in ("sleeper1", "sleeper2"):
        student(root, name, {"p209.py": f"import os, time\n"
                             f"open(os.path.join({str(signals)!r}, {name!r}), 'w').close()\n"
                             f"time.sleep(300)\n"}, files=())
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only", "209",
         "--jobs", "2", "--timeout-scale", "20"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
    # both sleepers are in their sandboxes (a-quick is done: its worker took sleeper2 next)
    wait_for(lambda: (signals / "sleeper1").exists() and (signals / "sleeper2").exists())
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)  # far less than the sleepers' 300 s
    assert process.returncode == 130, stdout + stderr
    assert "abandoned: sleeper1, sleeper2" in stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["students"] == 1 and summary["ungraded"] == ["sleeper1", "sleeper2"]


def _gated(signals: Path, name: str) -> str:
    """p209.py that says it started (a file `name`) and waits for the test's `open` file."""
    return (f"import os, time\nopen(os.path.join({str(signals)!r}, {name!r}), 'w').close()\n"
            f"while not os.path.exists(os.path.join({str(signals)!r}, 'open')):\n"
            f"    time.sleep(0.01)\n") + (SOLUTIONS / "p209.py").read_text()


def test_one_run_at_a_time_writes_an_output_folder(tmp_path, signals):
    """A second run on an OUT that a run is writing (with --force and another seed: it would
    leave half the class on each seed) is refused in one line naming the first; once the first
    ends, OUT is one grading, and a new run may write it."""
    root, out = tmp_path / "class", tmp_path / "out"
    student(root, "s0", {"p209.py": _gated(signals, "s0")}, files=())
    for name in ("s1", "s2"):
        student(root, name, files=("p209.py",))
    first = subprocess.Popen(
        [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only", "209",
         "--seed", "5", "--jobs", "1", "--timeout-scale", "10"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"})
    try:
        wait_for(lambda: (signals / "s0").exists())
        assert (signals / "s0").exists(), "the first run is grading"
        second = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--seed", "6",
                         "--force")
        assert second.returncode == 2, second.stdout + second.stderr
        assert second.stderr.count("\n") == 1 and "Traceback" not in second.stderr
        assert f"pid {first.pid}" in second.stderr and "batch" in second.stderr, second.stderr
        (tmp_path / "elsewhere").mkdir()
        merge = run_cli("merge", str(tmp_path / "elsewhere"), "--out", str(out))
        assert merge.returncode == 2 and f"pid {first.pid}" in merge.stderr, merge.stderr
    finally:
        (signals / "open").touch()
        stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stdout + stderr
    seeds = {json.loads(p.read_text())["seed"] for p in out.glob("*/results.json")}
    assert seeds == {5} and len(list(out.glob("*/results.json"))) == 3
    assert [r["seed"] for r in json.loads((out / "run.json").read_text())["runs"]] == [5]
    assert not (out / ".grader-lock").exists()
    again = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--seed", "6",
                    "--force")
    assert again.returncode == 0, again.stdout + again.stderr
    assert {json.loads(p.read_text())["seed"] for p in out.glob("*/results.json")} == {6}


def _processes_of(scratch: Path) -> list[int]:
    """The processes a run started (warm workers and jobs): their environment names its
    TMPDIR (the workers' HOME lies under it, and the jobs inherit theirs)."""
    found, marker = [], str(scratch).encode()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


def test_sigkill_of_the_grader_leaves_no_job_and_the_next_run_removes_its_copies(tmp_path,
                                                                                 signals):
    """The grader killed outright cannot clean up: its warm workers see it gone and end the
    jobs in progress and themselves at once; the working copies it left are removed by the
    next run."""
    root, out = tmp_path / "class", tmp_path / "out"
    scratch = Path(tempfile.mkdtemp(prefix="grader-test-"))
    scratch.chmod(0o711)
    try:
        for name in ("sleeper1", "sleeper2"):
            student(root, name, {"p209.py": f"import os, time\nopen(os.path.join("
                                 f"{str(signals)!r}, {name!r}), 'w').close()\ntime.sleep(300)\n"},
                    files=())
        env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(scratch)}
        process = subprocess.Popen(
            [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only",
             "209", "--jobs", "2", "--timeout-scale", "20"], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: (signals / "sleeper1").exists() and (signals / "sleeper2").exists())
        assert _processes_of(scratch), "its workers and jobs run"
        process.kill()
        process.wait()
        wait_for(lambda: not _processes_of(scratch))  # at once: well before the sleeps' 300 s
        assert _processes_of(scratch) == []
        left = [p.name for p in scratch.iterdir()]
        assert left and all(n.startswith(f"grader-run-{process.pid}-") for n in left), left
        for name in ("sleeper1", "sleeper2"):
            (root / name / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
        done = run_cli("batch", str(root), "--out", str(out), "--only", "209", env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert list(scratch.iterdir()) == []
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_a_workers_own_failure_is_reported_by_name_and_the_others_go_on(tmp_path):
    """A bug of the grader's own in one worker (here writing bob's results fails): said, naming
    the student; the other worker grades the rest of the class, and the summary is written."""
    root, out = tmp_path / "class", tmp_path / "out"
    names = ["alice", "bob", "carol", "dave", "erin"]
    for name in names:
        student(root, name, files=("p209.py",))
    failing = ("import sys\nfrom grader.batch import run\nfrom grader.launch import entry\n"
               "write = run.write_student\n"
               "def write_student(out, result, **kw):\n"
               "    if result['submission'] == 'bob':\n"
               "        raise OSError('the disk is full')\n"
               "    return write(out, result, **kw)\n"
               "run.write_student = write_student\n"
               f"sys.argv = ['grader', 'batch', {str(root)!r}, '--out', {str(out)!r}, "
               "'--only', '209', '--jobs', '2']\nentry()\n")
    done = subprocess.run([sys.executable, "-c", failing], cwd=ROOT, timeout=120,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    said = done.stdout + done.stderr
    assert "grader: a worker stopped on bob: OSError: the disk is full" in said, said
    assert sorted(p.parent.name for p in out.glob("*/results.json")) == \
        ["alice", "carol", "dave", "erin"]
    assert json.loads((out / "summary.json").read_text())["ungraded"] == ["bob"]


def test_a_crash_of_the_grader_cleans_up_as_ctrl_c_does(tmp_path, signals):
    """A bug of the grader's own (here `_drain` raising while a student's job sleeps): the
    traceback is the grader's, but no job, worker or working copy outlives it, and OUT is free
    for the next run."""
    root, out = tmp_path / "class", tmp_path / "out"
    scratch = Path(tempfile.mkdtemp(prefix="grader-test-"))
    scratch.chmod(0o711)
    student(root, "sleeper", {"p209.py": f"import os, time\nopen(os.path.join({str(signals)!r}, "
                                         f"'sleeper'), 'w').close()\ntime.sleep(300)\n"}, files=())
    crash = ("import os, sys\nfrom grader.batch import run\nfrom grader.launch import entry\n"
             "drain = run._drain\n"
             "def _drain(*args, **kw):\n"
             f"    if os.path.exists(os.path.join({str(signals)!r}, 'sleeper')):\n"
             "        raise RuntimeError('a bug of the grader')\n"
             "    return drain(*args, **kw)\n"
             "run._drain = _drain\n"
             f"sys.argv = ['grader', 'batch', {str(root)!r}, '--out', {str(out)!r}, '--only', "
             "'209', '--timeout-scale', '20']\nentry()\n")
    env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(scratch)}
    try:
        done = subprocess.run([sys.executable, "-c", crash], cwd=ROOT, env=env, timeout=120,
                              capture_output=True, text=True)
        assert done.returncode == 1 and "a bug of the grader" in done.stderr, done.stderr
        wait_for(lambda: not _processes_of(scratch))
        assert _processes_of(scratch) == [] and list(scratch.iterdir()) == []
        (root / "sleeper" / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
        assert run_cli("batch", str(root), "--out", str(out), "--only", "209",
                       env=env).returncode == 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
