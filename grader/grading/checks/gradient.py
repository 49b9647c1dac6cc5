"""gradient: the student's backward against a numerical gradient of the student's own forward.

The student's process sends raw forward outputs at nudged inputs; the grader turns them into a
central-difference vector-Jacobian product, (f(x+h) - f(x-h)) . dout / 2h, and compares.
"""
from __future__ import annotations

import numpy as np

from .. import messages
from ...bank.spec import GradientParams
from ..compare import Difference, as_numeric_array, compare
from ..sandbox.plain import to_plain
from .base import BadData, CheckRun, Verdict, decode, raised


class GradientCheck:
    kind, params = "gradient", GradientParams
    label = {"en": "backward against a numerical gradient of forward",
             "ko": "backward와 forward의 수치 미분 비교"}
    needs_reference, evidence, expressions, runs_the_class = False, "gradient", False, False

    def task(self, spec, inputs, seed):
        g = spec.params
        return {"routine": "gradient", "inputs": to_plain(inputs), "forward": g.forward,
                "backward": g.backward, "wrt": dict(g.wrt),
                "dout": None if g.dout is None else to_plain(g.dout),
                "sample": g.sample, "h": g.h, "seed": seed}

    def judge(self, run: CheckRun) -> Verdict:
        raw, lang, g = run.raw, run.lang, run.spec.params
        values = dict(run.inputs)
        try:
            for key in ("out", "dout"):
                if key in raw:
                    values[key] = decode(raw, key)
            if raw.get("error"):
                return raised(run, raw["error"], values)
            grads = {name: decode(raw["grads"], name) for name in g.wrt}
            numerical = {name: self._numerical(raw["perturbed"][name], values["dout"], g.h)
                         for name in g.wrt}
            # the same with every upstream gradient 1: what a backward that ignores dout gives
            ones = {name: self._numerical(raw["perturbed"][name],
                                          np.ones_like(np.asarray(values["dout"], dtype=float)),
                                          g.h)[1] for name in g.wrt}
        except (BadData, KeyError, TypeError, ValueError) as e:
            return Verdict("error", messages.say("unreadable", lang, problem=e), values)
        for name in g.wrt:
            values[f"grad_{name}"] = grads[name]
            indices, num = numerical[name]
            shape = np.shape(run.inputs[name])
            values[f"num_{name}"] = num.reshape(shape) if num.size == int(np.prod(shape)) else num
            values[f"num1_{name}"] = (ones[name].reshape(shape)
                                      if ones[name].size == int(np.prod(shape)) else ones[name])
        for name in g.wrt:
            what = messages.say("gradient", lang, name=name)
            grad = as_numeric_array(grads[name])
            shape = np.shape(run.inputs[name])
            if grad is None or grad.shape != shape:
                numeric = values[f"num_{name}"]  # the numerical gradient, where it is whole
                stand_in = numeric if np.shape(numeric) == shape else np.zeros(shape)
                found = compare(stand_in, grads[name], run.spec.tolerance)
                return Verdict("failed", messages.difference(what, found, lang), values,
                               compared=(what, found))
            indices, num = numerical[name]
            found = compare(num, grad.ravel()[indices], run.spec.tolerance)
            if found:
                where = np.unravel_index(indices[found.index[0]], shape) if shape else ()
                found = Difference(**{**found.__dict__, "index": tuple(int(i) for i in where)})
                return Verdict("failed", messages.difference(
                    "", found, lang, key="gradient_scope", what=what) + "\n" + messages.context(
                    g.forward + "\n" + g.backward, run.inputs, lang), values,
                    compared=(what, found), code=g.forward + "\n" + g.backward)
        return Verdict("passed", "", values)

    @staticmethod
    def _numerical(perturbed: dict, dout, h: float) -> tuple[np.ndarray, np.ndarray]:
        indices = np.asarray(decode(perturbed, "indices"), dtype=int)
        plus = np.asarray(decode(perturbed, "plus"), dtype=float)
        minus = np.asarray(decode(perturbed, "minus"), dtype=float)
        weights = np.asarray(dout, dtype=float)
        axes = tuple(range(1, plus.ndim))
        return indices, np.sum((plus - minus) * weights, axis=axes) / (2 * h)
