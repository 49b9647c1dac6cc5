"""reference: the student's variables against the reference solution's on the same inputs."""
from __future__ import annotations

from .. import messages
from ..compare import compare
from ...bank.spec import ReferenceParams
from ..sandbox.plain import to_plain
from .base import CheckRun, Verdict, raised
from .value import received_values


class ReferenceCheck:
    kind, params = "reference", ReferenceParams
    label = {"en": "against the reference solution", "ko": "참조 답안과 비교"}
    needs_reference, evidence, expressions, runs_the_class = True, "compared", False, False

    def task(self, spec, inputs, seed):
        return {"routine": "values", "inputs": to_plain(inputs), "code": spec.params.run,
                "names": list(spec.params.compare), "seed": seed}

    def judge(self, run: CheckRun) -> Verdict:
        if run.reference_failure:
            return Verdict("error", messages.say("reference_broken", run.lang,
                                                 problem=run.reference_failure))
        if run.reference_raw is None:
            return Verdict("skipped", messages.say("no_solutions", run.lang))
        values = {**run.inputs, **received_values(run.raw)}
        if run.raw.get("error"):
            return raised(run, run.raw["error"], values)
        if run.reference_raw.get("error"):
            return Verdict("error", messages.say(
                "reference_broken", run.lang, problem=messages.error(run.reference_raw["error"], "en")))
        reference = received_values(run.reference_raw)
        for name in run.spec.params.compare:
            if name not in values:
                return Verdict("failed", messages.say("missing_name", run.lang, name=name), values)
            found = compare(reference.get(name), values[name], run.spec.tolerance)
            if found:
                label = messages.say("reference", run.lang, name=name)
                return Verdict("failed", "\n".join((
                    label, messages.difference(name, found, run.lang),
                    messages.context(run.spec.code, run.inputs, run.lang))), values,
                    compared=(name, found), code=run.spec.code)
        return Verdict("passed", "", values)
