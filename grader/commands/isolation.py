"""What the jobs of `check` and `batch` run in, said: a fallback to plain processes once, on
standard error; `--isolation strict` without namespaces refused as a usage error."""
from __future__ import annotations

import sys

from ..grading.sandbox.client import IsolationRefused
from ..render.words import isolation_words
from .common import UsageError


def refused_unless_isolated(grade, args):
    """`grade()`; `--isolation strict` where the warm workers got no namespaces is a usage
    error (exit 2), before any job ran."""
    try:
        return grade()
    except IsolationRefused as e:
        raise refusal(e, args) from None


def refusal(refused: IsolationRefused, args) -> UsageError:
    """`--isolation strict` refused, as the usage error the command raises."""
    return UsageError(isolation_words(args.lang)["refused"].format(
        why=refused.report.get("why") or refused.report.get("level")))


def say_fallback(report, args) -> None:
    """The default takes the strongest isolation there is; when that is no namespaces at all,
    it says so, once, on standard error (the report's last line always names it)."""
    if args.isolation == "auto" and isinstance(report, dict) and report.get("level") != \
            "namespaces":
        print(isolation_words(args.lang)["fallback"].format(why=report.get("why") or "?"),
              file=sys.stderr)
