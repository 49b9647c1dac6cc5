"""What `grader check`'s cold start costs the machine, counted rather than timed (so that a
busy machine cannot fail it): CPython 3.11 keeps frames in 16 KiB chunks and unmaps a chunk as
soon as the stack leaves it, so code that runs at a chunk's end maps and unmaps one at every
call. numpy's typing module did, imported from deep in the grader's imports: 1567 times in
one `grader check --only 219` (see `launch._numpy_imported`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from conftest import ROOT, SOLUTIONS

STRACE = shutil.which("strace")


@pytest.mark.skipif(STRACE is None or not sys.platform.startswith("linux"),
                    reason="needs strace (Linux) to count the system calls")
def test_no_process_of_a_check_maps_frame_chunks_over_and_over(tmp_path):
    shutil.copyfile(SOLUTIONS / "p219.py", tmp_path / "p219.py")
    trace = tmp_path / "trace.txt"
    done = subprocess.run(
        [STRACE, "-f", "-qq", "-e", "trace=mmap", "-o", str(trace), sys.executable, "-m",
         "grader", "check", str(tmp_path), "--only", "219", "--seed", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "GRADER_NO_SERVER": "1", "NO_COLOR": "1"})
    if done.returncode != 0 and "ptrace" in done.stderr:
        pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
    assert done.returncode == 0, done.stdout + done.stderr
    chunks = Counter(line.split()[0] for line in trace.read_text().splitlines()
                     if "mmap(NULL, 16384," in line)
    assert chunks and max(chunks.values()) <= 8, chunks  # a few threads' first chunks


def test_the_collector_waits_while_a_check_loads_and_runs_once_it_grades():
    code = ("import gc\nfrom grader import early\n"
            "early.loaded(); print(gc.isenabled(), gc.get_freeze_count() == 0)\n"
            "early.loading(); print(gc.isenabled())\n"
            "junk = [[i] for i in range(1000)]\n"
            "early.loaded(); print(gc.isenabled(), gc.get_freeze_count() >= 1000)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split() == ["True", "True", "False", "True", "True"]
