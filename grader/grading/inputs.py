"""A check's inputs: literal ones as given, random ones drawn from the run's seed.

The stream of each check depends only on (seed, exercise, check position), so `--seed N`
repeats a run exactly whatever `--only` chose. A reference check whose reference results are
frozen into the bank takes the frozen case's inputs instead (see bank/frozen.py).
"""
from __future__ import annotations

import numpy as np

from ..bank.frozen import FrozenCase
from ..bank.spec import InputSpec
from .sandbox.plain import from_plain


def check_rng(seed: int, exercise_id: str, position: int) -> np.random.Generator:
    return np.random.default_rng([seed, int(exercise_id), position])


def make_inputs(specs: tuple[InputSpec, ...], rng: np.random.Generator,
                dims: dict[str, tuple[int, int]] | None = None) -> dict[str, np.ndarray]:
    sizes = {name: int(rng.integers(low, high + 1)) for name, (low, high) in sorted((dims or {}).items())}
    return {spec.name: _make(spec, rng, sizes) for spec in specs}


def frozen_inputs(case: FrozenCase) -> dict[str, np.ndarray]:
    """A frozen reference case's inputs (plain data the grader itself wrote into the bank)."""
    return {name: from_plain(value) for name, value in case.inputs.items()}


def _make(spec: InputSpec, rng: np.random.Generator, sizes: dict[str, int]):
    if not spec.is_random:
        value = np.asarray(spec.value)
        if spec.dtype:
            value = value.astype(spec.dtype)
        return value
    if spec.onehot is not None:
        rows, classes = (sizes.get(n, n) for n in spec.onehot)
        return np.eye(classes)[rng.integers(0, classes, rows)]
    if spec.low is not None:
        draw = lambda n: rng.uniform(spec.low, spec.high, n)  # noqa: E731
    else:
        draw = rng.standard_normal
    shape = tuple(sizes.get(n, n) for n in spec.shape)
    size = int(np.prod(shape))
    values = draw(size)
    if spec.avoid:  # redraw the elements too near zero until none is
        while (near := np.abs(values) < spec.avoid).any():
            values[near] = draw(int(near.sum()))
    values = values.reshape(shape)
    return np.round(values).astype(int) if spec.dtype == "int" else values
