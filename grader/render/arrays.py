"""Values of the results JSON as tables of cells, for showing arrays side by side.

A value is a number, a nested list (an array), a string (numpy's summary of an array too large
to list, or the text of a non-numeric value), a dict, or None. Arrays of any rank become 2-D
blocks: a scalar is one cell, a vector one row, a matrix its rows, and a higher rank one block
per leading index.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import product


@dataclass(frozen=True)
class Cell:
    text: str
    differs: bool = False
    first: bool = False
    """the first differing element, the one the message names"""


@dataclass(frozen=True)
class Block:
    title: str
    """the leading index of this 2-D slice of a higher-rank array, else empty"""
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Shown:
    """A value ready for a template: blocks of cells, or plain text when it is not an array."""

    blocks: tuple[Block, ...] = ()
    text: str | None = None
    shape: str = ""


def fmt(x) -> str:
    if isinstance(x, bool) or x is None:
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x)


def shape_of(value) -> tuple[int, ...] | None:
    """The shape of a rectangular nested list of scalars, else None."""
    if not isinstance(value, list):
        return () if _scalar(value) else None
    if not value:
        return (0,)
    inner = [shape_of(v) for v in value]
    if inner[0] is None or any(s != inner[0] for s in inner):
        return None
    return (len(value), *inner[0])


def _scalar(value) -> bool:
    return isinstance(value, (int, float, bool))


def _at(value, index: tuple[int, ...]):
    for i in index:
        if not isinstance(value, list) or i >= len(value):
            return None
        value = value[i]
    return value


def _as_text(value) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def _shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def show(value, mismatch=None, first: list | tuple | None = None) -> Shown:
    """`mismatch` is nested booleans of the value's shape (or one boolean for a scalar);
    `first` the index of the first difference."""
    shape = shape_of(value)
    if shape is None:
        return Shown(text=_as_text(value))
    if 0 in shape:
        return Shown(text=_as_text(value), shape=_shape_text(shape))
    marks = mismatch if shape_of(mismatch) == shape else None
    first = tuple(first) if isinstance(first, (list, tuple)) and marks is not None else None
    shape_text = _shape_text(shape)

    def cell(index):
        return Cell(fmt(_at(value, index)), bool(_at(marks, index)) if marks is not None else False,
                    index == first)

    if len(shape) == 0:
        return Shown((Block("", ((Cell(fmt(value), bool(marks), first == ()),),)),),
                     shape="()")
    if len(shape) == 1:
        return Shown((Block("", (tuple(cell((j,)) for j in range(shape[0])),)),),
                     shape=shape_text)
    blocks = []
    for lead in product(*(range(n) for n in shape[:-2])):
        rows = tuple(tuple(cell((*lead, i, j)) for j in range(shape[-1]))
                     for i in range(shape[-2]))
        title = "[" + ", ".join([*map(str, lead), ":", ":"]) + "]" if lead else ""
        blocks.append(Block(title, rows))
    return Shown(tuple(blocks), shape=shape_text)
