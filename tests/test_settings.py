"""Option values, read once for every front end (`grader.settings`): what is accepted, what is
refused and how it is said. The front ends' own tests (test_cli, test_pytest_plugin,
test_ipython_extension, test_instructor) prove each says a refusal as its usage error."""
from __future__ import annotations

import math
import resource
import subprocess
import sys

import pytest

from conftest import ROOT, SOLUTIONS
from grader import language, settings
from grader.bank import IdsError, load_bank, select
from grader.bank.ids import id_key

BANK = range(101, 239)


@pytest.mark.parametrize("text, expected", [
    ("0", 0), ("7", 7), (" 12 ", 12), ("4294967295", 2**32 - 1), (None, None), (5, 5)])
def test_seeds_are_ascii_digits_within_numpys_range(text, expected):
    assert settings.seed(text) == expected


@pytest.mark.parametrize("text", ["-5", "٢", "²", "4294967296", "1e3", "0x10", "", "9" * 5000,
                                  True, -1, 2.0, 2**32])
def test_seeds_numpy_would_refuse_are_refused(text):
    with pytest.raises(settings.SettingError, match="a seed is a whole number from 0 to "
                                                    "4294967295"):
        settings.seed(text, "--seed")


@pytest.mark.parametrize("text, expected", [
    ("1", 1.0), ("0.5", 0.5), (".25", 0.25), ("100", 100.0), ("0.01", 0.01), (2, 2.0),
    (None, None)])
def test_time_scales_are_plain_decimals_within_bounds(text, expected):
    assert settings.timeout_scale(text) == expected


@pytest.mark.parametrize("text", ["inf", "Infinity", "1e300", "nan", "0", "-1", "0.001",
                                  "100.5", "٢", "1_0", "", math.inf, math.nan, 1e300, True])
def test_time_scales_that_break_the_limits_are_refused(text):
    with pytest.raises(settings.SettingError, match="the time scale is a number from 0.01 to "
                                                    "100"):
        settings.timeout_scale(text, "--timeout-scale")


def test_languages_are_known_ones_in_any_case():
    assert settings.lang(" KO ") == "ko" and settings.lang("en") == "en"
    assert settings.lang(None) is None and settings.lang("") is None
    for wrong in ("fr", "kor", "한국어"):
        with pytest.raises(settings.SettingError, match="must be ko or en"):
            settings.lang(wrong)


@pytest.mark.parametrize("text, expected", [
    ("209", {209}), ("209,210", {209, 210}), (" 209 , 211 ", {209, 211}),
    ("209-211", {209, 210, 211}), ("101-238", set(BANK))])
def test_exercises_are_numbers_and_ranges_of_the_bank(text, expected):
    assert settings.exercise_ids(text, BANK) == expected


@pytest.mark.parametrize("text, says", [
    ("²", "is not an exercise number"), ("٢٠٩", "is not an exercise number"),
    ("209,x", "209,x: x is not"), ("", "is not an exercise number"),
    ("215-209", "is an empty range"), ("300-400", "reaches outside the bank"),
    ("209-" + "9" * 5000, "reaches outside the bank"), ("999", "names no exercise"),
    ("209,999", "209,999: 999 names no exercise"), ("1" + "0" * 5000, "names no exercise")])
def test_exercises_beyond_the_bank_or_not_in_ascii_digits_are_refused(text, says):
    with pytest.raises(settings.SettingError, match=says):
        settings.exercise_ids(text, BANK, "--only")


def test_exercise_ids_sort_by_number_then_any_other_id_by_its_text():
    """One order for every list of exercises (gradebook columns, summary, records, pairs)."""
    assert sorted(["210", "99", "a", "1001", "209", "B"], key=id_key) == [
        "99", "209", "210", "1001", "B", "a"]


def test_refusals_are_said_in_english_and_korean():
    error = pytest.raises(settings.SettingError, settings.timeout_scale, "inf").value
    assert error.say("en") == str(error) and error.say("en").startswith("--timeout-scale inf")
    assert "시간 배율" in error.say("ko")
    error = pytest.raises(settings.SettingError, settings.exercise_ids, "²", BANK).value
    assert "'²'" in error.say("ko") and "숫자 0-9" in error.say("ko")
    # every refusal has its Korean words, with the same fields: tests/test_catalogues.py


def test_the_bank_and_the_language_files_read_values_the_same_way(bank, tmp_path):
    with pytest.raises(IdsError, match="--grader-only '٢٠٩' is not"):
        select(bank, "٢٠٩", "--grader-only")
    with pytest.raises(language.LanguageError, match="GRADER_LANG must be ko or en"):
        language.default(tmp_path, {"GRADER_LANG": "fr"})
    assert isinstance(pytest.raises(settings.SettingError, language.default, tmp_path,
                                    {"GRADER_LANG": "fr"}).value, language.LanguageError)


def test_a_range_of_only_beyond_the_bank_never_exhausts_the_command_line():
    """`--only 0-99999999999` used to build a set of every number in it, until the memory ran
    out. The command line, in a process that may not take 2 GiB: a regression fails here
    (MemoryError), never by taking the machine's memory."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, resource.RLIM_INFINITY))

    real = [int(spec.id) for spec in load_bank()]  # the bundled bank's first and last
    done = subprocess.run([sys.executable, "-m", "grader", "check", str(SOLUTIONS), "--only",
                           "0-99999999999"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, preexec_fn=limit)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == ("grader: --only 0-99999999999 reaches outside the bank, "
                                   f"whose exercises are {min(real)}-{max(real)} (see `grader "
                                   "list`)")
