"""Each job in a world of its own (issue 20): the attacks of tests/hostile/isolation/ and
tests/hostile/batch/ that reached outside a job, each contained; what the grader says it used.

Each attack was first reproduced against the grader before namespaces (its header's `before`).
An attack's containment is asserted where the grader reports it ran the jobs in namespaces (and,
for the limits on a job as a whole, in a cgroup or a user namespace); elsewhere the test is
skipped with the grader's own reason, since the grader then says it does not contain them. No
test waits for a guessed time: jobs and the test signal each other through files.
"""
from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SOLUTIONS, run_cli
from processes import descendants, leftovers
from test_hostile import HEADER, fingerprint, graded, in_namespaces

from grader.bank import select
from grader.grading import messages
from grader.grading.engine import Grader
from grader.grading.job import Options
from grader.grading.sandbox import client, isolation
from grader.grading.sandbox.client import Limits, Sandbox

ATTACKS = Path(__file__).parent / "hostile" / "isolation"
BATCH = Path(__file__).parent / "hostile" / "batch"
TOKEN = f"grader-isolation-{os.getpid()}"


def header(name: str) -> dict:
    return dict(HEADER.findall((ATTACKS / f"{name}.py").read_text()))


def attack_folder(tmp_path: Path, name: str, student: str = "mallory", **words) -> Path:
    """A submission holding the attack as its exercise's file, beside the control p211.py."""
    case = header(name)
    folder = tmp_path / student
    folder.mkdir()
    shutil.copyfile(SOLUTIONS / "p211.py", folder / "p211.py")
    code = (ATTACKS / f"{name}.py").read_text().replace("TOKEN", TOKEN)
    for word, value in words.items():
        code = code.replace(word, str(value))
    (folder / f"p{case['exercise']}.py").write_text(code)
    return folder


def contained(bank, tmp_path: Path, name: str, limits: str | None = None, **words):
    """Grade the attack beside the control: its outcome as its header says, the control passing,
    nothing left behind, the project untouched. Returns (attacked, isolation). `limits`: the
    attack is on a job's memory or processes as a whole, which the grader must say it limits
    so (else the test is skipped, with what the grader said)."""
    case = header(name)
    folder = attack_folder(tmp_path, name, **words)
    before = descendants()
    project = fingerprint(ROOT / "grader", ROOT / "exercises", SOLUTIONS)
    target = case["exercise"]
    results, said = graded(bank, folder, f"{target},211",
                           {target: float(case.get("timeout-scale", 1.0))})
    if not in_namespaces(said):
        pytest.skip(f"the grader reports no namespaces here: {said}")
    per_process = said.get("limits") == "rlimits"
    if limits == "memory" and per_process:
        pytest.skip(f"memory is limited per process here (no cgroup: {said.get('limits_why')})")
    if limits == "processes" and per_process and not said.get("user_namespace"):
        pytest.skip("processes are counted per user here (rlimits, as `nobody`)")
    attacked, control = results[target], results["211"]
    statuses = [(c.name, c.status, c.message) for c in attacked.checks]
    assert attacked.status == case["status"], (statuses, attacked.stdout)
    said_all = " | ".join([attacked.message] + [c.message for c in attacked.checks])
    assert case["message"] in said_all
    assert control.status == "passed" and control.score == control.max_score
    assert leftovers(before) == []
    assert fingerprint(ROOT / "grader", ROOT / "exercises", SOLUTIONS) == project
    return attacked, said


def printed(exercise) -> str:
    return exercise.stdout.text if exercise.stdout else ""


def test_the_isolation_corpus_is_there():
    assert len(list(ATTACKS.glob("*.py"))) >= 6
    for path in ATTACKS.glob("*.py"):
        case = dict(HEADER.findall(path.read_text()))
        assert {"attack", "exercise", "status"} <= set(case), path
        assert "# before: " in path.read_text(), path


# -- what a job can reach -------------------------------------------------------------------------

def test_a_job_cannot_read_the_solutions_the_bank_or_the_labels(bank, tmp_path):
    """Found through sys.modules["grader"], the checkout's solutions/ ran as the student's own
    and passed 219; the frozen reference results and the digits' labels were read."""
    attacked, _ = contained(bank, tmp_path, "reads_the_solutions")
    out = printed(attacked)
    assert "read " not in out, out
    assert out.count("refused ") == 4, out


def test_a_job_reaches_no_network(bank, tmp_path):
    """A TCP connection to 127.0.0.1 reached a server the test listens on; a UDP datagram left
    for a public address."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    try:
        attacked, _ = contained(bank, tmp_path, "connects_out", PORT=server.getsockname()[1])
        with pytest.raises(BlockingIOError):  # a connection made would be waiting here
            server.accept()
    finally:
        server.close()
    assert "refused 127.0.0.1" in printed(attacked) and "sent to" not in printed(attacked)


def test_files_a_job_leaves_in_tmp_and_dev_shm_vanish_with_it(bank, tmp_path):
    """The job wrote into /tmp, /var/tmp and /dev/shm; a later job (the same warm worker, another
    student) found the files, and what filled /dev/shm stayed on the machine. Now each job has
    its own, of PRIVATE_SIZE, gone when it ends."""
    leaver = attack_folder(tmp_path, "leaves_files", "mallory")
    finder = attack_folder(tmp_path, "finds_files_left", "bob")
    with Grader(select(bank, "209"), Options(seed=1)) as grader:  # one warm worker, in turn
        left = grader.grade_folder(leaver)
        found = grader.grade_folder(finder)
    if not in_namespaces(left.isolation):
        pytest.skip(f"the grader reports no namespaces here: {left.isolation}")
    on_the_machine = [p for folder in ("/tmp", "/var/tmp", "/dev/shm")
                      for p in glob.glob(os.path.join(folder, f"{TOKEN}*"))]
    for path in on_the_machine:
        os.remove(path)
    assert on_the_machine == []
    assert found.exercises[0].status == "passed", printed(found.exercises[0])
    assert "found []" in printed(found.exercises[0])
    out = printed(left.exercises[0])
    assert "stopped OSError 28" in out  # No space left: its own /dev/shm is full, not the machine's
    written = int(out.rsplit("wrote MiB", 1)[1])
    assert written <= isolation.PRIVATE_SIZE // 2**20


def test_a_job_sees_its_own_world(tmp_path):
    """What a job's process finds, said by itself: pid 2 of a pid namespace whose only other
    process is its init; the system's folders, Python's and the grader's package, but not the
    checkout's solutions, bank or tests, the grader's data, the home folder's other files,
    /sys, /run or /etc/shadow; no network interface but lo; no capability; no_new_privs; its
    own /tmp and /dev/shm."""
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))
    python = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix)}
    hidden = [ROOT / "solutions", ROOT / "exercises", ROOT / "tests",
              ROOT / "grader" / "data" / "digits.npz",
              Path("/etc/shadow"), Path("/sys"), Path("/run"), Path("/srv"), Path("/mnt")]
    hidden += [p for p in Path.home().iterdir()  # the grader's user's own files
               if not any(p == q or p in q.parents for q in python)]
    probe = """\
import errno, json, os, socket, sys
import numpy, grader
def writable(folder):
    try:
        open(os.path.join(folder, "written"), "w").close()
        return True
    except OSError as e:
        return e.errno not in (errno.EROFS, errno.EACCES)
status = open("/proc/self/status").read()
field = lambda name: status.split(name + ":")[1].split("\\n")[0].strip()
print(json.dumps({
    "pid": os.getpid(), "ppid": os.getppid(),
    "processes": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    "found": [p for p in HIDDEN if os.path.lexists(p)],
    "checkout": sorted(os.listdir(CHECKOUT)),
    "interfaces": [name for _, name in socket.if_nameindex()],
    "hostname": socket.gethostname(), "caps": field("CapEff"), "nnp": field("NoNewPrivs"),
    "shm": os.listdir("/dev/shm"), "tmp": os.listdir("/tmp"),
    "missing": [os.path.dirname(m.__file__) for m in (json, numpy, grader)
                if not os.path.isdir(os.path.dirname(m.__file__))],
    "writable": writable(os.path.dirname(grader.__file__))}))
""".replace("CHECKOUT", repr(str(ROOT))).replace("HIDDEN", repr([str(p) for p in hidden]))
    try:
        work = home / "job" / "work"
        work.mkdir(parents=True)
        (work / "m.py").write_text(probe)
        with Sandbox(str(home)) as sandbox:
            sandbox.hand_over(work)
            outcome = sandbox.run({"workdir": str(work), "file": "m.py", "module": "m",
                                   "mode": "import", "defines": [], "aliases": {},
                                   "checks": []}, home / "job", 60, {})
            report = sandbox.isolation()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if not in_namespaces(report):
        pytest.skip(f"the grader reports no namespaces here: {report}")
    assert outcome.ending == "done" and outcome.isolated, outcome
    seen = json.loads(outcome.stdout.text)
    assert seen["pid"] == 2 and seen["ppid"] == 0 and seen["processes"] == [1, 2], seen
    assert seen["found"] == [], seen["found"]
    # of the checkout, the grader's package, and Python's folder if it lies there (a .venv)
    inside = {p.relative_to(ROOT).parts[0] for p in python if ROOT in p.parents}
    assert set(seen["checkout"]) == {"grader"} | inside, seen["checkout"]
    assert seen["interfaces"] == ["lo"] and seen["hostname"] == "grader"
    # Python's folders and the grader's package stay where they were, read-only, wherever
    # they are (a virtual environment or a checkout in /tmp is not hidden by the job's /tmp)
    assert seen["missing"] == [] and seen["writable"] is False, seen
    assert int(seen["caps"], 16) == 0 and seen["nnp"] == "1"
    # its /dev/shm and /tmp are its own: what is there is the way to its own folder, to the
    # checkout and to Python's folder, where they lie there
    ways = {Path(p).relative_to(top).parts[0] for p in (ROOT, *python)
            for top in ("/tmp", "/dev/shm") if Path(top) in Path(p).parents}
    assert all(name.startswith("grader-") or name in ways
               for name in seen["shm"] + seen["tmp"]), seen


# -- limits on the job as a whole --------------------------------------------------------------

def test_six_big_children_cannot_all_hold_their_memory(bank, tmp_path):
    """Six children of 628 MiB each, each under the 2 GiB a process may have, all alive at
    once: 3.7 GiB for one job. A job's memory is now limited as a whole."""
    attacked, said = contained(bank, tmp_path, "many_big_children", limits="memory")
    held = int(printed(attacked).rsplit("held at once", 1)[1])
    assert held * 628 * 2**20 <= Limits().memory, printed(attacked)


def test_a_job_has_at_most_its_processes(bank, tmp_path):
    """400 children that wait, more than a job may have (256): as root they were counted for
    every job of `nobody` together, in same-user mode not at all."""
    attacked, said = contained(bank, tmp_path, "many_children", limits="processes")
    ran = int(printed(attacked).rsplit("ran at once", 1)[1])
    assert ran < Limits().processes, printed(attacked)


def test_a_job_ended_for_its_memory_is_told_so():
    detail = client._describe_status({"signal": 9, "oom": True}, 2 * 2**30)
    assert detail.startswith("your code's processes together used more than the 2 GiB")
    assert "2 GiB" in messages.machine(detail, "ko") and "메모리" in messages.machine(detail, "ko")


# -- a class: other students, OUT, other jobs -------------------------------------------------------

def test_a_job_finds_no_other_student_and_no_output_folder(tmp_path):
    """Mallory's code found the grader's command line in /proc, ran Alice's p209.py as its own
    and passed, and read OUT (run.json, the other results)."""
    root, out = tmp_path / "class", tmp_path / "out"
    for name in ("alice", "mallory"):
        (root / name).mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "p209.py", root / "alice" / "p209.py")
    shutil.copyfile(BATCH / "copies_another_student.py", root / "mallory" / "p209.py")
    done = run_cli("batch", str(root), "--out", str(out), "--only", "209", "--seed", "1")
    results = {name: json.loads((out / name / "results.json").read_text())
               for name in ("alice", "mallory")}
    if not in_namespaces(results["mallory"]["isolation"]):
        pytest.skip(f"the grader reports no namespaces here: {results['mallory']['isolation']}")
    assert done.returncode == 1, done.stdout + done.stderr
    mallory = results["mallory"]["exercises"][0]
    assert results["alice"]["exercises"][0]["status"] == "passed"
    assert mallory["status"] == "error" and "does not define MulLayer" in \
        mallory["checks"][0]["message"]
    assert mallory["stdout"]["text"].startswith("found {}"), mallory["stdout"]
    assert "isolation: each job in namespaces of its own" in done.stderr


def test_a_job_sees_and_kills_no_other_student_s_job(tmp_path):
    """The killer scans /proc once Vic's job is running (the test sees Vic's `ready` in Vic's
    own folder, then puts `go` in the killer's) and SIGKILLs everything it sees: before, Vic's
    job and the warm workers died and Vic was graded again alone. Now it sees its namespace's
    init alone, Vic passes graded once, and nobody is graded again."""
    root, out, scratch = tmp_path / "class", tmp_path / "out", tmp_path / "scratch"
    for name, attack in (("killer", "kills_what_it_sees.py"), ("vic", "waits_for_the_killer.py")):
        (root / name).mkdir(parents=True)
        shutil.copyfile(BATCH / attack, root / name / "p209.py")
    scratch.mkdir()
    scratch.chmod(0o777)
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", "batch", str(root), "--out", str(out), "--only", "209",
         "--seed", "1", "--jobs", "2", "--timeout-scale", "10"], cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", "TMPDIR": str(scratch)})
    seen = {}
    released = set()

    def orchestrate():
        """Until the batch ends: `go` to the killer once Vic's job is ready, `ack` once the
        killer said what it saw, then `release` to every job of Vic's. A job's folder vanishes
        when the job ends, at any moment: what is gone is looked for again next time."""
        while process.poll() is None:
            with contextlib.suppress(OSError, ValueError):
                works = lambda marker: {Path(p).parent for p in glob.glob(  # noqa: E731
                    f"{scratch}/**/work/{marker}", recursive=True)}
                ready = works("ready")
                killer = [w for w in works("p209.py")
                          if "seen.tmp" in (w / "p209.py").read_text()]
                if ready and killer and not seen and not (killer[0] / "go").exists():
                    (killer[0] / "go").touch()
                for where in works("seen"):
                    if not seen:
                        seen.update(json.loads((where / "seen").read_text()))
                        (where / "ack").touch()
                if seen:
                    for where in ready - released:
                        (where / "release").touch()
                        released.add(where)
            time.sleep(0.01)

    thread = threading.Thread(target=orchestrate, daemon=True)
    thread.start()
    stdout, stderr = process.communicate(timeout=600)
    thread.join()
    results = {name: json.loads((out / name / "results.json").read_text())
               for name in ("killer", "vic")}
    if not in_namespaces(results["vic"]["isolation"]):
        pytest.skip(f"the grader reports no namespaces here: {results['vic']['isolation']}")
    assert seen, stdout + stderr
    # its own namespace's init (a `cat` of the worker's), and no other process
    assert [(p["pid"], p["command"]) for p in seen["seen"]] == [(1, isolation.INITS[0])] or \
        [(p["pid"], p["command"]) for p in seen["seen"]] == [(1, isolation.INITS[1])], seen
    assert {n: r["exercises"][0]["status"] for n, r in results.items()} == \
        {"killer": "passed", "vic": "passed"}, stdout + stderr
    assert not any(r["batch"].get("killed") for r in results.values())
    assert "grading again, alone" not in stdout + stderr
    assert len(released) == 1  # Vic's one job, never killed, never run again
    assert process.returncode == 0, stdout + stderr


# -- said, not assumed ------------------------------------------------------------------------

REFUSE = ("import errno\n"
          "def _refused(flags):\n"
          "    raise OSError(errno.EPERM, 'unshare (the test says no): Operation not permitted')\n"
          "import sys; sys.path.insert(0, sys.argv[2])\n"
          "from grader.grading.sandbox import isolation; isolation.unshare = _refused\n")
"""the start of a warm worker on a machine that allows no namespace (every unshare refused)"""


def test_a_worker_refused_its_namespaces_says_why_and_runs_its_jobs_as_processes(tmp_path,
                                                                                 monkeypatch):
    monkeypatch.setattr(client, "BOOTSTRAP", REFUSE + client.BOOTSTRAP)
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))
    try:
        for mode in ("auto", "strict"):
            with Sandbox(str(home), Limits(isolation=mode)) as sandbox:
                report = sandbox.isolation()
                assert report["level"] == "process", report
                assert report["why"].endswith("Operation not permitted"), report
                work = home / "job" / "work"
                work.mkdir(parents=True, exist_ok=True)
                (work / "m.py").write_text("print('ran')\n")
                job = {"workdir": str(work), "file": "m.py", "module": "m", "mode": "import",
                       "defines": [], "aliases": {}, "checks": []}
                if mode == "strict":
                    with pytest.raises(client.IsolationRefused):
                        sandbox.run(job, home / "job", 60, {})
                else:
                    sandbox.hand_over(work)
                    outcome = sandbox.run(job, home / "job", 60, {})
                    assert outcome.ending == "done" and not outcome.isolated
                    assert outcome.stdout.text == "ran\n"
    finally:
        shutil.rmtree(home, ignore_errors=True)


REFUSING_CLI = """\
import sys
from grader.grading.sandbox import client, spawn
refuse = {refuse!r}
spawn.start_worker.__defaults__ = (refuse + spawn.BOOTSTRAP,) + spawn.start_worker.__defaults__[1:]
client.BOOTSTRAP = refuse + client.BOOTSTRAP
from grader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def refusing_grader(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The grader's command line on a machine that allows no namespace."""
    return subprocess.run([sys.executable, "-c", REFUSING_CLI.format(refuse=REFUSE), *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})


def test_strict_refuses_to_grade_without_namespaces_and_the_default_says_it_falls_back(
        tmp_path):
    folder = tmp_path / "alice"
    folder.mkdir()
    shutil.copyfile(SOLUTIONS / "p209.py", folder / "p209.py")
    results = tmp_path / "results.json"
    refused = refusing_grader("check", str(folder), "--only", "209", "--isolation", "strict",
                              "--json", str(results))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert refused.stderr.startswith("grader: --isolation strict: this machine gives the "
                                     "grader no namespaces") and "Operation not permitted" in \
        refused.stderr
    assert refused.stdout == "" and not results.exists()
    fallback = refusing_grader("check", str(folder), "--only", "209", "--json", str(results))
    assert fallback.returncode == 0, fallback.stdout + fallback.stderr
    assert fallback.stderr.count("grader: no namespaces here") == 1, fallback.stderr
    assert "isolation: jobs as plain processes, without namespaces (" in fallback.stdout
    assert json.loads(results.read_text())["isolation"]["level"] == "process"
    # a class: refused before anything is written
    root, out = tmp_path / "class", tmp_path / "out"
    (root / "alice").mkdir(parents=True)
    shutil.copyfile(SOLUTIONS / "p209.py", root / "alice" / "p209.py")
    batch = refusing_grader("batch", str(root), "--out", str(out), "--only", "209",
                            "--isolation", "strict")
    assert batch.returncode == 2, batch.stdout + batch.stderr
    assert "--isolation strict" in batch.stderr and not out.exists()


def test_doctor_says_what_the_machine_allows_and_what_the_grader_uses(tmp_path):
    done = run_cli("doctor", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert set(found["namespaces"]) == {"user", "pid", "mount", "network", "ipc", "uts"}
    assert set(found["tools"]) == {"bubblewrap (bwrap)", "nsjail", "unshare(1)"}
    home = Path(tempfile.mkdtemp(prefix="grader-test-"))
    try:
        with Sandbox(str(home)) as sandbox:
            report = sandbox.isolation()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    assert found["worker"]["level"] == report["level"]
    assert found["worker"]["limits"] == report["limits"]
    assert found["strict"] == in_namespaces(report)
    words = run_cli("doctor", "--lang", "ko")
    assert words.returncode == 0 and "채점기가 쓸 것: " in words.stdout, words.stdout
    english = run_cli("doctor").stdout
    for label in ("user namespaces", "pid namespace", "mount namespace", "network namespace",
                  "cgroups", "bubblewrap (bwrap)", "the grader will use: ",
                  "--isolation strict: "):
        assert label in english, english


def test_what_a_job_s_fresh_tmp_would_hide_is_bound_again():
    """A virtual environment, a checkout or the sandbox's folder in /tmp (as on CI machines)
    lies below a job's fresh /tmp: each is bound again where it was, once (a folder inside
    another comes with it)."""
    assert isolation.covered(["/usr", "/tmp/ci/.venv", "/tmp/ci/.venv/lib/site-packages",
                              "/tmp/ci/grader", "/dev/shm/grader-run-1/grader-x", "/home/me",
                              "/var/tmp/x", "/tmpfoo/y", None]) == \
        ["/var/tmp/x", "/tmp/ci/.venv", "/tmp/ci/grader", "/dev/shm/grader-run-1/grader-x"]
