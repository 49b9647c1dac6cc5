"""The bank proves itself: `grader validate` over the whole bundled bank."""
from __future__ import annotations

from conftest import run_cli


def test_validate_passes_on_the_bundled_bank():
    done = run_cli("validate", "--seed", "5", timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "0 with problems" in done.stdout


def test_validate_reports_a_solution_that_fails(tmp_path):
    import shutil

    from conftest import ROOT

    bank, solutions = tmp_path / "exercises", tmp_path / "solutions"
    bank.mkdir()
    shutil.copyfile(ROOT / "exercises" / "p210.yaml", bank / "p210.yaml")
    shutil.copytree(ROOT / "solutions", solutions)
    (solutions / "p210.py").write_text("print(221)\n")
    done = run_cli("validate", str(bank), "--solutions", str(solutions))
    assert done.returncode == 1
    assert "PROBLEM p210" in done.stdout and "does not pass" in done.stdout
