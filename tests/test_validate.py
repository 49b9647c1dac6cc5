"""The bank proves itself: `grader validate` over the whole bundled bank."""
from __future__ import annotations

from conftest import run_cli


def test_validate_passes_on_the_bundled_bank_on_several_seeds():
    """Every solution, stub, mistake's variant and realistic case gets one verdict on every
    seed (issue 19: the same files pass or fail whatever the seed)."""
    done = run_cli("validate", "--seed", "5", "--seeds", "3", timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "0 with problems (seeds 5, 6, 7" in done.stdout
    cases = int(done.stdout.rsplit(" and ", 1)[1].split()[0])
    assert cases >= 100  # the realistic cases beside the bank were graded too


def test_validate_reports_a_verdict_that_changes_with_the_seed(tmp_path):
    """A solution wrong only on large batches: the check with a batch size drawn per run
    passes on some seeds and fails on others, and validation says so."""
    import shutil

    from conftest import ROOT

    bank, solutions = tmp_path / "exercises", tmp_path / "solutions"
    bank.mkdir()
    shutil.copyfile(ROOT / "exercises" / "p214.yaml", bank / "p214.yaml")
    shutil.copytree(ROOT / "solutions", solutions)
    relu = (solutions / "p214.py").read_text()
    forward = "    def forward(self, x):\n"
    assert forward in relu
    (solutions / "p214.py").write_text(relu.replace(
        forward, forward + "        if x.ndim == 2 and x.shape[0] > 5:\n            return x\n"))
    done = run_cli("validate", str(bank), "--solutions", str(solutions), "--seed", "1",
                   "--seeds", "4")
    assert done.returncode == 1
    assert "the verdict of the reference solution changes with the seed: " in done.stdout
    assert "random shapes" in done.stdout


def test_validate_refuses_a_number_of_seeds_out_of_range():
    done = run_cli("validate", "--seeds", "0")
    assert done.returncode == 2 and "--seeds 0" in done.stderr and "Traceback" not in done.stderr


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
