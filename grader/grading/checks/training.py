"""training: the grader trains the student's networks on the bundled digits and judges accuracy.

The student's process sends predicted classes; accuracies are computed here, against labels that
never enter that process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import numpy as np

from .. import phrases
from ..phrases import word
from ..sandbox.training import DIGITS
from ...bank.reader import Reader, compile_snippet
from ...bank.spec import Tolerance
from .base import BadData, CheckRun, Verdict, decode, raised

TEXTS = {
    "accuracy": {"en": "{model}: test accuracy {accuracy:.4f} after {iterations} iterations of the "
                       "grader's training, expected at least {least:.4f}",
                 "ko": "{model}: 채점기가 {iterations}번 학습한 뒤 시험 정확도가 {accuracy:.4f}입니다; "
                       "{least:.4f} 이상이어야 합니다"},
    "beats": {"en": "{better} should beat {worse} after {iterations} iterations, but reached "
                    "{a:.4f} against {b:.4f}",
              "ko": "{iterations}번 학습한 뒤 {better}가 {worse}보다 정확해야 하는데 {a:.4f} 대 "
                    "{b:.4f}입니다"},
}
"""its words for students, key -> {en, ko}"""


@dataclass(frozen=True)
class TrainingParams:
    models: Mapping[str, str]
    """name -> expression building the student's network (after np.random.seed(init_seed))"""
    iterations: int
    batch_size: int
    learning_rate: float
    evaluate_every: int
    init_seed: int
    seed: int
    """the batches' seed"""
    thresholds: Mapping[str, float]
    """name -> the least final test accuracy"""
    beats: tuple[tuple[str, str], ...]
    """(a, b): a's final test accuracy must be above b's"""

    kind = "training"

    @property
    def snippets(self) -> tuple[str, ...]:
        return ()  # expressions that build a network: no code a student's file shares


def parse(r: Reader, tolerance: Tolerance) -> TrainingParams:
    models = r.get("models", dict)
    if not models:
        r.fail("models", "name at least one network to train")
    for name, expression in models.items():
        if not isinstance(expression, str):
            r.fail(f"models.{name}", "expected an expression")
        compile_snippet(expression, "eval", lambda p: r.fail(f"models.{name}", p))
    counts = {key: r.get(key, int, default) for key, default in
              (("iterations", ...), ("batch_size", 100), ("evaluate_every", 100),
               ("init_seed", 0), ("seed", 0))}
    if min(counts["iterations"], counts["batch_size"], counts["evaluate_every"]) < 1:
        r.fail("iterations", "iterations, batch_size and evaluate_every must be at least 1")
    thresholds = r.get("thresholds", dict, {})
    for name, value in thresholds.items():
        if name not in models or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            r.fail(f"thresholds.{name}", "must name a model and be an accuracy in [0, 1]")
    beats = r.get("beats", list, [])
    for pair in beats:
        if not (isinstance(pair, list) and len(pair) == 2 and set(pair) <= set(models)):
            r.fail("beats", "each item is a pair of model names [better, worse]")
    return TrainingParams(models=dict(models), learning_rate=r.get("learning_rate", float, 0.1),
                          thresholds={k: float(v) for k, v in thresholds.items()},
                          beats=tuple(tuple(p) for p in beats), **counts)


@lru_cache(maxsize=1)
def labels() -> tuple[np.ndarray, np.ndarray]:
    with np.load(DIGITS, allow_pickle=False) as data:
        return data["t_train"].astype(int), data["t_test"].astype(int)


class TrainingCheck:
    kind, params, exercise_kind = "training", TrainingParams, "api"
    fields = frozenset({"models", "iterations", "batch_size", "learning_rate", "evaluate_every",
                        "init_seed", "seed", "thresholds", "beats"})
    tolerance = None
    label = {"en": "training", "ko": "학습"}
    kind_word = {"en": "training", "ko": "학습"}
    texts = TEXTS
    needs_reference, evidence, expressions, runs_the_class = False, "", False, True
    parse = staticmethod(parse)

    def task(self, spec, inputs, seed):
        t = spec.params
        return {"routine": "training", "models": dict(t.models), "iterations": t.iterations,
                "batch_size": t.batch_size, "learning_rate": t.learning_rate,
                "evaluate_every": t.evaluate_every, "init_seed": t.init_seed, "seed": t.seed}

    def judge(self, run: CheckRun) -> Verdict:
        t, lang = run.spec.params, run.lang
        if run.raw.get("error"):
            return raised(run, run.raw["error"])
        t_train, t_test = labels()
        curves = {}
        try:
            for name in t.models:
                model = run.raw["models"][name]
                train_pred = np.asarray(decode(model, "train_pred"))
                test_pred = np.asarray(decode(model, "test_pred"))
                curves[name] = {
                    "iterations": [int(i) for i in decode(model, "iterations")],
                    "train": [float(a) for a in np.mean(train_pred == t_train, axis=1)],
                    "test": [float(a) for a in np.mean(test_pred == t_test, axis=1)]}
        except (BadData, KeyError, TypeError, ValueError) as e:
            return Verdict("error", phrases.say("unreadable", lang, problem=e))
        final = {name: c["test"][-1] for name, c in curves.items()}
        values = {"curves": curves, **{f"acc_{n}": a for n, a in final.items()}}
        data = {"curves": curves}
        for name, least in t.thresholds.items():
            if not final[name] >= least:
                return Verdict("failed", word(
                    TEXTS, "accuracy", lang, model=name, accuracy=final[name], least=least,
                    iterations=t.iterations), values, data=data)
        for better, worse in t.beats:
            if not final[better] > final[worse]:
                return Verdict("failed", word(
                    TEXTS, "beats", lang, better=better, worse=worse, a=final[better], b=final[worse],
                    iterations=t.iterations), values, data=data)
        return Verdict("passed", "", values, data=data)


KIND = TrainingCheck()
