"""Comparison: structure, shape, kind, NaN/inf, tolerance; and where the first difference is."""
from __future__ import annotations

import numpy as np

from grader.grading.compare import compare
from grader.grading.sandbox.plain import Opaque, PlainDataError, from_plain, to_plain
from grader.bank.spec import Tolerance

TOL = Tolerance(rtol=1e-6, atol=0.0)


def test_equal_within_tolerance():
    assert compare([[1.0, 2.0]], np.array([[1.0, 2.0000001]]), TOL) is None
    assert compare(200, 200, TOL) is None
    assert compare({"a": [1, 2]}, {"a": (1, 2)}, TOL) is None


def test_value_difference_locates_the_first_element_and_the_largest_gap():
    found = compare([[1, 2], [3, 4]], np.array([[1, 2], [3.5, 9]]), TOL)
    assert found.kind == "value" and found.index == (1, 0)
    assert found.expected_item == 3 and found.actual_item == 3.5
    assert found.abs_diff == 5 and found.count == 2 and found.size == 4


def test_tiny_values_compare_relatively():
    assert compare(1.7e-131, 1.7e-131 * (1 + 1e-9), TOL) is None
    assert compare(1.7e-131, 3.4e-131, TOL).kind == "value"


def test_shape_kind_and_nonfinite_differences():
    assert compare([1, 2, 3], np.array([[1, 2, 3]]), TOL).kind == "shape"
    assert compare(1.0, "1.0", TOL).kind == "type"
    assert compare(1.0, Opaque("Thing", "x"), TOL).kind == "type"
    assert compare([1.0, 2.0], np.array([1.0, np.nan]), TOL).kind == "nonfinite"
    assert compare([1.0, 2.0], np.array([np.inf, 2.0]), TOL).index == (0,)
    assert compare({"a": 1}, {"b": 1}, TOL).kind == "keys"
    assert compare([1.0], np.array([1 + 1j]), TOL).kind == "type"


def test_plain_data_round_trip_and_lies():
    value = {"a": (np.arange(3.0), 2, None), "b": [np.float64(1.5), float("nan")],
             "c": np.array(7)}
    back = from_plain(to_plain(value))
    assert np.array_equal(back["a"][0], np.arange(3.0)) and back["a"][1:] == (2, None)
    assert back["b"][0] == 1.5 and np.isnan(back["b"][1]) and back["c"].shape == ()

    class Liar(float):
        def __eq__(self, other):
            return True

    class Exploding:
        def __array__(self, *a, **k):
            raise RuntimeError("no")

    assert isinstance(from_plain(to_plain(Liar(3.0))), Opaque)
    assert isinstance(from_plain(to_plain(Exploding())), Opaque)
    assert isinstance(from_plain(to_plain(np.array([object()]))), Opaque)


def test_array_dtypes_and_shapes_survive_the_trip():
    for value in (np.arange(6.0).reshape(2, 3), np.float32(1.5), np.zeros((0, 3)),
                  np.array([True, False]), np.array([1 + 2j]), np.arange(10)[::2],
                  np.array([1, 2], dtype=">i4")):
        back = from_plain(to_plain(value))
        assert back.dtype == value.dtype and back.shape == np.shape(value)
        assert np.array_equal(back, value) and back.flags.writeable


def test_forged_arrays_are_refused():
    """What a student's process may send instead of an honest array: the grader rebuilds only
    plain numeric dtypes, and only when the bytes fit the shape."""
    honest = to_plain(np.arange(4.0))
    for forged in ({**honest, "dtype": "O"}, {**honest, "dtype": "<V8"},
                   {**honest, "dtype": [("a", "<f8")]}, {**honest, "shape": [5]},
                   {**honest, "shape": [-4]}, {**honest, "shape": [2.0, 2]},
                   {**honest, "shape": [1] * 40}, {**honest, "v": "not base64!"}):
        try:
            from_plain(forged)
        except PlainDataError:
            continue
        raise AssertionError(f"accepted {forged}")
