"""The instructor's class over a term: OUT remembers its run (one seed, what is there is added to,
never replaced or mixed), paths checked before grading, the gradebook's sheets, LMS exports,
late penalties and scores set by hand, repeated and interrupted runs. Behaviour only."""
from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import student as make_student, ROOT, SOLUTIONS, run_cli
from grader.bank import select
from grader.batch import lms, policy as policies, record as records, submitted
from grader.batch.students import RootError, discover
from grader.grading.options import make

FILES = ("p209.py", "p210.py", "p211.py")
SWAPPED = (SOLUTIONS / "mistakes" / "p209_swaps-gradients.py").read_text()


def student(root: Path, name: str, replace: dict[str, str] | None = None,
            files: tuple[str, ...] = FILES) -> Path:
    return make_student(root, name, files, replace)


def batch(root: Path, out: Path, *more: str, timeout: float = 120, env: dict | None = None):
    return run_cli("batch", str(root), "--out", str(out), "--jobs", "2", *more, timeout=timeout,
                   env=env)


def results(out: Path, name: str) -> dict:
    return json.loads((out / name / "results.json").read_text(encoding="utf-8"))


def sheet(out: Path, name: str = "gradebook.csv") -> list[dict[str, str]]:
    text = (out / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def by_student(out: Path, name: str = "gradebook.csv") -> dict[str, dict[str, str]]:
    return {r["student"]: r for r in sheet(out, name)}


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(out)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def klass(tmp_path):
    root = tmp_path / "class"
    student(root, "alice")
    student(root, "bob", {"p209.py": SWAPPED}, files=("p209.py", "p210.py"))
    return root


def git_clone(folder: Path, when: str) -> None:
    """Make `folder` a git repository whose last commit was made at `when`."""
    env = {**os.environ, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when,
           "GIT_CONFIG_GLOBAL": "/dev/null"}
    for args in (["init", "-q"], ["add", "."],
                 ["-c", "user.name=s", "-c", "user.email=s@example.com", "commit", "-q",
                  "-m", "work"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


# -- 1. OUT remembers its run ----------------------------------------------------------------------

def test_a_rerun_reuses_the_seed_of_the_output_folder(klass, tmp_path):
    out = tmp_path / "out"
    assert batch(klass, out, "--only", "209").returncode == 1
    seed = json.loads((out / "run.json").read_text())["seed"]
    assert results(out, "alice")["seed"] == results(out, "bob")["seed"] == seed
    (klass / "bob" / "p209.py").write_text((SOLUTIONS / "p209.py").read_text())
    done = batch(klass, out)  # no --seed, no --only: what OUT recorded
    assert "1 graded, 1 up to date" in done.stdout, done.stdout + done.stderr
    assert f"seed {seed}, as recorded" in done.stderr
    assert results(out, "bob")["seed"] == seed and results(out, "bob")["score"] == 1
    assert [e["id"] for e in results(out, "bob")["exercises"]] == ["209"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seed"] == seed and summary["seeds"] == [seed]


def test_only_adds_exercises_to_what_is_there_and_never_replaces_it(klass, tmp_path):
    out = tmp_path / "out"
    batch(klass, out, "--only", "209,210", "--seed", "5")
    first = {n: results(out, n) for n in ("alice", "bob")}
    done = batch(klass, out, "--only", "211")
    assert "2 graded" in done.stdout and "adding p211" in done.stderr, done.stderr
    for name in ("alice", "bob"):
        now = results(out, name)
        assert [e["id"] for e in now["exercises"]] == ["209", "210", "211"]
        assert now["exercises"][:2] == first[name]["exercises"]  # kept as they were
        assert now["score"] == pytest.approx(sum(e["score"] for e in now["exercises"]))
        assert now["max_score"] == 3 and now["seed"] == 5
    table = by_student(out)
    assert table["alice"]["total"] == "3" and table["bob"]["p211"] == "0"
    assert json.loads((out / "run.json").read_text())["exercises"] == ["209", "210", "211"]
    # what is there is up to date: asking for one exercise grades nothing and keeps everything
    before = snapshot(out)
    done = batch(klass, out, "--only", "210")
    assert "0 graded, 2 up to date" in done.stdout, done.stdout + done.stderr
    assert all(before[k] == v for k, v in snapshot(out).items()
               if k.endswith(("results.json", "report.html")))
    # regrade one exercise for everyone: the others are kept
    done = batch(klass, out, "--only", "210", "--force")
    assert "2 graded" in done.stdout
    for name in ("alice", "bob"):
        now = results(out, name)
        assert [e["id"] for e in now["exercises"]] == ["209", "210", "211"]
        assert now["exercises"][0] == first[name]["exercises"][0]


def test_a_run_that_would_mix_two_gradings_is_refused_and_changes_nothing(klass, tmp_path):
    out = tmp_path / "out"
    batch(klass, out, "--only", "209", "--seed", "5")
    before = snapshot(out)
    for args, words in ((["--seed", "6"], "seed 5, not 6"), (["--lang", "ko"], "--lang en"),
                        (["--timeout-scale", "2"], "--timeout-scale 1")):
        done = batch(klass, out, *args)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert words in done.stderr and "--force" in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert snapshot(out) == before
    done = batch(klass, out, "--seed", "6", "--force")
    assert done.returncode == 1 and "2 graded" in done.stdout
    assert {results(out, n)["seed"] for n in ("alice", "bob")} == {6}
    assert json.loads((out / "run.json").read_text())["seed"] == 6


def test_a_rerun_without_lang_keeps_the_recorded_language(klass, tmp_path):
    """A run with --lang ko, rerun without --lang, was refused ("graded with --lang ko, not
    en"): the command line had made a missing --lang English before the record was read."""
    out = tmp_path / "out"
    assert batch(klass, out, "--only", "209", "--lang", "ko").returncode == 1
    done = batch(klass, out, "--only", "209", env={"GRADER_LANG": "en"})
    assert done.returncode == 1, done.stderr
    assert "0명 채점, 2명 최신" in done.stdout  # in the recorded language, nothing regraded
    assert json.loads((out / "run.json").read_text())["lang"] == "ko"
    done = batch(klass, out, "--only", "209", "--lang", "en")  # said: a difference, as before
    assert done.returncode == 2 and "--lang ko, not en" in done.stderr


def test_a_new_output_folder_takes_the_language_said_once(klass, tmp_path):
    (klass / "grader.cfg").write_text("[grader]\nlang = ko\n")
    out = tmp_path / "out"
    assert batch(klass, out, "--only", "209", env={"GRADER_LANG": ""}).returncode == 1
    assert json.loads((out / "run.json").read_text())["lang"] == "ko"


def test_a_batch_refuses_a_value_that_cannot_be_before_writing_anything(klass, tmp_path):
    """`--timeout-scale inf` was saved to run.json, and every student got 0 on every rerun."""
    out = tmp_path / "out"
    for flags in (["--timeout-scale", "inf"], ["--seed", "-5"], ["--only", "²"],
                  ["--lang", "fr"]):
        done = batch(klass, out, *flags)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and flags[0] in done.stderr
        assert not out.exists()


UNUSABLE = {"timeout_scale": (math.inf, "--timeout-scale", "1"), "seed": (-5, "--seed", "5"),
            "lang": ("fr", "--lang", "en")}


@pytest.mark.parametrize("field", UNUSABLE)
def test_a_run_json_whose_setting_cannot_be_is_refused_never_graded_with(field, klass,
                                                                          tmp_path):
    """An OUT whose run.json says `"timeout_scale": Infinity` (as an earlier grader wrote it
    from --timeout-scale inf), a negative seed or an unknown language: a rerun that would grade
    with it is refused, saying what to give; given with --force, every student is regraded."""
    value, flag, fix = UNUSABLE[field]
    out = tmp_path / "out"
    assert batch(klass, out, "--seed", "5", "--only", "209,210").returncode == 1
    record = json.loads((out / "run.json").read_text())
    (out / "run.json").write_text(json.dumps({**record, field: value}))
    before = snapshot(out)
    done = batch(klass, out)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert f"run.json's {field}" in done.stderr and f"give {flag} " in done.stderr
    assert "--force" in done.stderr
    assert snapshot(out) == before  # nothing graded, nothing written
    done = batch(klass, out, flag, fix)  # another value than the record's: --force says so
    assert done.returncode == 2 and "which cannot be" in done.stderr and "--force" in done.stderr
    assert snapshot(out) == before
    done = batch(klass, out, flag, fix, "--force")
    assert done.returncode == 1 and "2 graded" in done.stdout, done.stderr
    assert results(out, "alice")["score"] == results(out, "alice")["max_score"]
    assert results(out, "bob")["exercises"][1]["status"] == "passed"  # p210, not 0 for all
    assert json.loads((out / "run.json").read_text())[field] == (
        float(fix) if field == "timeout_scale" else int(fix) if field == "seed" else fix)


def test_a_changed_spec_is_refused_unless_forced_and_then_regraded(tmp_path, bank):
    root, out = tmp_path / "class", tmp_path / "out"
    student(root, "alice", files=("p209.py", "p210.py"))
    copy = tmp_path / "bank"
    shutil.copytree(ROOT / "exercises", copy)
    common = ["--exercises", str(copy)]
    assert run_cli(*common, "batch", str(root), "--out", str(out), "--only", "209,210",
                   "--solutions", str(SOLUTIONS)).returncode == 0
    spec = copy / "p210.yaml"
    spec.write_text(spec.read_text().replace("points: 1", "points: 2", 1))
    done = run_cli(*common, "batch", str(root), "--out", str(out), "--solutions", str(SOLUTIONS))
    assert done.returncode == 2 and "p210" in done.stderr and "--only 210 --force" in done.stderr
    done = run_cli(*common, "batch", str(root), "--out", str(out), "--only", "210", "--force",
                   "--solutions", str(SOLUTIONS))
    assert done.returncode == 0, done.stderr
    assert [e["max_score"] for e in results(out, "alice")["exercises"]] == [1, 2]


def test_plans_decide_what_is_graded_from_the_record(bank):
    specs = select(bank, "209-211")
    asked = make(solutions=SOLUTIONS)
    new = records.plan(None, specs, None, asked, False, lambda: 42)
    assert new.settings.seed == 42 and [s.id for s in new.targets] == ["209", "210", "211"]
    record = records.Record(seed=7, lang="en", solutions_used=True, timeout_scale=1.0,
                            exercises=("209",), bank={"209": new.bank["209"]})
    again = records.plan(record, specs, None, asked, False, lambda: 42)
    assert again.settings.seed == 7 and [s.id for s in again.targets] == ["209"]
    added = records.plan(record, specs, select(specs, "211"), asked, False, lambda: 42)
    assert [s.id for s in added.targets] == ["209", "211"] and not added.forced
    forced = records.plan(record, specs, select(specs, "211"), asked, True, lambda: 42)
    assert forced.forced == {"211"}
    with pytest.raises(records.RecordError, match="not 8"):
        records.plan(record, specs, None, make(seed="8", solutions=SOLUTIONS), False,
                     lambda: 42)
    reseeded = records.plan(record, specs, select(specs, "211"),
                            make(seed="8", solutions=SOLUTIONS), True, lambda: 1)
    assert reseeded.settings.seed == 8 and reseeded.forced == {"209", "211"}
    with pytest.raises(records.RecordError, match="reference solutions"):
        records.plan(record, specs, None, make(), False, lambda: 42)
    gone = records.Record(7, "en", True, 1.0, exercises=("999",))
    with pytest.raises(records.RecordError, match="p999"):
        records.plan(gone, specs, None, asked, True, lambda: 42)


def test_a_rerun_without_the_solutions_says_so_and_no_spec_changed(bank):
    """A fingerprint holds the reference solution only where one is used: a rerun without
    --solutions used to say every exercise's "spec or reference solution changed"."""
    specs = select(bank, "209-210")
    first = records.plan(None, specs, None, make(seed="5", lang="en", solutions=SOLUTIONS),
                         False, lambda: 5)
    record = records.Record(seed=5, lang="en", solutions_used=True, timeout_scale=1.0,
                            exercises=("209", "210"), bank=dict(first.bank))
    without = make()
    with pytest.raises(records.RecordError) as refused:
        records.plan(record, specs, None, without, False, lambda: 42)
    said = str(refused.value)
    assert "graded with the reference solutions (this run has none: give --solutions DIR" in said
    assert "changed" not in said and "another version" not in said
    regraded = records.plan(record, specs, None, without, True, lambda: 42)
    assert regraded.forced == {"209", "210"}  # --force regrades every student all the same


def test_an_output_folder_from_before_run_json_keeps_its_seed(klass, tmp_path):
    out = tmp_path / "out"
    batch(klass, out, "--only", "209", "--seed", "9")
    (out / "run.json").unlink()  # as an earlier version of the grader left it
    record = records.read(out)
    assert record.legacy and record.seed == 9 and record.exercises == ("209",)
    done = batch(klass, out)
    assert done.returncode == 1 and "seed 9, as recorded" in done.stderr, done.stderr
    assert json.loads((out / "run.json").read_text())["seed"] == 9


def test_out_inside_root_is_never_a_student(klass, tmp_path):
    out = klass / "graded"
    for _ in range(2):
        done = batch(klass, out, "--only", "209")
        assert done.returncode == 1, done.stderr
    assert sorted(p.parent.name for p in out.glob("*/results.json")) == ["alice", "bob"]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["students"] == 2 and summary["mean"] == pytest.approx(0.5, abs=0.5)
    done = batch(klass, klass / "alice" / "graded", "--only", "209")
    assert done.returncode == 2 and "inside alice's submission" in done.stderr
    assert not (klass / "alice" / "graded").exists()
    assert batch(klass, klass).returncode == 2


def test_a_classroom_download_inside_root_is_gone_into(tmp_path):
    root = tmp_path / "downloads"
    for name in ("hw5-alice", "hw5-bob"):
        (root / "hw5-submissions" / name).mkdir(parents=True)
    (root / "late-carol").mkdir()
    (root / "graded").mkdir()
    assert [s.name for s in discover(root, skip=root / "graded")] == ["alice", "bob",
                                                                      "late-carol"]
    # only this run's OUT is skipped: a folder that merely looks like an output is a student
    (root / "late-carol" / "run.json").write_text('{"kind": "grader-batch-run"}')
    assert "late-carol" in [s.name for s in discover(root, skip=root / "graded")]
    (root / "hw4-submissions" / "hw4-dave").mkdir(parents=True)
    with pytest.raises(RootError, match="2 GitHub Classroom downloads"):
        discover(root)


def test_every_path_is_checked_before_grading_without_a_traceback(klass, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    if os.geteuid() == 0:
        unwritable = Path("/proc/sys")  # read-only even for root
        assert not os.access(unwritable, os.W_OK)
    else:
        unwritable = tmp_path / "read-only"
        unwritable.mkdir()
        unwritable.chmod(0o555)
    alice = str(klass / "alice")
    cases = [
        (["check", alice, "--seed", "-1"], "--seed -1"),
        (["batch", str(klass), "--out", str(a_file)], "is a file"),
        (["batch", str(klass), "--out", str(unwritable / "out")], "cannot write"),
        (["check", alice, "--json", str(unwritable / "r.json")], "cannot write"),
        (["check", alice, "--json", str(tmp_path / "none" / "r.json")], "does not exist"),
        (["check", alice, "--html", str(tmp_path / "none" / "dir" / "r.html")], "does not exist"),
        (["check", alice, "--html", str(tmp_path)], "is a folder"),
        (["stubs", str(a_file)], "is a file"),
        (["batch", str(klass), "--out", str(tmp_path / "o"), "--overrides", "nope.csv"],
         "does not exist"),
        (["batch", str(klass), "--out", str(tmp_path / "o"), "--due", "friday"], "--due"),
        (["merge", str(tmp_path), "--out", str(a_file)], "is a file"),
    ]
    for args, words in cases:
        done = run_cli(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stderr.startswith("grader: ") and words in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
        assert "graded" not in done.stdout  # nothing was graded first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a-file", "class"] + (["read-only"] if os.geteuid() else []))
    other = tmp_path / "documents"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    done = batch(klass, other)
    assert done.returncode == 2 and "not a grader's output" in done.stderr
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]


# -- 2. the gradebook and the LMS exports --------------------------------------------------------

def test_the_gradebook_has_max_points_statuses_and_rounded_scores(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    student(root, "alice")
    student(root, "bob", {"p209.py": SWAPPED, "p214.py": (
        SOLUTIONS / "mistakes" / "p214_modifies-input.py").read_text()}, files=("p209.py",))
    student(root, "carl", {"p210.py": "import os\nos._exit(3)\n"}, files=())
    (root / "mallory.zip").write_bytes(b"not a zip")
    done = batch(root, out, "--only", "209-211,214", "--seed", "5")
    assert done.returncode == 1
    rows = sheet(out)
    assert rows[0] == {"student": "(max points)", "p209": "1", "p210": "1", "p211": "1",
                       "p214": "1", "total": "4", "notes": ""}
    table = {r["student"]: r for r in rows}
    exact = results(out, "bob")["exercises"][3]["score"]  # 7 of 8 checks: 0.875
    assert round(exact, 2) != exact and table["bob"]["p214"] == f"{exact:.2f}"
    assert table["bob"]["total"] == f"{exact:.2f}"
    assert "refused" in table["mallory"]["notes"]
    statuses = by_student(out, "statuses.csv")
    assert statuses["alice"] == {"student": "alice", "p209": "passed", "p210": "passed",
                                 "p211": "passed", "p214": "missing"}
    assert statuses["bob"]["p209"] == "failed" and statuses["bob"]["p210"] == "missing"
    assert statuses["carl"]["p210"] == "error"
    assert set(list(statuses["mallory"].values())[1:]) == {"refused"}


def test_canvas_and_moodle_exports_from_batch_and_merge(klass, tmp_path):
    roster = tmp_path / "canvas.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,HW5 (77)\n"
        "    Points Possible,,,,,3\n"
        "\"Lee, Alice\",101,s001,alice@uni.edu,A,\n"
        "\"Kim, Bob\",102,s002,bkim,A,\n"
        "\"Student, Test\",999,,,A,\n", encoding="utf-8")
    out = tmp_path / "out"
    done = batch(klass, out, "--only", "209-211", "--seed", "5", "--export", "canvas,moodle",
                 "--canvas-roster", str(roster), "--assignment", "HW5 (77)")
    assert done.returncode == 1
    assert "bob" in done.stderr and "not in the Canvas roster" in done.stderr
    canvas = (out / "canvas.csv").read_text(encoding="utf-8").splitlines()
    assert canvas[0] == "Student,ID,SIS User ID,SIS Login ID,Section,HW5 (77)"
    assert canvas[1] == "Points Possible,,,,,3"
    assert canvas[2:] == ['"Lee, Alice",101,s001,alice@uni.edu,A,3']  # bob is bkim there
    moodle = list(csv.reader(io.StringIO((out / "moodle.csv").read_text(encoding="utf-8"))))
    assert moodle[0] == ["student", "HW5 (77)"] and moodle[1] == ["alice", "3"]
    assert moodle[2][0] == "bob" and 0 < float(moodle[2][1]) < 3
    # the roster is kept in OUT: a rerun (and a merge of OUT) exports the same without flags
    (out / "canvas.csv").unlink()
    merged = tmp_path / "merged"
    done = run_cli("merge", str(out), "--out", str(merged))
    assert done.returncode == 1, done.stderr
    assert (merged / "canvas.csv").read_text().splitlines()[2:] == canvas[2:]
    batch(klass, out)
    assert (out / "canvas.csv").read_text().splitlines() == canvas


def test_a_canvas_roster_matches_by_grader_name_login_or_ids():
    roster = lms.parse_roster(
        "Student,ID,SIS User ID,SIS Login ID,Section,Grader Name\n"
        "Points Possible,,,,,\n"
        "\"A, B\",1,u1,ab@x.edu,S,octocat\n"
        "\"C, D\",2,u2,cd,S,\n"
        "\"E, F\",3,u3,ef,S,\n", "roster.csv")
    export = lms.canvas([("octocat", 2.5), ("cd", 1.0), ("u3", 0.333), ("zed", 1.0)], 3.0,
                        "hw", roster)
    lines = export.text.splitlines()
    assert lines[2:] == ['"A, B",1,u1,ab@x.edu,S,2.5', '"C, D",2,u2,cd,S,1',
                         '"E, F",3,u3,ef,S,0.33']
    assert export.unmatched == ("zed",)
    with pytest.raises(lms.RosterError):
        lms.parse_roster("name,score\nx,1\n", "r.csv")
    with pytest.raises(lms.RosterError):
        lms.parse_formats("canvas,blackboard")


def test_every_lms_export_is_found_by_its_name_and_writes_its_own_file(tmp_path):
    """`--export` names come from one table (lms.EXPORTS); each writes <name>.csv with a row a
    student, without a roster too."""
    exports = lms.Exports(formats=lms.parse_formats(",".join(lms.EXPORTS)), assignment="hw")
    assert exports.formats == tuple(lms.EXPORTS) == ("canvas", "moodle")
    assert exports.write(tmp_path, [("alice", 2.5), ("=bob", 1.0)], 3.0) == []
    for name in lms.EXPORTS:
        rows = (tmp_path / f"{name}.csv").read_text().splitlines()
        assert rows[-2:][0].startswith("alice,") and rows[-1].startswith("'=bob,"), name
    assert (tmp_path / "moodle.csv").read_text().splitlines() == ["student,hw", "alice,2.5",
                                                                  "'=bob,1"]


# -- 4. policies: late penalty and scores set by hand ---------------------------------------------

def test_late_penalties_come_from_git_commits_and_times_files(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    due = "2026-03-01T23:59:00+09:00"
    for name, when in (("early", "2026-03-01T20:00:00+09:00"),
                       ("late", "2026-03-03T10:00:00+09:00"),  # 34 h 1 min: 2 days
                       ("very-late", "2026-03-20T10:00:00+09:00"),
                       ("by-csv", "2026-03-01T20:00:00+09:00")):
        git_clone(student(root, name, files=("p209.py",)), when)
    student(root, "no-time", files=("p209.py",))
    times = tmp_path / "times.csv"
    times.write_text("student,time\nby-csv,2026-03-02T00:30:00+09:00\n")
    done = batch(root, out, "--only", "209", "--due", due, "--late-penalty", "10",
                 "--late-cap", "50", "--times", str(times))
    assert done.returncode == 0, done.stderr
    table = by_student(out)
    assert [table[n]["late_days"] for n in ("early", "late", "very-late", "by-csv", "no-time")] \
        == ["0", "2", "19", "1", ""]
    assert [table[n]["total"] for n in ("early", "late", "very-late", "by-csv", "no-time")] \
        == ["1", "0.8", "0.5", "0.9", "1"]
    assert "submission time unknown" in table["no-time"]["notes"]
    late = results(out, "late")
    assert late["score"] == 1 and late["adjusted"]["score"] == pytest.approx(0.8)
    assert late["adjusted"]["late"]["from"] == "git" and late["adjusted"]["late"]["days"] == 2
    assert results(out, "by-csv")["adjusted"]["late"]["from"] == "times.csv"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["mean"] == pytest.approx((1 + 0.8 + 0.5 + 0.9 + 1) / 5, abs=1e-4)
    assert {s["name"]: s["graded_score"] for s in summary["submissions"]}["late"] == 1
    page = (out / "late" / "report.html").read_text()
    assert "days late: 2" in page and '<span id="score">0.8</span>' in page
    # a rerun without the flags keeps the policy and the times (run.json, OUT/times.csv)
    (times).unlink()
    batch(root, out)
    assert by_student(out)["by-csv"]["total"] == "0.9"
    assert json.loads((out / "run.json").read_text())["policy"]["late_cap"] == 50


def test_the_gradescope_submission_time_is_read_from_its_metadata(tmp_path):
    folder = student(tmp_path, "ann", files=())
    (folder / "submission_metadata.json").write_text(json.dumps(
        {"id": 1, "created_at": "2018-07-01T14:22:32.365935-07:00", "users": []}))
    from grader.batch.students import Student

    found = submitted.submission_time(Student("ann", folder))
    assert found["from"] == "gradescope"
    assert datetime.fromisoformat(found["time"]) == datetime(2018, 7, 1, 21, 22, 32, 365935,
                                                             tzinfo=timezone.utc)


def test_reading_a_clone_s_commit_time_runs_nothing_the_clone_names(tmp_path):
    """A clone's .git/config may name a signature checker that `git log` would run."""
    folder = student(tmp_path, "mallory", files=("p209.py",))
    git_clone(folder, "2026-03-01T10:00:00+00:00")
    git = lambda *args: subprocess.run(["git", *args], cwd=folder, check=True,  # noqa: E731
                                       capture_output=True, text=True).stdout.strip()
    commit = (f"tree {git('rev-parse', 'HEAD^{tree}')}\nauthor m <m@x> 1772359200 +0000\n"
              "committer m <m@x> 1772359200 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n"
              " AAAA\n -----END PGP SIGNATURE-----\n\nsigned\n")
    (folder / "commit.txt").write_text(commit)
    git("update-ref", "HEAD", git("hash-object", "-t", "commit", "-w", "commit.txt"))
    marker = tmp_path / "ran"
    script = folder / ".git" / "checker.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    script.chmod(0o755)
    git("config", "log.showSignature", "true")
    git("config", "gpg.program", str(script))
    git("log", "-1", "--format=%cI")  # plain git runs it: the test can tell
    assert marker.exists()
    marker.unlink()
    from grader.batch.students import Student

    found = submitted.submission_time(Student("mallory", folder))
    assert found == {"time": "2026-03-01T10:00:00+00:00", "from": "git"}
    assert not marker.exists()


def test_the_commit_time_is_read_from_loose_objects_packs_and_deltas_as_git_reads_it(tmp_path):
    """git is not run to read a clone's last commit (gitread.py): its reading of HEAD (a ref or
    detached), loose and packed refs, loose objects and packs (index versions 1 and 2, deltas by
    offset and by name) agrees with git's own, for every commit of a repository whose packed
    commits are deltas of each other."""
    from grader.batch import gitread

    folder = tmp_path / "repo"
    folder.mkdir()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str, stdin: bytes | None = None, **more: str) -> bytes:
        return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                              input=stdin, env={**env, **more}).stdout

    git("init", "-q")
    for i in range(12):  # long, alike messages: packed, the commits are deltas of each other
        git("-c", "user.name=s", "-c", "user.email=s@x", "commit", "-q", "--allow-empty", "-m",
            f"attempt {i}\n\n" + "the same words " * 300,
            GIT_COMMITTER_DATE=f"2026-03-{i + 1:02d}T10:00:00+09:00")
    shas = git("rev-list", "--all").decode().split()
    packs = folder / ".git" / "objects" / "pack"

    def agrees(kinds: bytes = b"") -> None:
        assert gitread.commit_time(folder).isoformat() == "2026-03-12T10:00:00+09:00"
        with gitread._GitDir(folder) as repo:
            for sha in shas:
                repo.inflated = 0
                assert repo.object(sha.encode()) == (gitread.COMMIT, git("cat-file", "commit", sha))
        if kinds:  # the pack holds what this case is about
            listing = git("verify-pack", "-v", *map(str, packs.glob("*.idx")))
            assert kinds in listing

    agrees()  # loose objects, a loose ref
    git("repack", "-q", "-a", "-d", "-f", "--window=50", "--depth=50")
    git("pack-refs", "--all")
    assert not list((folder / ".git" / "refs" / "heads").iterdir())
    agrees(b"chain length = 1")  # index v2, deltas by offset, packed-refs
    objects = git("rev-list", "--all", "--objects")
    made = git("pack-objects", "-q", "--index-version=1", "--window=50", "--depth=50",
               str(tmp_path / "v1"), stdin=objects).decode().strip()  # no --delta-base-offset
    for old in packs.iterdir():
        old.unlink()
    for ext in ("idx", "pack"):
        shutil.move(tmp_path / f"v1-{made}.{ext}", packs / f"pack-{made}.{ext}")
    assert (packs / f"pack-{made}.idx").read_bytes()[:4] != b"\xfftOc"  # version 1
    agrees(b"chain length = 1")  # index v1, deltas by name
    (folder / ".git" / "HEAD").write_text(shas[0] + "\n")
    agrees()  # a detached HEAD


def test_late_days_are_started_days_and_the_cap_holds():
    due = datetime(2026, 3, 1, tzinfo=timezone.utc)
    policy = policies.Policy(late=policies.Late(due, 15.0, 40.0),
                             times={"a": due, "b": due + timedelta(seconds=1),
                                    "c": due + timedelta(days=1, seconds=1),
                                    "d": due + timedelta(days=9)})
    result = {"score": 2.0, "max_score": 4.0, "exercises": [{"id": "1", "score": 2.0}]}
    got = {n: policy.adjust({**result, "submission": n}) for n in "abcd"}
    assert [got[n]["late"]["days"] for n in "abcd"] == [0, 1, 2, 9]
    assert [got[n]["score"] for n in "abcd"] == [2.0, 1.7, 1.4, 1.2]
    assert got["d"]["graded_score"] == 2.0 and got["d"]["late"]["percent"] == 40.0


def test_overrides_are_applied_shown_and_never_lost_by_a_rerun_or_a_merge(klass, tmp_path):
    out = tmp_path / "out"
    overrides = tmp_path / "mine.csv"
    overrides.write_text("student,exercise,points,reason\n"
                         "bob,p209,1,regraded by hand: the order of dx and dy was asked loosely\n",
                         encoding="utf-8")
    done = batch(klass, out, "--only", "209,210", "--seed", "5", "--overrides", str(overrides))
    assert done.returncode == 1, done.stderr
    bob = results(out, "bob")
    assert bob["exercises"][0]["score"] < 1 and bob["adjusted"]["score"] == 2
    assert bob["adjusted"]["overrides"][0]["reason"].startswith("regraded by hand")
    assert by_student(out)["bob"]["p209"] == "1" and "set to 1 by hand" in \
        by_student(out)["bob"]["notes"]
    page = (out / "bob" / "report.html").read_text()
    assert "regraded by hand" in page and "set by hand" in page
    assert json.loads((out / "summary.json").read_text())["submissions"][1]["score"] == 2
    # bob changes his files: regraded, the override stays (from OUT/overrides.csv)
    overrides.unlink()
    (klass / "bob" / "p211.py").write_text((SOLUTIONS / "p211.py").read_text())
    done = batch(klass, out)
    assert "1 graded" in done.stdout
    assert results(out, "bob")["adjusted"]["score"] == 2
    # an edit of OUT/overrides.csv takes effect without regrading anyone
    (out / "overrides.csv").write_text("student,exercise,points,reason\nbob,209,0.5,half\n")
    done = batch(klass, out)
    assert "0 graded" in done.stdout and by_student(out)["bob"]["total"] == "1.5"
    merged = tmp_path / "merged"
    run_cli("merge", str(out), "--out", str(merged))
    assert by_student(merged)["bob"]["total"] == "1.5"
    assert (merged / "overrides.csv").read_text() == (out / "overrides.csv").read_text()
    # mistakes in the file are the user's: one line, exit 2, before grading
    (out / "overrides.csv").write_text("student,exercise,points,reason\nbob,209,3,too many\n")
    done = batch(klass, out)
    assert done.returncode == 2 and "maximum is 1" in done.stderr


def test_overrides_files_are_read_strictly():
    path = Path("o.csv")
    assert policies.parse_overrides("Student,Exercise,Points\nann,p219,0.5\n", path)[
        ("ann", "219")].points == 0.5
    # a name typed in the CSV is the same student as a folder named in decomposed Hangul (macOS)
    typed = policies.parse_overrides("student,exercise,points\n김민수,219,1\n", path)
    folder = unicodedata.normalize("NFD", "김민수")
    adjusted = policies.Policy(overrides=typed).adjust(
        {"submission": folder, "score": 0.0, "max_score": 1.0,
         "exercises": [{"id": "219", "score": 0.0}]})
    assert folder != "김민수" and adjusted["score"] == 1
    for text, words in (("name,points\n", "must name the columns"),
                        ("student,exercise,points\nann,x,1\n", "not an exercise number"),
                        ("student,exercise,points\nann,219,lots\n", "not a number"),
                        ("student,exercise,points\nann,219,-1\n", "0 or more"),
                        ("student,exercise,points\nann,219,1\nann,p219,0\n", "lines 2 and 3")):
        with pytest.raises(policies.PolicyError, match=words):
            policies.parse_overrides(text, path)


# -- interrupted and merged runs ------------------------------------------------------------------

def test_an_interrupted_addition_is_completed_by_the_next_run(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    slow = "import time\ntime.sleep(0.3)\n" + (SOLUTIONS / "p210.py").read_text()
    names = [f"s{i}" for i in range(6)]
    for name in names:
        student(root, name, {"p210.py": f"# {name}\n{slow}"}, files=("p209.py",))
    assert batch(root, out, "--only", "209", "--seed", "3").returncode == 0
    first = {n: results(out, n)["exercises"][0] for n in names}
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only", "210",
         "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"})
    deadline = time.monotonic() + 60
    while sum(len(results(out, n)["exercises"]) == 2 for n in names) < 2 \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert process.returncode == 130
    done_ids = {n: [e["id"] for e in results(out, n)["exercises"]] for n in names}
    assert 2 <= sum(ids == ["209", "210"] for ids in done_ids.values()) < len(names)
    assert all(ids in (["209"], ["209", "210"]) for ids in done_ids.values())
    assert by_student(out, "statuses.csv")[
        next(n for n in names if done_ids[n] == ["209"])]["p210"] == "not graded"
    done = batch(root, out)  # no flags: the record says 209 and 210, seed 3
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{sum(ids == ['209'] for ids in done_ids.values())} graded" in done.stdout
    for name in names:
        now = results(out, name)
        assert [e["id"] for e in now["exercises"]] == ["209", "210"]
        assert now["exercises"][0] == first[name] and now["seed"] == 3


def test_merge_refuses_shards_of_two_seeds_and_keeps_their_ungraded_students(tmp_path):
    root = tmp_path / "class"
    for i in range(4):
        student(root, f"st{i}", files=("p209.py",))
    one, two = tmp_path / "one", tmp_path / "two"
    batch(root, one, "--only", "209", "--seed", "1", "--shard", "1/2")
    batch(root, two, "--only", "209", "--seed", "2", "--shard", "2/2")
    merged = tmp_path / "merged"
    done = run_cli("merge", str(one), str(two), "--out", str(merged))
    assert done.returncode == 2 and "seed 1" in done.stderr and "--force" in done.stderr
    assert not merged.exists()
    batch(root, two, "--only", "209", "--seed", "1", "--shard", "2/2", "--force")
    shutil.rmtree(two / "st3")  # a student the shard found but has no result for
    done = run_cli("merge", str(one), str(two), "--out", str(merged))
    assert done.returncode == 1, done.stderr
    summary = json.loads((merged / "summary.json").read_text())
    assert summary["ungraded"] == ["st3"] and summary["seed"] == 1
    assert by_student(merged)["st3"]["notes"] == "not graded yet"
    assert json.loads((merged / "run.json").read_text())["runs"][-1]["command"] == "merge"
