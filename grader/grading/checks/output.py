"""output: the numbers a script printed, in order, against the spec's.

The expected numbers must appear in a row, wherever in the output: numbers printed before or
after them (a label's value, a debugging print, the answer printed twice) are ignored, and the
message of a passing check says so. A spec may list other accepted print-outs (`alternatives`,
such as the same values in the book's order); the first run that matches any of them passes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .. import messages
from ..compare import Difference, compare
from ..phrases import word
from ...bank.reader import Reader, check_literal
from ...bank.spec import Tolerance
from .base import CheckRun, Verdict

TEXTS = {
    "count": {"en": "printed {actual} numbers, expected {expected}\n  expected: {want}\n"
                    "  printed:  {got}",
              "ko": "숫자를 {actual}개 출력했는데 {expected}개여야 합니다\n  기대값: {want}\n"
                    "  출력:   {got}"},
    "too_few": {"en": "printed only {actual} numbers; this check reads numbers {start} to {stop}",
                "ko": "숫자를 {actual}개만 출력했습니다; 이 검사는 {start}번째부터 {stop}번째 "
                      "숫자를 봅니다"},
    "all_printed": {"en": "the printed numbers", "ko": "출력된 숫자들"},
    "ignored_numbers": {"en": "graded printed numbers {first} to {last} of {total}; ignored "
                              "{ignored} other number(s)",
                        "ko": "출력된 숫자 {total}개 중 {first}~{last}번째를 채점했고 나머지 "
                              "{ignored}개는 무시했습니다"},
    "ignored_number": {"en": "graded printed number {first} of {total}; ignored {ignored} other "
                             "number(s)",
                       "ko": "출력된 숫자 {total}개 중 {first}번째를 채점했고 나머지 {ignored}개는 "
                             "무시했습니다"},
    "no_run": {"en": "printed {actual} numbers, and the expected ones are not among them in a "
                     "row; the closest match starts at printed number {start}",
               "ko": "숫자를 {actual}개 출력했지만 기대한 숫자들이 그 안에 연달아 나오지 않습니다; "
                     "가장 비슷한 곳은 출력된 {start}번째 숫자부터입니다"},
    "printed": {"en": "printed number {position}", "ko": "출력된 {position}번째 숫자"},
}
"""its words for students, key -> {en, ko}"""

# A number not glued to a preceding letter, digit, underscore or dot (`x1`, `dW1` are names);
# nan and inf count as numbers so that they are compared, not skipped.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)(?![\w])")


def printed_numbers(text: str) -> np.ndarray:
    return np.array([float(m) for m in NUMBER.findall(text)], dtype=float)


@dataclass(frozen=True)
class OutputParams:
    numbers: tuple[float, ...]
    start: int | None = None
    """compare from this printed number on (None: wherever the numbers appear in a row)"""
    alternatives: tuple[tuple[float, ...], ...] = ()
    """other print-outs that pass too (the same values in another accepted order, say)"""

    kind = "output"

    @property
    def snippets(self) -> tuple[str, ...]:
        return ()


def parse(r: Reader, tolerance: Tolerance) -> OutputParams:
    numbers = tuple(_flatten(r.get("expect", list)))
    check_literal(r, "expect", list(numbers), tolerance)
    start = r.get("from", int, None)
    if start is not None and start < 0:
        r.fail("from", "must not be negative")
    alternatives = []
    for i, other in enumerate(r.get("alternatives", list, [])):
        if not isinstance(other, list) or not _flatten(other):
            r.fail(f"alternatives[{i}]", "expected a non-empty list of numbers, as in expect")
        check_literal(r, f"alternatives[{i}]", _flatten(other), tolerance)
        alternatives.append(tuple(_flatten(other)))
    return OutputParams(numbers=numbers, start=start, alternatives=tuple(alternatives))


def _flatten(values) -> list:
    """Printed numbers in order, whatever the nesting (one list per printed line is fine)."""
    if isinstance(values, list):
        return [n for v in values for n in _flatten(v)]
    return [values]


@dataclass(frozen=True)
class Run:
    """Where one accepted print-out lies in the printed numbers, and how much of it agrees."""

    start: int
    """the position of its first number (0-based)"""
    expected: np.ndarray
    agreeing: int
    """how many of its numbers agree within the tolerance"""

    @property
    def matches(self) -> bool:
        return self.agreeing == self.expected.size


def agreement(windows: np.ndarray, want: np.ndarray, tolerance: Tolerance) -> np.ndarray:
    """For each row of `windows`, how many elements agree with `want` (as `compare` judges)."""
    with np.errstate(invalid="ignore", over="ignore"):
        ok = ((np.abs(windows - want) <= tolerance.atol + tolerance.rtol * np.abs(want))
              | (windows == want) | (np.isnan(windows) & np.isnan(want)))
    return ok.sum(axis=1)


def best_run(params: OutputParams, got: np.ndarray, tolerance: Tolerance) -> Run | None:
    """The first place where an accepted print-out is printed in full; failing that, the place
    and print-out that agree best (the spec's `expect` and the earliest place on a tie). None
    when too few numbers were printed for any of them."""
    runs = []
    for numbers in (params.numbers, *params.alternatives):
        want = np.asarray(numbers, dtype=float)
        if want.size == 0 or got.size < (params.start or 0) + want.size:
            continue
        if params.start is not None:
            starts = np.array([params.start])
            windows = got[params.start:params.start + want.size][None, :]
        else:
            windows = np.lib.stride_tricks.sliding_window_view(got, want.size)
            starts = np.arange(len(windows))
        counts = agreement(windows, want, tolerance)
        full = np.flatnonzero(counts == want.size)
        at = int(full[0]) if full.size else int(np.argmax(counts))
        runs.append(Run(int(starts[at]), want, int(counts[at])))
    matching = [r for r in runs if r.matches]
    if matching:  # min and max keep the first of equals: the spec's order decides a tie
        return min(matching, key=lambda r: r.start)
    return max(runs, key=lambda r: r.agreeing / r.expected.size, default=None)


class OutputCheck:
    kind, params, exercise_kind = "output", OutputParams, "output"
    fields, tolerance = frozenset({"expect", "from", "alternatives"}), None
    label = {"en": "the printed numbers", "ko": "출력된 숫자"}
    kind_word = {"en": "output", "ko": "출력"}
    texts = TEXTS
    needs_reference, evidence, expressions, runs_the_class = False, "printed", False, False
    parse = staticmethod(parse)

    def task(self, spec, inputs, seed):
        return None  # the script ran once for the whole exercise

    def judge(self, run: CheckRun) -> Verdict:
        values = {"numbers": run.numbers}
        found = best_run(run.spec.params, run.numbers, run.spec.tolerance)
        problem, compared = (None, None) if found and found.matches else self._mismatch(run, found)
        if run.script_error:
            text = messages.error(run.script_error, run.lang)
            return Verdict("error", text + ("\n" + problem if problem else ""), values,
                           run.script_error, compared=compared)
        if problem:
            return Verdict("failed", problem, values, compared=compared)
        return Verdict("passed", self._ignored(found, run.numbers.size, run.lang), values)

    @staticmethod
    def _ignored(found: Run, printed: int, lang: str) -> str:
        """A passing check's note on the numbers it did not read, if any."""
        if found.expected.size == printed:
            return ""
        return word(TEXTS, "ignored_number" if found.expected.size == 1 else "ignored_numbers",
                    lang, first=found.start + 1, last=found.start + found.expected.size,
                    total=printed, ignored=printed - found.expected.size)

    @staticmethod
    def _mismatch(run: CheckRun, found: Run | None):
        """Words for the difference from the closest run, and the comparison for reports."""
        params, lang, got = run.spec.params, run.lang, run.numbers
        want = np.array(params.numbers)
        every = word(TEXTS, "all_printed", lang)
        if found is None and params.start is not None:
            return word(TEXTS, "too_few", lang, actual=got.size, start=params.start + 1,
                        stop=params.start + want.size), (
                every, Difference("shape", "", want, got))
        if found is None:
            return word(TEXTS, "count", lang, actual=got.size, expected=want.size,
                        want=messages.show(want), got=messages.show(got)), (
                every, Difference("shape", "", want, got))
        size = found.expected.size
        difference = compare(found.expected, got[found.start:found.start + size],
                             run.spec.tolerance)
        name = word(TEXTS, "printed", lang, position=found.start + difference.index[0] + 1)
        words = messages.difference(name, difference, lang)
        if size != got.size and params.start is None:
            words = word(TEXTS, "no_run", lang, actual=got.size,
                         start=found.start + 1) + "\n" + words
        return words, (every, difference)


KIND = OutputCheck()
