"""One score everywhere: reference checks use the reference results frozen into the bank, so a
submission gets the same score with or without the solutions at hand; validate proves the frozen
results current and says when they are stale."""
from __future__ import annotations

import json
import shutil

from conftest import ROOT, SOLUTIONS, run_cli

from grader.bank import frozen, load_bank, select
from grader.grading.engine import Grader
from grader.grading.job import Options


def statuses(result):
    return {(e.id, c.name): c.status for e in result.exercises for c in e.checks}


def test_the_same_score_with_and_without_the_solutions(bank, tmp_path):
    folder = tmp_path / "carol"
    folder.mkdir()
    for name in ("p209.py", "p211.py", "p230.py"):
        shutil.copyfile(SOLUTIONS / name, folder / name)
    # a wrong Relu: its reference check must fail, with and without the solutions
    shutil.copyfile(SOLUTIONS / "mistakes" / "p214_inverted-mask.py", folder / "p214.py")
    specs = select(bank, "209,211,214,230")
    results = []
    for solutions in (SOLUTIONS, None):
        with Grader(specs, Options(seed=11, solutions=solutions)) as grader:
            results.append(grader.grade_folder(folder))
            assert grader.jobs_run == len(specs)  # the students' code only: nothing live
    with_solutions, without = results
    assert with_solutions.score == without.score < with_solutions.max_score
    assert statuses(with_solutions) == statuses(without)
    assert "skipped" not in statuses(without).values()
    reference = [s for (i, name), s in statuses(without).items()
                 if next(c for c in next(x for x in specs if x.id == i).checks
                         if c.name == name).kind == "reference"]
    assert reference and "failed" in reference and "passed" in reference


def test_frozen_cases_cover_every_reference_check_and_vary_with_the_seed(bank):
    for spec in bank:
        for check in spec.checks:
            if check.kind == "reference":
                cases = frozen.cases(spec, check)
                assert len(cases) == frozen.COUNT, (spec.id, check.name)
                assert frozen.case_for(spec, check, 3) == cases[3]
                assert cases[0].inputs != cases[1].inputs


def test_validate_finds_stale_and_missing_frozen_results(tmp_path):
    exercises = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", exercises)
    path = exercises / "frozen" / "p211.json"
    data = json.loads(path.read_text())
    (name, entry), = ((n, e) for n, e in data["checks"].items())
    values = entry["cases"][2]["result"]["values"]
    key = next(iter(values))
    values[key] = {"$t": "float", "v": "nan"}
    path.write_text(json.dumps(data))
    (exercises / "frozen" / "p209.json").unlink()
    done = run_cli("validate", str(exercises), "--only", "209,211", "--solutions", str(SOLUTIONS),
                   "--seed", "2", timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "frozen case 2 is stale" in done.stdout and "p211" in done.stdout
    assert "no frozen reference results" in done.stdout and "--freeze" in done.stdout
    again = run_cli("validate", str(exercises), "--only", "209,211", "--solutions",
                    str(SOLUTIONS), "--freeze", "--seed", "2", timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert (exercises / "frozen" / "p209.json").is_file()
    fresh = json.loads(path.read_text())["checks"][name]["cases"][2]["result"]["values"]
    assert fresh[key] != {"$t": "float", "v": "nan"}


def test_a_changed_check_no_longer_uses_results_frozen_for_the_old_one(tmp_path):
    exercises = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", exercises)
    spec_file = exercises / "p211.yaml"
    spec_file.write_text(spec_file.read_text().replace("compare: [out, dx, dy]",
                                                       "compare: [dx, dy, out]"))
    (spec,) = select(load_bank(exercises), "211")
    check = next(c for c in spec.checks if c.kind == "reference")
    original = next(c for c in next(s for s in load_bank() if s.id == "211").checks
                    if c.kind == "reference")
    assert frozen.digest(check) != frozen.digest(original)
    assert frozen.cases(spec, check) == ()
    with Grader([spec], Options(seed=1)) as grader:  # no solutions: skipped, said why
        result = grader.grade_folder(SOLUTIONS)
    skipped = [c for c in result.exercises[0].checks if c.status == "skipped"]
    assert skipped and "not frozen" in skipped[0].message
