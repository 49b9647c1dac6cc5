"""gradient: the student's backward against a numerical gradient of the student's own forward.

The student's process sends raw forward outputs at nudged inputs; the grader turns them into a
central-difference vector-Jacobian product, (f(x+h) - f(x-h)) . dout / 2h, and compares.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .. import messages
from ..compare import Difference, as_numeric_array, compare
from ..phrases import word
from ..sandbox.plain import to_plain
from ...bank.reader import Reader, check_literal, compile_snippet
from ...bank.spec import Tolerance
from .base import INPUT_FIELDS, BadData, CheckRun, Verdict, decode, raised

TOLERANCE = Tolerance(rtol=1e-5, atol=1e-7)
"""a numerical gradient is good to about 1e-7 (central differences with h = 1e-5)"""

TEXTS = {
    "gradient": {"en": "the gradient of {name}", "ko": "{name}에 대한 기울기"},
    "gradient_scope": {"en": "{what}: your backward disagrees with a numerical gradient of your "
                             "forward at index {index}: backward gives {actual_item}, numerically "
                             "{expected_item} ({count} of {size} checked elements differ; largest "
                             "rel diff {rel_diff})\n  numerical: {expected}\n  backward:  {actual}",
                       "ko": "{what}: backward 결과가 forward의 수치 미분과 인덱스 {index}에서 다릅니다: "
                             "backward {actual_item}, 수치 미분 {expected_item} (검사한 원소 {size}개 중 "
                             "{count}개가 다름; 최대 상대 차이 {rel_diff})\n  수치 미분: {expected}\n"
                             "  backward:  {actual}"},
}
"""its words for students, key -> {en, ko}"""


@dataclass(frozen=True)
class GradientParams:
    forward: str
    """statements that set `out` from the inputs"""
    backward: str
    """statements run after forward, with `dout` set"""
    wrt: Mapping[str, str]
    """input name -> expression holding its gradient after backward"""
    dout: Any = None
    """the upstream gradient; None: drawn per run in the output's shape"""
    sample: int | None = None
    """elements nudged per input (None: all)"""
    h: float = 1e-5

    kind = "gradient"

    @property
    def snippets(self) -> tuple[str, ...]:
        return (self.forward, self.backward)


def parse(r: Reader, tolerance: Tolerance) -> GradientParams:
    wrt = r.get("wrt", dict)
    names = set(r.get("inputs", dict, {}))
    for name, expr in wrt.items():
        if name not in names:
            r.fail(f"wrt.{name}", "is not one of the check's inputs")
        if not isinstance(expr, str):
            r.fail(f"wrt.{name}", "expected an expression")
        compile_snippet(expr, "eval", lambda p: r.fail(f"wrt.{name}", p))
    if not wrt:
        r.fail("wrt", "name at least one input")
    sample = r.get("sample", int, None)
    if sample is not None and sample < 1:
        r.fail("sample", "must be at least 1")
    h = r.get("h", float, 1e-5)
    if not 0 < h < 1:
        r.fail("h", "must be between 0 and 1")
    dout = r.data.get("dout")
    if dout is not None:
        check_literal(r, "dout", dout, None)
    return GradientParams(forward=r.code("forward"), backward=r.code("backward"), wrt=wrt,
                          dout=dout, sample=sample, h=h)


class GradientCheck:
    kind, params, exercise_kind = "gradient", GradientParams, "api"
    fields = INPUT_FIELDS | {"forward", "backward", "wrt", "dout", "sample", "h"}
    tolerance = TOLERANCE
    label = {"en": "backward against a numerical gradient of forward",
             "ko": "backward와 forward의 수치 미분 비교"}
    kind_word = {"en": "gradient", "ko": "기울기"}
    texts = TEXTS
    needs_reference, evidence, expressions, runs_the_class = False, "gradient", False, False
    parse = staticmethod(parse)

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
            what = word(TEXTS, "gradient", lang, name=name)
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
                code = g.forward + "\n" + g.backward
                return Verdict("failed", messages.difference(
                    "", found, lang, key="gradient_scope", texts=TEXTS, what=what) + "\n"
                    + messages.context(code, run.inputs, lang), values,
                    compared=(what, found), code=code)
        return Verdict("passed", "", values)

    @staticmethod
    def _numerical(perturbed: dict, dout, h: float) -> tuple[np.ndarray, np.ndarray]:
        indices = np.asarray(decode(perturbed, "indices"), dtype=int)
        plus = np.asarray(decode(perturbed, "plus"), dtype=float)
        minus = np.asarray(decode(perturbed, "minus"), dtype=float)
        weights = np.asarray(dout, dtype=float)
        axes = tuple(range(1, plus.ndim))
        return indices, np.sum((plus - minus) * weights, axis=axes) / (2 * h)


KIND = GradientCheck()
