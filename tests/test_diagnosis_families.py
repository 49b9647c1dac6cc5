"""The families of mistakes, one module each (grader/grading/diagnosis/families/): every table
is derived from them, and every message key a finding uses resolves in both languages."""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from grader.grading import judging
from grader.grading.diagnosis import Finding, UnwordedFinding, formula
from grader.grading.diagnosis.families import BY_ID, FAMILIES, NAMES, REGISTRY, SLIPS, TEXTS
from grader.grading.diagnosis.texts import TEXTS as SHARED_TEXTS
from grader.render.words import mistake_name

DIAGNOSIS = Path(judging.__file__).parent / "diagnosis"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_each_family_is_one_module_named_by_its_id_with_both_languages():
    modules = sorted(p.stem for p in (DIAGNOSIS / "families").glob("*.py")
                     if not p.stem.startswith("_"))
    assert sorted(f.id.replace("-", "_") for f in REGISTRY) == modules
    assert len(FAMILIES) == len(REGISTRY) >= 26
    for family in REGISTRY:
        assert family.name["en"] and family.name["ko"] and family.needs, family.id
        assert NAMES[family.id]["ko"] == family.name["ko"]
        assert mistake_name(family.id, "ko") == family.name["ko"]


def test_every_text_has_both_languages_with_the_same_fields_and_one_owner():
    owners: dict[str, str] = {}
    for owner, table in [("texts.py", SHARED_TEXTS)] + [(f.id, f.texts) for f in REGISTRY]:
        for key, text in table.items():
            assert key not in owners, f"{key} is in {owners.get(key)} and {owner}"
            owners[key] = owner
            assert set(text) == {"en", "ko"}, key
            assert _fields(text["en"]) == _fields(text["ko"]), key
    assert set(owners) == set(TEXTS)


def test_the_formula_slips_each_have_their_piece():
    made = {family for expression in ("np.sum(x @ W.T + b, axis=0)", "np.dot(a, b)")
            for family, _ in formula.slips(expression, {"x"})}
    assert made - {"ignores-dout"} == set(SLIPS)
    assert all(SLIPS[f] in BY_ID[f].texts for f in SLIPS)


def _keys_used() -> tuple[set[str], set[str], list[str]]:
    """(keys, family ids, keys built at run time) of every Finding(…) and piece(…) written in
    the diagnosis modules: a key is a literal, a choice of literals, or an entry of a table of
    literals (`REDUCTIONS[…]`, `SYNTAX`); never built from parts."""
    keys, ids, built = set(), set(), []
    for path in sorted(DIAGNOSIS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tables = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                  for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("Finding", "piece") and node.args):
                continue
            key = node.args[1] if node.func.id == "Finding" else node.args[0]
            if node.func.id == "Finding" and isinstance(node.args[0], ast.Constant):
                ids.add(node.args[0].value)
            if any(isinstance(n, (ast.JoinedStr, ast.BinOp)) for n in ast.walk(key)):
                built.append(f"{path.name}:{node.lineno}")
            if isinstance(key, ast.Subscript) and isinstance(key.value, ast.Name) \
                    and key.value.id in tables:
                key = tables[key.value.id]
            elif isinstance(key, ast.Name) and key.id == "key" and "SYNTAX" in tables:
                key = tables["SYNTAX"]  # errors.syntax: the piece of the pattern that matched
            if isinstance(key, ast.Dict):  # a table's values are keys, not its own keys
                key = ast.Tuple(elts=key.values)
            keys |= {n.value for n in ast.walk(key) if isinstance(n, ast.Constant)
                     and isinstance(n.value, str) and not n.value.startswith(("^", "("))
                     and " " not in n.value}
    return keys, ids, built


def test_every_key_a_finding_uses_is_written_out_and_resolves():
    keys, ids, built = _keys_used()
    assert not built, f"message keys built at run time: {built}"
    assert len(keys) > 60
    assert keys - set(TEXTS) == set()
    assert ids - {""} <= set(FAMILIES)
    assert {"state_None", "reduction_mean", "syntax_comma", "cause_missing"} <= keys


def test_a_finding_that_cannot_be_worded_warns_and_leaves_the_rest_of_the_hint():
    check = None  # the hint of families reads no check
    good = Finding("wrong-sign", "why_sign", dict(name="dx"))
    with pytest.warns(UnwordedFinding, match="why_nothing"):
        hint = judging.hint(_Spec(), check, (), "en", (Finding("scaled", "why_nothing"), good))
    assert hint == good.text("en")
    with pytest.warns(UnwordedFinding, match="KeyError"):  # a field the text needs is missing
        assert judging.hint(_Spec(), check, (), "ko", (Finding("wrong-sign", "why_sign"),)) is None


class _Spec:
    mistakes = ()
