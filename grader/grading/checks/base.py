"""The protocol every check kind follows, and what a kind receives and returns.

A kind says what the student's process must run for it (`task`, plain data, no expected value)
and judges what came back (`judge`, in the grader). Kinds are looked up by the YAML name; what
the YAML of each says is read by `bank.kinds` into the `params` type a kind names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .. import messages
from ..sandbox.plain import PlainDataError, from_plain
from ...bank.spec import CheckSpec


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
    """the type of `CheckSpec.params` it judges"""
    label: dict[str, str]
    """what a check of this kind is called where its spec gives no `label:`, {en, ko}"""
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

    def task(self, spec: CheckSpec, inputs: dict[str, Any], seed: int) -> dict | None:
        """The routine for the student's process, or None if it needs none."""

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
