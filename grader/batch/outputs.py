"""What a class's OUT holds besides the students' results, and the merge of shards.

`finish` writes summary.json, gradebook.csv, statuses.csv, index.html and the chosen LMS exports
from the results.json files in OUT (so a resumed run and a merge compute them the same way as
one run), after re-applying the instructor's policies to every student's results (their
`adjusted`, rewritten only where it changed). `merge` puts shards' (or any batch outputs')
students into one OUT after checking that they are one grading (record.py), then finishes it.
"""
from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..atomic import write_atomic
from ..bank.ids import id_key
from ..bank.spec import ExerciseSpec
from . import gradebook, lms, record as records, similarity, summary
from .lock import OutLock, hold
from .policy import Given, Policy, build as build_policy

CLASS_PAGE = "../index.html"
"""a student's page links back to the dashboard (one folder up) when it is part of a class"""


def results_path(out: Path, name: str) -> Path:
    return out / name / "results.json"


def write_student(out: Path, result: dict, class_page: bool = False) -> None:
    """report.html, then results.json (whose presence means the student is done)."""
    from ..render import html  # jinja2 templates: loaded once, on the first student

    folder = out / result["submission"]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        page = html.student_report(result, class_page=CLASS_PAGE if class_page else None)
    except Exception as e:  # a report that cannot be drawn never costs the result
        page = f"<!doctype html><meta charset=utf-8><p>The report could not be drawn: {e!r}</p>"
    write_atomic(folder / "report.html", page)
    write_atomic(folder / "results.json", json.dumps(result, ensure_ascii=False, indent=1))


def finish(out: Path, names: list[str], specs: list[ExerciseSpec] | None = None,
           policy: Policy = Policy(), exports: lms.Exports = lms.Exports(),
           seed: int | None = None, find_similar: bool = True) -> tuple[dict, list[str]]:
    """The class's outputs from the results.json of `names` in OUT; (summary, warnings).
    `find_similar`: compare the students' recorded fingerprints (similarity.json)."""
    results, ungraded, graded = [], [], {}
    for name in names:
        full = _load(results_path(out, name))
        if full is None:
            ungraded.append(name)
            continue
        adjusted = policy.adjust(full)
        if full.get("adjusted") != adjusted:  # a policy or a file of the instructor changed
            full.pop("adjusted", None)
            if adjusted is not None:
                full["adjusted"] = adjusted
            write_student(out, full, class_page=True)
        graded[name] = {str(e.get("id")) for e in full.get("exercises") or ()
                        if isinstance(e, dict)}
        results.append(summary.slim(full))
    active = policy.late is not None or bool(policy.overrides)
    data = summary.build(results, specs, ungraded, seed=seed,
                         policy=policy.record() if active else None)
    data["similarity"] = similarity.report(out, results, find_similar)
    write_atomic(out / "summary.json", json.dumps(data, ensure_ascii=False, indent=1))
    write_atomic(out / "gradebook.csv",
                 gradebook.gradebook(results, ungraded, late=policy.late is not None))
    write_atomic(out / "statuses.csv", gradebook.statuses(results, ungraded))
    from ..render import html

    links = {r["submission"]: f"{quote(r['submission'])}/report.html" for r in results}
    try:
        page = html.dashboard(data, results, links)
    except Exception as e:  # the gradebook and summary are written; the page says what broke
        page = f"<!doctype html><meta charset=utf-8><p>The dashboard could not be drawn: {e!r}</p>"
    write_atomic(out / "index.html", page)
    totals = [(r["submission"], r["score"]) for r in sorted(results, key=lambda r: r["submission"])]
    warnings = policy.unused(graded)
    warnings += exports.write(out, totals, data["max_score"])
    return data, warnings


def _load(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("exercises"), list) else None


# -- merging batch outputs ----------------------------------------------------------------------

@dataclass(frozen=True)
class MergeSetup:
    chosen: dict[str, Path]
    """student -> the folder whose results are kept (the newest)"""
    roster: tuple[str, ...]
    """every student the inputs found, graded or not"""
    settings: records.Settings | None
    exercises: tuple[str, ...]
    bank: dict[str, str]
    record: records.Record | None
    """OUT's own, before the merge"""
    policy: Policy
    exports: lms.Exports
    warnings: list[str] = field(default_factory=list)
    lock: OutLock | None = None
    """OUT's (one run at a time), given up at the end of `merge`"""


def prepare_merge(inputs: list[Path], out: Path, force: bool = False,
                  given: Given = Given(), exports: lms.Given = lms.Given()) -> MergeSetup:
    """Take OUT's lock, check that the inputs (and what OUT holds) are one grading, and choose
    each student's newest results; raises RecordError (without --force, or when another run
    holds OUT), PolicyError or RosterError."""
    lock = hold(out)
    try:
        return dataclasses.replace(_prepare_merge(inputs, out, force, given, exports), lock=lock)
    except BaseException:
        lock.release(undo=True)
        raise


def _prepare_merge(inputs: list[Path], out: Path, force: bool, given: Given,
                   exports: lms.Given) -> MergeSetup:
    target = out.resolve()
    own = records.read(out) if out.is_dir() else None
    sources = [(folder, records.read(folder, role="")) for folder in inputs
               if folder.resolve() != target]
    every = [(folder, r) for folder, r in sources if r is not None]
    if own is not None:
        every.append((out, own))
    settings, bank, conflicts = None, {}, []
    for folder, r in every:
        mine = records.Settings(r.seed, r.lang or "en", bool(r.solutions_used),
                                r.timeout_scale if r.timeout_scale is not None else 1.0) \
            if r.seed is not None else None
        if mine is not None and settings is None:
            settings, first = mine, folder
        elif mine is not None and (mine.seed, mine.lang, mine.solutions_used) != \
                (settings.seed, settings.lang, settings.solutions_used):
            conflicts.append(f"{first} has seed {settings.seed} ({settings.lang}) and {folder} "
                             f"seed {mine.seed} ({mine.lang})")
        for ex_id, fp in r.bank.items():
            if bank.setdefault(ex_id, fp) != fp:
                conflicts.append(f"p{ex_id} was graded with two versions of its spec")
    if conflicts and not force:
        raise records.RecordError(
            "these outputs are not one grading (" + "; ".join(dict.fromkeys(conflicts))
            + "): grade every shard with one --seed and one bank, or add --force to merge "
            "them anyway")
    chosen: dict[str, Path] = {}
    warnings = []
    for folder in [f for f, _ in sources] + ([out] if out.is_dir() else []):
        for results in sorted(folder.glob("*/results.json")):
            name = results.parent.name
            if name in chosen and chosen[name].resolve() != results.parent.resolve():
                newer = max(chosen[name], results.parent,
                            key=lambda p: (p / "results.json").stat().st_mtime_ns)
                if folder.resolve() != target:  # OUT's own copy is no news
                    warnings.append(f"{name} is in {chosen[name].parent} and {folder}: "
                                    f"the newer, from {newer.parent}, is kept")
                chosen[name] = newer
            else:
                chosen.setdefault(name, results.parent)
    exercises = {i for _, r in every for i in r.exercises}
    roster = set(chosen) | {n for _, r in every for n in r.students}
    folders = [f for f, _ in sources]
    return MergeSetup(
        chosen=chosen, roster=tuple(sorted(roster)), settings=settings,
        exercises=tuple(sorted(exercises, key=id_key)), bank=bank, record=own,
        policy=build_policy(out, own.policy if own else _agreed(every, "policy"), given,
                            folders),
        exports=lms.build(out, own.exports if own else _agreed(every, "exports"), exports,
                          folders),
        warnings=warnings)


def _agreed(every, field_name: str) -> dict:
    """The inputs' recorded policy (or exports) when they all recorded the same, else none."""
    found = [dict(getattr(r, field_name)) for _, r in every if getattr(r, field_name)]
    return found[0] if found and all(f == found[0] for f in found) else {}


def merge(out: Path, setup: MergeSetup, specs: list[ExerciseSpec] | None = None,
          force: bool = False, find_similar: bool = True) -> tuple[dict, list[str]]:
    """Copy the chosen students into OUT, write its record and outputs; (summary, warnings);
    then give OUT's lock up."""
    try:
        return _merge(out, setup, specs, force, find_similar)
    finally:
        if setup.lock is not None:
            setup.lock.release()


def _merge(out: Path, setup: MergeSetup, specs: list[ExerciseSpec] | None, force: bool,
           find_similar: bool) -> tuple[dict, list[str]]:
    out.mkdir(exist_ok=True)
    setup.policy.save(out)
    setup.exports.save(out)
    for name, source in setup.chosen.items():
        target = out / name
        if source.resolve() == target.resolve():
            continue
        target.mkdir(parents=True, exist_ok=True)
        # results.json last: it means done
        for file in ("report.html", similarity.PRINTS_FILE, "results.json"):
            if (source / file).exists():
                write_atomic(target / file, (source / file).read_text(encoding="utf-8"))
                shutil.copystat(source / file, target / file)
            elif file == similarity.PRINTS_FILE:  # an older one of this OUT is not the student's
                (target / file).unlink(missing_ok=True)
    if setup.settings is not None:
        records.write(out, setup.settings, list(setup.exercises), setup.bank, setup.record,
                      students=list(setup.roster), only=None, force=force,
                      policy=setup.policy.record(), exports=setup.exports.record(), shard=None,
                      command="merge", graded=len(setup.chosen))
    data, warnings = finish(out, list(setup.roster), specs, setup.policy, setup.exports,
                            seed=setup.settings.seed if setup.settings else None,
                            find_similar=find_similar)
    return data, setup.warnings + warnings
