"""Every option value a user gives, read and checked in one place, for every front end.

The command line (`--seed`, `--timeout-scale`, `--lang`, `--only`), the pytest plugin
(`--grader-seed`, `--grader-lang`, `--grader-only`, their ini keys), `%grade` in a notebook,
`GRADER_LANG` and `grader.cfg`, and a batch's `OUT/run.json` all hand their text (or, from
run.json, their JSON value) to the functions here; a run's options are made from them in one
place (`grading/options.py`). A value that cannot be is a `SettingError`, which each front end
says as its own usage error: one line and exit 2 on the command line, a pytest usage error, one
line under `%grade`, a refused rerun for run.json. So a value that would break grading later
(an infinite time scale, a seed numpy refuses, `--only 0-99999999999`) never reaches it, from
any front end, and no run.json can carry one into every rerun.

What is accepted, the same everywhere:
- a seed: the digits 0-9 only, from 0 to 2**32 - 1 (what `numpy.random` takes as a seed);
- a time scale: a plain decimal number (`2`, `0.5`), from 0.01 to 100: finite, and small enough
  that every time limit it makes is a time the operating system can wait for;
- a language: ko or en (any case, spaces around ignored);
- exercises: numbers or ranges written with the digits 0-9 (`209,210`, `209-215`), each number
  an exercise of the bank and each range inside the bank's first and last exercises, so that
  a range never stands for more numbers than the bank spans;
- an isolation: auto, strict or none (any case): what the jobs run in (see
  `grading/sandbox/isolation.py`).

Imports nothing of the grader: the command line reads its options before anything else loads.
"""
from __future__ import annotations

import math
import re
from typing import Iterable

SEED_LIMIT = 2**32
"""seeds are below this: numpy's legacy seeding takes 32-bit seeds, and results.json records
them as such"""
SCALE_RANGE = (0.01, 100.0)
"""a time scale outside this is a slip of the finger (0.001) or would make limits no clock
can wait for (1e300)"""
LANGS = ("ko", "en")
ISOLATIONS = ("auto", "strict", "none")
"""auto: each job in namespaces of its own where the kernel allows, else as a process (said
once); strict: namespaces or no grading; none: processes, as before namespaces"""
MAX_DIGITS = 18
"""a number longer than this is read as this many nines: no exercise and no seed is that
large, and Python refuses to read 4,300 digits and more"""
SHOWN = 40
"""a value longer than this is shown cut"""

DIGITS = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"(?:[0-9]{1,6}(?:\.[0-9]{0,12})?|\.[0-9]{1,12})")
"""a plain decimal number: no exponent, no `inf` or `nan`, no digits of other scripts"""

WORDS = {
    "seed": {"en": "{option} {value}: a seed is a whole number from 0 to {top}, written with the "
                   "digits 0-9",
             "ko": "{option} {value}: 시드는 0부터 {top}까지의 정수이며 숫자 0-9로 씁니다"},
    "timeout_scale": {"en": "{option} {value}: the time scale is a number from {low:g} to "
                            "{high:g}, such as 2 (every time limit doubled)",
                      "ko": "{option} {value}: 시간 배율은 {low:g}부터 {high:g}까지의 수입니다 "
                            "(예: 2는 모든 시간 제한을 두 배로)"},
    "lang": {"en": "{option} must be ko or en, not {value}",
             "ko": "{option}은(는) ko 또는 en이어야 합니다: {value}"},
    "isolation": {"en": "{option} must be auto, strict or none, not {value}",
                  "ko": "{option}은(는) auto, strict, none 중 하나여야 합니다: {value}"},
    "unreadable": {"en": "{path} cannot be read: {error}",
                   "ko": "{path}을(를) 읽을 수 없습니다: {error}"},
    "ids_syntax": {"en": "{option} {value}{part} is not an exercise number or a range such as "
                         "209-215, written with the digits 0-9",
                   "ko": "{option} {value}{part}은(는) 문제 번호나 209-215 같은 범위가 아닙니다 "
                         "(숫자 0-9로 쓰세요)"},
    "ids_empty": {"en": "{option} {value}{part} is an empty range (the smaller number comes "
                        "first)",
                  "ko": "{option} {value}{part}은(는) 빈 범위입니다 (작은 번호를 먼저 쓰세요)"},
    "ids_outside": {"en": "{option} {value}{part} reaches outside the bank, whose exercises are "
                          "{low}-{high} (see `grader list`)",
                    "ko": "{option} {value}{part}은(는) 문제 은행의 범위({low}-{high})를 "
                          "벗어납니다 (`grader list` 참고)"},
    "ids_none": {"en": "{option} {value}{part} names no exercise of the bank (see `grader list`)",
                 "ko": "{option} {value}{part}에 해당하는 문제가 문제 은행에 없습니다 (`grader "
                       "list` 참고)"},
}


class SettingError(ValueError):
    """An option value that cannot be: the user's mistake, said in one line, in English (str)
    or in the user's language (`say`). Each front end words it as its usage error."""

    lang: str | None = None
    """the language the user chose, when it was read before this value (`grading.options`
    reads it first): the one to say the error in"""

    def __init__(self, key: str, **fields):
        self.key, self.fields = key, fields
        super().__init__(self.say("en"))

    def say(self, lang: str | None) -> str:
        return WORDS[self.key][lang if lang in LANGS else "en"].format(**self.fields)


def shown(value) -> str:
    """A value as a message shows it: plain when it is plain ASCII, else quoted with escapes
    (a digit of another script, a control character, an empty text)."""
    if isinstance(value, str) and len(value) > SHOWN:
        value = value[:SHOWN] + "..."
    if isinstance(value, str) and value.isascii() and value.isprintable() and value.strip():
        return value
    return repr(value) if isinstance(value, str) else str(value)


def number(digits: str) -> int:
    """ASCII digits as a number, at most MAX_DIGITS nines (see there)."""
    return int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS - 1


def seed(value, option: str = "--seed") -> int | None:
    """A seed from its text (or a JSON integer); None when not given."""
    if value is None:
        return None
    read = value
    if isinstance(value, str):
        read = number(value.strip()) if DIGITS.fullmatch(value.strip()) else None
    if isinstance(read, bool) or not isinstance(read, int) or not 0 <= read < SEED_LIMIT:
        raise SettingError("seed", option=option, value=shown(value), top=SEED_LIMIT - 1)
    return read


def timeout_scale(value, option: str = "--timeout-scale") -> float | None:
    """A time scale from its text (or a JSON number); None when not given."""
    if value is None:
        return None
    low, high = SCALE_RANGE
    wrong = SettingError("timeout_scale", option=option, value=shown(value), low=low, high=high)
    if isinstance(value, bool):
        raise wrong
    if isinstance(value, str):
        if not DECIMAL.fullmatch(value.strip()):
            raise wrong
        value = float(value)
    if not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not low <= value <= high:
        raise wrong
    return float(value)


def lang(value, option: str = "--lang") -> str | None:
    """A language from its text; None when not given (an empty text is none given, as an empty
    ini key or GRADER_LANG= is)."""
    if value is None:
        return None
    text = value.strip().lower() if isinstance(value, str) else None
    if text == "":
        return None
    if text not in LANGS:
        raise SettingError("lang", option=option, value=repr(value))
    return text


def isolation(value, option: str = "--isolation") -> str | None:
    """What the jobs run in, from its text; None when not given."""
    if value is None:
        return None
    text = value.strip().lower() if isinstance(value, str) else None
    if text not in ISOLATIONS:
        raise SettingError("isolation", option=option, value=shown(value))
    return text


def exercise_ids(text, bank: Iterable[int], option: str = "--only") -> set[int] | None:
    """The exercise numbers an IDS text names (`209,210`, `209-215`), of `bank` (its
    exercises' numbers); None when not given. A number must be one of the bank's, a range must
    lie within its first and last exercise and hold one, so the set is never larger than the
    bank's span."""
    if text is None:
        return None
    known = set(bank)
    low, high = (min(known), max(known)) if known else (0, -1)
    chosen: set[int] = set()
    parts = str(text).split(",")
    for part in parts:
        part = part.strip()
        said = f": {shown(part)}" if len(parts) > 1 else ""  # which part, when there are more
        fields = dict(option=option, value=shown(text), part=said, low=low, high=high)
        first, dash, last = part.partition("-")
        if not DIGITS.fullmatch(first) or (dash and not DIGITS.fullmatch(last)):
            raise SettingError("ids_syntax", **fields)
        lo, hi = number(first), number(last) if dash else number(first)
        if hi < lo:
            raise SettingError("ids_empty", **fields)
        if dash and (lo < low or hi > high):
            raise SettingError("ids_outside", **fields)
        named = {i for i in known if lo <= i <= hi}
        if not named:
            raise SettingError("ids_none", **fields)
        chosen |= named
    return chosen
