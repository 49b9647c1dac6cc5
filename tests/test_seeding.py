"""Randomness in student code: numpy's and `random`'s global generators are seeded from the
check's own seed before each snippet, so `--seed N` repeats a run and code that draws unseeded
numbers (a dropout mask) is checked as reproducibly as any other."""
from __future__ import annotations

import textwrap
import pytest

from grader.bank import load_bank
from grader.grading.engine import Grader
from grader.grading.job import Options

SPEC = """
id: 901
kind: api
title: {ko: 무작위, en: randomness}
prompt: {ko: 무작위, en: randomness}
defines: [draw_numpy, draw_random, Dropout]
stub: |
  def draw_numpy():
      raise NotImplementedError("draw_numpy")
checks:
  - name: numpy draws
    kind: value
    run: |
      r = draw_numpy()
    expect: {r: 2.0}
  - name: random draws
    kind: value
    run: |
      r = draw_random()
    expect: {r: 2.0}
  - name: dropout's gradient
    kind: gradient
    inputs: {x: {shape: [4, 5]}}
    forward: |
      layer = Dropout(0.5)
      out = layer.forward(x)
    backward: |
      dx = layer.backward(dout)
    wrt: {x: dx}
"""

# Our own dropout (not the book's): a mask drawn from numpy's global generator on every forward
STUDENT = """
import random

import numpy as np


def draw_numpy():
    return float(np.random.rand())


def draw_random():
    return random.random()


class Dropout:
    def __init__(self, rate):
        self.rate, self.kept = rate, None

    def forward(self, x):
        self.kept = np.random.uniform(size=x.shape) >= self.rate
        return np.where(self.kept, x, 0.0)

    def backward(self, dout):
        return np.where(self.kept, dout, 0.0)
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the student's file with a seed; {check name: (status, message)}."""
    root = tmp_path_factory.mktemp("seeding")
    (root / "exercises").mkdir()
    (root / "exercises" / "p901.yaml").write_text(textwrap.dedent(SPEC), encoding="utf-8")
    (root / "student").mkdir()
    (root / "student" / "p901.py").write_text(STUDENT, encoding="utf-8")
    specs = load_bank(root / "exercises")

    def grade(seed: int) -> dict[str, tuple[str, str]]:
        with Grader(specs, Options(seed=seed)) as grader:
            (result,) = grader.grade_folder(root / "student").exercises
        return {c.name: (c.status, c.message) for c in result.checks}

    return grade


def drawn(message: str) -> str:
    """The number a failing value check got, as its message shows it."""
    assert "got " in message, message
    return message.split("got ", 1)[1].split()[0]


def test_unseeded_draws_repeat_with_the_seed_and_change_across_seeds(graded):
    first, again, other = graded(3), graded(3), graded(4)
    for name in ("numpy draws", "random draws"):
        assert first[name][0] == "failed"  # the value drawn is in its message
        assert drawn(first[name][1]) == drawn(again[name][1])
        assert drawn(first[name][1]) != drawn(other[name][1])
    # numpy's and random's generators are two: each is seeded, neither from the other's state
    assert drawn(first["numpy draws"][1]) != drawn(first["random draws"][1])


def test_a_dropout_mask_is_the_same_on_every_nudged_forward(graded):
    """The numerical gradient runs forward again on nudged inputs: a mask drawn anew each time
    would make it noise. Seeded before each forward, the mask is the same, and the student's
    dropout passes on every seed."""
    for seed in (1, 2, 3):
        status, message = graded(seed)["dropout's gradient"]
        assert status == "passed", message


def test_a_frozen_reference_case_runs_with_the_seed_it_was_frozen_with(tmp_path):
    """A reference check's frozen case carries its number as its snippet's seed, so a run that
    uses it draws what the reference solution drew when it was frozen."""
    from grader.bank import frozen

    spec = next(s for s in load_bank() if any(c.kind == "reference" for c in s.checks))
    check = next(c for c in spec.checks if c.kind == "reference")
    cases = frozen.cases(spec, check)
    assert [c.seed for c in cases] == list(range(len(cases))) and len(cases) == frozen.COUNT
    assert frozen.case_for(spec, check, 13).seed == 13 % frozen.COUNT

