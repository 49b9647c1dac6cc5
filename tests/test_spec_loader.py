"""Specs are checked on load: each problem names the file, the field and what is wrong."""
from __future__ import annotations

import textwrap

import pytest

from grader.bank.loader import SpecError, load_exercise

GOOD = textwrap.dedent("""
    id: 900
    kind: api
    title: {ko: 시험, en: test}
    prompt: {ko: 시험, en: test}
    defines: [f]
    stub: |
      def f(x):
          raise NotImplementedError("f")
    checks:
      - name: doubles
        kind: value
        inputs: {x: {shape: [3]}}
        run: out = f(x)
        expect: {out: "2 * x"}
      - name: small
        kind: value
        run: out = f(1e-130)
        expect: {out: 2.0e-130}
        tolerance: {rtol: 1.0e-9, atol: 0}
    """)


def load(tmp_path, text, name="p900.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_exercise(path)


def test_a_good_spec_loads_into_frozen_values(tmp_path):
    spec = load(tmp_path, GOOD)
    assert spec.id == "900" and spec.kind == "api" and spec.points == 1.0
    assert [c.name for c in spec.checks] == ["doubles", "small"]
    assert spec.checks[0].inputs[0].shape == (3,)
    assert spec.checks[1].tolerance.atol == 0
    with pytest.raises(AttributeError):
        spec.id = "1"


@pytest.mark.parametrize("change, where, says", [
    (("kind: api", "kind: apy"), "kind", "not one of"),
    (("id: 900", "id: 901"), "id", "does not match the file name"),
    (("run: out = f(x)", "run: out = f(x"), "checks[0].run", "not valid Python"),
    (('expect: {out: "2 * x"}', 'expect: {out: "2 *"}'), "checks[0].expect.out", "not valid Python"),
    (("atol: 0}", "atol: 1.0e-9}"), "checks[1].expect.out", "would accept almost anything"),
    (("name: small", "name: doubles"), "checks", "two checks are named"),
    (("inputs: {x: {shape: [3]}}", "inputs: {x: {shape: [-3]}}"), "checks[0].inputs.x.shape",
     "non-negative integers"),
    (("kind: value\n    inputs", "kind: valu\n    inputs"), "checks[0].kind", "not one of"),
    (("defines: [f]", "defines: [f]\nfoo: 1"), "foo", "unknown field"),
])
def test_bad_specs_name_the_field(tmp_path, change, where, says):
    old, new = change
    assert old in GOOD
    with pytest.raises(SpecError) as caught:
        load(tmp_path, GOOD.replace(old, new, 1))
    assert caught.value.where == where
    assert says in caught.value.problem
    assert str(caught.value).startswith("p900.yaml: ")


def test_not_yaml_is_a_spec_error(tmp_path):
    with pytest.raises(SpecError) as caught:
        load(tmp_path, "id: [900\n")
    assert "cannot be read as YAML" in caught.value.problem


def test_sizes_drawn_per_run_are_shared_by_the_inputs(tmp_path):
    import numpy as np

    from grader.grading.inputs import make_inputs

    text = GOOD.replace("inputs: {x: {shape: [3]}}",
                        "dims: {n: [1, 6], d: [2, 4]}\n    inputs: {x: {shape: [n, d]}, "
                        "W: {shape: [d, 3]}, t: {onehot: [n, 3]}}")
    check = load(tmp_path, text).checks[0]
    assert check.dims == {"n": (1, 6), "d": (2, 4)}
    shapes = set()
    for seed in range(30):
        values = make_inputs(check.inputs, np.random.default_rng(seed), check.dims)
        n, d = values["x"].shape
        assert values["W"].shape == (d, 3) and values["t"].shape == (n, 3)
        assert 1 <= n <= 6 and 2 <= d <= 4
        shapes.add((n, d))
    assert len(shapes) > 5
    with pytest.raises(SpecError) as caught:
        load(tmp_path, text.replace("shape: [n, d]", "shape: [n, k]"))
    assert caught.value.where == "checks[0].inputs.x.shape"
