"""Families told from a failing comparison: what the student's value is, if not the expected one.

- A value that is None: the call that returned it (`returns-none`), or the attribute no method
  stored (`unset-attribute`).
- A shape that is the expected one with the batch axis kept (`missing-sum`), a summed axis kept
  (`keepdims`), another axis summed (`sum-axis`), or transposed (`transposed-result`).
- For a value the spec writes as a numpy expression, that expression with one slip made
  (`formula`).
- Without an expression: the opposite sign, a constant factor, all zeros, what it would be with
  an upstream gradient given as a number (`backward(1.1)`) ignored, or the expected values
  exchanged (results in another order).
- Gradient checks: the student's gradient against the numerical one, and against the numerical
  gradient with the upstream gradient set to ones (`ignores-dout`).
- Output checks: the expected numbers printed in another order, or some of them not printed.

Every value here is plain data decoded in the grader; the expressions are the spec's own.
"""
from __future__ import annotations

import ast
import re
from typing import Any, Mapping

import numpy as np

from ...bank.spec import CheckSpec, ExerciseSpec, Tolerance
from ..checks import JUDGES
from ..compare import as_numeric_array, compare
from ..expressions import evaluate
from . import Finding, formula, sources, unset
from .families import ON_VALUES



def findings(spec: ExerciseSpec, check: CheckSpec, verdict, inputs: Mapping[str, Any],
             texts: Mapping[str, str]) -> list[Finding]:
    found = _findings(spec, check, verdict, inputs, texts)
    for rule in ON_VALUES if not found else ():  # a family's own detectors after these
        found = rule(spec, check, verdict, inputs, texts)
        if found:
            break
    return found


def _findings(spec, check, verdict, inputs, texts) -> list[Finding]:
    evidence = JUDGES[check.kind].evidence
    if evidence == "printed":
        numbers = verdict.values.get("numbers")
        return _printed(check, np.asarray(numbers, dtype=float)) if numbers is not None else []
    found = []
    if evidence == "compared" and verdict.compared is not None:
        found = _compared(spec, check, verdict, inputs, texts)
    elif evidence == "gradient":
        found = _gradient(check, verdict.values, inputs)
    if ".gradient(" in unset.check_code(check):
        # a network's gradient of zeros has as many causes as it has layers: none is named
        found = [f for f in found if f.id != "zero-gradient"]
    return found


def _close(a, b, tolerance: Tolerance) -> bool:
    return as_numeric_array(a) is not None and as_numeric_array(b) is not None \
        and compare(a, b, tolerance) is None


def _show(shape) -> str:
    shape = tuple(shape)
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


# -- value and reference checks ---------------------------------------------------------------

def _compared(spec, check, verdict, inputs, texts) -> list[Finding]:
    name, difference = verdict.compared
    if difference.path:  # inside a dict or tuple: the generic comparisons only
        return _generic(name + difference.path, difference.expected, difference.actual,
                        check.tolerance, {}, {})
    actual = verdict.values.get(name)
    if actual is None:
        return _none(spec, check, name, texts)
    expected = difference.expected
    found = _extra_values(name, expected, actual, check.tolerance)
    if found:
        return found
    found = _shapes(name, expected, actual, inputs, texts)
    if found:
        return found
    expectations = _expectations(check, inputs)
    expression = check.params.expect.get(name) if JUDGES[check.kind].expressions else None
    if isinstance(expression, str):
        found = formula.named_slip(name, expression, expected, actual, inputs, check)
        if found:
            return found
    others = {k: v for k, v in expectations.items() if k != name}
    return _generic(name, expected, actual, check.tolerance, others, verdict.values,
                    upstream_values(check, inputs))


def _extra_values(name, expected, actual, tolerance: Tolerance) -> list[Finding]:
    """Several values where one was expected, one of them the right one: `return dx, self.dW,
    self.db` for `return dx` (a real student's Affine)."""
    if not isinstance(actual, (tuple, list)) or not 2 <= len(actual) <= 8 \
            or isinstance(expected, (tuple, list)) or as_numeric_array(expected) is None:
        return []
    for position, value in enumerate(actual, 1):
        if _close(expected, value, tolerance):
            return [Finding("return-count", "why_extra_values",
                            dict(name=name, count=len(actual), position=position))]
    return []


def _expectations(check: CheckSpec, inputs) -> dict:
    if not JUDGES[check.kind].expressions:
        return {}
    out = {}
    for key, value in check.params.expect.items():
        try:
            out[key] = evaluate(value, dict(inputs)) if isinstance(value, str) else value
        except Exception:
            continue
    return out


def _none(spec, check, name, texts) -> list[Finding]:
    """`name` came back None: the call that returned it, or the attribute never stored."""
    tree = sources.parsed(unset.check_code(check))
    if tree is None:
        return []
    value = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            value = node.value
    if isinstance(value, ast.Call):
        return unset.none_returned(value, spec, texts)
    if isinstance(value, ast.Attribute):
        attribute = value.attr
        text = sources.own_text(texts, spec.filename)
        out = [Finding("unset-attribute", "why_attribute_none",
                       dict(expr=ast.unparse(value), name=attribute))]
        for qualified, node in sources.functions(text).items():
            line = sources.local_assigned(node, attribute)
            if "." in qualified and line is not None and not sources.assigns_attribute(
                    node, attribute):
                klass, method = qualified.split(".", 1)
                out = [Finding("unset-attribute", "why_unset_local_kept", dict(
                    klass=klass, setter=method, name=attribute, line=line))]
                break
        return out + unset.dropped_findings(text, spec.filename,
                                             lambda d: d.target == f"self.{attribute}")
    return []


def _shapes(name, expected, actual, inputs, texts: Mapping[str, str] = {}) -> list[Finding]:
    """A value of another shape that the student's own values show to be the expected one
    with an axis kept, summed over the wrong axis, or transposed: the shapes alone are no
    evidence (a stray tuple, `(1.0, -y)`, has the shape of a batch too); nor is a kept axis of
    length 1 evidence of `keepdims=True`, unless the student's code writes it (a 1-D x made a
    row by a reshape keeps one too)."""
    want, got = as_numeric_array(expected), as_numeric_array(actual)
    if want is None or got is None or want.shape == got.shape:
        return []
    e, a = want.shape, got.shape
    fields = dict(name=name, expected=_show(e), actual=_show(a))
    if a == (1,) + e and _alike(got[0], want):  # summed with keepdims, or a batch of one kept
        if any(np.ndim(v) >= 2 and np.shape(v)[0] == 1 for v in inputs.values()):
            return [Finding("missing-sum", "why_batch_axis", fields)]
        if any(KEEPDIMS.search(text) for text in texts.values()):
            return [Finding("keepdims", "why_keepdims", fields)]
        return []
    batch = any(np.ndim(v) >= 1 and np.shape(v)[0] == a[0] for v in inputs.values())
    if len(a) == len(e) + 1 and a[1:] == e and batch and _alike(got.sum(axis=0), want):
        return [Finding("missing-sum", "why_missing_sum", fields)]
    if len(a) == len(e) == 1 and any(
            np.ndim(v) == 2 and _alike(np.sum(v, axis=k), got)
            and _alike(np.sum(v, axis=1 - k), want)
            for v in map(as_numeric_array, inputs.values()) if v is not None for k in (0, 1)):
        return [Finding("sum-axis", "why_sum_axis", fields)]
    if len(a) == len(e) == 2 and a == e[::-1] and _alike(got.T, want):
        return [Finding("transposed-result", "why_transposed", fields)]
    return []


KEEPDIMS = re.compile(r"keepdims\s*=\s*True")


def _alike(a, b) -> bool:
    """Equal up to rounding (the evidence a shape family needs)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=1e-8))


def upstream_values(check: CheckSpec, inputs: Mapping[str, Any]) -> list[float]:
    """The upstream gradients the check hands in as single numbers: a number or scalar input
    passed to a backward call (`layer.backward(1.1)`) or set as an output unit's grad
    (`o.grad = float(g)`), other than 0 and 1."""
    tree = sources.parsed(unset.check_code(check))
    if tree is None:
        return []
    given = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "backward":
            given += node.args
        elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "grad" for t in node.targets):
            given.append(node.value)
    found = []
    for node in given:
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float" \
                and node.args:
            node = node.args[0]
        try:
            value = ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            value = inputs.get(node.id) if isinstance(node, ast.Name) else None
        number = as_numeric_array(value) if not isinstance(value, bool) else None
        if number is not None and number.ndim == 0 and float(number) not in (0.0, 1.0):
            found.append(float(number))
    return found


def _exchanged(name, others: dict, values: Mapping, want: np.ndarray,
               tolerance: Tolerance) -> bool:
    """Whether the student's values of the names expected in `want`'s shape are the expected
    values in another order (a whole permutation, not one number that happens to agree)."""
    group = [k for k, v in others.items() if np.shape(v) == want.shape and k in values]
    expected = [want] + [np.asarray(others[k], dtype=float) for k in group]
    given = [as_numeric_array(values.get(name))] + [as_numeric_array(values[k]) for k in group]
    if any(g is None or g.shape != want.shape for g in given):
        return False
    left = list(range(len(expected)))
    for g in given:  # each given value takes one expected value it equals
        match = next((i for i in left if _close(expected[i], g, tolerance)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def _generic(name, expected, actual, tolerance, others: dict, values: Mapping,
             upstream: list[float] = ()) -> list[Finding]:
    want, got = as_numeric_array(expected), as_numeric_array(actual)
    if want is None or got is None:
        return []
    want, got = want.astype(float), got.astype(float)
    for other, value in others.items():  # another expected value in this one's place
        if not _close(value, got, tolerance) or _close(value, want, tolerance):
            continue
        shaped = np.shape(value) != want.shape and np.size(value) > 1  # not a coincidence
        if shaped or _exchanged(name, others, values, want, tolerance):
            return [Finding("other-order", "why_order", dict(name=name, other=other))]
    if want.shape != got.shape:
        return []
    significant = np.abs(want) > tolerance.atol * 10
    if not significant.any():
        return []
    if np.all(got == 0):
        return [Finding("zero-gradient", "why_zero", dict(name=name))] \
            if name.lstrip("_").startswith(("d", "grad")) else []
    if _close(-want, got, tolerance):
        return [Finding("wrong-sign", "why_sign", dict(name=name))]
    differ = ~np.isclose(got, want, rtol=tolerance.rtol, atol=tolerance.atol)
    for u in upstream:  # what differs is what it would be with the upstream gradient 1
        if differ.any() and _close(got[differ] * u, want[differ], tolerance):
            return [Finding("ignores-dout", "why_ignores_dout", dict(name=name))]
    if want.size > 1 and _close(np.sort(want.ravel()), np.sort(got.ravel()), tolerance):
        return [Finding("other-order", "why_order_inside", dict(name=name))]
    if significant.sum() < 2:  # one number is a multiple of any other: no family in that
        return []
    ratio = got[significant] / want[significant]
    factor = float(np.median(ratio))
    if 1e-5 < abs(factor) < 1e5 and abs(factor - 1) > 1e-3 \
            and np.allclose(ratio, factor, rtol=1e-4) \
            and _close(want * factor, got, tolerance):
        return [Finding("scaled", "why_scaled", dict(name=name, factor=f"{factor:.4g}"))]
    return []


# -- gradient checks --------------------------------------------------------------------------

def _gradient(check, values: Mapping, inputs) -> list[Finding]:
    params, tolerance = check.params, check.tolerance
    for wrt, expression in params.wrt.items():
        grad, num = values.get(f"grad_{wrt}"), values.get(f"num_{wrt}")
        if grad is None or num is None or _close(num, grad, tolerance):
            continue
        name = expression
        grad_array, num_array = as_numeric_array(grad), as_numeric_array(num)
        if grad_array is None or num_array is None:
            return []
        shape = np.shape(inputs.get(wrt))
        if num_array.shape != shape:
            return []  # only sampled elements: too little to name a family
        ones = values.get(f"num1_{wrt}")
        if ones is not None and not _close(num, ones, tolerance) and (
                _close(np.broadcast_to(grad_array, shape) if _broadcasts(grad_array, shape)
                       else grad_array, ones, tolerance)):
            return [Finding("ignores-dout", "why_ignores_dout", dict(name=name))]
        if grad_array.shape != shape:
            return _shapes(name, num_array, grad_array, inputs)
        others = {params.wrt[o]: values.get(f"num_{o}") for o in params.wrt if o != wrt
                  and np.shape(values.get(f"num_{o}")) == shape}
        found = _generic(name, num_array, grad_array, tolerance, others, values)
        if found:
            return found
        return []
    return []


def _broadcasts(array: np.ndarray, shape) -> bool:
    try:
        np.broadcast_to(array, shape)
        return True
    except ValueError:
        return False


# -- output checks ----------------------------------------------------------------------------

def _printed(check, numbers: np.ndarray) -> list[Finding]:
    """The right numbers in the right order with some of them not printed; the expected
    numbers all printed, but in another order or not in a row (with other numbers between);
    or most of them printed and some never (the evidence is what the file printed: a single
    expected number that is not printed says nothing of why)."""
    tolerance = check.tolerance
    found = _missing_numbers(check, numbers)
    if found:
        return found
    wanted = [np.asarray(w, dtype=float) for w in (check.params.numbers,
                                                   *check.params.alternatives)]
    for want in wanted:
        if want.size >= 2 and not _absent(want, numbers, tolerance):
            return [Finding("other-order", "why_print_order", {})]
    if any(_in_their_place(w, numbers, _absent(w, numbers, tolerance), tolerance)
           for w in wanted):
        return []  # in a row with other numbers in the place of the rest: wrong values
    for want in wanted:
        absent = _absent(want, numbers, tolerance)
        if want.size >= 2 and absent and len(absent) * 2 <= want.size:
            return [Finding("missing-numbers", "why_never_printed", dict(
                values=", ".join(f"{want[p]:.10g}" for p in absent[:10]),
                positions=", ".join(str(p + 1) for p in absent[:10])))]
    return []


def _in_their_place(want: np.ndarray, numbers: np.ndarray, absent: list[int],
                    tolerance) -> bool:
    """Whether the printed numbers hold the expected ones in a row, with other numbers where
    the absent ones belong (`110 2.2 3.3 165 200` for `… 165 650`): then those are wrong
    values, not numbers left unprinted."""
    if numbers.size < want.size:
        return False
    for window in np.lib.stride_tricks.sliding_window_view(numbers, want.size):
        if all(_close(w, v, tolerance) for k, (w, v) in enumerate(zip(want, window))
               if k not in absent):
            return True
    return False


def _absent(want: np.ndarray, numbers: np.ndarray, tolerance) -> list[int]:
    """The positions of the expected numbers that no printed number matches (each printed
    number matching one expected number at most)."""
    free = list(range(numbers.size))
    absent = []
    for position, value in enumerate(want):
        match = next((i for i in free if _close(value, numbers[i], tolerance)), None)
        if match is None:
            absent.append(position)
        else:
            free.remove(match)
    return absent


def _missing_numbers(check, numbers: np.ndarray) -> list[Finding]:
    tolerance = check.tolerance
    for numbers_wanted in (check.params.numbers, *check.params.alternatives):
        want = np.asarray(numbers_wanted, dtype=float)
        if not 0 < numbers.size < want.size:
            continue
        missing, at = [], 0
        for position, value in enumerate(want):  # the printed ones, in order, among the expected
            if at < numbers.size and _close(value, numbers[at], tolerance):
                at += 1
            else:
                missing.append(position)
        if at == numbers.size:
            return [Finding("missing-numbers", "why_missing_numbers", dict(
                printed=numbers.size, expected=want.size,
                positions=", ".join(str(p + 1) for p in missing[:10]),
                values=", ".join(f"{v:.10g}" for v in want[missing[:10]])))]
    return []
