"""Judging is a pure function of plain data: these tests hand-build what a student's process
would have sent, or how its run ended, and judge it without starting any process."""
from __future__ import annotations

import ast
import dataclasses
import string
import sys
import types
from pathlib import Path

import pytest

from grader.bank import load_bank
from grader.bank.spec import EXERCISE_KINDS
from grader.grading import checks, phrasebook
from grader.grading.checks import JUDGES, PARAMS
from grader.grading.inputs import check_rng, make_inputs
from grader.grading.judging import judge_exercise
from grader.grading.running import Failure, StudentRun
from grader.grading.sandbox import child
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


CHECKS = Path(checks.__file__).parent
TESTS = Path(__file__).parent


def test_every_check_kind_is_one_module_that_reads_runs_and_judges_it():
    """The table is derived from the modules of grading/checks/: each holds one kind, whole
    (its frozen params, fields, parser, exercise kind, words, task and judge)."""
    modules = sorted(p.stem for p in CHECKS.glob("*.py")
                     if p.stem not in checks.SHARED and not p.stem.startswith("_"))
    assert sorted(JUDGES) == modules
    assert PARAMS == tuple(kind.params for kind in JUDGES.values())
    used = " ".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    for name, kind in JUDGES.items():
        module = sys.modules[type(kind).__module__]
        assert module.KIND is kind and kind.kind == kind.params.kind == name, name
        assert kind.params.__module__ == module.__name__, name
        assert dataclasses.is_dataclass(kind.params) and kind.params.__dataclass_params__.frozen
        assert kind.exercise_kind in EXERCISE_KINDS, name
        assert kind.fields and kind.texts is module.TEXTS and callable(kind.parse), name
        for words in (kind.label, kind.kind_word):
            assert set(words) == {"en", "ko"} and all(words.values()), name
        assert kind.evidence in ("compared", "gradient", "printed", ""), name
        in_bank = [c for s in BANK.values() for c in s.checks if c.kind == name]
        assert all(isinstance(c.params, kind.params) for c in in_bank), name
        assert in_bank or f"kind: {name}" in used, f"{name}: no exercise uses it"
    assert JUDGES["reference"].needs_reference
    assert not any(JUDGES[n].needs_reference for n in ("value", "gradient", "output", "training"))


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _keys_said(path: Path) -> tuple[set[str], set[str], list[str]]:
    """(keys of the module's own TEXTS, keys of the phrasebook, keys built at run time) that a
    kind's module says: `word(TEXTS, key, …)`, `difference(…, key=…, texts=TEXTS)`, `say(key,
    …)`; a key is a literal or a choice of literals."""
    own, shared, built = set(), set(), []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        keywords = {k.arg: k.value for k in node.keywords}
        if called == "word" and node.args and ast.unparse(node.args[0]) == "TEXTS":
            key, into = node.args[1], own
        elif called == "difference" and "key" in keywords:
            key, into = keywords["key"], own if "texts" in keywords else shared
        elif called == "say" and node.args:
            key, into = node.args[0], shared
        else:
            continue
        choices = _literals(key)
        if choices is None:
            built.append(f"{path.name}:{node.lineno}")
        into |= choices or set()
    return own, shared, built


def _literals(key: ast.expr) -> set[str] | None:
    """The keys a key expression may be: a literal, or `a if … else b` of literals; None for
    any other (a key built or chosen at run time)."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return {key.value}
    if isinstance(key, ast.IfExp):
        body, other = _literals(key.body), _literals(key.orelse)
        return None if body is None or other is None else body | other
    return None


def test_every_text_a_kind_says_is_written_out_and_resolves_in_both_languages():
    for name, kind in JUDGES.items():
        own, shared, built = _keys_said(Path(sys.modules[type(kind).__module__].__file__))
        assert not built, f"message keys built at run time: {built}"
        assert own == set(kind.texts), f"{name}: said but not written, or written but unsaid"
        assert shared <= set(phrasebook.TEXTS), name
        for key, text in kind.texts.items():
            assert set(text) == {"en", "ko"} and text["en"] and text["ko"], (name, key)
            assert _fields(text["en"]) == _fields(text["ko"]), (name, key)
    said = {k for kind in JUDGES.values()
            for k in _keys_said(Path(sys.modules[type(kind).__module__].__file__))[0]}
    assert {"gradient_scope", "too_few", "ignored_number", "beats", "no_solutions"} <= said


def test_no_module_names_a_check_kind_to_treat_it_apart():
    """What sets a kind apart is an attribute of its judge (`needs_reference`, `evidence` …),
    never its name compared in the pipeline (`output` is also an exercise's kind, which may
    be)."""
    named = set(JUDGES) - set(EXERCISE_KINDS)
    found = []
    for path in (Path(__file__).parent.parent / "grader").rglob("*.py"):
        if path.parent.name in ("checks", "authoring") or path.name == "new.py":
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


def test_the_child_finds_a_routine_by_its_name_or_by_the_module_of_a_kind(monkeypatch):
    """A kind whose routine is its own names its module in its task: the child imports it
    there (tried for real with a `prints` kind on a scratch branch)."""
    assert child.routine("values") is child.run_values
    probe = types.ModuleType("grader.grading.checks.probe")
    probe.routine = lambda check, base, workdir: {"error": None}
    monkeypatch.setitem(sys.modules, probe.__name__, probe)
    assert child.routine(probe.__name__) is probe.routine
    with pytest.raises(ValueError, match="no routine 'os'"):
        child.routine("os")
