"""Check kinds by the name the YAML uses."""
from .base import CheckKind, CheckRun, Verdict
from .gradient import GradientCheck
from .output import OutputCheck
from .reference import ReferenceCheck
from .training import TrainingCheck
from .value import ValueCheck

KINDS: dict[str, CheckKind] = {
    "value": ValueCheck(),
    "gradient": GradientCheck(),
    "output": OutputCheck(),
    "reference": ReferenceCheck(),
    "training": TrainingCheck(),
}

__all__ = ["KINDS", "CheckKind", "CheckRun", "Verdict"]
