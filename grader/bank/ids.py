"""Exercise ids: `IDS` on the command line, a comma list of exercise numbers or ranges
(`209,210`, `209-215`), read by `settings.exercise_ids` as every front end's are; and the order
ids are listed in everywhere (`id_key`)."""
from __future__ import annotations

from typing import Iterable

from ..settings import SettingError, exercise_ids

IdsError = SettingError
"""what a wrong IDS text raises (the name callers and tests have always caught)"""


def parse_ids(text: str, bank: Iterable[int], option: str = "--only") -> set[int]:
    """The numbers of `bank` (its exercises' numbers) that `text` names; IdsError if it names
    one the bank lacks, a range beyond it, or is not written with the digits 0-9."""
    return exercise_ids(text, bank, option)


def id_key(ex_id: str) -> tuple:
    """An exercise id as it sorts: numbers in numeric order (`99` before `209`), then any other
    id (an old or hand-edited results file) by its text."""
    return (0, int(ex_id), "") if ex_id.isdigit() else (1, 0, ex_id)
