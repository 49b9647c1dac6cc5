"""Families told from what a method left unset, unreturned or dropped: `unset-attribute` (a
method reads `self.out` that no method stored), `returns-none` and `return-count` (None, or one
value, where the exercise wants a value or two), `missing-key` (a returned dict without a key
the exercise reads) and `no-effect` (a statement that computes and keeps nothing)."""
from __future__ import annotations

import ast
import re
from typing import Mapping

from ...bank.spec import CheckSpec, ExerciseSpec
from . import Finding, piece, sources
from .raised import Raised, _text


STATES = {"missing": "state_missing", "None": "state_None"}
"""what the student's process says of an attribute read -> its piece of the message"""


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
    near = [_text(n) for a in raised.fact("attributes") if isinstance(a, dict)
            and a.get("name") == name and isinstance(a.get("near"), list) for n in a["near"]]
    if state == "missing" and any(near):  # set, under another spelling: a typo, not an order
        return [Finding("name-typo", "why_attribute_typo", dict(
            klass=klass, method=method, name=name, close=next(n for n in near if n)))]
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
            klass=klass, method=method, name=name, state=piece(STATES[state]),
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
    if call is None and raised.statement and not raised.frames:
        # (only when it raised in the check's statement itself: raised deeper, in the student's
        # code that statement called, the None is no result of that call)
        call = first_call(raised.statement, spec)
    if call is None and names and raised.frames:
        node = _function(texts.get(raised.file, ""), _text(raised.last.get("function")))
        call = assigned_call(ast.unparse(node) if node is not None else "", names[0])
    if call is None and raised.frames:
        call = _passed_call(raised, spec, texts)
    return none_returned(call, spec, texts) if call else []


def _function(text: str, name: str) -> ast.FunctionDef | None:
    """A function of the file by its own name (a traceback's frame names no class)."""
    found = sources.functions(text)
    return found.get(name) or next((node for qualified, node in found.items()
                                    if qualified.split(".")[-1] == name), None)


def _passed_call(raised: Raised, spec: ExerciseSpec, texts: Mapping[str, str]) -> ast.Call | None:
    """Where the None came from when it arrived as an argument: in the frames that called the
    failing one, innermost first, the call of one of the exercise's functions whose result the
    frame's line passes on (`y = self.predict(x)` then `self.lastLayer.forward(y, t)`; `x =
    layer.forward(x)` in predict's loop)."""
    defined = {q.split(".")[-1] for q in sources.functions(spec.stub)} | set(spec.defines)
    for frame in reversed(raised.frames[:-1]):
        node = _function(texts.get(_text(frame.get("file")), ""), _text(frame.get("function")))
        line = sources.parsed(_text(frame.get("code")).strip().removesuffix(":"))
        if node is None or line is None:
            continue
        passed = [a.id for c in ast.walk(line) if isinstance(c, ast.Call)
                  for a in c.args if isinstance(a, ast.Name)]
        for name in passed:
            call = assigned_call(ast.unparse(node), name)
            if call is not None and (getattr(call.func, "attr", None)
                                     or getattr(call.func, "id", None)) in defined:
                return call
    return None


def none_returned(call: ast.Call, spec: ExerciseSpec, texts: Mapping[str, str]) -> list[Finding]:
    """`call` gave None: whether the function it calls has any return, from the student's file."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    qualified = next((q for q in sources.functions(spec.stub) if q.split(".")[-1] == name), None)
    node = sources.functions(sources.own_text(texts, spec.filename)).get(qualified or name)
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
    """`grads['b1']` in the check where the dict the student's function returned has no 'b1';
    or `self.params['b1']` read in a method where the class's own code stores other keys."""
    match = re.fullmatch(r"'(\w+)'", raised.message)
    if raised.kind != "KeyError" or not match:
        return []
    stored = _stored_keys(raised, match.group(1), texts)
    if stored:
        return [stored]
    if not raised.statement or check is None:
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


def _stored_keys(raised: Raised, key: str, texts) -> Finding | None:
    """`self.<dict>[key]` read on the failing line of a method, where no method of the class
    stores that key: the keys it does store (`'W1', 'b2', 'W1', 'b2'` for b1 typed as b2)."""
    read = re.search(rf"self\.(\w+)\[['\"]{re.escape(key)}['\"]\]", raised.code)
    function = _text(raised.last.get("function"))
    if not read:
        return None
    attribute = read.group(1)
    for text in texts.values():
        found = sources.functions(text)
        for qualname, node in found.items():
            klass, _, method = qualname.rpartition(".")
            if method != function or not klass or raised.code not in (
                    ast.get_source_segment(text, node) or ""):
                continue
            keys = [n.slice.value for q, m in found.items() if q.startswith(f"{klass}.")
                    for n in ast.walk(m) if isinstance(n, ast.Subscript)
                    and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Attribute)
                    and n.value.attr == attribute and isinstance(n.slice, ast.Constant)
                    and isinstance(n.slice.value, str)]
            if keys and key not in keys:
                return Finding("missing-key", "why_stored_keys", dict(
                    klass=klass, attribute=attribute, missing=key,
                    keys=", ".join(f"'{k}'" for k in keys[:12])))
    return None


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
