"""The suite's own machinery: the list of slow tests names tests that exist and marks every case
of each, and `leftovers` sees the processes its test started and no other's (tests run side by
side in pytest-xdist's workers, and other runs share the machine)."""
from __future__ import annotations

import ast
import importlib.util
import os
import signal
import subprocess

from conftest import ROOT, pytest_collection_modifyitems, slow_tests
from processes import descendants, leftovers, new_marker


def test_every_slow_test_listed_exists():
    """A renamed or removed test left in tests/slow_tests.txt would leave its new name in the
    fast subset unnoticed: refresh the list with tools/slow_tests.py."""
    listed = slow_tests()
    assert len(listed) >= 10
    for test in listed:
        path, name = test.split("::")
        module = ROOT / path
        assert module.is_file(), f"{test}: no {path}"
        defined = {node.name for node in ast.parse(module.read_text()).body
                   if isinstance(node, ast.FunctionDef)}
        assert name in defined, f"{test}: {path} defines no {name}"


def test_slow_means_a_second_a_case_or_ten_seconds_a_function_over_the_measured_runs(tmp_path):
    spec = importlib.util.spec_from_file_location("slow_tests", ROOT / "tools" / "slow_tests.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    cases = {"test_few[1]": (0.6, 0.6), "test_few[2]": (0.6, 0.6), "test_long": (0.5, 1.7),
             **{f"test_many[{i}]": (0.4, 0.45) for i in range(25)}}
    for run in (0, 1):  # a case's time is its mean over the runs: test_long's is 1.1
        (tmp_path / f"run{run}.xml").write_text("<testsuites><testsuite>" + "".join(
            f'<testcase classname="tests.test_x" name="{name}" time="{times[run]}"/>'
            for name, times in cases.items()) + "</testsuite></testsuites>")
    found = tool.durations(sorted(tmp_path.glob("*.xml")))
    assert sorted(found) == ["tests/test_x.py::test_few", "tests/test_x.py::test_long",
                             "tests/test_x.py::test_many"]
    assert sorted(tool.slow(found, mean=1.0, total=10.0)) == [
        "tests/test_x.py::test_long", "tests/test_x.py::test_many"]  # 1.1 s; 25 x 0.425 s


class _Item:
    def __init__(self, nodeid: str):
        self.nodeid, self.marks = nodeid, []

    def add_marker(self, mark) -> None:
        self.marks.append(mark.name)


def test_a_listed_test_and_each_of_its_cases_are_marked_slow():
    listed = sorted(slow_tests())[0]
    items = [_Item(listed), _Item(listed + "[case-1]"), _Item(listed + "_too"),
             _Item("tests/test_suite.py::test_not_listed")]
    pytest_collection_modifyitems(None, items)
    assert [item.marks for item in items] == [["slow"], ["slow"], [], []]


def _detached_sleep(marker: str) -> int:
    """A `sleep <marker>` that is no descendant of this process (its shell parent exits at once,
    as an attack's daemon does): its pid."""
    done = subprocess.run(["sh", "-c", f"sleep {marker} >/dev/null 2>&1 & echo $!"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_leftovers_are_the_tests_own_descendants_and_marked_processes_only():
    there_before = subprocess.Popen(["sleep", "600"])
    before = descendants()
    mine, another_tests = new_marker(), new_marker()
    assert mine != another_tests and float(mine) > 987
    child = subprocess.Popen(["sleep", "600"])
    detached = _detached_sleep(mine)
    strangers = _detached_sleep(another_tests)
    try:
        assert detached not in {pid for pid, _ in descendants()}
        assert leftovers(before, mine, settle=0) == sorted([child.pid, detached])
        assert leftovers(before, settle=0) == [child.pid]
        assert there_before.pid in leftovers(frozenset(), settle=0)  # `before` left it out
    finally:
        for pid in (detached, strangers):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for process in (child, there_before):
            process.kill()
            process.wait()
    assert leftovers(before, mine) == []  # the killed ones vanish; nothing else is counted
