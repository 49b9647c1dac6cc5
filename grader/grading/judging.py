"""Judging: what a submission's run sent, against the spec, into check results. Pure functions of
plain data (a spec, drawn inputs, raw data, a run's ending), testable without any process.

Each check's kind judges its raw data (`checks`); a failing check is then diagnosed and given a
hint only when its mistake is recognised: first the spec's known mistakes whose predicates hold,
else the families `diagnosis` tells from what happened (the exception, the values, the student's
file), and nothing else: a check's own fixed `hint:` is a note appended to its message, and only
when it failed on a value it compared (what it was written for), never on an exception nor when
a mistake is recognised. A failure that comes from another exercise's file (a module
it imports does not load) says so first, names that file, and gets no hint of this exercise.
"""
from __future__ import annotations

import warnings
from typing import Any, Mapping

from ..bank.spec import CheckSpec, ExerciseSpec
from ..results import Cause, CheckResult
from . import messages, phrases
from .diagnosis import Finding, UnwordedFinding
from .cache import Reference
from .checks import JUDGES, CheckRun, Verdict
from .checks.base import error_text
from .checks.output import printed_numbers
from .details import detail
from .expressions import matches
from .running import Failure, StudentRun


def judge_exercise(spec: ExerciseSpec, inputs: dict[int, dict[str, Any]], run: StudentRun,
                   reference: Reference, lang: str, diagnose_passing: bool = False,
                   texts: Mapping[str, str] | None = None) -> tuple[CheckResult, ...]:
    """Every check of `spec`, in order: `inputs` by check position, `reference` the reference
    solution's (raw data, failure), `texts` the submission's Python files (name -> text), read
    for the diagnoses."""
    texts = texts or {}
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
            checks.append(failed_check(check, run.failures[position], lang, spec, texts))
            continue
        verdict = JUDGES[check.kind].judge(CheckRun(
            spec=check, inputs=inputs[position], lang=lang, raw=run.raw.get(position),
            reference_raw=reference_raw.get(position) if reference_raw else None,
            reference_failure=reference_failure, numbers=numbers, script_error=script_error))
        checks.append(judged_check(spec, check, verdict, inputs[position], lang,
                                   diagnose_passing, texts))
    return tuple(checks)


def judged_check(spec: ExerciseSpec, check: CheckSpec, verdict: Verdict, inputs: dict,
                 lang: str, diagnose_passing: bool = False,
                 texts: Mapping[str, str] | None = None) -> CheckResult:
    failing = verdict.status in ("failed", "error")
    cause = _cascade().from_error(spec.filename, verdict.error, texts) if failing else None
    found, raised = predicates(spec, check, verdict) if (failing and cause is None) or (
        diagnose_passing and verdict.status == "passed") else ((), {})
    families = explain(spec, check, verdict, inputs, texts or {}) \
        if failing and cause is None and not found else ()
    line = cell = None
    if verdict.error and verdict.error.get("frames"):
        last = verdict.error["frames"][-1]
        line = (str(last.get("file")), int(last.get("line") or 0))
        cell = last.get("cell") if isinstance(last.get("cell"), int) else None
    report = None if verdict.status in ("passed", "skipped") else detail(
        verdict.compared, inputs, verdict.code or check.code, verdict.error)
    message = verdict.message if cause is None else messages.error(verdict.error, lang)
    if check.hint and verdict.status == "failed" and verdict.compared is not None \
            and not found and not families:  # what the check's own note was written for
        message += "\n" + messages.say("check_note", lang, note=check.hint.get(lang))
    return _result(check, lang, verdict.status, _caused(message, cause, spec, lang),
                   hint=hint(spec, check, found, lang, families) if failing else None,
                   diagnoses=_ids(found, families), error_line=line, error_cell=cell,
                   data=verdict.data, detail=report, cause=cause, predicate_errors=raised)


def predicates(spec: ExerciseSpec, check: CheckSpec,
               verdict: Verdict) -> tuple[tuple[str, ...], dict[str, str]]:
    """The ids of the spec's known mistakes whose predicates hold on this check's values, and
    those whose predicates raised (id -> the exception: they do not match)."""
    names = {**verdict.values, "error": error_text(verdict.error),
             "statement": (verdict.error or {}).get("statement") or None}
    found, raised = [], {}
    for m in spec.mistakes:
        if m.checks and check.name not in m.checks:
            continue
        try:
            if matches(m.when, names):
                found.append(m.id)
        except Exception as e:  # the spec's own code: no match, said by `grader validate`
            raised[m.id] = f"{type(e).__name__}: {e}"
    return tuple(found), raised


def explain(spec: ExerciseSpec, check: CheckSpec, verdict: Verdict, inputs: dict,
            texts: Mapping[str, str]) -> tuple[Finding, ...]:
    """The families of mistakes `diagnosis` recognises in a failing check, when the spec's own
    mistakes do not: from its exception, else from its values; then any statement of the
    exercise's file that computes and keeps nothing."""
    try:
        if verdict.error:
            from .diagnosis import errors

            found = errors.findings(spec, check, verdict.error, texts)
        else:
            from .diagnosis import values

            found = values.findings(spec, check, verdict, inputs, texts)
        if not (verdict.error or {}).get("type") == "NotImplementedError":
            from .diagnosis import sources, unset

            found += unset.dropped_findings(sources.own_text(texts, spec.filename),
                                            spec.filename, script=spec.kind == "output")
    except Exception:  # a diagnosis is a courtesy: what it cannot read, it leaves unsaid
        return ()
    return tuple({(f.id, f.key, tuple(sorted(map(str, f.fields.items())))): f
                  for f in found}.values())


def hint(spec: ExerciseSpec, check: CheckSpec, found: tuple[str, ...], lang: str,
         families: tuple[Finding, ...] = ()) -> str | None:
    """The recognised mistakes' hints: the spec's known ones, else the families diagnosed;
    None when nothing is recognised (a check's own `hint:` is a note in its message)."""
    hints = [m.hint.get(lang) for m in spec.mistakes if m.id in found]
    if hints:
        return "\n".join(hints)
    worded = []
    for finding in families:
        try:
            worded.append(finding.text(lang))
        except (KeyError, IndexError, ValueError, TypeError) as e:
            # the grader's bug, not the student's: the rest of the result stands; the tests
            # make this warning an error, and every key is tested to resolve
            warnings.warn(f"diagnosis {finding.id!r}: message {finding.key!r} cannot be worded "
                          f"({type(e).__name__}: {e})", UnwordedFinding, stacklevel=2)
    return "\n".join(dict.fromkeys(worded)) or None


def failed_check(check: CheckSpec, failure: Failure, lang: str, spec: ExerciseSpec | None = None,
                 texts: Mapping[str, str] | None = None) -> CheckResult:
    """A check that sent nothing: how its run ended, in words; the file to blame when it is
    another exercise's, else what its exception shows."""
    filename = spec.filename if spec else ""
    cause = None
    if failure.reason == "load_error":
        cause = _cascade().from_error(filename, failure.error, texts)
    elif failure.reason in ("hung_before", "timeout_importing"):
        cause = _cascade().from_module(filename, failure.fields.get("module"))
    families: tuple[Finding, ...] = ()
    if spec is not None and cause is None and failure.error:
        try:
            from .diagnosis import errors

            families = tuple(errors.findings(spec, check, failure.error, texts or {}))
        except Exception:  # as in `explain`
            families = ()
    return _result(check, lang, failure.status,
                   _caused(failure_text(failure, lang), cause, spec, lang),
                   hint=hint(spec, check, (), lang, families) if families else None,
                   diagnoses=_ids((), families), cause=cause)


def failure_text(failure: Failure, lang: str) -> str:
    if failure.reason == "load_error":
        return messages.error(failure.error or {}, lang,
                              messages.say("load", lang, **failure.fields))
    if failure.reason == "crashed":
        return messages.machine(str(failure.fields.get("detail") or ""), lang)
    return messages.say(failure.reason, lang, **failure.fields)


def _caused(message: str, cause: Cause | None, spec: ExerciseSpec | None, lang: str) -> str:
    """The message, after the sentence that names the file to blame, if any (a hang's message
    names it already: `stopped: p225.py loads p219.py, which did not finish loading …`)."""
    if cause is None or spec is None or cause.how == "hangs":
        return message
    return _cascade().words(cause, spec.id, lang) + ("\n" + message if message else "")


def _cascade():
    """The diagnosis of failures that come from another file, loaded only when something fails
    (the diagnoses are much code that a passing submission never needs)."""
    from .diagnosis import cascade

    return cascade


def _ids(found: tuple[str, ...], families: tuple[Finding, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*found, *(f.id for f in families))))


def _result(check: CheckSpec, lang: str, status: str, message: str, **more) -> CheckResult:
    label = check.label.get(lang) if check.label else JUDGES[check.kind].label[
        phrases.language(lang)]
    return CheckResult(name=check.name, status=status, message=message, kind=check.kind,
                       label=label, weight=check.weight, **more)
