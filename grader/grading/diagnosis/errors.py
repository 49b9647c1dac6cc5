"""Families told from the exception the student's code raised.

The exception arrives as plain data (`sandbox.child.describe_error`, with `sandbox.facts`):
its type and message, the check's statement that raised, the student's frames (file, line,
function, code) and a few facts of the failing frame. Nothing of it is trusted: every part is
checked to be text, numbers or lists of them before use.
"""
from __future__ import annotations

import ast
import difflib
import inspect
import re
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ...bank.spec import CheckSpec, ExerciseSpec
from . import Finding, piece, sources

PYTHON2_NAMES = {"xrange": "range", "raw_input": "input", "unicode": "str", "unichr": "chr",
                 "long": "int", "basestring": "str", "reduce": "functools.reduce",
                 "execfile": "exec(open(...).read())", "file": "open", "cmp": "(a > b) - (a < b)"}
PYTHON2_METHODS = {"itervalues": "values()", "iteritems": "items()", "iterkeys": "keys()",
                   "has_key": "the `in` operator (key in d)", "iterrows": None}
REDUCTIONS = {"max": "reduction_max", "amax": "reduction_max", "sum": "reduction_sum",
              "mean": "reduction_mean", "min": "reduction_min", "amin": "reduction_min"}


@dataclass(frozen=True)
class Raised:
    """The exception, read defensively."""

    kind: str
    message: str
    statement: str
    """the check's statement that raised, if it was the check's own code"""
    frames: tuple[Mapping, ...]
    facts: Mapping

    @classmethod
    def read(cls, error: dict) -> "Raised":
        frames = tuple(f for f in error.get("frames") or [] if isinstance(f, dict))
        return cls(_text(error.get("type")), _text(error.get("message")),
                   _text(error.get("statement")), frames, error)

    @property
    def last(self) -> Mapping:
        return self.frames[-1] if self.frames else {}

    @property
    def code(self) -> str:
        """The failing line of the student's code, else the check's statement."""
        return _text(self.last.get("code")) or self.statement

    @property
    def file(self) -> str:
        return _text(self.last.get("file"))

    @property
    def line(self) -> int:
        line = self.last.get("line")
        return line if isinstance(line, int) else 0

    def fact(self, key: str) -> list:
        value = self.facts.get(key)
        return value if isinstance(value, list) else []

    def fact_text(self, key: str) -> str:
        return _text(self.facts.get(key))


def _text(value) -> str:
    return value[:2000] if isinstance(value, str) else ""


def findings(spec: ExerciseSpec, check: CheckSpec | None, error: dict,
             texts: Mapping[str, str]) -> list[Finding]:
    """The families this exception shows, most telling first (empty for a stub's
    NotImplementedError). `texts`: the submission's Python files by name."""
    raised = Raised.read(error)
    if raised.kind in ("NotImplementedError", "") or error.get("missing"):
        return []
    rules = [python2, syntax, numpy_name, signature, import_name, name_typo, unset_attribute,
             return_count, returns_none, missing_key, shapes]
    if raised.file and raised.file != spec.filename:
        # it raised in another file, given what this exercise passed it: what that line does
        # is no help here (a file to blame for itself is a `cascade`)
        rules = [python2, syntax, signature, import_name, return_count, returns_none,
                 missing_key]
    for rule in rules:
        found = rule(raised, spec, check, texts)
        if found:
            return found
    return []


# -- what does not even load --------------------------------------------------------------------

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
    return [Finding("syntax", "why_syntax", dict(file=raised.file or "?", line=raised.line,
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
    short = callee.rsplit(".", 1)[-1]
    if short == "__init__":
        short = callee.split(".")[0]
    return [Finding("signature", "why_signature", dict(
        callee=callee, short=short, actual=_without_self(actual), expected=_without_self(expected),
        where=where))]


def _without_self(parameters: str) -> str:
    return re.sub(r"^\(self(?:, )?", "(", parameters.replace(" ", "").replace(",", ", "))


def name_typo(raised: Raised, spec, check, texts) -> list[Finding]:
    match = re.search(r"name '(\w+)' is not defined", raised.message)
    if raised.kind not in ("NameError", "UnboundLocalError") or not match:
        return []
    near = [_text(n) for n in raised.fact("near") if _text(n) and _text(n) != match.group(1)]
    if not near:
        return []
    return [Finding("name-typo", "why_name_typo", dict(name=match.group(1),
                                                        close=" / ".join(near[:2])))]


# -- what a method left unset or unreturned ------------------------------------------------------

def unset_attribute(raised: Raised, spec, check, texts) -> list[Finding]:
    """A method reads self.<name> that no method stored: which method must store it."""
    attributes = [(_text(a.get("name")), _text(a.get("state"))) for a in raised.fact("attributes")
                  if isinstance(a, dict)]
    klass, method = raised.fact_text("klass"), raised.fact_text("method")
    match = re.search(r"'(\w+)' object has no attribute '(\w+)'", raised.message)
    if not attributes and raised.kind == "AttributeError" and match and match.group(1) != \
            "NoneType" and f"self.{match.group(2)}" in raised.code:
        attributes = [(match.group(2), "missing")]
        klass, method = match.group(1), _text(raised.last.get("function"))
    attributes = [(n, s) for n, s in attributes if n and s in ("missing", "None")]
    if not attributes or not klass or not method:
        return []
    name, state = attributes[0]
    text = texts.get(raised.file, "")
    here = dropped_findings(text, raised.file, lambda d: d.line == raised.line)
    if here:  # the failing line itself computes and keeps nothing (`self.db - …` for `=`)
        return here
    found = sources.functions(text)
    methods = [q.split(".", 1)[1] for q in found if q.startswith(f"{klass}.")]
    setter = "forward" if method != "forward" and ("forward" in methods or not methods) else next(
        (m for m in methods if m not in (method, "__init__")), "__init__")
    out = []
    for other in methods:
        node = found[f"{klass}.{other}"]
        line = sources.local_assigned(node, name) if other != method else None
        if line is not None and not sources.assigns_attribute(node, name):
            out.append(Finding("unset-attribute", "why_unset_local", dict(
                klass=klass, setter=other, name=name, line=line, method=method)))
            break
    if not out:
        out.append(Finding("unset-attribute", "why_unset_attribute", dict(
            klass=klass, method=method, name=name, state=piece(f"state_{state}"),
            setter=f"{klass}.{setter}")))
    out += dropped_findings(text, raised.file, lambda d: d.target == f"self.{name}")
    return out


def dropped_findings(text: str, file: str, wanted=lambda d: True,
                     script: bool = False) -> list[Finding]:
    """Statements of `text` that compute a value and keep nothing (`self.db - …` for `=`):
    those in functions, and in a script those at its top too (a bare `Y`, which a notebook cell
    would show and a script does not)."""
    out = []
    for d in sources.dropped(text):
        if not wanted(d) or not (d.function or script):
            continue
        fix = _fix(d) or (piece("fix_print", expr=d.code) if not d.function else "")
        out.append(Finding("no-effect", "why_no_effect", dict(
            file=file, line=d.line, code=d.code, fix=fix)))
    return out


def _fix(d: sources.Dropped):
    try:
        value = ast.parse(d.code, mode="eval").body
    except SyntaxError:
        return ""
    if d.target and isinstance(value, ast.Compare) and len(value.ops) == 1 \
            and isinstance(value.ops[0], ast.Eq):
        return piece("fix_assign", fix=f"{d.target} = {ast.unparse(value.comparators[0])}")
    if d.target and isinstance(value, ast.BinOp) and isinstance(value.op, ast.Sub) \
            and d.target.startswith("self."):
        return piece("fix_assign", fix=f"{d.target} = {ast.unparse(value.right)}")
    return ""


def returns_none(raised: Raised, spec, check, texts) -> list[Finding]:
    """None came back from one of the exercise's functions where a value was needed."""
    if "NoneType" not in raised.message:
        return []
    names = [_text(n) for n in raised.fact("nones") if _text(n)]
    call = None
    if names and check is not None:
        call = assigned_call(check_code(check), names[0])
    if call is None and raised.statement:
        call = first_call(raised.statement, spec)
    if call is None and names and raised.frames:
        node = sources.functions(texts.get(raised.file, "")).get(
            _text(raised.last.get("function")))
        call = assigned_call(ast.unparse(node) if node is not None else "", names[0])
    return none_returned(call, spec, texts) if call else []


def none_returned(call: ast.Call, spec: ExerciseSpec, texts: Mapping[str, str]) -> list[Finding]:
    """`call` gave None: whether the function it calls has any return, from the student's file."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    qualified = next((q for q in sources.functions(spec.stub) if q.split(".")[-1] == name), None)
    node = sources.functions(texts.get(spec.filename, "")).get(qualified or name)
    fields = dict(call=ast.unparse(call)[:120], function=qualified or name)
    if node is None:
        return [Finding("returns-none", "why_returns_none_plain", fields)]
    out = [Finding("returns-none", "why_returns_none" if not sources.returns_value(node)
                   else "why_returns_none_branch", fields)]
    last = node.body[-1] if node.body else None
    if last is not None and sources._drops(last):
        out.append(Finding("no-effect", "why_no_effect", dict(
            file=spec.filename, line=last.lineno, code=ast.unparse(last)[:120],
            fix=piece("fix_return", expr=ast.unparse(last.value)[:100]))))
    return out


def check_code(check: CheckSpec) -> str:
    params = check.params
    return "\n".join(str(getattr(params, part, "") or "") for part in ("run", "forward",
                                                                        "backward"))


def assigned_call(code: str, name: str) -> ast.Call | None:
    """The call whose value the code last assigned to `name` (`grads = net.gradient(x, t)`)."""
    tree = sources.parsed(code)
    if tree is None:
        return None
    found = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            for target in node.targets:
                if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target)):
                    found = node.value
    return found


def first_call(statement: str, spec: ExerciseSpec) -> ast.Call | None:
    """The call in a check's statement to a function or method the exercise defines."""
    tree = sources.parsed(statement.strip())
    if tree is None:
        return None
    defined = {q.split(".")[-1] for q in sources.functions(spec.stub)} | set(spec.defines)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and (getattr(n.func, "attr", None) or getattr(n.func, "id", None)) in defined]
    return calls[-1] if calls else None


def missing_key(raised: Raised, spec, check, texts) -> list[Finding]:
    """`grads['b1']` in the check where the dict the student's function returned has no 'b1'."""
    match = re.fullmatch(r"'(\w+)'", raised.message)
    if raised.kind != "KeyError" or not match or not raised.statement or check is None:
        return []
    key = match.group(1)
    tree = sources.parsed(raised.statement.strip())
    code = check_code(check)
    whole = sources.parsed(code)
    if tree is None or whole is None:
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and isinstance(node.slice, ast.Constant) and node.slice.value == key:
            variable = node.value.id
            call = assigned_call(code, variable)
            if call is None:
                continue
            keys = [n.slice.value for n in ast.walk(whole) if isinstance(n, ast.Subscript)
                    and isinstance(n.value, ast.Name) and n.value.id == variable
                    and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str)]
            return [Finding("missing-key", "why_missing_key", dict(
                call=ast.unparse(call)[:120], missing=key,
                keys=", ".join(dict.fromkeys(keys))))]
    return []


def return_count(raised: Raised, spec, check, texts) -> list[Finding]:
    """`dx, dy = layer.backward(dout)` where backward returned one value, or too many."""
    message = raised.message
    one = re.search(r"cannot unpack non-iterable (\w+) object", message)
    more = re.search(r"too many values to unpack \(expected (\d+)\)", message)
    fewer = re.search(r"not enough values to unpack \(expected (\d+), got (\d+)\)", message)
    if not (one or more or fewer) or (one and one.group(1) == "NoneType"):
        return []
    tree = sources.parsed(raised.statement.strip()) if raised.statement else None
    node = tree.body[0] if tree is not None and tree.body else None
    if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple)
            and isinstance(node.value, ast.Call)):
        return []
    targets = [ast.unparse(t) for t in node.targets[0].elts]
    if one:
        kind = {"float": "number (float)", "int": "number (int)",
                "float64": "number (float64)"}.get(one.group(1), one.group(1))
        got = piece("got_one", kind=kind)
    elif more:
        got = piece("got_more", count=len(targets))
    else:
        got = piece("got_fewer", got=fewer.group(2))
    return [Finding("return-count", "why_return_count", dict(
        call=ast.unparse(node.value)[:120], count=len(targets), targets=", ".join(targets),
        got=got))]


# -- shapes ------------------------------------------------------------------------------------

def _shape(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", text))


def shapes(raised: Raised, spec, check, texts) -> list[Finding]:
    if raised.kind != "ValueError":
        return []
    tree = sources.parsed(raised.code.strip().rstrip(":"))
    if tree is None:
        return []
    known = {_text(s.get("expr")): tuple(s.get("shape") or ()) for s in raised.fact("shapes")
             if isinstance(s, dict)}
    aligned = re.search(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned", raised.message)
    if aligned or "matmul: Input operand" in raised.message:
        return _product(tree, known, aligned)
    broadcast = re.search(r"could not be broadcast together with shapes \(([\d,]*)\) "
                          r"\(([\d,]*)\)", raised.message)
    if broadcast:
        return _broadcast(tree, known, _shape(broadcast.group(1)), _shape(broadcast.group(2)))
    return []


def _products(tree: ast.AST) -> list[tuple[ast.expr, ast.expr, ast.AST]]:
    """(left, right, node) of each matrix product: np.dot(a, b), a.dot(b), a @ b."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            found.append((node.left, node.right, node))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("dot", "matmul"):
            if isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy"):
                if len(node.args) == 2:
                    found.append((node.args[0], node.args[1], node))
            elif len(node.args) == 1:
                found.append((node.func.value, node.args[0], node))
    return found


def _fits(a: tuple, b: tuple) -> bool:
    if not a or not b:
        return True
    return a[-1] == (b[-2] if len(b) >= 2 else b[0])


def _t(shape: tuple) -> tuple:
    return tuple(reversed(shape))


def _show(shape: tuple) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def _product(tree, known: dict, aligned) -> list[Finding]:
    for left, right, node in _products(tree):
        a, b = known.get(ast.unparse(left)), known.get(ast.unparse(right))
        if aligned and (a is None or b is None):
            a, b = _shape(aligned.group(1)), _shape(aligned.group(2))
        if a is None or b is None or _fits(a, b):
            continue
        l, r = ast.unparse(left), ast.unparse(right)
        fixes, family = [], "missing-transpose"
        if _fits(b, a):  # the other order first: a transpose that also fits is then a guess
            fixes.append(f"np.dot({r}, {l})")
            family = "operand-order"
        if len(a) == 2 and _fits(_t(a), b):
            fixes.append(f"np.dot({_transposed(l)}, {r})")
        if len(b) == 2 and _fits(a, _t(b)):
            fixes.append(f"np.dot({l}, {_transposed(r)})")
        if not fixes:
            continue
        return [Finding(family, "why_shapes_fix", dict(
            product=ast.unparse(node)[:100], a=_show(a), b=_show(b), n=a[-1],
            m=b[-2] if len(b) >= 2 else b[0], fixes=" · ".join(fixes[:3])))]
    return []


def _transposed(expression: str) -> str:
    return expression[:-2] if expression.endswith(".T") else f"{expression}.T"


def _broadcast(tree, known: dict, a: tuple, b: tuple) -> list[Finding]:
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            l, r = ast.unparse(node.left), ast.unparse(node.right)
            shapes_here = (known.get(l), known.get(r))
            if None not in shapes_here and shapes_here != (a, b):
                continue
            if len(a) >= 1 and len(b) >= 1 and max(len(a), len(b)) == 2 and _fits(a, b):
                return [Finding("elementwise-product", "why_elementwise", dict(
                    expr=ast.unparse(node)[:100], a=_show(a), b=_show(b),
                    fix=f"np.dot({l}, {r})"))]
    if len(a) == 2 and len(b) == 1 and b[0] == a[0] and a[0] != a[1]:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in REDUCTIONS and not any(
                        k.arg == "keepdims" for k in node.keywords):
                return [Finding("keepdims", "why_keepdims_broadcast", dict(
                    a=_show(a), b=_show(b), kept=_show((b[0], 1)),
                    reduction=piece(REDUCTIONS[node.func.attr])))]
    return []
