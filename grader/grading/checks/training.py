"""training: the grader trains the student's networks on the bundled digits and judges accuracy.

The student's process sends predicted classes; accuracies are computed here, against labels that
never enter that process.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import phrases
from ...bank.spec import TrainingParams
from ..sandbox.training import DIGITS
from .base import BadData, CheckRun, Verdict, decode, raised


@lru_cache(maxsize=1)
def labels() -> tuple[np.ndarray, np.ndarray]:
    with np.load(DIGITS, allow_pickle=False) as data:
        return data["t_train"].astype(int), data["t_test"].astype(int)


class TrainingCheck:
    kind, params = "training", TrainingParams
    label = {"en": "training", "ko": "학습"}
    needs_reference, evidence, expressions, runs_the_class = False, "", False, True

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
                return Verdict("failed", phrases.say(
                    "accuracy", lang, model=name, accuracy=final[name], least=least,
                    iterations=t.iterations), values, data=data)
        for better, worse in t.beats:
            if not final[better] > final[worse]:
                return Verdict("failed", phrases.say(
                    "beats", lang, better=better, worse=worse, a=final[better], b=final[worse],
                    iterations=t.iterations), values, data=data)
        return Verdict("passed", "", values, data=data)
