"""reference: the student's variables against the reference solution's on the same inputs."""
from __future__ import annotations

from dataclasses import dataclass

from .. import messages
from ..compare import compare
from ..phrases import word
from ..sandbox.plain import to_plain
from ...bank.reader import Reader, read_names
from ...bank.spec import Tolerance
from .base import INPUT_FIELDS, CheckRun, Verdict, raised
from .value import received_values

TEXTS = {
    "reference": {"en": "{name} differs from the reference solution's",
                  "ko": "{name}이(가) 참조 답안과 다릅니다"},
    "no_solutions": {"en": "skipped: it compares with the reference solution, which is not here "
                           "and whose results are not frozen into the bank",
                     "ko": "건너뜀: 참조 답안과 비교하는 검사인데, 참조 답안이 없고 그 결과도 "
                           "문제 은행에 저장되어 있지 않습니다"},
    "reference_broken": {"en": "the reference solution failed here: {problem}",
                         "ko": "참조 답안이 여기서 실패했습니다: {problem}"},
}
"""its words for students, key -> {en, ko}"""


@dataclass(frozen=True)
class ReferenceParams:
    run: str
    compare: tuple[str, ...]
    """the variables compared with the reference solution's"""

    kind = "reference"

    @property
    def snippets(self) -> tuple[str, ...]:
        return (self.run,)


def parse(r: Reader, tolerance: Tolerance) -> ReferenceParams:
    names = tuple(read_names(r, "compare"))
    if not names:
        r.fail("compare", "name at least one variable to compare")
    return ReferenceParams(run=r.code("run"), compare=names)


class ReferenceCheck:
    kind, params, exercise_kind = "reference", ReferenceParams, "api"
    fields, tolerance = INPUT_FIELDS | {"run", "compare"}, None
    label = {"en": "against the reference solution", "ko": "참조 답안과 비교"}
    kind_word = {"en": "reference", "ko": "참조 답안"}
    texts = TEXTS
    needs_reference, evidence, expressions, runs_the_class = True, "compared", False, False
    parse = staticmethod(parse)

    def task(self, spec, inputs, seed):
        return {"routine": "values", "inputs": to_plain(inputs), "code": spec.params.run,
                "names": list(spec.params.compare), "seed": seed}

    def judge(self, run: CheckRun) -> Verdict:
        if run.reference_failure:
            return Verdict("error", word(TEXTS, "reference_broken", run.lang,
                                         problem=run.reference_failure))
        if run.reference_raw is None:
            return Verdict("skipped", word(TEXTS, "no_solutions", run.lang))
        values = {**run.inputs, **received_values(run.raw)}
        if run.raw.get("error"):
            return raised(run, run.raw["error"], values)
        if run.reference_raw.get("error"):
            return Verdict("error", word(
                TEXTS, "reference_broken", run.lang,
                problem=messages.error(run.reference_raw["error"], "en")))
        reference = received_values(run.reference_raw)
        for name in run.spec.params.compare:
            if name not in values:
                return Verdict("failed", messages.say("missing_name", run.lang, name=name), values)
            found = compare(reference.get(name), values[name], run.spec.tolerance)
            if found:
                label = word(TEXTS, "reference", run.lang, name=name)
                return Verdict("failed", "\n".join((
                    label, messages.difference(name, found, run.lang),
                    messages.context(run.spec.code, run.inputs, run.lang))), values,
                    compared=(name, found), code=run.spec.code)
        return Verdict("passed", "", values)


KIND = ReferenceCheck()
