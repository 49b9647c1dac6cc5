"""The exercise bank: numbered YAML specs loaded into frozen values, and choosing among them.

`spec` holds the values, `loader` reads a YAML file into them (`kinds`: each check kind's
fields), `catalogue` finds the bank and picks exercises by `ids`.
"""
from .catalogue import default_exercises_dir, default_solutions_dir, load_bank, select
from .ids import IdsError
from .reader import SpecError

__all__ = ["IdsError", "SpecError", "default_exercises_dir", "default_solutions_dir",
           "load_bank", "select"]
