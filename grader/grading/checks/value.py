"""value: run statements with the student's names, compare named variables with the spec's."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .. import messages
from ..compare import compare
from ..expressions import evaluate
from ..sandbox.plain import PlainDataError, from_plain, to_plain
from ...bank.reader import Reader, check_literal, compile_snippet
from ...bank.spec import Tolerance
from .base import INPUT_FIELDS, CheckRun, Verdict, raised


TEXTS: dict[str, dict[str, str]] = {}
"""none of its own: it says the shared texts (a difference, a name not produced)"""


@dataclass(frozen=True)
class ValueParams:
    run: str
    """the statements run with the student's names and the inputs in scope"""
    expect: Mapping[str, Any]
    """variable -> literal, or a string holding a numpy expression of the inputs"""

    kind = "value"

    @property
    def snippets(self) -> tuple[str, ...]:
        return (self.run,)


def parse(r: Reader, tolerance: Tolerance) -> ValueParams:
    expect = r.get("expect", dict)
    if not expect:
        r.fail("expect", "name at least one variable to compare")
    for name, value in expect.items():
        if isinstance(value, str):
            compile_snippet(value, "eval", lambda p: r.fail(f"expect.{name}", p))
        else:
            check_literal(r, f"expect.{name}", value, tolerance)
    return ValueParams(run=r.code("run"), expect=expect)


def received_values(raw: dict) -> dict:
    values = {}
    for name, data in (raw.get("values") or {}).items():
        try:
            values[name] = from_plain(data)
        except PlainDataError as e:
            values[name] = f"<unreadable: {e}>"
    return values


class ValueCheck:
    kind, params, exercise_kind = "value", ValueParams, "api"
    fields, tolerance = INPUT_FIELDS | {"run", "expect"}, None
    label = {"en": "values", "ko": "값 비교"}
    kind_word = {"en": "value", "ko": "값"}
    texts = TEXTS
    needs_reference, evidence, expressions, runs_the_class = False, "compared", True, False
    parse = staticmethod(parse)

    def task(self, spec, inputs, seed):
        return {"routine": "values", "inputs": to_plain(inputs), "code": spec.params.run,
                "names": list(spec.params.expect), "seed": seed}

    def expected(self, spec, inputs) -> dict:
        return {name: evaluate(value, inputs) if isinstance(value, str) else value
                for name, value in spec.params.expect.items()}

    def judge(self, run: CheckRun) -> Verdict:
        values = {**run.inputs, **received_values(run.raw)}
        if run.raw.get("error"):
            return raised(run, run.raw["error"], values)
        try:
            expected = self.expected(run.spec, run.inputs)
        except Exception as e:  # the spec's fault, not the student's: validate reports it
            return Verdict("error", messages.say("spec_broken", run.lang,
                                                 problem=f"{type(e).__name__}: {e}"), values)
        for name, want in expected.items():
            if name not in values:
                return Verdict("failed", messages.say("missing_name", run.lang, name=name), values)
            found = compare(want, values[name], run.spec.tolerance)
            if found:
                text = messages.difference(name, found, run.lang)
                return Verdict("failed", text + "\n" + messages.context(
                    run.spec.code, run.inputs, run.lang), values, compared=(name, found),
                    code=run.spec.code)
        return Verdict("passed", "", values)


KIND = ValueCheck()
