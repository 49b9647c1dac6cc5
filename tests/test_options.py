"""A run's options, made one way for every front end (`grading.options.make`), and a batch
rerun's settings merged from them and OUT's record in one place (`record.Settings.merge`). The
front ends' own tests prove each says a refusal as its usage error (test_cli,
test_pytest_plugin, test_ipython_extension, test_instructor)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS
from grader import paths, settings
from grader.batch import record as records
from grader.grading import options
from grader.grading.options import INHERITED, Options, make


def test_every_value_is_read_and_only_what_was_given_is_given(tmp_path, monkeypatch):
    monkeypatch.delenv("GRADER_LANG", raising=False)
    made = make(seed="7", lang=" KO", timeout_scale="2.5", isolation="None",
                solutions=SOLUTIONS, config_folder=tmp_path)
    assert (made.seed, made.lang, made.timeout_scale, made.limits.isolation, made.solutions) \
        == (7, "ko", 2.5, "none", SOLUTIONS)
    assert made.given == {"seed", "lang", "timeout_scale", "isolation", "solutions"}
    (tmp_path / "grader.cfg").write_text("[grader]\nlang = ko\n")
    default = make(lang="", config_folder=tmp_path)  # an empty ini key says nothing
    assert (default.seed, default.lang, default.timeout_scale, default.limits.isolation) \
        == (None, "ko", 1.0, "auto")
    assert default.given == frozenset() and default.solutions is None


def test_the_reference_solutions_beside_a_bank_unless_given(tmp_path):
    bank = tmp_path / "exercises"
    bank.mkdir()
    assert make(solutions_beside=bank).solutions is None  # a student's copy: none beside it
    (tmp_path / "solutions").mkdir()
    assert make(solutions_beside=bank).solutions == tmp_path / "solutions"
    assert make(solutions=SOLUTIONS, solutions_beside=bank).solutions == SOLUTIONS
    with pytest.raises(paths.PathError, match="^--solutions .*nowhere is not a folder"):
        make(solutions=tmp_path / "nowhere")


@pytest.mark.parametrize("given, says", [
    ({"seed": "-5"}, "--grader-seed -5: a seed is a whole number from 0 to 4294967295"),
    ({"timeout_scale": "inf"}, "--timeout-scale inf: the time scale is a number"),
    ({"isolation": "jail"}, "--isolation must be auto, strict or none, not jail"),
    ({"lang": "fr"}, "grader_lang must be ko or en, not 'fr'")])
def test_a_value_that_cannot_be_is_refused_by_the_name_the_front_end_gives_it(given, says):
    with pytest.raises(settings.SettingError) as refused:
        make(**given, names={"seed": "--grader-seed", "lang": "grader_lang"})
    assert str(refused.value).startswith(says)


def test_a_refusal_after_the_language_is_said_in_that_language(monkeypatch):
    """`--lang ko --seed -5` is refused in Korean wherever it is given (the command line, the
    pytest plugin and `%grade` each said it in another language before)."""
    monkeypatch.setenv("GRADER_LANG", "ko")
    with pytest.raises(settings.SettingError) as refused:
        make(lang="en", seed="-5")
    assert refused.value.lang == "en"
    with pytest.raises(settings.SettingError) as refused:
        make(seed="-5")
    assert refused.value.say(refused.value.lang).startswith("--seed -5: 시드는 0부터")
    monkeypatch.setenv("GRADER_LANG", "fr")  # the language itself: no language chosen yet
    with pytest.raises(settings.SettingError) as refused:
        make(seed="-5")
    assert refused.value.lang is None and "GRADER_LANG" in str(refused.value)


def test_a_drawn_seed_is_fixed_once_and_a_given_one_is_kept():
    drawn = Options().with_seed()
    assert drawn.seed is not None and drawn.with_seed() is drawn
    assert Options(seed=5).with_seed().seed == 5 and Options(seed=5).with_seed(9).seed == 9


RECORD = records.Record(seed=7, lang="ko", solutions_used=True, timeout_scale=2.0,
                        exercises=("209",))


@pytest.mark.parametrize("asked, expected", [
    ({}, (7, "ko", 2.0)),  # a rerun that gives nothing takes the record's
    ({"seed": "8", "lang": "en", "timeout_scale": "3"}, (8, "en", 3.0)),
    ({"lang": "en"}, (7, "en", 2.0))])
def test_a_rerun_takes_from_the_record_only_what_it_does_not_give(asked, expected, monkeypatch):
    monkeypatch.setenv("GRADER_LANG", "en")  # a default, not given: the record's ko wins
    merged = records.Settings.merge(make(**asked, solutions=SOLUTIONS), RECORD, lambda: 42)
    assert (merged.seed, merged.lang, merged.timeout_scale) == expected
    assert merged.solutions_used


def test_a_new_output_folder_takes_the_runs_own_settings(monkeypatch):
    monkeypatch.setenv("GRADER_LANG", "ko")
    merged = records.Settings.merge(make(), None, lambda: 42)
    assert (merged.seed, merged.lang, merged.timeout_scale, merged.solutions_used) \
        == (42, "ko", 1.0, False)
    unset = records.Record(seed=None, lang=None, solutions_used=None, timeout_scale=None,
                           exercises=())
    assert records.Settings.merge(make(seed="0"), unset, lambda: 42).seed == 0
    applied = merged.applied(make(isolation="none"))
    assert (applied.seed, applied.lang, applied.limits.isolation) == (42, "ko", "none")


def test_run_json_records_what_a_rerun_inherits():
    assert tuple(records.RECORDED) == INHERITED
    assert set(INHERITED) <= set(options.NAMES) & set(Options.__dataclass_fields__)


def _options_built_by_hand(path: Path) -> list[int]:
    """The lines of `path` that build Options from values, or replace its user settings."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name == "Options" and (node.args or node.keywords):
            lines.append(node.lineno)
        if name == "replace" and {k.arg for k in node.keywords} & set(INHERITED):
            lines.append(node.lineno)
    return lines


def test_no_front_end_makes_options_but_through_make():
    """Every front end (the command line, batch, the pytest plugin, `%grade`, watch, validate)
    made its options its own way, and only the command line checked them."""
    owners = {ROOT / "grader" / "grading" / "options.py", ROOT / "grader" / "batch" / "record.py"}
    found = {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "grader").rglob("*.py"))
             if p not in owners and (lines := _options_built_by_hand(p))}
    assert found == {}
