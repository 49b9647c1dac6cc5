"""`grader check` over several cores: the same results as one grader, a module that hangs found
once for all of them, warm workers forked from the first, started before anything else loads,
and nothing left behind, a usage error included."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT, SOLUTIONS, run_cli, scaled

from grader.bank import select
from grader.grading.sandbox import warm
from grader.grading.engine import Grader, SpreadGrader, submission_result
from grader.grading.job import GradingJob, Options
from grader.results import ExerciseResult

WAIT = 60.0
"""seconds processes may take to end (a busy machine); only a failing test waits this long"""


@pytest.fixture
def scratch():
    """Where the graders' folders go: the student's user (tests run as root in CI) passes
    through it; pytest's own folders are private."""
    folder = Path(tempfile.mkdtemp(prefix="spread-"))
    os.chmod(folder, 0o711)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def processes_in(folder: Path) -> list[int]:
    """Processes whose environment names `folder` (the warm workers' HOME is under it, and the
    jobs' too)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if str(folder).encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


def gone(folder: Path) -> bool:
    """Whether every process of `folder` ends (waiting for the last ones to finish exiting)."""
    deadline = time.monotonic() + WAIT
    while processes_in(folder):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def outline(result) -> list:
    return [(e.id, e.status, e.score, [(c.name, c.status, c.message) for c in e.checks])
            for e in result.exercises]


def test_spread_grades_as_one_grader_does(bank, submission):
    folder = submission(
        replace={"p209.py": (SOLUTIONS / "mistakes" / "p209_swaps-gradients.py").read_text(),
                 "p212.py": "raise ValueError('half done')\n"},
        only=("p101.py", "p102.py", "p209.py", "p210.py", "p211.py", "p212.py", "p219.py"))
    specs = select(bank, "101,102,209-213,219")
    with Grader(specs, Options(seed=5)) as one:
        alone = one.grade(GradingJob.read(folder))
    with SpreadGrader(specs, Options(seed=5), workers=2) as spread:
        shared = spread.grade(GradingJob.read(folder))
        assert all(g.jobs_run for g in spread.graders), "both sandboxes graded"
    assert outline(shared) == outline(alone)
    # one assembly (`engine.graded_result`): the submission's own fields are the same too
    assert [(r.submission, r.seed, r.lang, r.solutions_used, r.notes) for r in (shared, alone)] \
        == [(folder.name, 5, "en", False, alone.notes)] * 2
    assert shared.isolation is not None and alone.isolation is not None
    assert [e.id for e in shared.exercises] == ["101", "102", "209", "210", "211", "212", "213",
                                                "219"]
    assert {e.id: e.status for e in shared.exercises if e.status != "passed"} == {
        "209": "failed", "212": "error", "213": "missing"}


def test_a_submission_result_takes_the_runs_seed_language_and_solutions_from_its_options(bank):
    spec = select(bank, "209")[0]
    exercise = ExerciseResult(spec.id, spec.title.get("ko"), "passed", 1.0, 1.0)
    result = submission_result("alice", (exercise,), Options(seed=7, lang="ko",
                                                            solutions=SOLUTIONS),
                               seconds=2.5, notes=("note",))
    assert (result.submission, result.seed, result.lang, result.solutions_used, result.seconds,
            result.notes, result.isolation, result.score) == (
        "alice", 7, "ko", True, 2.5, ("note",), None, 1.0)
    assert submission_result("bob", (), Options(seed=3)).solutions_used is False


def test_a_module_that_hangs_costs_its_limit_once_across_the_cores(bank, submission):
    """p219 never finishes loading; p220's and p225's own limits are far longer than 219's, so
    they end only because the other sandbox found that p219 hangs."""
    folder = submission(replace={"p219.py": "while True:\n    pass\n"},
                        only=("p219.py", "p225.py", "p226.py"))
    specs = scaled(select(bank, "219,225,226"), {"219": 0.2})
    with SpreadGrader(specs, Options(seed=1), workers=2) as spread:
        result = {e.id: e for e in spread.grade(GradingJob.read(folder)).exercises}
    assert result["219"].status == "timeout"
    for other in ("225", "226"):
        assert result[other].status == "timeout"
        message = result[other].checks[0].message
        assert message.startswith("stopped: ") and "p219.py" in message, message


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="siblings are forked on Linux")
def test_the_other_warm_workers_are_forks_of_the_first(bank, scratch):
    started = warm.start_workers(2, str(scratch))
    assert started[0].worker[0] is not None and started[1].worker[0] is None
    specs = select(bank, "209-212")
    with SpreadGrader(specs, Options(seed=1), started=started) as spread:
        result = spread.grade(GradingJob.read(SOLUTIONS))
        assert result.all_passed and all(g.jobs_run for g in spread.graders)
        sibling = spread.graders[1].runner.sandbox.worker.pid
        assert sibling is not None  # it said its pid
        with open(f"/proc/{sibling}/stat") as f:
            parent = int(f.read().rsplit(")", 1)[1].split()[1])
        assert parent != os.getpid() and parent != started[0].worker[0].pid
    assert gone(scratch), processes_in(scratch)
    assert list(scratch.iterdir()) == []


def test_check_starts_its_warm_workers_before_numpy_the_bank_or_jinja2(tmp_path):
    spy = ("import sys\n"
           "from grader.grading.sandbox import warm\n"
           "start = warm.start_workers\n"
           "def spying(count, *args, **kwargs):\n"
           "    print('start', count, *(name in sys.modules for name in\n"
           "          ('numpy', 'yaml', 'jinja2', 'grader.bank.loader')), flush=True)\n"
           "    return start(count, *args, **kwargs)\n"
           "warm.start_workers = spying\n"
           "from grader.cli import main\n"
           f"sys.exit(main(['check', {str(SOLUTIONS)!r}, '--only', '209-211']))\n")
    done = subprocess.run([sys.executable, "-c", spy], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    starts = [line.split() for line in done.stdout.splitlines() if line.startswith("start")]
    assert starts == [["start", str(warm.usable_cores()), "False", "False", "False", "False"]]
    assert "passed    p211" in done.stdout


def test_a_usage_error_leaves_no_worker_behind(tmp_path, scratch):
    # the command's own workers, cold: a warm grader keeps its own in its TMPDIR (the same
    # usage errors through it: tests/test_server.py)
    cold = {"TMPDIR": str(scratch), "GRADER_NO_SERVER": "1"}
    for args in (["--only", "abc"], ["--bogus"], ["--timeout-scale", "0"], ["--only", "999"]):
        done = run_cli("check", str(SOLUTIONS), *args, env=cold)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert gone(scratch), (args, processes_in(scratch))
        assert list(scratch.iterdir()) == [], args


def test_a_worker_forks_no_sibling_the_grader_let_go_of():
    """`grader check --only 219` needs one worker and closes the second's socket, most often
    before the first is warm: the first then forks no sibling for it (two forks before it
    serves); one still wanted, or already handed a job, is forked."""
    import socket

    from grader.grading.sandbox.zygote import _wanted

    for grader_side in ("open", "sent a job", "closed"):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            if grader_side == "sent a job":
                socket.send_fds(ours, [b"job.json\0{}"], [theirs.fileno()])
            if grader_side == "closed":
                ours.close()
            assert _wanted(theirs.fileno()) == (grader_side != "closed"), grader_side
            if grader_side == "sent a job":  # only looked at: still there for the sibling
                said, fds, _, _ = socket.recv_fds(theirs, 64, 1)
                assert said == b"job.json\0{}" and len(fds) == 1
                os.close(fds[0])
            assert theirs.fileno() >= 0  # still open: the sibling's, if forked
        ours.close()


def test_a_worker_is_seen_ended_when_it_ends_not_at_the_next_poll(monkeypatch):
    """Closing a sandbox waits for its warm worker to end: woken by the worker's pidfd, not by
    Popen's polling (sleeps doubling up to 50 ms, nearly as long again as the worker took)."""
    from grader.grading.sandbox.client import ended

    def no_sleeping(seconds):
        raise AssertionError(f"slept {seconds} s")

    quick = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.2)"])
    never = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        monkeypatch.setattr(time, "sleep", no_sleeping)
        ended(quick, WAIT)
        assert quick.returncode == 0
        ended(quick, WAIT)  # reaped already: said at once
        with pytest.raises(subprocess.TimeoutExpired):
            ended(never, 0.05)
        assert never.returncode is None
    finally:
        never.kill()
        never.wait()
