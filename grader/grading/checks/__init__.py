"""The check kinds' judges, by the name the YAML uses (`bank.kinds` reads their YAML)."""
from .base import CheckKind, CheckRun, Verdict
from .gradient import GradientCheck
from .output import OutputCheck
from .reference import ReferenceCheck
from .training import TrainingCheck
from .value import ValueCheck

JUDGES: dict[str, CheckKind] = {k.kind: k for k in (
    ValueCheck(), GradientCheck(), OutputCheck(), ReferenceCheck(), TrainingCheck())}

__all__ = ["JUDGES", "CheckKind", "CheckRun", "Verdict"]
