"""Every table of texts has one layout, key -> {en, ko}, and each key says the same in both.

The catalogues are found in the package's source (any module-level dict whose every value is a
dict with an `en` and a `ko` text), so a new table is checked without being listed here; a
table in the other layout (language -> key) fails.
"""
from __future__ import annotations

import ast
import importlib
import re
import string
from pathlib import Path

import pytest

import grader
from grader.grading import glosses, phrases

PACKAGE = Path(grader.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _literal_keys(node: ast.AST) -> set | None:
    if isinstance(node, ast.Dict) and node.keys and all(
            isinstance(k, ast.Constant) for k in node.keys):
        return {k.value for k in node.keys}
    return None


def _tables() -> list[tuple[str, str]]:
    """(module, name) of every module-level catalogue in key -> {en, ko} layout."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(
                node, "target", None)
            value = getattr(node, "value", None)
            if not isinstance(target, ast.Name) or not isinstance(value, ast.Dict) or not value.keys:
                continue
            entries = [_literal_keys(v) for v in value.values]
            if all(e is not None and {"en", "ko"} <= e for e in entries):
                found.append((_module(path), target.id))
    return found


TABLES = _tables()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_catalogues_are_found():
    names = {f"{module}.{name}" for module, name in TABLES}
    assert {"grader.grading.phrasebook.TEXTS", "grader.grading.phrasebook.MACHINE_TEXTS",
            "grader.render.words.LABELS", "grader.render.words.PROGRESS",
            "grader.render.words.ISOLATION", "grader.render.words.DOCTOR",
            "grader.render.words.USAGE", "grader.render.terminal.LABELS",
            "grader.grading.glosses.GLOSSES", "grader.settings.WORDS",
            "grader.grading.diagnosis.texts.TEXTS"} <= names
    assert len(TABLES) >= 40  # and each diagnosis family's texts


@pytest.mark.parametrize("module, name", TABLES, ids=[f"{m}.{n}" for m, n in TABLES])
def test_every_key_has_both_languages_with_the_same_fields(module, name):
    table = getattr(importlib.import_module(module), name)
    for key, entry in table.items():
        assert isinstance(entry["en"], str) and entry["en"], (key, "en")
        assert isinstance(entry["ko"], str) and entry["ko"], (key, "ko")
        if table is glosses.GLOSSES:  # Python's English is a pattern: its groups are the fields
            english = set(re.compile(entry["en"]).groupindex)
        else:
            english = _fields(entry["en"])
        assert english == _fields(entry["ko"]), f"{module}.{name}[{key!r}]"


def test_no_table_is_laid_out_language_first():
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            keys = _literal_keys(node)
            if keys == {"en", "ko"} and all(isinstance(v, ast.Dict) for v in node.values):
                pytest.fail(f"{path.relative_to(PACKAGE)}:{node.lineno} is language -> key")


def test_a_language_of_a_catalogue_reads_english_for_any_other():
    table = {"hello": {"en": "hello {name}", "ko": "안녕 {name}"}}
    assert phrases.in_language(table, "ko") == {"hello": "안녕 {name}"}
    assert phrases.in_language(table, None) == phrases.in_language(table, "fr") == {
        "hello": "hello {name}"}
    assert phrases.word(table, "hello", "ko", name=phrases.Phrase("kernel")) == "안녕 커널의 실행 기록"
