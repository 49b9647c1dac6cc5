"""Judging: what a submission's run sent, against the spec, into check results. Pure functions of
plain data (a spec, drawn inputs, raw data, a run's ending), testable without any process.

Each check's kind judges its raw data (`checks`); a failing check is then diagnosed (the spec's
known mistakes whose predicates hold), given a hint only when a mistake is recognised or the
check itself has one, and a detail for the reports.
"""
from __future__ import annotations

from typing import Any

from ..bank.spec import CheckSpec, ExerciseSpec
from ..results import CheckResult
from . import messages
from .cache import Reference
from .checks import JUDGES, CheckRun, Verdict
from .checks.base import error_text
from .checks.output import printed_numbers
from .details import detail
from .expressions import holds
from .running import Failure, StudentRun


def judge_exercise(spec: ExerciseSpec, inputs: dict[int, dict[str, Any]], run: StudentRun,
                   reference: Reference, lang: str,
                   diagnose_passing: bool = False) -> tuple[CheckResult, ...]:
    """Every check of `spec`, in order: `inputs` by check position, `reference` the reference
    solution's (raw data, failure)."""
    numbers = script_error = None
    if spec.kind == "output":
        numbers = printed_numbers(run.outcome.stdout.text)
        script_error = run.outcome.load_error
        if run.outcome.ending == "crashed":
            script_error = {"type": None, "message": run.outcome.detail}
    reference_raw, reference_failure = reference
    checks = []
    for position, check in enumerate(spec.checks):
        if position in run.failures:
            checks.append(failed_check(check, run.failures[position], lang))
            continue
        verdict = JUDGES[check.kind].judge(CheckRun(
            spec=check, inputs=inputs[position], lang=lang, raw=run.raw.get(position),
            reference_raw=reference_raw.get(position) if reference_raw else None,
            reference_failure=reference_failure, numbers=numbers, script_error=script_error))
        checks.append(judged_check(spec, check, verdict, inputs[position], lang,
                                   diagnose_passing))
    return tuple(checks)


def judged_check(spec: ExerciseSpec, check: CheckSpec, verdict: Verdict, inputs: dict,
                 lang: str, diagnose_passing: bool = False) -> CheckResult:
    failing = verdict.status in ("failed", "error")
    found = diagnoses(spec, check, verdict) if failing or (
        diagnose_passing and verdict.status == "passed") else ()
    line = cell = None
    if verdict.error and verdict.error.get("frames"):
        last = verdict.error["frames"][-1]
        line = (str(last.get("file")), int(last.get("line") or 0))
        cell = last.get("cell") if isinstance(last.get("cell"), int) else None
    report = None if verdict.status in ("passed", "skipped") else detail(
        verdict.compared, inputs, verdict.code or check.code, verdict.error)
    return _result(check, lang, verdict.status, verdict.message,
                   hint=hint(spec, check, found, lang) if failing else None, diagnoses=found,
                   error_line=line, error_cell=cell, data=verdict.data, detail=report)


def diagnoses(spec: ExerciseSpec, check: CheckSpec, verdict: Verdict) -> tuple[str, ...]:
    """The ids of the spec's known mistakes whose predicates hold on this check's values."""
    names = {**verdict.values, "error": error_text(verdict.error)}
    return tuple(m.id for m in spec.mistakes
                 if (not m.checks or check.name in m.checks) and holds(m.when, names))


def hint(spec: ExerciseSpec, check: CheckSpec, found: tuple[str, ...], lang: str) -> str | None:
    """The recognised mistakes' hints, else the check's own hint, if any."""
    hints = [m.hint.get(lang) for m in spec.mistakes if m.id in found]
    if hints:
        return "\n".join(hints)
    return check.hint.get(lang) if check.hint else None


def failed_check(check: CheckSpec, failure: Failure, lang: str) -> CheckResult:
    """A check that sent nothing: how its run ended, in words."""
    return _result(check, lang, failure.status, failure_text(failure, lang))


def failure_text(failure: Failure, lang: str) -> str:
    if failure.reason == "load_error":
        return messages.error(failure.error or {}, lang,
                              messages.say("load", lang, **failure.fields))
    return messages.say(failure.reason, lang, **failure.fields)


def _result(check: CheckSpec, lang: str, status: str, message: str, **more) -> CheckResult:
    label = check.label.get(lang) if check.label else None
    return CheckResult(name=check.name, status=status, message=message, kind=check.kind,
                       label=label, weight=check.weight, **more)
