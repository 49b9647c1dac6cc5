"""The protocol every check kind follows, and what a kind receives and returns.

A kind is one module of this package (see `__init__`): it reads its YAML fields into its frozen
`params` (`parse`), says what the student's process must run for it (`task`, plain data, no
expected value) and judges what came back (`judge`, in the grader), in its own words (`texts`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Protocol

from .. import messages
from ..sandbox.plain import PlainDataError, from_plain
from ...bank.reader import Reader
from ...bank.spec import CheckParams, CheckSpec, Tolerance

INPUT_FIELDS = frozenset({"inputs", "dims"})
"""the fields of a kind whose checks take inputs (read by `bank.loader` for every kind)"""


@dataclass(frozen=True)
class CheckRun:
    """Everything a kind may look at to judge one check."""

    spec: CheckSpec
    inputs: dict[str, Any]
    lang: str
    raw: dict | None = None
    """what the student's process sent for this check"""
    reference_raw: dict | None = None
    """what the reference solution's process sent (reference checks), if solutions are at hand"""
    reference_failure: str | None = None
    numbers: Any = None
    """output checks: the printed numbers"""
    script_error: dict | None = None
    """output checks: the exception that stopped the script, if any"""


@dataclass(frozen=True)
class Verdict:
    status: str
    message: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    """what mistake predicates see"""
    error: dict | None = None
    """the student's exception, as sent"""
    data: dict[str, Any] = field(default_factory=dict)
    """plain data for the reports (training curves)"""
    compared: tuple[str, Any] | None = None
    """(what, Difference) when a comparison failed"""
    code: str = ""
    """the statements the check ran, for the reports"""


class CheckKind(Protocol):
    kind: str
    """the YAML name"""
    params: type
    """the type of `CheckSpec.params` it reads and judges: a frozen dataclass of its module"""
    exercise_kind: str
    """the kind of exercise its checks belong to: api or output (`bank.spec.EXERCISE_KINDS`)"""
    fields: frozenset[str]
    """the fields of its own, besides those every check has (`bank.loader.COMMON_FIELDS`)"""
    tolerance: Tolerance | None
    """its default tolerance, when not the exercise's"""
    label: Mapping[str, str]
    """what a check of this kind is called where its spec gives no `label:`, {en, ko}"""
    kind_word: Mapping[str, str]
    """the kind's name in `grader list` and `grader show`, {en, ko}"""
    texts: Mapping[str, Mapping[str, str]]
    """its own texts for students, key -> {en, ko} (its module's `TEXTS`)"""
    needs_reference: bool
    """whether it compares with the reference solution's results (frozen, or run live)"""
    evidence: str
    """what `diagnosis.values` reads in its failing values: `compared` (a named value against
    its expected one), `gradient` (against the numerical gradient), `printed` (the numbers a
    script printed), or nothing"""
    expressions: bool
    """whether its expected values may be the spec's numpy expressions (`formula` slips them)"""
    runs_the_class: bool
    """whether its routine runs the exercise's classes whatever its code says (training): a
    failure may come from any layer they use"""

    def parse(self, r: Reader, tolerance: Tolerance) -> CheckParams:
        """Its own fields of a check's YAML (`r`, with the check's `tolerance`) -> its params;
        a problem is `r.fail(field, why)`."""

    def task(self, spec: CheckSpec, inputs: dict[str, Any], seed: int) -> dict | None:
        """What the student's process runs for a check, or None if it needs nothing: plain
        data whose `routine` names one of `sandbox.child.ROUTINES`, or a kind module that
        defines its own `routine` (see `sandbox.child.routine`)."""

    def judge(self, run: CheckRun) -> Verdict:
        ...


def error_text(error: dict | None) -> str | None:
    """`Type: message`, for mistake predicates."""
    if not error:
        return None
    return f"{error.get('type', '?')}: {error.get('message', '')}"


def raised(run: CheckRun, error: dict, values: dict | None = None) -> Verdict:
    return Verdict("error", messages.error(error, run.lang), dict(values or {}), error)


def decode(raw: dict, key: str):
    """A value the student's process sent; undecodable data is reported, never trusted."""
    try:
        return from_plain(raw.get(key))
    except PlainDataError as e:
        raise BadData(str(e)) from None


class BadData(Exception):
    pass
