"""Families told from the exception the student's code raised (read by `raised.Raised`): here
Python 2, syntax errors, misspelt names, imports of names a file lacks and calls that do not fit
the exercise's signature; `unset` and `shapes` hold the others. `findings` tries them in turn.
"""
from __future__ import annotations

import ast
import difflib
import inspect
import re
from typing import Mapping

import numpy as np

from ...bank.spec import CheckSpec, ExerciseSpec
from ..phrases import Phrase
from . import Finding, piece, sources
from .families import ON_ERROR
from .raised import Raised, _text
from .shapes import shapes
from .unset import missing_key, return_count, returns_none, unset_attribute

PYTHON2_NAMES = {"xrange": "range", "raw_input": "input", "unicode": "str", "unichr": "chr",
                 "long": "int", "basestring": "str", "reduce": "functools.reduce",
                 "execfile": "exec(open(...).read())", "file": "open", "cmp": "(a > b) - (a < b)"}
PYTHON2_METHODS = {"itervalues": "values()", "iteritems": "items()", "iterkeys": "keys()",
                   "has_key": "the `in` operator (key in d)"}


def findings(spec: ExerciseSpec, check: CheckSpec | None, error: dict,
             texts: Mapping[str, str]) -> list[Finding]:
    """The families this exception shows, most telling first (empty for a stub's
    NotImplementedError). `texts`: the submission's Python files by name."""
    if error.get("missing"):
        return missing_name(error)
    raised = Raised.read(error)
    if raised.kind in ("NotImplementedError", ""):
        return []
    rules = [python2, syntax, numpy_name, no_self, signature, import_name, name_typo,
             undefined_name, method_typo, no_forward, unset_attribute, return_count,
             returns_none, missing_key, shapes]
    if raised.file and raised.file != spec.filename and not raised.own:
        # it raised in another file, given what this exercise passed it: what that line does
        # is no help here (a file to blame for itself is a `cascade`), but a name that file
        # never defined is its own, whatever the caller did
        rules = [python2, syntax, no_self, signature, import_name, name_typo, undefined_name,
                 no_forward, return_count, returns_none, missing_key]
    for rule in (*rules, *ON_ERROR):  # a family's own detectors after these
        found = rule(raised, spec, check, texts)
        if found:
            return found
    return []


# -- what does not even load --------------------------------------------------------------------

def missing_name(error: dict) -> list[Finding]:
    """A name the exercise needs is missing and the file defines one spelt alike (`ReluLayer`,
    `ReLU`, `Mullayer` for `Relu` and `MulLayer`; see `choosing.spelling`). `error` is plain
    data from the student's process: only its texts are read."""
    from ..sources.choosing import NEAR_MISS, spelling

    def texts(key: str) -> list[str]:
        values = error.get(key)
        return [v[:80] for v in values[:50] if isinstance(v, str)] if isinstance(values, list) \
            else []

    for wanted in texts("missing"):
        goal = wanted.lower().replace("_", "")
        alike = sorted(((difflib.SequenceMatcher(None, spelling(n, wanted), goal).ratio(), n)
                        for n in texts("defined") if n != wanted), reverse=True)
        if alike and alike[0][0] >= NEAR_MISS:
            return [Finding("name-typo", "why_missing_name",
                            dict(found=alike[0][1], wanted=wanted))]
    return []


def python2(raised: Raised, spec, check, texts) -> list[Finding]:
    where = dict(file=raised.file, line=raised.line, code=raised.code[:120])
    if raised.kind == "SyntaxError" and "Missing parentheses in call to" in raised.message:
        return [Finding("python2", "why_python2_print", where)]
    if raised.kind == "SyntaxError" and "multiple exception types must be parenthesized" \
            in raised.message:
        return [Finding("python2", "why_python2_except", where)]
    match = re.search(r"name '(\w+)' is not defined", raised.message)
    if raised.kind == "NameError" and match and match.group(1) in PYTHON2_NAMES:
        return [Finding("python2", "why_python2_name",
                        dict(old=match.group(1), new=PYTHON2_NAMES[match.group(1)]))]
    match = re.search(r"has no attribute '(\w+)'", raised.message)
    if raised.kind == "AttributeError" and match and PYTHON2_METHODS.get(match.group(1)):
        return [Finding("python2", "why_python2_name",
                        dict(old=match.group(1) + "()", new=PYTHON2_METHODS[match.group(1)]))]
    return []


SYNTAX = (  # (pattern of Python's message, the piece that words it)
    (r"^expected ':'", "syntax_colon"),
    (r"^unexpected indent", "syntax_indent"),
    (r"^unindent does not match", "syntax_unindent"),
    (r"^expected an indented block", "syntax_block"),
    (r"inconsistent use of tabs and spaces", "syntax_tabs"),
    (r"^invalid (?:non-printable )?character '?(?P<char>.[^']*)'? \((?P<code>U\+\w+)\)",
     "syntax_character"),
    (r"^(?:unterminated string literal|EOL while scanning|unterminated triple-quoted)",
     "syntax_string"),
    (r"^'(?P<bracket>[(\[{])' was never closed", "syntax_open"),
    (r"^unmatched '(?P<bracket>[)\]}])'", "syntax_unmatched"),
    (r"^closing parenthesis '(?P<bracket>[)\]}])' does not match", "syntax_unmatched"),
    (r"Perhaps you forgot a comma", "syntax_comma"),
)


def syntax(raised: Raised, spec, check, texts) -> list[Finding]:
    if raised.kind not in ("SyntaxError", "IndentationError", "TabError"):
        return []
    message = re.sub(r" \([^()]*, line \d+\)$", "", raised.message)
    what = piece("syntax_other", message=message[:200])
    for pattern, key in SYNTAX:
        match = re.search(pattern, message)
        if match:
            fields = match.groupdict()
            if key == "syntax_character":
                fields = {"char": f"'{fields.get('char')}' ({fields.get('code')})"}
            what = piece(key, **fields)
            break
    cell = raised.last.get("cell")
    where = Phrase("cell", {"file": raised.file, "cell": cell}) if isinstance(cell, int) else (
        raised.file or "?")
    return [Finding("syntax", "why_syntax", dict(file=where, line=raised.line,
                                                 code=raised.code[:120], what=what))]


def import_name(raised: Raised, spec, check, texts) -> list[Finding]:
    match = re.search(r"cannot import name '(\w+)' from '(\w+)'", raised.message)
    if raised.kind != "ImportError" or not match:
        return []
    name, module = match.groups()
    text = texts.get(f"{module}.py")
    if text is None:
        return []
    defined = sources.top_level_names(text)
    by_lower = {d.lower(): d for d in defined}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1)
    return [Finding("import-name", "why_import_name", dict(
        module=module, name=name, defined=", ".join(defined[:12]) or "-",
        close=piece("close_name", close=by_lower[close[0]]) if close else ""))]


# -- names and calls ----------------------------------------------------------------------------

def numpy_name(raised: Raised, spec, check, texts) -> list[Finding]:
    match = re.search(r"module 'numpy' has no attribute '(\w+)'", raised.message)
    if raised.kind == "AttributeError" and match:
        close = _closest(match.group(1), [n for n in dir(np) if not n.startswith("_")])
        return [Finding("numpy-name", "why_numpy_name",
                        dict(name=match.group(1), close=close[0]))] if close else []
    match = re.match(r"(\w+)\(\) got an unexpected keyword argument '(\w+)'", raised.message)
    if raised.kind == "TypeError" and match:
        function, keyword = match.groups()
        if not re.search(rf"(?:np|numpy)?\.{function}\(", raised.code) \
                or not callable(getattr(np, function, None)):
            return []
        try:
            parameters = list(inspect.signature(getattr(np, function)).parameters)
        except (TypeError, ValueError):
            return []
        close = _closest(keyword, parameters)
        return [Finding("numpy-name", "why_numpy_keyword", dict(
            function=function, name=keyword, close=close[0]))] if close else []
    return []


def _closest(name: str, names: list[str]) -> list[str]:
    """The closest spelling of `name` among `names`: by difflib, else the longest name that
    begins it or that it begins (`exponent` -> `exp`)."""
    close = difflib.get_close_matches(name, names, n=1)
    if close:
        return close
    prefixes = [n for n in names if len(n) >= 3 and (name.startswith(n) or n.startswith(name))]
    return sorted(prefixes, key=lambda n: (abs(len(n) - len(name)), n))[:1]


CALL = re.compile(r"^([A-Za-z_][\w.]*)\(\) (?:takes|missing|got an unexpected keyword|"
                  r"got multiple values)")


def no_self(raised: Raised, spec, check, texts) -> list[Finding]:
    """A method written without `self` (`def backward(dout):`): Python hands it the object as
    its first argument, one more than it takes. Told from the message and the parameters the
    student's process read off the method."""
    match = re.match(r"(\w+)\.(\w+)\(\) takes (\d+) positional arguments? but (\d+) (?:was|were) "
                     r"given", raised.message)
    if raised.kind != "TypeError" or not match or int(match.group(4)) != int(match.group(3)) + 1:
        return []
    parameters = raised.fact_text("signature").strip("()").replace(" ", "").split(",")
    if int(match.group(3)) and parameters[0] in ("self", "cls"):
        return []  # it has self: the call passed one too many
    if int(match.group(3)) and not raised.fact_text("signature"):
        return []
    return [Finding("signature", "why_no_self", dict(klass=match.group(1),
                                                     method=match.group(2)))]


def signature(raised: Raised, spec, check, texts) -> list[Finding]:
    """A call that does not fit: the student's parameters beside the exercise's (its stub)."""
    match = CALL.match(raised.message)
    if raised.kind != "TypeError" or not match:
        return []
    callee = raised.fact_text("callee") or match.group(1)
    expected = sources.stub_signature(spec.stub, callee.removesuffix(".__init__"))
    actual = raised.fact_text("signature")
    if expected is None or not actual:
        return []
    if _without_self(actual) == _without_self(expected):
        return []
    defined = raised.facts.get("defined_in")
    where = ""
    if isinstance(defined, dict) and isinstance(defined.get("line"), int):
        where = piece("where_line", file=_text(defined.get("file")), line=defined["line"])
        if isinstance(defined.get("cell"), int):  # in a notebook (see `running`)
            cell = Phrase("cell", {"file": _text(defined.get("file")), "cell": defined["cell"]})
            where = piece("where_cell_line", where=cell, line=defined["line"])
    short = callee.rsplit(".", 1)[-1]
    if short == "__init__":
        short = callee.split(".")[0]
    return [Finding("signature", "why_signature", dict(
        callee=callee, short=short, actual=_without_self(actual), expected=_without_self(expected),
        where=where))]


def _without_self(parameters: str) -> str:
    return re.sub(r"^\(self(?:, )?", "(", parameters.replace(" ", "").replace(",", ", "))


def name_typo(raised: Raised, spec, check, texts) -> list[Finding]:
    """A name that is not defined, and one spelt alike that is: `enp` for `np`, `Relu` for
    `ReLU`, `B` for `b`, `self.W` for `W`; never a capitalised name (a class) for one that is
    not (the class `Sigmoid` for the function `sigmoid` its forward calls)."""
    match = re.search(r"name '(\w+)' is not defined", raised.message)
    if raised.kind not in ("NameError", "UnboundLocalError") or not match:
        return []
    name = match.group(1)
    near = [n for n in map(_text, raised.fact("near")) if n and n != name
            and not (n[:1].isupper() and not name[:1].isupper())]
    if not near:
        return []
    return [Finding("name-typo", "why_name_typo", dict(name=name, close=" / ".join(near[:2])))]


def method_typo(raised: Raised, spec, check, texts) -> list[Finding]:
    """A method or attribute the exercise reads that the student's class spells otherwise
    (`forword` for `forward`, `self.dw` for `dW`): told from the class in the student's own
    code, its methods and the attributes its methods store."""
    match = re.search(r"'(\w+)' object has no attribute '(\w+)'", raised.message)
    if raised.kind != "AttributeError" or not match or match.group(1) not in spec.defines:
        return []
    klass, wanted = match.groups()
    for name, text in texts.items():
        if not (name.endswith(spec.filename) or name.rpartition("/")[2].startswith("_cells")):
            continue
        functions = {q.partition(".")[2]: node for q, node in sources.functions(text).items()
                     if q.startswith(f"{klass}.")}
        members = set(functions) | {a for node in functions.values()
                                    for a in sources.stored_attributes(node)}
        close = difflib.get_close_matches(wanted.lower(), [m.lower() for m in members], n=1,
                                          cutoff=0.75)
        if close and wanted not in members:
            found = next(m for m in members if m.lower() == close[0])
            key = "why_method_typo" if found in functions else "why_member_typo"
            return [Finding("name-typo", key, dict(klass=klass, wanted=wanted, found=found))]
    return []


FORWARD_CALLS = {"loss", "predict", "forward"}
SKIPPED_STAR = re.compile(r"'__grader_skipped__ \* ([\w.]+)\|(.*?)'$", re.M)
"""a `from … import *` the grader left out, as `sources.views` leaves it in the code"""
"""what runs a network's forward pass"""


def no_forward(raised: Raised, spec, check, texts) -> list[Finding]:
    """A network's `gradient` that never runs the forward pass (`self.loss(x, t)` left out or
    commented out): the backward of its layers then reads what no forward stored, None. Told
    from the student's own method, which calls no `loss`, `predict` nor `forward`."""
    if raised.kind not in ("AttributeError", "TypeError") or "NoneType" not in raised.message:
        return []
    classes = set(spec.defines) | {a for v in spec.aliases.values() for a in v}
    for frame in raised.frames:
        if frame.get("function") != "gradient":
            continue
        file = _text(frame.get("file"))
        # a notebook's frame is shown at its cell: its code is the generated module's
        files = [file] if file in texts else [
            f for f in texts if frame.get("own") is True
            and (f.rpartition("/")[2].startswith("_cells") or f.endswith(spec.filename))]
        for name in files:
            for qualname, node in sources.functions(texts[name]).items():
                owner, _, method = qualname.rpartition(".")
                if method != "gradient" or owner not in classes:
                    continue
                calls = {c.func.attr for c in ast.walk(node) if isinstance(c, ast.Call)
                         and isinstance(c.func, ast.Attribute)}
                if not calls & FORWARD_CALLS:
                    return [Finding("unset-attribute", "why_no_forward", dict(method=qualname))]
    return []


def undefined_name(raised: Raised, spec, check, texts) -> list[Finding]:
    """A name that nothing defines or imports where the code runs, and nothing is spelt alike
    (`softmax` called in a layer whose file never imports it): where the submission's own
    files define it, when one does."""
    match = re.search(r"name '(\w+)' is not defined", raised.message)
    if raised.kind != "NameError" or not match:
        return []
    name = match.group(1)
    inside = sorted(q for text in texts.values() for q in sources.functions(text)
                    if q.endswith(f".{name}"))
    if inside:  # written indented, as a method, where the code calls a function
        return [Finding("undefined-name", "why_undefined_method",
                        dict(name=name, klass=inside[0].rpartition(".")[0]))]
    own = [texts[raised.file]] if raised.file in texts else [  # a notebook's cells: its modules
        t for f, t in texts.items() if f.rpartition("/")[2].startswith("_cells")]
    skipped = next((m for text in own for m in SKIPPED_STAR.finditer(text)), None)
    if skipped:  # it would have come from a `*` import the grader could not satisfy
        return [Finding("undefined-name", "why_undefined_skipped", dict(
            name=name, module=skipped.group(1), statement=skipped.group(2)))]
    defining = re.compile(rf"^(?:def|class)\s+{re.escape(name)}\b", re.M)
    homes = sorted(f for f, text in texts.items() if f.endswith(".py") and f != raised.file
                   and not f.rpartition("/")[2].startswith("_cells") and defining.search(text))
    if homes:
        module = homes[0][:-3].replace("/", ".")
        return [Finding("undefined-name", "why_undefined_imported", dict(
            name=name, file=homes[0], module=module.removesuffix(".__init__")))]
    return [Finding("undefined-name", "why_undefined_name", dict(name=name))]
