"""The benchmark scripts run only by hand (benchmarks/), so a name they use and no longer define
is found by no other test: figure 5's `watch_answer` went missing in a tidy, and a whole run of
bench_check.py ended in a NameError after four minutes of measuring. Every global name a
function of theirs reads must be defined, imported or built in."""
from __future__ import annotations

import builtins
import symtable
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPTS = sorted((ROOT / "benchmarks").glob("*.py")) + sorted(
    (ROOT / "benchmarks").glob("*/*.py"))


def undefined(path: Path) -> set[str]:
    table = symtable.symtable(path.read_text(encoding="utf-8"), str(path), "exec")
    defined = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    known = defined | set(dir(builtins)) | {"__file__", "__name__", "__doc__"}
    missing = set()
    todo = list(table.get_children())
    while todo:
        scope = todo.pop()
        todo.extend(scope.get_children())
        for symbol in scope.get_symbols():
            if symbol.is_global() and symbol.is_referenced() and symbol.get_name() not in known:
                missing.add(symbol.get_name())
    return missing


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_name_a_benchmark_reads_is_defined(path):
    assert undefined(path) == set()


def test_the_check_finds_a_missing_name(tmp_path):
    script = tmp_path / "b.py"
    script.write_text("import os\n\ndef main():\n    return os.sep, gone(1), len([])\n")
    assert undefined(script) == {"gone"}
