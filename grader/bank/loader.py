"""YAML -> ExerciseSpec, checked on load.

Every problem is a SpecError naming the file, the field and what is wrong, so that a bad spec is
exit 2 with a message, never a traceback. What each check kind reads is its own: its module
of `grading/checks/` has its fields and parser.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..grading.checks import JUDGES
from .reader import Reader, SpecError, read_dims, read_input, read_names, read_tolerance
from .spec import EXERCISE_KINDS, VISIBILITIES, CheckSpec, ExerciseSpec, MistakeSpec, Tolerance

__all__ = ["SpecError", "load_exercise"]

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (five times faster: the bank loads on every
`grader check`), the pure-Python one otherwise; both build only plain data"""

DEFAULT_TIMEOUT = 5.0
DEFAULT_TOLERANCE = Tolerance(rtol=1e-6, atol=1e-9)
COMMON_FIELDS = frozenset({"name", "kind", "label", "hint", "weight", "timeout", "tolerance",
                           "visibility"})
_ID = re.compile(r"^\d{1,6}$")
_MISTAKE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def load_exercise(path: Path) -> ExerciseSpec:
    source = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise SpecError(source, "(file)", f"cannot be read as YAML: {e}") from None
    r = Reader(source, data)
    r.known({"id", "kind", "points", "title", "prompt", "stub", "checks", "defines", "aliases",
             "timeout", "tolerance", "mistakes", "needs", "hidden_checks"})
    ex_id = str(r.get("id", (int, str)))
    if not _ID.match(ex_id):
        r.fail("id", f"{ex_id!r} is not an exercise number")
    if path.stem != f"p{ex_id}":
        r.fail("id", f"{ex_id} does not match the file name {path.name} (expected p{ex_id}.yaml)")
    kind = r.get("kind", str)
    if kind not in EXERCISE_KINDS:
        r.fail("kind", f"{kind!r} is not one of {', '.join(EXERCISE_KINDS)}")
    points = r.get("points", float, 1.0)
    if points <= 0:
        r.fail("points", "must be positive")
    timeout = r.get("timeout", float, DEFAULT_TIMEOUT)
    if timeout <= 0:
        r.fail("timeout", "must be positive")
    tolerance = read_tolerance(r, DEFAULT_TOLERANCE)
    defines = tuple(read_names(r, "defines"))
    if kind == "api" and not defines:
        r.fail("defines", "an api exercise must name what the student's file defines")
    aliases = {}
    for name, spellings in r.get("aliases", dict, {}).items():
        if name not in defines:
            r.fail(f"aliases.{name}", "is not one of `defines`")
        aliases[name] = tuple(read_names(r.child("aliases", r.data["aliases"]), name))
    needs = tuple(str(n) for n in r.get("needs", list, []))
    for need in needs:
        if not _ID.match(need) or need == ex_id:
            r.fail("needs", f"{need!r} is not another exercise's number")
    stub = r.code("stub")
    raw_checks = r.get("checks", list)
    if not raw_checks:
        r.fail("checks", "an exercise needs at least one check")
    checks = tuple(_check(r.child(f"checks[{i}]", c), kind, timeout, tolerance)
                   for i, c in enumerate(raw_checks))
    if all(c.hidden for c in checks):
        r.fail("checks", "every check is hidden: a student needs at least one visible check")
    withheld = r.get("hidden_checks", int, 0)
    if withheld < 0:
        r.fail("hidden_checks", "must not be negative")
    names = [c.name for c in checks]
    for name in names:
        if names.count(name) > 1:
            r.fail("checks", f"two checks are named {name!r}")
    mistakes = tuple(_mistake(r.child(f"mistakes[{i}]", m), names)
                     for i, m in enumerate(r.get("mistakes", list, [])))
    ids = [m.id for m in mistakes]
    for mid in ids:
        if ids.count(mid) > 1:
            r.fail("mistakes", f"two mistakes have the id {mid!r}")
    return ExerciseSpec(id=ex_id, kind=kind, points=points, title=r.text("title"),
                        prompt=r.text("prompt"), stub=stub, checks=checks, defines=defines,
                        aliases=aliases, mistakes=mistakes, needs=needs, source=str(path),
                        withheld=withheld)


def _check(r: Reader, exercise_kind: str, timeout: float, tolerance: Tolerance) -> CheckSpec:
    name = r.get("kind", str)
    kind = JUDGES.get(name)  # the kind, found by its YAML name
    if kind is None:
        r.fail("kind", f"{name!r} is not one of {', '.join(JUDGES)}")
    if kind.exercise_kind != exercise_kind:
        r.fail("kind", f"a {name} check does not belong to an {exercise_kind} exercise")
    r.known(COMMON_FIELDS | kind.fields)
    if "tolerance" not in r.data and kind.tolerance is not None:
        tolerance = kind.tolerance
    common = dict(name=r.get("name", str), weight=r.get("weight", float, 1.0),
                  timeout=r.get("timeout", float, timeout), tolerance=read_tolerance(r, tolerance),
                  label=r.text("label", required=False), hint=r.text("hint", required=False))
    if common["weight"] <= 0 or common["timeout"] <= 0:
        r.fail("weight", "weight and timeout must be positive")
    visibility = r.get("visibility", str, "visible")
    if visibility not in VISIBILITIES:
        r.fail("visibility", f"{visibility!r} is not one of {', '.join(VISIBILITIES)}")
    dims = read_dims(r)
    inputs = tuple(read_input(r.child(f"inputs.{n}", v), n, dims)
                   for n, v in r.get("inputs", dict, {}).items())
    return CheckSpec(**common, inputs=inputs, dims=dims, visibility=visibility,
                     params=kind.parse(r, common["tolerance"]))


def _mistake(r: Reader, check_names: list[str]) -> MistakeSpec:
    r.known({"id", "when", "hint", "checks", "label"})
    mid = r.get("id", str)
    if not _MISTAKE_ID.match(mid):
        r.fail("id", "letters, digits, - and _ only")
    checks = tuple(read_names(r, "checks"))
    for name in checks:
        if name not in check_names:
            r.fail("checks", f"no check is named {name!r}")
    return MistakeSpec(id=mid, when=r.code("when", "eval"), hint=r.text("hint"), checks=checks,
                       label=r.text("label", required=False))
