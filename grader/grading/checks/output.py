"""output: the numbers a script printed, in order, against the spec's."""
from __future__ import annotations

import re

import numpy as np

from .. import messages
from ...bank.spec import OutputParams
from ..compare import Difference, compare
from .base import CheckRun, Verdict

# A number not glued to a preceding letter, digit, underscore or dot (`x1`, `dW1` are names);
# nan and inf count as numbers so that they are compared, not skipped.
NUMBER = re.compile(
    r"(?<![\w.])[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf)(?![\w])")


def printed_numbers(text: str) -> np.ndarray:
    return np.array([float(m) for m in NUMBER.findall(text)], dtype=float)


class OutputCheck:
    kind, params = "output", OutputParams

    def task(self, spec, inputs, seed):
        return None  # the script ran once for the whole exercise

    def judge(self, run: CheckRun) -> Verdict:
        values = {"numbers": run.numbers}
        problem, compared = self._mismatch(run)
        if run.script_error:
            text = messages.error(run.script_error, run.lang)
            return Verdict("error", text + ("\n" + problem if problem else ""), values,
                           run.script_error, compared=compared)
        return Verdict("failed" if problem else "passed", problem or "", values,
                       compared=compared)

    @staticmethod
    def _mismatch(run: CheckRun):
        """Words for the first difference (None if none), and the comparison for reports."""
        params, lang, got = run.spec.params, run.lang, run.numbers
        want = np.array(params.numbers)
        start = params.start or 0
        every = messages.say("all_printed", lang)
        if params.start is None and got.size != want.size:
            return messages.say("count", lang, actual=got.size, expected=want.size,
                                want=messages.show(want), got=messages.show(got)), (
                every, Difference("shape", "", want, got))
        if got.size < start + want.size:
            return messages.say("too_few", lang, actual=got.size, start=start + 1,
                                stop=start + want.size), (every, Difference("shape", "", want, got))
        found = compare(want, got[start:start + want.size], run.spec.tolerance)
        if found:
            name = messages.say("printed", lang, position=start + found.index[0] + 1)
            return messages.difference(name, found, lang), (every, found)
        return None, None
