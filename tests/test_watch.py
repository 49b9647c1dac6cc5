"""`grader check --watch`: which saves regrade which exercises, what it prints, and that Ctrl-C
ends it with 130 and nothing left behind. The command runs as a student runs it, in a process
of its own; the test writes files and waits for the lines it expects (generous limits, no
timing asserted)."""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SOLUTIONS

from grader.grading.job import GradingJob
from grader.grading.sources.submission import SubmissionFiles
from grader.changes import Changes
from grader.watch import changed_files, depends as uses, folder_state, inputs

WAIT = 120.0
"""seconds a line may take to come (a busy machine); a test only waits this long when it fails"""


def files(**texts: str) -> SubmissionFiles:
    return SubmissionFiles(Path("."), {name.replace("_", "."): text.encode()
                                       for name, text in texts.items()})


def depends(spec, files: SubmissionFiles, bank) -> tuple:
    """What the watcher compares for an exercise, on these files."""
    return inputs(spec, GradingJob(files, "s"), bank)


def test_an_exercise_depends_on_its_file_the_modules_it_imports_and_data_it_names(bank):
    specs = {s.id: s for s in bank if s.id in ("209", "210", "211")}
    before = files(p209_py="class MulLayer: pass\n", p210_py="from p209 import MulLayer\n",
                   p211_py="class AddLayer: pass\n", notes_txt="todo\n")
    changes = {
        "p209_py": ("class MulLayer:\n    x = 1\n", {"209", "210"}),  # 210 imports it
        "p210_py": ("from p209 import MulLayer as M\n", {"210"}),
        "notes_txt": ("done\n", set()),  # named by no code
        "p211_py": ("class AddLayer: pass\nimport numpy as np\nnp.load('w.npy')\n", {"211"}),
    }
    for name, (text, expected) in changes.items():
        after = SubmissionFiles(Path("."), {**before.files, name.replace("_", "."): text.encode()})
        moved = {i for i, s in specs.items() if depends(s, before, bank) != depends(s, after, bank)}
        assert moved == expected, name
        assert changed_files(before, after) == [name.replace("_", ".")]
    # a data file the code names: only that exercise
    with_data = SubmissionFiles(Path("."), {**before.files, "w.npy": b"1",
                                            "p211.py": changes["p211_py"][0].encode()})
    changed = SubmissionFiles(Path("."), {**with_data.files, "w.npy": b"2"})
    assert {i for i, s in specs.items() if depends(s, with_data, bank) != depends(s, changed, bank)} == {"211"}
    # a comment or spacing is no change of code: nothing moves, though 209 and 210 use the file
    commented = SubmissionFiles(Path("."), {**before.files,
                                            "p209.py": b"# mine\nclass MulLayer:  pass  # x\n"})
    assert changed_files(before, commented) == ["p209.py"]
    assert {i for i, s in specs.items() if depends(s, before, bank) != depends(s, commented, bank)} \
        == set()
    job = GradingJob(commented, "s")
    assert {i for i, s in specs.items() if "p209.py" in uses(s, job, bank).files} == {"209", "210"}
    assert "notes.txt" not in set().union(*(uses(s, job, bank).files for s in specs.values()))
    # a file that disappears is a change of its exercise (now missing)
    gone = SubmissionFiles(Path("."), {k: v for k, v in before.files.items() if k != "p211.py"})
    assert depends(specs["211"], gone, bank)[0] == "missing"
    assert depends(specs["211"], gone, bank) != depends(specs["211"], before, bank)


def test_the_poll_sees_a_save_in_a_subfolder_and_a_folder_that_is_gone(tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "layers.py").write_text("x = 1\n")
    first = folder_state(tmp_path)
    assert set(first) == {"common", os.path.join("common", "layers.py")}
    (tmp_path / "common" / "layers.py").write_text("x = 22\n")
    assert folder_state(tmp_path) != first
    assert isinstance(folder_state(tmp_path / "nowhere"), str)


@pytest.mark.parametrize("inotify", [True, False], ids=["inotify", "polling"])
def test_the_wait_ends_on_a_save_in_a_subfolder(tmp_path, inotify):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "layers.py").write_text("x = 1\n")
    with Changes(tmp_path, inotify=inotify) as changes:
        if inotify and sys.platform.startswith("linux"):
            assert changes.how == "inotify"
        state = folder_state(tmp_path)
        saver = threading.Timer(0.01, (tmp_path / "common" / "layers.py").write_text,
                                args=("x = 22\n",))
        saver.start()
        after = changes.next(state, quiet=0.01)
        saver.join()
    assert after == folder_state(tmp_path) != state


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_inotify_wakes_the_wait_for_a_save_in_a_watched_subfolder(tmp_path):
    """The event, not a look at the folder, ends the wait (the look is a second away)."""
    (tmp_path / "common").mkdir()
    with Changes(tmp_path) as changes:
        changes.follow(folder_state(tmp_path))
        assert not changes._wait(0)
        (tmp_path / "common" / "layers.py").write_text("x = 1\n")
        assert changes._wait(WAIT)


class Watch:
    """`grader check FOLDER --watch` in a process of its own, its lines read as they come."""

    def __init__(self, folder: Path, scratch: Path, *args: str):
        self.scratch = scratch
        env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(scratch)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "grader", "check", str(folder), "--watch", "--seed", "1", *args],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, *needles: str) -> list[str]:
        """The lines up to the first that holds every needle."""
        block = []
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                break
            block.append(line)
            self.seen.append(line)
            if all(n in line for n in needles):
                return block
        raise AssertionError(f"no line with {needles}; the output:\n" + "\n".join(self.seen))

    def processes(self) -> list[int]:
        """Processes started for this watch: every one has the scratch folder in its environment
        (the warm workers' HOME is under it; the jobs inherit theirs)."""
        found = []
        marker = str(self.scratch).encode()
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != self.process.pid:
                try:
                    if marker in Path(f"/proc/{entry}/environ").read_bytes():
                        found.append(int(entry))
                except OSError:
                    pass
        return found

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        self.process.send_signal(how)
        return self.process.wait(timeout=WAIT)


@pytest.fixture
def scratch():
    """The watch's TMPDIR: its sandboxes' folders go there (the student's user, when the tests
    run as root, must pass through it: pytest's own folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="watch-"))
    os.chmod(folder, 0o711)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def watched(scratch):
    started = []

    def start(folder: Path, *args: str) -> Watch:
        started.append(Watch(folder, scratch, *args))
        return started[-1]

    yield start
    for w in started:
        if w.process.poll() is None:
            w.process.kill()
            w.process.wait()


def test_watch_regrades_what_a_save_changes_and_shows_only_that(tmp_path, watched, scratch):
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("p209.py", "p210.py", "p211.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    w = watched(folder, "--only", "209-211")
    first = w.until("watching")
    assert any(line.startswith("passed") and "p211" in line for line in first), first

    # a known mistake in p209: 209 and 210 (which imports it) are graded again, 211 is not
    shutil.copyfile(SOLUTIONS / "mistakes" / "p209_swaps-gradients.py", folder / "p209.py")
    block = w.until("graded again")
    assert "changed: p209.py" in block[-1] and "p209–210" in block[-1]
    block = w.until("Total")
    rows = [line for line in block if line.split()[:1] and line.split()[0] in
            ("passed", "FAILED", "ERROR", "missing")]
    assert [r.split()[1] for r in rows] == ["p209", "p210"]
    assert rows[0].startswith("FAILED") and "(was passed 1)" in rows[0]
    assert "(unchanged)" in rows[1]  # it prints 220 whatever dx and dy are
    assert any(line.startswith("  hint:") for line in block)  # the mistake, recognised
    assert block[-1].startswith("Total:") and "(-" in block[-1]

    # a half-written file is graded as it is, then again when it is whole
    text = (SOLUTIONS / "p211.py").read_text()
    (folder / "p211.py").write_text(text[: len(text) // 2] + "\ndef broken(:\n")
    block = w.until("Total")
    assert any(line.startswith("ERROR") and "p211" in line for line in block)
    (folder / "p211.py").write_text(text)
    block = w.until("Total")
    assert any(line.startswith("passed") and "p211" in line and "(was ERROR" in line
               for line in block)

    # a file that disappears: its exercise is missing, nothing else moves
    (folder / "p210.py").unlink()
    block = w.until("Total")
    assert [line.split()[:2] for line in block if "p2" in line and "/" in line] == \
        [["missing", "p210"]]

    # a file no exercise uses: said, nothing graded
    (folder / "notes.txt").write_text("done\n")
    assert "no exercise uses it" in w.until("notes.txt")[-1]

    assert w.processes(), "the warm workers run while it watches"
    assert w.stop() == 130
    assert "stopped watching" in "\n".join(w.until("stopped watching"))
    assert w.processes() == []
    assert not list(scratch.iterdir()), "its folders are removed"


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_while_an_exercise_runs_ends_its_job_and_the_sandboxes(
        tmp_path, watched, scratch, how):
    """SIGTERM (a scheduler, `kill`) is Ctrl-C: the jobs end, the folders are removed."""
    folder = tmp_path / "work"
    folder.mkdir()
    marker = f"987.{os.getpid()}"
    (folder / "p209.py").write_text(
        "import subprocess\n"
        f"subprocess.Popen(['sleep', '{marker}'])\n"
        "while True:\n    pass\n")
    w = watched(folder, "--only", "209")
    deadline = time.monotonic() + WAIT
    while not any(marker.encode() in _cmdline(pid) for pid in w.processes()):
        assert time.monotonic() < deadline and w.process.poll() is None, "the job never started"
        time.sleep(0.1)
    assert w.stop(how) == 130
    assert w.processes() == []
    assert not list(scratch.iterdir())


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_the_saved_exercise_is_told_first_and_a_comment_regrades_nothing(tmp_path, watched):
    """p209.py imports p211.py: saving p211.py regrades both, and p211's verdict comes before
    that of p209, which depends on it (grading in numeric order would tell 209 first). A save
    that changes only comments or spacing grades nothing and says so; a file no exercise uses
    is said to be one."""
    folder = tmp_path / "work"
    folder.mkdir()
    for name in ("p209.py", "p211.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    with open(folder / "p209.py", "a") as f:
        f.write("\nimport p211  # noqa\n")
    w = watched(folder, "--only", "209,211")
    w.until("watching")

    shutil.copyfile(SOLUTIONS / "mistakes" / "p209_swaps-gradients.py", folder / "p211.py")
    block = w.until("Total")
    assert "changed: p211.py" in block[0] and "graded again: p209, p211" in block[0], block
    rows = [line.split()[1] for line in block if line.split()[:1] and line.split()[0] in
            ("passed", "FAILED", "ERROR", "missing")]
    assert rows == ["p211", "p209"]

    text = (folder / "p209.py").read_text()
    (folder / "p209.py").write_text("# my own notes\n" + text.replace("\n", "  # ok\n", 1))
    said = w.until("p209.py")  # one line, and nothing graded
    assert len(said) == 1 and "no code changed" in said[0] and "nothing graded again" in said[0]
    (folder / "notes.txt").write_text("done\n")
    said = w.until("notes.txt")
    assert len(said) == 1 and "no exercise uses it" in said[0]
    assert w.stop() == 130
