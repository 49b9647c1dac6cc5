"""Students whose code for an exercise is alike beyond what everyone was given, ranked.

Three steps, each working from what OUT holds so that a resumed run and a merge of shards find
the same pairs as one run:

1. `record`: after grading, each student's `OUT/<student>/similarity.json` holds, per exercise,
   the text of their `p<ID>.py` (bounded) and its winnowed fingerprints (`winnowing`) less those
   of the code everyone has (`shared_code`): the stubs, the specs' prompts, check code and
   hints, and the course's own code (the reference solutions and their known mistakes, when
   `solutions/` is at hand), of every exercise graded. It is rewritten only when the
   submission's files, the bank or the solutions changed.
2. `find`: per exercise, fingerprints that more than COMMON_SHARE of the class share are
   dropped too (what many students write alike is no one's copy: MOSS's `-m`); a pair's
   similarity is the number of fingerprints the two share over the smaller number either has.
   Pairs with at least MIN_SHARED shared fingerprints and a similarity of THRESHOLD or more are
   ranked, highest first.
3. `write_pages`: one page per pair, the two files side by side with the shared lines marked.

`run.finish` calls `report` (steps 2 and 3) for summary.json's `similarity`; `run.run_batch`
calls `record` once grading is done.

Nothing of a student's code is imported or run: it is only tokenized. An exercise's text is
that of the source it was graded on (grading/sources/): its file, whatever its name, or its
notebook section.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import math
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import quote, unquote

from ..atomic import write_atomic
from ..bank.ids import id_key
from ..bank.spec import ExerciseSpec
from ..grading.sources import Resolution
from ..grading.sources.submission import SubmissionFiles
from ..openers import Refused
from . import winnowing
from .students import Student, opened, signature

PRINTS_FILE = "similarity.json"
PAGES = "similarity"
"""OUT/similarity/: one page per pair found"""
THRESHOLD = 0.5
"""similarity from which a pair is listed: half of the own fingerprints of the file with fewer
are in the other. Measured on built classes (docs/performance.md, "Similar code, measured"):
independent solutions reach 0.14, disguised copies 0.86 and more"""
MIN_SHARED = 5
"""fingerprints two files must share at least (about two lines of code beyond what everyone
has): below that, two short files alike by chance would rank as copies"""
COMMON_SHARE = 0.1
COMMON_MIN = 5
"""a fingerprint in more than max(COMMON_MIN, COMMON_SHARE x the students who wrote the
exercise) files is common code: many students write it alike"""
TEXTS = "texts-2"
"""names what an exercise's text is (`exercise_texts`): 2, an exercise found by its names in a
notebook is the cells that define them; fingerprints of other texts are made again"""
MAX_PAIRS = 200
"""pairs listed and drawn at most (the highest)"""


# -- 1. each student's fingerprints ----------------------------------------------------------

def shared_code(specs: list[ExerciseSpec], solutions: Path | None) -> frozenset[int]:
    """The fingerprints of what everyone has, of every exercise at once: code the course uses
    in one exercise (a constructor like Affine's, a method with three parameters after another
    method) is the course's in every exercise."""
    texts = []
    for spec in specs:
        texts += [spec.stub, spec.prompt.ko, spec.prompt.en]
        for check in spec.checks:
            texts += check.params.snippets
            if check.hint:
                texts += [check.hint.ko, check.hint.en]
        texts += [t for m in spec.mistakes for t in (m.hint.ko, m.hint.en)]
        if solutions is not None:
            for path in [solutions / spec.filename,
                         *sorted((solutions / "mistakes").glob(f"p{spec.id}_*.py"))]:
                try:
                    texts.append(path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    pass
    return frozenset(f.hash for text in texts for f in winnowing.fingerprints(text)[0])


def stamp(specs: list[ExerciseSpec], shared: frozenset[int]) -> str:
    """What a student's fingerprints depend on besides their files: the method, the exercises
    and what everyone has."""
    digest = hashlib.sha256(f"{winnowing.METHOD}\n{TEXTS}\n{[s.id for s in specs]}\n".encode())
    digest.update(",".join(map(str, sorted(shared))).encode())
    return digest.hexdigest()[:32]


def exercise_texts(files: SubmissionFiles, specs: list[ExerciseSpec],
                   bank: list[ExerciseSpec] | None = None) -> dict[str, str]:
    """exercise id -> the source text the student wrote for it, as graded (a misnamed file, a
    notebook's section); exercises they left out are absent. `bank`: every exercise (a
    notebook's sections are named by their exercises' kinds)."""
    resolution = Resolution(files, bank or specs)
    texts = {}
    for spec in specs:
        source = resolution.source(spec)
        if source.kind == "missing" or source.problem:
            continue
        written = resolution.written(spec)  # found by its names: not the whole notebook
        if written is None:
            data = source.overlay.get(source.file) or files.files.get(source.path or "")
            written = data.decode("utf-8", "replace") if data is not None else None
        if written is not None:
            texts[spec.id] = written
    return texts


def student_prints(texts: dict[str, str], shared: frozenset[int],
                   seen: dict | None = None) -> dict[str, dict]:
    """exercise id -> {text, prints: [[hash, first line, last line]], total, problem} of one
    student. `total` counts every fingerprint; `prints` keeps those not in the shared code.
    `seen` keeps what was found for texts met before (an untouched stub, a shared copy)."""
    found = {}
    seen = {} if seen is None else seen
    for ex_id, text in texts.items():
        if (ex_id, text) not in seen:
            prints, _, problem = winnowing.fingerprints(text)
            seen[ex_id, text] = {
                "text": text[:winnowing.MAX_CHARS],
                "prints": [[f.hash, f.first_line, f.last_line] for f in prints
                           if f.hash not in shared],
                "total": len(prints), "problem": problem}
        found[ex_id] = seen[ex_id, text]
    return found


def record(out: Path, students: list[Student], specs: list[ExerciseSpec],
           solutions: Path | None, bank: list[ExerciseSpec] | None = None) -> None:
    """Write OUT/<student>/similarity.json for each graded student whose file is missing or
    stale (their files or the bank changed since)."""
    shared = shared_code(specs, solutions)
    key = stamp(specs, shared)
    seen: dict = {}
    for student in students:
        folder = out / student.name
        if not (folder / "results.json").exists():
            continue  # not graded: no prints either
        source, _ = signature(student.source)
        old = _read(folder / PRINTS_FILE)
        if old and old.get("stamp") == key and old.get("source") == source:
            continue
        try:
            with opened(student) as job:
                texts = exercise_texts(job.files, specs, bank)
        except (Refused, OSError):
            texts = {}  # refused or unreadable: nothing to compare
        data = {"schema": 1, "stamp": key, "source": source,
                "exercises": student_prints(texts, shared, seen)}
        write_atomic(folder / PRINTS_FILE, json.dumps(data, ensure_ascii=False))


# -- 2. the class ----------------------------------------------------------------------------

def find(out: Path, names: list[str]) -> list[dict]:
    """The ranked pairs of the students `names` of OUT (see summary.json's `similarity`)."""
    recorded = {name: data for name in names if (data := _read(out / name / PRINTS_FILE))}
    # shards made with another bank or method are not comparable: the most common stamp wins
    stamps = Counter(d.get("stamp") for d in recorded.values())
    key = stamps.most_common(1)[0][0] if stamps else None
    by_exercise: dict[str, dict[str, dict]] = {}
    for name, data in recorded.items():
        if data.get("stamp") != key:
            continue
        exercises = data.get("exercises")
        for ex_id, entry in (exercises.items() if isinstance(exercises, dict) else ()):
            if _valid(entry):  # a file damaged by hand costs its student, not the summary
                by_exercise.setdefault(str(ex_id), {})[name] = entry
    pairs = [p for ex_id, files in by_exercise.items() for p in compare(ex_id, files)]
    pairs.sort(key=lambda p: (-p["similarity"], -p["shared"], id_key(p["exercise"]),
                              p["students"]))
    pairs = pairs[:MAX_PAIRS]
    taken: set[str] = set()
    for pair in pairs:  # "a--b" and "c" could name the same page as "a" and "b--c"
        name = _page_name(pair["exercise"], *pair["students"])
        while name in taken:
            name = name.replace(".html", "-.html")
        taken.add(name)
        pair["page"] = f"{PAGES}/{quote(name)}"
    return pairs


def compare(ex_id: str, files: dict[str, dict], threshold: float = THRESHOLD,
            min_shared: int = MIN_SHARED) -> list[dict]:
    """The pairs over the threshold among one exercise's files (student -> recorded entry)."""
    prints = {name: {p[0] for p in entry.get("prints") or []} for name, entry in files.items()}
    counts = Counter(h for hashes in prints.values() for h in hashes)
    limit = max(COMMON_MIN, math.ceil(COMMON_SHARE * len(prints)))
    common = {h for h, n in counts.items() if n > limit}
    holders: dict[int, list[str]] = {}
    for name in sorted(prints):
        prints[name] -= common
        for h in prints[name]:
            holders.setdefault(h, []).append(name)
    shared: Counter = Counter()
    for names in holders.values():
        shared.update(itertools.combinations(names, 2))
    found = []
    for (a, b), n in shared.items():
        similarity = n / min(len(prints[a]), len(prints[b]))
        if n >= min_shared and similarity >= threshold:
            both = prints[a] & prints[b]
            found.append({
                "exercise": ex_id, "students": [a, b], "similarity": round(similarity, 3),
                "shared": n, "lines": [_lines(files[a], both), _lines(files[b], both)],
                "page": f"{PAGES}/{quote(_page_name(ex_id, a, b))}"})  # `find` makes it unique
    return found


def _valid(entry) -> bool:
    prints = entry.get("prints") if isinstance(entry, dict) else None
    return isinstance(prints, list) and all(
        isinstance(p, list) and len(p) == 3 and all(type(x) is int for x in p) for p in prints)


def _lines(entry: dict, hashes: set[int]) -> list[list[int]]:
    """The line ranges [first, last] of a file that the shared fingerprints cover, merged."""
    spans = sorted((p[1], p[2]) for p in entry.get("prints") or [] if p[0] in hashes)
    merged: list[list[int]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return merged


# -- 3. the pages ----------------------------------------------------------------------------

def report(out: Path, results: list[dict], enabled: bool = True) -> list[dict] | None:
    """summary.json's `similarity` (the ranked pairs of the students of `results`), with a page
    for each pair; None, and no pages, when similarity is off."""
    if not enabled:
        shutil.rmtree(out / PAGES, ignore_errors=True)
        return None
    pairs = find(out, [str(r.get("submission")) for r in results])
    lang = next((r.get("lang") for r in results if r.get("lang")), None) or "en"
    write_pages(out, pairs, lang)
    return pairs


def write_pages(out: Path, pairs: list[dict], lang: str) -> None:
    """OUT/similarity/<pair>.html for each pair, the two files side by side; pages of pairs no
    longer found are removed."""
    from ..render import html

    folder = out / PAGES
    shutil.rmtree(folder, ignore_errors=True)
    if not pairs:
        return
    folder.mkdir(parents=True, exist_ok=True)
    texts: dict[str, dict] = {}
    for pair in pairs:
        sides = []
        for name in pair["students"]:
            if name not in texts:
                texts[name] = (_read(out / name / PRINTS_FILE) or {}).get("exercises") or {}
            sides.append((texts[name].get(pair["exercise"]) or {}).get("text") or "")
        try:
            page = html.similarity_page(pair, sides[0], sides[1], lang)
        except Exception as e:  # a page that cannot be drawn never costs the summary
            page = f"<!doctype html><meta charset=utf-8><p>The page could not be drawn: {e!r}</p>"
        write_atomic(out / unquote(pair["page"]), page)


def _page_name(ex_id: str, a: str, b: str) -> str:
    return f"p{ex_id}--{a}--{b}.html"


def _read(path: Path) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
