"""The share of realistic buggy submissions whose hint names their mistake stays at 80 % or more
(`benchmarks/diagnosis_rate.py` over `tests/realistic/`), and the reference solutions get no
hint at all."""
from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT, SOLUTIONS
from grader.bank import load_bank
from grader.grading.engine import Grader
from grader.grading.job import Options

TARGET = 0.8


def benchmark():
    spec = importlib.util.spec_from_file_location("diagnosis_rate",
                                                  ROOT / "benchmarks" / "diagnosis_rate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_most_realistic_mistakes_get_a_hint_that_names_them():
    rate = benchmark()
    outcomes = rate.measure()
    assert len(outcomes) >= 100
    for o in outcomes:  # every case is a buggy submission: it must not pass
        assert "passed" not in o.statuses.values(), o.case
    named = sum(o.named for o in outcomes)
    assert named / len(outcomes) >= TARGET, [o.case for o in outcomes if not o.named]
    # and a hint that names another mistake is rare
    assert sum(bool(o.other) for o in outcomes) <= len(outcomes) // 20


def test_the_corpus_headers_are_read_as_written():
    rate = benchmark()
    case = rate.read_case(ROOT / "tests" / "realistic" / "p219_forward-uses-global-W.py")
    assert case.exercise == "219" and case.expect["220"] == {"cause:219"}
    assert case.extra == {"p220.py": "_p220_uses_affine.py"}


def test_the_reference_solutions_get_no_hint():
    with Grader(load_bank(), Options(seed=11, solutions=SOLUTIONS)) as grader:
        result = grader.grade_folder(SOLUTIONS)
    assert all(e.status == "passed" for e in result.exercises)
    assert not [(e.id, c.name) for e in result.exercises for c in e.checks
                if c.hint or c.diagnoses or c.cause]
