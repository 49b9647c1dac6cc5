"""OUT's memory of its run: `OUT/run.json`, and what a later run may do with what OUT holds.

A class's output folder is one grading: one seed, one language, one set of options, one bank.
Every run reads the record first. A rerun without `--seed` reuses the recorded seed, without
`--lang` or `--timeout-scale` the recorded ones, without `--only` the recorded exercises. A run
whose `--only` names more exercises adds them: each student gets the new exercises graded and
merged into their results.json, the others kept. A run that would mix two gradings in one folder
(another seed, language, time scale, use of the reference solutions, or a changed spec or
reference solution of an exercise OUT holds) is refused, saying which and that `--force`
regrades every student (the selected exercises, and every exercise the change touches) instead.

run.json (schema 1; fields may be added, none removed or renamed):
```
{"schema": 1, "kind": "grader-batch-run", "grader_version": "0.1.0",
 "seed": 5, "lang": "en", "solutions_used": true, "timeout_scale": 1.0,
 "exercises": ["209", ...],          # every exercise graded into OUT, in bank order
 "bank": {"209": "<fingerprint>"},   # of each exercise's spec (and reference solution)
 "students": ["alice", ...],         # the students the last run found (its shard's)
 "shard": "1/4" | null, "policy": {"due", "late_penalty", "late_cap", "overrides", "times"},
 "exports": {"formats": ["canvas"], "assignment": "hw5" | null}, "created": ISO, "updated": ISO,
 "isolation": {"level": "namespaces" | "process", "why", "user_namespace", "limits",
               "limits_why"} | null,    # what the last run's jobs ran in (its first worker)
 "runs": [{"at": ISO, "command": "batch", "only": "219" | null, "force": false,
           "graded": 3, "seed": 5, "isolation": {...}}]}    # the last 100 runs, oldest first
```
An OUT written before run.json existed is read from its results.json files (their seed,
language and exercises), so that it, too, keeps its seed.

The seed, language and time scale are read from run.json as every option is read
(`settings`): a value that cannot be (an infinite time scale, which an earlier grader recorded
from `--timeout-scale inf`, a negative seed, an unknown language) is never graded with. A rerun
that would take it from the record is refused, naming it and what to give instead; a rerun
that gives that option with `--force` regrades every student with the value given.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping

from ..atomic import write_atomic
from .. import settings as options
from ..bank.ids import id_key
from ..bank.spec import ExerciseSpec
from ..grading.options import INHERITED, NAMES, Options
from ..version import __version__

SCHEMA = 1
FILE = "run.json"
RUN_KIND = "grader-batch-run"
"""run.json's `kind`: what tells it from any other run.json"""
KEPT_RUNS = 100


class RecordError(ValueError):
    """OUT's record cannot be read, or this run would mix two gradings in OUT (says which and
    the flag that allows it)."""


@dataclass(frozen=True)
class Settings:
    """What every result in OUT must share: the random inputs and how they were judged."""

    seed: int
    lang: str
    solutions_used: bool
    timeout_scale: float

    @classmethod
    def merge(cls, asked: Options, recorded: Record | None, new_seed) -> Settings:
        """This run's settings: each that a rerun inherits (INHERITED) as this run gave it,
        else as OUT's record says, else as this run made it (its default; a seed drawn now by
        `new_seed()`)."""
        def chosen(name: str):
            kept = getattr(recorded, name) if recorded is not None else None
            return getattr(asked, name) if name in asked.given or kept is None else kept

        seed = chosen("seed")
        return cls(new_seed() if seed is None else seed, chosen("lang"),
                   asked.solutions is not None, chosen("timeout_scale"))

    def applied(self, options: Options) -> Options:
        """`options` graded under these settings (the rest as the run made them)."""
        return dataclasses.replace(options, seed=self.seed, lang=self.lang,
                                   timeout_scale=self.timeout_scale)

    def fingerprint(self) -> str:
        """Recorded in each results.json: a result with another is out of date."""
        text = repr((__version__, self.seed, self.lang, self.solutions_used,
                     float(self.timeout_scale)))
        return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Record:
    seed: int | None
    lang: str | None
    solutions_used: bool | None
    timeout_scale: float | None
    exercises: tuple[str, ...]
    bank: Mapping[str, str] = field(default_factory=dict)
    students: tuple[str, ...] = ()
    shard: str | None = None
    policy: Mapping = field(default_factory=dict)
    exports: Mapping = field(default_factory=dict)
    created: str = ""
    runs: tuple = ()
    legacy: bool = False
    """read from results.json files (an OUT from before run.json), not from a run.json"""
    invalid: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """run.json's settings that cannot be (their field then None): field -> (the value as
    written, why it cannot be)"""


@dataclass(frozen=True)
class Plan:
    """What this run grades, under which settings."""

    settings: Settings
    targets: tuple[ExerciseSpec, ...]
    """every exercise each student's results must hold after the run, in bank order"""
    forced: frozenset[str]
    """exercises regraded for every student even when up to date (--force)"""
    bank: Mapping[str, str]
    """exercise id -> fingerprint of its spec and reference solution, for the targets"""
    notes: tuple[tuple[str, dict], ...] = ()
    """what the run decided from OUT's record, for the user: (key of render.words.PROGRESS,
    fields)"""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def exercise_fingerprint(spec: ExerciseSpec, solutions: Path | None) -> str:
    """The spec as loaded (not where its file lies) and, when used, its reference solution."""
    digest = hashlib.sha256(repr(dataclasses.replace(spec, source="")).encode())
    if solutions is not None:
        try:
            digest.update((solutions / spec.filename).read_bytes())
        except OSError:
            digest.update(b"\0no solution")
    return digest.hexdigest()[:32]


OUTPUTS = {"summary.json", "gradebook.csv", "index.html"}
"""what any batch, even one from before run.json, wrote into OUT"""
LOCK = ".grader-lock"
"""held by the run writing OUT (lock.py); it says nothing of what OUT holds"""


def is_out(out: Path) -> bool:
    """Whether `out` can be (or is) a batch's output: absent, empty, or holding one."""
    if not out.is_dir():
        return not out.exists()
    names = {e.name for e in out.iterdir()} - {LOCK}
    return not names or FILE in names or bool(OUTPUTS & names)


def read(out: Path, role: str = "--out ") -> Record | None:
    """OUT's record; None for a new or empty OUT. RecordError when OUT is a folder of other
    things (whose index.html or CSV a batch would overwrite)."""
    path = out / FILE
    if out.is_dir() and not path.exists():
        found = [e.name for e in sorted(out.iterdir()) if e.name != LOCK]
        if found and not OUTPUTS & set(found) and not any(out.glob("*/results.json")):
            raise RecordError(f"{role}{out} holds files that are not a grader's output (such as "
                              f"{found[0]}): choose a new or empty folder")
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("kind") != RUN_KIND:
                raise ValueError("not a grader's run record")
            checked, invalid = _settings(data)
            return Record(
                **checked, solutions_used=data.get("solutions_used"),
                exercises=tuple(str(i) for i in data.get("exercises") or ()),
                bank={str(k): str(v) for k, v in (data.get("bank") or {}).items()},
                students=tuple(str(n) for n in data.get("students") or ()),
                shard=data.get("shard"), policy=dict(data.get("policy") or {}),
                exports=dict(data.get("exports") or {}),
                created=str(data.get("created") or ""), runs=tuple(data.get("runs") or ()),
                invalid=invalid)
        except (OSError, ValueError, TypeError, AttributeError) as e:
            raise RecordError(f"{path} cannot be read ({e}): restore it, or remove it to let "
                              "the results in the folder say how it was graded") from None
    return _from_results(out)


RECORDED = {"seed": (options.seed, "N"), "lang": (options.lang, "en"),
            "timeout_scale": (options.timeout_scale, "1")}
"""run.json's settings, those a rerun inherits (INHERITED): field -> (its reader, a value to
show)"""


def _settings(data: dict) -> tuple[dict, dict[str, tuple[str, str]]]:
    """run.json's seed, language and time scale, read as the options are (None where absent
    or where the value cannot be), and for each that cannot be: its value, and why."""
    checked, invalid = {}, {}
    for name, (read, _) in RECORDED.items():
        try:
            checked[name] = read(data.get(name), f"run.json's {name}")
        except options.SettingError as e:
            checked[name], invalid[name] = None, (options.shown(data.get(name)), str(e))
    return checked, invalid


def _from_results(out: Path) -> Record | None:
    """The record of an OUT written before run.json: the most common seed and language of its
    results, and every exercise they hold."""
    seeds, langs, solutions, ids = Counter(), Counter(), Counter(), {}
    for path in sorted(out.glob("*/results.json")) if out.is_dir() else ():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        seed = _int(data.get("seed"))
        if seed is not None and 0 <= seed < options.SEED_LIMIT:
            seeds[seed] += 1
        langs[data.get("lang") if data.get("lang") in options.LANGS else "en"] += 1
        solutions[bool(data.get("solutions_used"))] += 1
        for e in data.get("exercises") or ():
            if isinstance(e, dict):
                ids.setdefault(str(e.get("id")), None)
    if not seeds:
        return None
    return Record(seed=seeds.most_common(1)[0][0], lang=langs.most_common(1)[0][0],
                  solutions_used=solutions.most_common(1)[0][0], timeout_scale=None,
                  exercises=tuple(sorted(ids, key=id_key)), legacy=True)


def plan(record: Record | None, bank: list[ExerciseSpec], selection: list[ExerciseSpec] | None,
         asked: Options, force: bool, new_seed) -> Plan:
    """This run's settings and exercises from OUT's record and the run's options (`asked`), or
    RecordError when they would mix two gradings without --force. `selection` is None without
    --only; `new_seed()` draws a seed for a new OUT. Its three steps: the exercises
    (`_targets`), the settings (`Settings.merge`), and what changed since OUT was graded
    (`_differences`, `_changed`), which only --force regrades."""
    chosen, targets = _targets(record, bank, selection)
    ids = {s.id for s in targets}
    fingerprints = {s.id: exercise_fingerprint(s, asked.solutions) for s in targets}
    settings = Settings.merge(asked, record, new_seed)
    if record is None:
        return Plan(settings, targets, frozenset(), fingerprints)
    differences = _differences(record, asked)  # another seed, language or option: all regraded
    changed = _changed(record, asked, fingerprints)
    said = differences + ([f"another version of {_names(changed)} (its spec or reference "
                           "solution changed since)"] if changed else [])
    if said and not force:
        raise _mixed(said, changed)
    forced = frozenset(ids) if differences else frozenset(chosen if force else ()) | set(changed)
    return Plan(settings, targets, forced, fingerprints,
                _notes(record, asked, settings, chosen, said))


def _targets(record: Record | None, bank: list[ExerciseSpec],
             selection: list[ExerciseSpec] | None) -> tuple[list[str], tuple[ExerciseSpec, ...]]:
    """What this run selects (--only, else what OUT holds, else the whole bank) and every
    exercise OUT holds after it, in bank order; RecordError when OUT holds exercises the bank
    lacks."""
    by_id = {s.id: s for s in bank}
    recorded = list(record.exercises) if record else []
    chosen = [s.id for s in selection] if selection is not None else (recorded or list(by_id))
    absent = [i for i in recorded if i not in by_id]
    if absent:
        raise RecordError(
            f"the output folder holds results of {_names(absent)}, which this bank lacks: "
            "grade with the bank it was graded with (--exercises DIR), or into another --out")
    ids = set(recorded) | set(chosen)
    return chosen, tuple(s for s in bank if s.id in ids)


def _changed(record: Record, asked: Options, fingerprints: Mapping[str, str]) -> list[str]:
    """The exercises OUT holds whose spec or reference solution changed since."""
    # a fingerprint holds the reference solution only where one is used: with the solutions'
    # use changed (a difference of its own), the two cannot be compared and nothing is known
    # to have changed
    if record.solutions_used is not None and \
            record.solutions_used != (asked.solutions is not None):
        return []
    return [i for i in sorted(fingerprints, key=id_key)
            if i in record.bank and record.bank[i] != fingerprints[i]]


def _mixed(differences: list[str], changed: list[str]) -> RecordError:
    """The refusal of a run that would mix two gradings, with what --force would regrade."""
    only = f" --only {','.join(changed)}" if changed and len(differences) == 1 else ""
    return RecordError(
        "the output folder was graded with " + "; ".join(differences)
        + ": a run here would mix two gradings. Add --force to regrade every student"
        + (f" (with{only} --force, only {_names(changed)})" if only else "")
        + ", or grade into another --out")


def _notes(record: Record, asked: Options, settings: Settings, chosen: list[str],
           differences: list[str]) -> tuple[tuple[str, dict], ...]:
    """What the run says of its plan (keys of render.words.PROGRESS, and their fields)."""
    notes = []
    if differences:
        notes.append(("regrading_all", {"differences": "; ".join(differences)}))
    if "seed" not in asked.given:
        notes.append(("recorded_seed", {"seed": settings.seed}))
    added = [i for i in chosen if i not in record.exercises]
    if added and record.exercises:
        notes.append(("adding", {"names": _names(added), "count": len(record.exercises)}))
    return tuple(notes)


def _given(asked: Options) -> dict:
    """What this run gave of the settings a rerun inherits (None: left to OUT's record)."""
    return {name: getattr(asked, name) if name in asked.given else None for name in INHERITED}


def _differences(record: Record, asked: Options) -> list[str]:
    """How OUT was graded otherwise than this run asks: each a reason to regrade every
    student, which only --force allows."""
    given = _given(asked)
    differences = _unusable(record, given)
    if given["seed"] is not None and record.seed is not None and given["seed"] != record.seed:
        differences.append(f"seed {record.seed}, not {given['seed']} (leave out --seed to "
                           f"reuse {record.seed})")
    if given["lang"] and record.lang and given["lang"] != record.lang:
        differences.append(f"--lang {record.lang}, not {given['lang']}")
    if given["timeout_scale"] is not None and record.timeout_scale is not None \
            and given["timeout_scale"] != record.timeout_scale:
        differences.append(f"--timeout-scale {record.timeout_scale:g}, not "
                           f"{given['timeout_scale']:g}")
    if record.solutions_used is not None and record.solutions_used != (asked.solutions
                                                                       is not None):
        differences.append("the reference solutions (this run has none: give --solutions DIR "
                           "to use them again)" if record.solutions_used
                           else "no reference solutions (this run has them)")
    return differences


def _unusable(record: Record, given: dict) -> list[str]:
    """The record's settings that cannot be and that this run gives anew: differences, which
    --force allows (every student is then regraded). RecordError for one this run would take
    from the record: no run grades with it."""
    differences = []
    for name, (value, why) in record.invalid.items():
        flag, example = NAMES[name], RECORDED[name][1]
        if given[name] is None:
            raise RecordError(
                f"{why}. Nothing is graded with it: give {flag} {example} --force to regrade "
                f"every student with {example}, or grade into another --out")
        differences.append(f"{flag} {value} (which cannot be), not {given[name]:g}"
                           if name == "timeout_scale" else
                           f"{flag} {value} (which cannot be), not {given[name]}")
    return differences


def write(out: Path, settings: Settings, exercises: list[str], bank: Mapping[str, str],
          record: Record | None, *, students: list[str], only: str | None, force: bool,
          policy: Mapping, exports: Mapping, shard: str | None, command: str = "batch",
          graded: int | None = None, isolation: Mapping | None = None) -> dict:
    """OUT/run.json (written before grading starts, and again with the count when it ends).
    `isolation`: what this run's jobs run in (the top-level `isolation` is the last run's)."""
    runs = list(record.runs) if record else []
    if graded is not None and runs and runs[-1].get("graded") is None \
            and runs[-1].get("command") == command:
        runs[-1] = {**runs[-1], "graded": graded}
    else:
        runs.append({"at": now(), "command": command, "only": only, "force": force,
                     "graded": graded, "seed": settings.seed,
                     "isolation": None if isolation is None else dict(isolation)})
    data = {
        "schema": SCHEMA, "kind": RUN_KIND, "grader_version": __version__,
        "seed": settings.seed, "lang": settings.lang,
        "solutions_used": settings.solutions_used, "timeout_scale": settings.timeout_scale,
        "exercises": list(exercises), "bank": dict(bank), "students": sorted(students),
        "shard": shard, "policy": dict(policy), "exports": dict(exports),
        "isolation": None if isolation is None else dict(isolation),
        "created": record.created if record and record.created else now(),
        "updated": now(), "runs": runs[-KEPT_RUNS:],
    }
    write_atomic(out / FILE, json.dumps(data, ensure_ascii=False, indent=1))
    return data


def _names(ids: list[str]) -> str:
    return ", ".join(f"p{i}" for i in ids)


def _int(x) -> int | None:
    return x if isinstance(x, int) and not isinstance(x, bool) else None
