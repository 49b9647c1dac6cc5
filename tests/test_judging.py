"""Judging is a pure function of plain data: these tests hand-build what a student's process
would have sent, or how its run ended, and judge it without starting any process."""
from __future__ import annotations

from grader.bank import load_bank
from grader.bank.kinds import KINDS
from grader.grading.checks import JUDGES
from grader.grading.inputs import check_rng, make_inputs
from grader.grading.judging import judge_exercise
from grader.grading.running import Failure, StudentRun
from grader.grading.sandbox.client import RunOutcome
from grader.grading.sandbox.plain import to_plain
from grader.results import Captured

BANK = {s.id: s for s in load_bank()}


def inputs_of(spec, seed=1):
    return {i: make_inputs(c.inputs, check_rng(seed, spec.id, i), c.dims)
            for i, c in enumerate(spec.checks)}


def sent(**values):
    """What run_values would send: each variable as plain data, no error."""
    return {"values": {k: to_plain(v) for k, v in values.items()}, "error": None}


def run_of(spec, raw: dict) -> StudentRun:
    """A run that sent `raw` for some checks; the others timed out."""
    rest = {i: Failure("timeout", "not_run_timeout") for i in range(len(spec.checks))
            if i not in raw}
    return StudentRun(RunOutcome("done"), raw=raw, failures=rest)


def test_every_check_kind_has_a_reader_and_a_judge():
    assert set(KINDS) == set(JUDGES)
    for name, judge in JUDGES.items():
        assert judge.kind == name
        checks = [c for s in BANK.values() for c in s.checks if c.kind == name]
        assert checks and all(isinstance(c.params, judge.params) for c in checks), name
        assert judge.label["en"] and judge.label["ko"], name
        assert judge.evidence in ("compared", "gradient", "printed", ""), name
    assert [n for n, j in JUDGES.items() if j.needs_reference] == ["reference"]


def test_no_module_names_a_check_kind_to_treat_it_apart():
    """What sets a kind apart is an attribute of its judge (`needs_reference`, `evidence` …),
    never its name compared in the pipeline (`output` is also an exercise's kind, which may
    be)."""
    import ast
    from pathlib import Path

    from grader.bank.spec import EXERCISE_KINDS

    named = set(JUDGES) - set(EXERCISE_KINDS)
    found = []
    for path in (Path(__file__).parent.parent / "grader").rglob("*.py"):
        if path.parent.name in ("checks", "authoring") or path.name in ("kinds.py", "new.py"):
            continue  # the kinds themselves; `grader new`, which writes checks of named kinds
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) \
                    and node.left.attr == "kind":
                constants = {c.value for n in node.comparators for c in ast.walk(n)
                             if isinstance(c, ast.Constant)}
                prefix = ast.unparse(node.left.value)  # a check's kind, not a Difference's
                if (constants & named or "output" in constants) and (
                        "check" in prefix or prefix == "c"):
                    found.append(f"{path.name}:{node.lineno}")
    assert not found


def test_a_recognised_mistake_gets_its_hint_and_others_pass():
    spec = BANK["209"]
    # the first check of 209 with dx and dy swapped, as a student's process would send them
    run = run_of(spec, {0: sent(out=200, dx=110.00000000000001, dy=2.2)})
    checks = judge_exercise(spec, inputs_of(spec), run, (None, None), "en")
    first = checks[0]
    assert first.status == "failed" and first.diagnoses == ("swaps-gradients",)
    assert "wrong way round" in first.hint and "dx" in first.message
    assert first.detail is not None and first.detail.name == "dx"
    assert {c.status for c in checks[1:]} == {"timeout"}
    assert all("earlier check" in c.message and c.hint is None for c in checks[1:])


def test_the_right_values_pass_with_no_hint():
    spec = BANK["209"]
    run = run_of(spec, {0: sent(out=200, dx=2.2, dy=110.00000000000001)})
    (first, *_rest) = judge_exercise(spec, inputs_of(spec), run, (None, None), "ko")
    assert first.status == "passed" and first.hint is None and first.detail is None
    assert first.label.startswith("사과")


def test_a_load_error_is_worded_in_the_students_language():
    spec = BANK["211"]
    error = {"type": "SyntaxError", "message": "invalid syntax", "statement": None,
             "frames": [{"file": "p211.py", "line": 3, "function": "<module>", "code": "x ="}]}
    failure = Failure("error", "load_error", {"file": "p211.py"}, error)
    run = StudentRun(RunOutcome("load_error"), failures=dict.fromkeys(range(len(spec.checks)),
                                                                      failure))
    checks = judge_exercise(spec, inputs_of(spec), run, (None, None), "ko")
    assert {c.status for c in checks} == {"error"}
    assert checks[0].message.startswith("p211.py을(를) 불러오는 중 (p211.py:3)에서 SyntaxError")


def test_an_output_exercise_is_judged_on_what_it_printed():
    spec = BANK["210"]
    printed = RunOutcome("done", stdout=Captured("price: 220\n", 11))
    (check,) = judge_exercise(spec, inputs_of(spec), StudentRun(printed), (None, None), "en")
    assert check.status == "passed"
    wrong = RunOutcome("done", stdout=Captured("price: 200\n", 11))
    (check,) = judge_exercise(spec, inputs_of(spec), StudentRun(wrong), (None, None), "en")
    assert check.status == "failed" and "expected 220" in check.message


def test_reference_checks_are_skipped_without_the_reference_and_judged_with_it():
    spec = BANK["209"]
    position = next(i for i, c in enumerate(spec.checks) if c.kind == "reference")
    names = spec.checks[position].params.compare
    values = {name: 1.0 for name in names}
    run = run_of(spec, {position: sent(**values)})
    without = judge_exercise(spec, inputs_of(spec), run, (None, None), "en")[position]
    assert without.status == "skipped"
    reference = ({position: sent(**{**values, names[0]: 2.0})}, None)
    judged = judge_exercise(spec, inputs_of(spec), run, reference, "en")[position]
    assert judged.status == "failed" and "reference solution" in judged.message
