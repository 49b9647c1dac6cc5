"""`grader new ID --from SOLUTION.py`: an exercise drafted from its reference solution.

Writes exercises/p<ID>.yaml (never over a spec that is there) and copies the solution to
solutions/p<ID>.py (never over another file). The spec's checks are planned from what the
solution defines (`authoring.draft`), their expected values are the solution's own, run apart
as every reference solution is (`Runner.reference`), its stub is made from the solution's
markers (`authoring.stub`), and the reference results of its reference check are frozen into
the bank. Its texts say TODO, which `grader validate` flags until they are written.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..bank.loader import SpecError, load_exercise
from ..authoring.draft import literal, plan
from ..authoring.outline import outline
from ..authoring.stub import MarkerError, stub_from_solution
from ..render.environment import render
from .common import EXIT_OK, UsageError
from .given import validated_bank


def run(args) -> int:
    exercise_id = args.id.lstrip("0") or "0"
    if not (args.id.isascii() and args.id.isdigit()) or len(exercise_id) > 6:
        raise UsageError(f"{args.id}: an exercise number is 1 to 6 digits")
    folder = Path(validated_bank(args))
    if _installed(folder):
        raise UsageError(f"{folder} is the installed copy of the bank: run `grader new` inside "
                         f"a checkout or a course folder, or give --exercises DIR")
    target = folder / f"p{exercise_id}.yaml"
    solution = folder.parent / "solutions" / f"p{exercise_id}.py"
    source = _read(args.source)
    if args.stub:
        print(_stub(source, args.source), end="")
        return EXIT_OK
    if target.exists():
        raise UsageError(f"{target} exists: `grader new` never overwrites a spec")
    if solution.exists() and not _same(solution, args.source):
        raise UsageError(f"{solution} exists and is not {args.source}: move one of them")
    stub = _stub(source, args.source)
    shape = outline(source)
    if not shape.names:
        raise UsageError(f"{args.source} defines no public class or function to grade")
    checks = plan(shape, exercise_id)
    if not checks:
        raise UsageError(f"{args.source}: no method or function that takes or returns a value "
                         f"to check; write the spec by hand")
    context = dict(id=exercise_id, origin=args.source.name, defines=shape.names, stub=stub,
                   checks=checks)
    with tempfile.TemporaryDirectory(prefix="grader-new-") as tmp:
        expected = _expected(Path(tmp), exercise_id, source, context, solution.parent)
        context["checks"] = [c for c in checks if c.kind != "value" or c.name in expected]
        text = render("new_spec.yaml.j2", **context, expected=expected)
        _loads(Path(tmp), exercise_id, text)
        folder.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    copied = not solution.exists()  # else it is this very solution (checked above)
    if copied:
        solution.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.source, solution)
    print(f"written  {target}")
    print(f"copied   {args.source} to {solution}" if copied else f"kept     {solution}")
    frozen = _freeze(folder, exercise_id, solution.parent)
    if frozen:
        print(f"written  {frozen}")
    print(f"next: write its TODO texts, then `grader validate --only {exercise_id} --seeds 5`")
    return EXIT_OK


def _installed(folder: Path) -> bool:
    """The bank inside the installed package (pip install .): a draft there would be lost."""
    from ..bank.catalogue import PACKAGE

    installed = PACKAGE / "exercises"
    try:
        return installed.is_dir() and folder.is_dir() and folder.samefile(installed)
    except OSError:
        return False


def _stub(source: str, path: Path) -> str:
    try:
        return stub_from_solution(source)
    except SyntaxError as e:
        raise UsageError(f"{path}: not valid Python ({e.msg}, line {e.lineno})") from None
    except MarkerError as e:
        raise UsageError(f"{path}: {e}") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"{path}: cannot be read ({e.__class__.__name__})") from None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _expected(tmp: Path, exercise_id: str, source: str, context: dict,
              solutions: Path) -> dict:
    """The draft's value checks' expected values (check -> variable -> YAML text): what the
    reference solution gives, run apart (in the sandbox, like every reference solution) on the
    checks' literal inputs, beside the bank's other reference solutions (`solutions`), which it
    may import as a student's file imports another (`from p219 import Affine`). A check on
    which the solution raises, or whose values change with the snippets' seed, is left out
    (said on standard output)."""
    from ..grading import options
    from ..grading.compare import compare
    from ..grading.engine import Grader
    from ..grading.inputs import make_inputs
    from ..grading.sources.submission import read_submission

    placeholders = {c.name: {name: "0" for name in c.results} for c in context["checks"]}
    spec = _loads(tmp, exercise_id, render("new_spec.yaml.j2", **context, expected=placeholders))
    (tmp / "solutions").mkdir()
    for other in sorted(solutions.glob("p*.py")) if solutions.is_dir() else ():
        shutil.copyfile(other, tmp / "solutions" / other.name)
    (tmp / "solutions" / spec.filename).write_text(source, encoding="utf-8")
    files = read_submission(tmp / "solutions")
    found = {}
    with Grader([spec], options.make(seed=0, lang="en")) as grader:
        for position, check in enumerate(spec.checks):
            if check.kind != "value":
                continue
            inputs = make_inputs(check.inputs, None)
            first, second = (_values(grader, spec, files, position, check, inputs, seed)
                             for seed in (0, 1))
            raised = next((v for v in (first, second) if isinstance(v, str)), None)
            if raised is not None:
                print(f"left out {check.name!r}: on the drafted 2 x 3 arrays the solution "
                      f"raised {raised}; write that check by hand")
            elif any(compare(first.get(n), second.get(n), check.tolerance)
                     for n in check.params.expect):
                print(f"left out {check.name!r}: its results change with the seed (random "
                      f"numbers drawn); the reference check compares them, seed for seed")
            elif (tiny := _too_small(first, check)) is not None:
                print(f"left out {check.name!r}: on the drafted 2 x 3 arrays the solution's "
                      f"{tiny[0]} is {tiny[1]:.3g}, rounding noise next to the check's atol "
                      f"({check.tolerance.atol:g}); write it by hand on inputs that give it "
                      f"room (a larger batch, say)")
            else:
                found[check.name] = {name: literal(first.get(name))
                                     for name in check.params.expect}
    return found


def _too_small(values: dict, check) -> tuple[str, float] | None:
    """A value the bank would refuse as an expected one (`bank.reader.swamped`: its atol would
    accept almost anything next to it), as (name, its smallest non-zero magnitude)."""
    import numpy as np

    from ..bank.reader import swamped

    for name in check.params.expect:
        try:
            found = np.asarray(values.get(name), dtype=float)
        except (TypeError, ValueError):
            continue
        smallest = swamped(found, check.tolerance)
        if smallest is not None:
            return name, smallest
    return None


def _values(grader, spec, files, position, check, inputs, seed) -> dict | str:
    """The reference solution's values for one value check, its snippets seeded by `seed`, or
    what it raised."""
    from ..grading.checks import JUDGES
    from ..grading.checks.value import received_values
    from ..grading.sources import Resolution

    task = dict(JUDGES["value"].task(check, inputs, seed), i=position)
    raw, problem = grader.runner.reference(spec, files, Resolution(files, [spec]).source(spec),
                                           {position: task})
    result = (raw or {}).get(position) or {}
    if problem or result.get("error"):
        error = result.get("error") or {}
        return problem or f"{error.get('type')}: {error.get('message')}"
    return received_values(result)


def _loads(tmp: Path, exercise_id: str, text: str):
    path = tmp / f"p{exercise_id}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return load_exercise(path)
    except SpecError as e:  # the draft's fault: the solution defines what YAML cannot hold
        raise UsageError(f"the drafted spec does not load ({e}): please report it") from None


def _freeze(folder: Path, exercise_id: str, solutions: Path) -> Path | None:
    """The reference check's frozen results (`grader validate --freeze` for this one)."""
    from ..bank.frozen import path_of
    from ..grading import freezing, options
    from ..grading.engine import Grader
    from ..grading.sources import Resolution
    from ..grading.sources.submission import read_submission

    spec = load_exercise(folder / f"p{exercise_id}.yaml")
    if not freezing.reference_checks(spec):
        return None
    with Grader([spec], options.make(seed=0, lang="en")) as grader:
        files = read_submission(solutions)
        problems = freezing.freeze(grader.runner, spec, Resolution(files, [spec]))
    if problems:
        print(f"note     {'; '.join(problems)}: fix the check, then `grader validate --freeze`")
        return None
    return path_of(spec)
