"""Notebooks as students of the course write them, made from the reference solutions."""
from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SOLUTIONS

OWN_IMPORT = re.compile(r"^from p\d+ import .*\n", re.M)


def notebook(cells: list[tuple[str, str]]) -> str:
    """The text of a .ipynb file (format 4) holding these (kind, source) cells."""
    return json.dumps({
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "cells": [{"id": f"cell-{n}", "cell_type": kind, "metadata": {},
                   "source": source.splitlines(True),
                   **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                  for n, (kind, source) in enumerate(cells, 1)]}, ensure_ascii=False, indent=1)


def kernel_code(exercise: str) -> str:
    """A solution as a notebook cell: what earlier cells defined is used without an import."""
    return OWN_IMPORT.sub("", (SOLUTIONS / f"p{exercise}.py").read_text())


def course_notebook(ids: list[str], marker: str = "## 문제 {id}.") -> list[tuple[str, str]]:
    """A course notebook: noise first (magics, a stray IDE import, a plotting import, a shell
    line), then for each exercise a marker cell, its code, and a cell that tries it out."""
    cells = [("markdown", "# 5장 오차역전파법\n5.4.1 곱셈 계층부터 시작합니다."),
             ("code", "%matplotlib inline\nimport numpy as np\nimport matplotlib.pyplot as plt\n"
                      "from turtle import shape\n!pip install numpy")]
    for i in ids:
        cells.append(("markdown", marker.format(id=i) + " 풀이"))
        cells.append(("code", kernel_code(i)))
    return cells


def write(path: Path, cells: list[tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook(cells), encoding="utf-8")
    return path
