"""`IDS` on the command line: a comma list of exercise numbers or ranges (`209,210`, `209-215`)."""
from __future__ import annotations


class IdsError(ValueError):
    pass


def parse_ids(text: str) -> set[int]:
    chosen: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        low, sep, high = part.partition("-")
        if not (low.isdigit() and (not sep or high.isdigit())):
            raise IdsError(f"{part!r} is not an exercise number or a range such as 209-215")
        lo, hi = int(low), int(high) if sep else int(low)
        if hi < lo:
            raise IdsError(f"{part!r} is an empty range")
        chosen.update(range(lo, hi + 1))
    return chosen
