"""The instructor's policies over a class's results: a due date with a late penalty, and scores
set by hand (overrides). They adjust the scores people read (the student's report, the
gradebook, the summary, the LMS exports) and never the graded ones: each results.json keeps its
`score` and exercises as graded and gains `adjusted`, recomputed by every batch and merge from
the instructor's files, so a rerun or a merge re-applies them and an edit of a file takes
effect on the next run without regrading anyone.

Where the policies live: the scalars (`--due`, `--late-penalty`, `--late-cap`) in OUT/run.json's
`policy`, the files in OUT itself: `--overrides FILE` is copied to OUT/overrides.csv, `--times
FILE` to OUT/times.csv. A run without the flag uses what OUT holds; so nothing is lost by a
rerun that forgets a flag, and OUT/overrides.csv may as well be edited where it is.

- overrides.csv: `student,exercise,points,reason` (a header row, any column order, UTF-8 with or
  without a byte-order mark); `exercise` is `219` or `p219`; the points replace that exercise's
  graded points for that student; the reason is shown in their report.
- times.csv: `student,time` with ISO 8601 times (`2026-03-01T23:59:00+09:00`; without an offset,
  the machine's local time).
- Without a times.csv row, a student's submission time is the one found in their folder
  (submitted.py) when they were graded, kept in their results.json.
- Late: every started day (24 h) after the due date costs `late_penalty` percent of the score
  (after overrides), at most `late_cap` percent. A student whose time is unknown is not
  penalised, and the gradebook says so.

`adjusted` in results.json (present when a policy touches the student):
```
{"score": 27.3, "max_score": 44.0, "graded_score": 30.0,
 "overrides": [{"exercise": "219", "points": 1.0, "graded": 0.29, "reason": "..."}],
 "late": {"submitted": ISO | null, "from": "times.csv" | "gradescope" | "git" | null,
          "due": ISO, "days": 2 | null, "percent": 20.0, "points": 3.0} | null}
```
"""
from __future__ import annotations

import csv
import io
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Mapping

from ..atomic import write_atomic
from ..bank.spec import ExerciseSpec

OVERRIDES = "overrides.csv"
TIMES = "times.csv"


class PolicyError(ValueError):
    """A policy flag or file that cannot be used (says where and why)."""


@dataclass(frozen=True)
class Late:
    due: datetime
    per_day: float
    """percent of the score per started day late"""
    cap: float
    """percent, at most"""


@dataclass(frozen=True)
class Override:
    student: str
    exercise: str
    points: float
    reason: str
    line: int


@dataclass(frozen=True)
class Given:
    """The policy flags of one command line (None: not given)."""

    due: str | None = None
    late_penalty: float | None = None
    late_cap: float | None = None
    overrides: Path | None = None
    times: Path | None = None


@dataclass(frozen=True)
class Policy:
    late: Late | None = None
    overrides: Mapping[tuple[str, str], Override] = field(default_factory=dict)
    times: Mapping[str, datetime] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    """OUT's policy files given on this command line: name -> text, copied into OUT"""

    def record(self) -> dict:
        """run.json's `policy` (the files are in OUT, their counts here for people)."""
        return {"due": self.late.due.isoformat() if self.late else None,
                "late_penalty": self.late.per_day if self.late else 0.0,
                "late_cap": self.late.cap if self.late else 100.0,
                "overrides": len(self.overrides), "times": len(self.times)}

    def save(self, out: Path) -> None:
        """Copy the files given on the command line into OUT (before grading starts)."""
        for name, text in self.files.items():
            if not (out / name).exists() or (out / name).read_text(encoding="utf-8-sig") != text:
                write_atomic(out / name, text)

    def adjust(self, result: dict) -> dict | None:
        """`adjusted` for one results dict, or None when no policy touches this student."""
        name = student_key(str(result.get("submission")))
        mine = {e: o for (s, e), o in self.overrides.items() if s == name}
        if not mine and self.late is None:
            return None
        total, applied = 0.0, []
        for e in result.get("exercises") or ():
            score = _number(e.get("score"))
            o = mine.get(str(e.get("id")))
            if o is not None:
                applied.append({"exercise": o.exercise, "points": o.points, "graded": score,
                                "reason": o.reason})
                score = o.points
            total += score
        total = round(total, 6)
        late = self._late(name, result, total) if self.late else None
        return {"score": round(total - (late["points"] if late else 0.0), 6),
                "max_score": _number(result.get("max_score")),
                "graded_score": _number(result.get("score")), "overrides": applied,
                "late": late}

    def _late(self, name: str, result: dict, total: float) -> dict:
        late = self.late
        if name in self.times:
            submitted, origin = self.times[name], TIMES
        else:
            found = ((result.get("batch") or {}).get("submitted") or {})
            submitted, origin = _time_or_none(found.get("time")), found.get("from")
        if submitted is None:
            return {"submitted": None, "from": None, "due": late.due.isoformat(), "days": None,
                    "percent": 0.0, "points": 0.0}
        seconds = (submitted - late.due).total_seconds()
        days = math.ceil(seconds / 86400) if seconds > 0 else 0
        percent = min(late.cap, days * late.per_day)
        return {"submitted": submitted.isoformat(), "from": origin, "due": late.due.isoformat(),
                "days": days, "percent": percent, "points": round(total * percent / 100, 6)}

    def unused(self, graded: Mapping[str, set[str]]) -> list[str]:
        """Overrides that touch nobody: student -> the exercise ids in their results."""
        graded = {student_key(k): v for k, v in graded.items()}
        return [f"{OVERRIDES} line {o.line}: "
                + (f"no graded student {o.student}" if o.student not in graded
                   else f"{o.student} has no result for p{o.exercise}")
                for o in self.overrides.values()
                if o.exercise not in graded.get(o.student, ())]


def build(out: Path, recorded: Mapping, given: Given, inputs: list[Path] = ()) -> Policy:
    """The policy of this run: the flags given, else OUT's (its run.json and files), else, for
    a merge into a new OUT, the inputs' when they agree."""
    due_text = given.due if given.due is not None else recorded.get("due")
    due = None if due_text in (None, "", "none") else parse_due(str(due_text))
    per_day = given.late_penalty if given.late_penalty is not None \
        else float(recorded.get("late_penalty") or 0.0)
    cap = given.late_cap if given.late_cap is not None \
        else float(recorded.get("late_cap") if recorded.get("late_cap") is not None else 100)
    for flag, value in (("--late-penalty", per_day), ("--late-cap", cap)):
        if not 0 <= value <= 100:
            raise PolicyError(f"{flag} {value:g}: a percent from 0 to 100")
    if due is None and (given.late_penalty or given.late_cap is not None):
        raise PolicyError("--late-penalty and --late-cap need a due date: give --due too")
    files = {}
    overrides_text = instructor_file(out, OVERRIDES, given.overrides, "--overrides", inputs, files)
    times_text = instructor_file(out, TIMES, given.times, "--times", inputs, files)
    return Policy(late=Late(due, per_day, cap) if due else None,
                  overrides=parse_overrides(overrides_text, given.overrides or out / OVERRIDES)
                  if overrides_text is not None else {},
                  times=parse_times(times_text, given.times or out / TIMES)
                  if times_text is not None else {},
                  files=files)


def instructor_file(out: Path, name: str, given: Path | None, flag: str, inputs: list[Path],
                    files: dict) -> str | None:
    """The text of one of OUT's instructor files: the one given (also put in `files`, to be
    copied into OUT), else OUT's own, else the inputs' of a merge when they hold the same."""
    if given is not None:
        try:
            text = given.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise PolicyError(f"{flag} {given}: cannot be read ({_why(e)})") from None
        files[name] = text
        return text
    if (out / name).is_file():
        return _read(out / name)
    found = {_read(folder / name) for folder in inputs if (folder / name).is_file()}
    if len(found) > 1:
        raise PolicyError(f"the inputs hold different {name} files: give {flag} FILE")
    if found:
        text = found.pop()
        files[name] = text
        return text
    return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise PolicyError(f"{path} cannot be read ({_why(e)})") from None


def check_exercises(policy: Policy, specs: list[ExerciseSpec]) -> None:
    """Every override names one of `specs` (the exercises graded) and at most its points."""
    points = {s.id: s.points for s in specs}
    for o in policy.overrides.values():
        if o.exercise not in points:
            raise PolicyError(f"{OVERRIDES} line {o.line}: p{o.exercise} is not an exercise "
                              "graded here")
        if o.points > points[o.exercise]:
            raise PolicyError(f"{OVERRIDES} line {o.line}: {o.points:g} points for "
                              f"p{o.exercise}, whose maximum is {points[o.exercise]:g}")


# -- reading the instructor's files ------------------------------------------------------------

def parse_due(text: str) -> datetime:
    """An ISO 8601 date and time; a date alone is the end of that day; no offset: local time."""
    when = parse_time(text, "--due")
    if len(text.strip()) == 10:  # 2026-03-01: due at the end of that day
        when += timedelta(days=1)
    return when


def parse_time(text: str, where: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise PolicyError(f"{where}: {text.strip()!r} is not a date and time such as "
                          "2026-03-01T23:59:00+09:00") from None
    return when if when.tzinfo else when.astimezone()  # naive: the machine's local time


def parse_overrides(text: str, path: Path) -> dict[tuple[str, str], Override]:
    rows = _rows(text, path, ("student", "exercise", "points"), ("reason",))
    found: dict[tuple[str, str], Override] = {}
    for line, row in rows:
        exercise = row["exercise"].strip().lower().removeprefix("p")
        if not exercise.isdigit():
            raise PolicyError(f"{path} line {line}: exercise {row['exercise']!r} is not an "
                              "exercise number such as 219")
        try:
            points = float(row["points"])
        except ValueError:
            raise PolicyError(f"{path} line {line}: points {row['points']!r} is not a "
                              "number") from None
        if not (points >= 0 and math.isfinite(points)):
            raise PolicyError(f"{path} line {line}: points must be 0 or more")
        student = student_key(row["student"])
        if not student:
            raise PolicyError(f"{path} line {line}: no student")
        key = (student, exercise)
        if key in found:
            raise PolicyError(f"{path} lines {found[key].line} and {line} both set {student}'s "
                              f"p{exercise}: keep one")
        found[key] = Override(student, exercise, points, (row.get("reason") or "").strip(), line)
    return found


def parse_times(text: str, path: Path) -> dict[str, datetime]:
    times = {}
    for line, row in _rows(text, path, ("student", "time"), ()):
        student = student_key(row["student"])
        if student in times:
            raise PolicyError(f"{path} line {line}: {student} appears twice")
        times[student] = parse_time(row["time"], f"{path} line {line}")
    return times


def student_key(name: str) -> str:
    """A student's name as files name them: a name typed in a CSV and a folder's name (macOS
    writes Korean names decomposed) are the same student."""
    return unicodedata.normalize("NFC", name.strip())


def _rows(text: str, path: Path, required: tuple[str, ...], optional: tuple[str, ...]):
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    columns = [c.strip().lower() for c in header or ()]
    missing = [c for c in required if c not in columns]
    if missing:
        raise PolicyError(f"{path}: the first row must name the columns "
                          f"{','.join(required + optional)} (missing: {', '.join(missing)})")
    wanted = required + optional
    for line, cells in enumerate(reader, 2):
        if not any(c.strip() for c in cells):
            continue
        row = {c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns)
               if c in wanted}
        yield line, row


def _time_or_none(text) -> datetime | None:
    try:
        return parse_time(str(text), "") if text else None
    except PolicyError:
        return None


def _number(x) -> float:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else 0.0


def _why(e: Exception) -> str:
    return getattr(e, "strerror", None) or str(e)
