"""What a student reads when a check fails, in Korean or English.

Each message says which value, what was expected, what came, and where they differ.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .compare import Difference
from .phrases import Catalogue, Phrase, Words, say, word
from .sandbox.plain import Opaque

MACHINE = (
    (r"^the process running your code was killed, together with the grader's worker$",
     "ending_lost"),
    (r"^your code's process was killed by (?P<signal>[\w ]+)$", "ending_signal"),
    (r"^your code's process broke down", "ending_broken"),
    (r"^your code's processes together used more than the (?P<size>[\d.]+) GiB of memory a job "
     r"may have", "ending_memory"),
    (r"^your code's process exited with code (?P<code>-?\d+|None) before it finished$",
     "ending_exit"),
    (r"^forward gave shape (?P<after>\(.*?\)) on a nudged input but (?P<before>\(.*?\)) "
     r"before$", "nudged_shape"),
)


def machine(text: str, lang: str) -> str:
    """A text the grader's machinery wrote in English, in the student's language with what to
    do; any other text as it is."""
    import re

    for pattern, key in MACHINE:
        match = re.match(pattern, text)
        if match:
            return say(key, lang, **match.groupdict())
    return text


VARIANT_MESSAGES = ("variant_no_relu", "variant_no_sigmoid")
"""what `sandbox.networks` raises when it cannot build the course's variant of a network"""


@dataclass(frozen=True)
class ErrorPhrase(Words):
    """An exception from the student's process, to be said later, briefly: its type, message
    and the student's line."""

    error: Mapping[str, Any]

    def say(self, lang: str) -> str:
        frames = self.error.get("frames") or []
        where = f" ({frame_place(frames[-1], lang)})" if frames else ""
        kind = self.error.get("type", "?")
        return f"{kind}: {glossed(kind, str(self.error.get('message', '')), lang)}{where}"


def show(value, limit: int = 300) -> str:
    """A compact one-line picture of a value, as numpy prints it."""
    if isinstance(value, Opaque):
        return str(value)
    if isinstance(value, np.ndarray):
        text = np.array2string(value, precision=8, separator=" ", threshold=40,
                               max_line_width=10_000, floatmode="maxprec")
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(x: float | None) -> str:
    return "-" if x is None else f"{x:.6g}"


def difference(name: str, d: Difference, lang: str, key: str | None = None,
               texts: Catalogue | None = None, **extra) -> str:
    """Words for a Difference: `name` is what is compared (a variable, `printed number 3`);
    `key` of `texts` (a check kind's own) words a difference of values its own way."""
    label = name + d.path
    if d.kind == "type":
        shown = ("a number or numeric array" if lang == "en" else "숫자 또는 숫자 배열") \
            if not isinstance(d.expected, dict) else ("a dict" if lang == "en" else "dict")
        return say("type", lang, name=label, expected=shown, actual=show(d.actual))
    if d.kind in ("keys", "shape"):
        exp = d.expected if d.kind == "keys" else getattr(d.expected, "shape", d.expected)
        act = d.actual if d.kind == "keys" else getattr(d.actual, "shape", d.actual)
        return say(d.kind, lang, name=label, expected=exp, actual=act)
    fields = dict(name=label, index=_index(d.index), expected_item=_number(d.expected_item),
                  actual_item=_number(d.actual_item), abs_diff=_number(d.abs_diff),
                  rel_diff=_number(d.rel_diff), count=d.count, size=d.size,
                  expected=show(d.expected), actual=show(d.actual), item=_number(d.actual_item))
    fields.update(extra)
    if key is not None and texts is not None:
        return word(texts, key, lang, **fields)
    if key is None and d.kind == "value" and not d.index:
        key = "scalar"
    return say(key or d.kind, lang, **fields)


def context(code: str, inputs: dict, lang: str) -> str:
    """The statements a check ran and its inputs, so that a student can repeat it."""
    lines = [say("code", lang)] + ["    " + line for line in code.strip().splitlines()[:8]]
    if inputs:
        shown = ", ".join(f"{k} = {show(v, 120)}" for k, v in inputs.items())
        lines.append(say("context", lang, inputs=shown))
    return "\n".join(lines)


def _index(index) -> str:
    if not index:
        return "()"
    return "(" + ", ".join(map(str, index)) + ("," if len(index) == 1 else "") + ")"


def error(err: dict, lang: str, where: str | None = None) -> str:
    """An exception from the student's process, with the statement or the student's own line."""
    if isinstance(err.get("missing"), list):
        return missing_names(err, lang)
    frames = err.get("frames") or []
    place = where or err.get("statement") or ""
    if frames:
        at = frame_place(frames[-1], lang)
        place = f"{place} ({at})" if place else at
    place = place or "your code"
    message = str(err.get("message", ""))
    kind = err.get("type", "?")
    if kind is None:  # not an exception: how the process ended, already in words
        return machine(message, lang)
    message = machine(message, lang)
    if kind == "NetworkVariantError" and message in VARIANT_MESSAGES:  # see sandbox.networks
        return say(message, lang, where=place)
    if kind == "NotImplementedError":
        return say("not_implemented", lang, where=place, message=f" ({message})" if message else "")
    note = ""
    if kind == "SkippedImportError":  # a stand-in for an import the grader skipped, used
        name, _, rest = message.partition("|")
        module, _, statement = rest.partition("|")
        message = say("skipped_used", lang, name=name, module=module, statement=statement)
    elif kind == "EOFError":
        note = say("eof", lang)
    elif "[Errno 27]" in message:  # EFBIG: the file-size limit on stdout
        note = say("too_large", lang)
    elif kind == "ModuleNotFoundError":
        found = err.get("in_submission")
        if isinstance(found, dict) and found.get("part"):
            note = say("module_part_missing", lang, path=found.get("path"),
                       module=found.get("part"))
        elif isinstance(found, dict):
            note = say("module_elsewhere", lang, module=found.get("module"),
                       path=found.get("path"), folder=found.get("folder") or ".")
        else:  # truly absent from the submission
            note = say("no_module", lang)
    return say("raised", lang, where=place, type=kind, message=glossed(kind, message, lang)) + note


def glossed(kind: str, message: str, lang: str) -> str:
    """Python's message as it wrote it, and in Korean what it means (`glosses`)."""
    if lang != "ko":
        return message
    from .glosses import korean

    meaning = korean(str(kind), message)
    return f"{message} ({meaning})" if meaning else message


SHOWN_NAMES = 15
"""defined names listed when a required one is missing; the rest are counted"""


def missing_names(err: dict, lang: str) -> str:
    """A required name is missing: what the file defines instead, and the closest spelling of
    each missing name among them. `err` is plain data from the student's process (see
    `sandbox.names`), so every part is checked to be text."""
    def texts(key: str) -> list[str]:
        values = err.get(key)
        return [v[:80] for v in values[:50] if isinstance(v, str)] if isinstance(values, list) else []

    missing, defined = texts("missing"), texts("defined")
    shown = ", ".join(defined[:SHOWN_NAMES]) + (f", … (+{len(defined) - SHOWN_NAMES})"
                                                if len(defined) > SHOWN_NAMES else "")
    lines = [say("missing_names", lang, file=str(err.get("file") or "")[:120],
                 missing=", ".join(missing), defined=shown or say("defines_nothing", lang))]
    by_lower = {}
    for name in defined:
        by_lower.setdefault(name.lower(), name)
    for wanted in missing:
        close = difflib.get_close_matches(wanted.lower(), list(by_lower), n=1)
        if close:
            lines.append("  " + say("did_you_mean", lang, found=by_lower[close[0]], wanted=wanted))
    return "\n".join(lines)


def frame_place(frame: dict, lang: str) -> str:
    """Where a traceback's line is: `p209.py:12`, or `hw.ipynb, cell 7, line 3` in a notebook
    (`In [7], line 3` in the kernel's history)."""
    file, line, cell = frame.get("file"), frame.get("line"), frame.get("cell")
    if cell is None:
        return f"{file}:{line}"
    where = (Phrase("cell", {"file": file, "cell": cell}) if file
             else Phrase("input", {"cell": cell}))
    return say("line_of", lang, where=where, line=line)
