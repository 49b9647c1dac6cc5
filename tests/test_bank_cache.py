"""The bank's compiled cache (grader/bank/compiled.py): specs read from it equal a fresh parse
of the YAML, for the whole bank; a changed spec is read again; a corrupt, stale or forged cache
is read as a miss and written again, never an error; a bank that cannot be written keeps its
cache in the user's cache folder; graders writing at once leave one whole cache."""
from __future__ import annotations

import dataclasses
import marshal
import os
import shutil
import subprocess
import sys
import threading

import pytest
from conftest import ROOT

from grader.bank import catalogue, compiled, loader
from grader.bank.catalogue import read_bank


def fresh(folder):
    """Every spec of `folder` parsed from its YAML, the cache unused."""
    return [loader.load_exercise(p) for p in sorted(folder.glob("p*.yaml"),
                                                    key=lambda p: int(p.stem[1:]))]


def cached(folder):
    """The bank read as a new process reads it: the cache file, nothing kept in memory."""
    catalogue._compiled.cache_clear()
    return read_bank(folder)


@pytest.fixture
def bank(tmp_path, monkeypatch):
    """A copy of the whole bank, with no cache yet; the user's cache folder in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    folder = tmp_path / "exercises"
    shutil.copytree(ROOT / "exercises", folder, ignore=shutil.ignore_patterns("__pycache__"))
    catalogue._compiled.cache_clear()
    yield folder
    catalogue._compiled.cache_clear()


def cache_file(folder):
    return folder / "__pycache__" / compiled.FILE_NAME


def no_yaml(monkeypatch):
    """From now on a spec read from its YAML fails the test."""
    def refused(path):
        raise AssertionError(f"{path.name} was read from its YAML")
    monkeypatch.setattr(loader, "load_exercise", refused)


def test_the_whole_bank_from_the_cache_equals_a_fresh_parse(bank, monkeypatch):
    first = read_bank(bank)
    assert not first.problems and cache_file(bank).is_file()
    expected = fresh(bank)
    assert len(expected) == len(first.specs) > 40
    no_yaml(monkeypatch)
    again = cached(bank)
    assert list(again.specs) == expected == list(first.specs)
    # their mappings in the same order too: the frozen results' digests are made of reprs
    assert [repr(s) for s in again.specs] == [repr(s) for s in expected]
    # every field, `source` (the file read) included, and no value shared with the parse
    assert [s.source for s in again.specs] == [str(p.source) for p in expected]
    assert all(a is not b for a, b in zip(again.specs, expected))


def test_only_the_specs_asked_for_are_read_and_the_rest_kept(bank, monkeypatch):
    read_bank(bank, {219})
    entries = marshal.loads(cache_file(bank).read_bytes())[2]
    assert set(entries) == {"p219.yaml"}
    read_bank(bank, {209, 219})
    assert set(marshal.loads(cache_file(bank).read_bytes())[2]) == {"p209.yaml", "p219.yaml"}
    no_yaml(monkeypatch)
    catalogue._compiled.cache_clear()
    assert [s.id for s in read_bank(bank, {209, 219}).specs] == ["209", "219"]
    with pytest.raises(AssertionError, match="p210.yaml was read from its YAML"):
        read_bank(bank, {210})

def test_a_changed_spec_is_read_again_and_the_others_come_from_the_cache(bank, monkeypatch):
    read_bank(bank)
    path = bank / "p219.yaml"
    text = path.read_text(encoding="utf-8")
    assert "The Affine layer" in text
    # the same size, and written at once: only its bytes tell
    path.write_text(text.replace("The Affine layer", "The Affine LAYER"), encoding="utf-8")
    calls = []
    load = loader.load_exercise
    monkeypatch.setattr(loader, "load_exercise", lambda p: calls.append(p.name) or load(p))
    again = cached(bank)
    assert calls == ["p219.yaml"]
    assert next(s for s in again.specs if s.id == "219").title.en == "The Affine LAYER"
    assert list(again.specs) == fresh(bank)
    calls.clear()
    cached(bank)  # written again with the change
    assert calls == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other key", "forged class",
                                    "forged entry"])
def test_a_corrupt_stale_or_forged_cache_is_rebuilt_silently(bank, damage):
    read_bank(bank)
    path = cache_file(bank)
    data = path.read_bytes()
    form, key, entries = marshal.loads(data)
    if damage == "garbage":
        path.write_bytes(b"\x00not marshal at all" * 10)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other key":  # the grader's version or the bank's code changed
        path.write_bytes(marshal.dumps((form, b"another grader", entries)))
    else:
        digest, spec = entries["p219.yaml"]
        if damage == "forged class":  # a class that is not a spec's: never built
            forged = (compiled.TAG, "Kind", {"name": "x"})
        else:  # the right digest, a value that is no spec
            forged = ("not", "a", "spec")
        entries["p219.yaml"] = (digest, marshal.dumps(forged))
        path.write_bytes(marshal.dumps((form, key, entries)))
    again = cached(bank)
    assert not again.problems and list(again.specs) == fresh(bank)
    form, key, entries = marshal.loads(path.read_bytes())  # whole again
    assert key == compiled.key() and "p219.yaml" in entries
    assert compiled.decode(marshal.loads(entries["p219.yaml"][1])).id == "219"


def test_a_bank_folder_that_cannot_be_written_keeps_its_cache_in_the_users(bank, tmp_path,
                                                                          monkeypatch):
    (bank / "__pycache__").write_text("a file where the folder would be")  # so, as root too
    first = read_bank(bank)
    (kept,) = (tmp_path / "user-cache" / "backprop-grader").glob("bank-*")
    assert kept.name.endswith(compiled.FILE_NAME)
    no_yaml(monkeypatch)
    assert list(cached(bank).specs) == list(first.specs)


def test_no_cache_anywhere_is_only_slower(bank, monkeypatch):
    (bank / "__pycache__").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(bank / "p219.yaml"))  # a file: no folder there
    assert list(read_bank(bank).specs) == fresh(bank)
    assert list(cached(bank).specs) == fresh(bank)


def test_graders_writing_at_once_leave_one_whole_cache(bank):
    """Threads, each a grader with its own view of the cache, each reading other exercises
    and writing at the same time: the file is always one of their writes, whole."""
    numbers = sorted(int(p.stem[1:]) for p in bank.glob("p*.yaml"))
    start = threading.Barrier(8)
    failed = []

    def grader(share):
        try:
            start.wait()
            for _ in range(3):
                view = compiled.Compiled(bank)
                for number in share:
                    path = bank / f"p{number}.yaml"
                    view.get(path) or view.put(path, loader.load_exercise(path))
                view.save({p.name for p in bank.glob("p*.yaml")})
        except BaseException as e:  # noqa: BLE001 (said below)
            failed.append(e)

    threads = [threading.Thread(target=grader, args=(numbers[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    form, key, entries = marshal.loads(cache_file(bank).read_bytes())
    assert key == compiled.key() and entries
    assert [p.name for p in (bank / "__pycache__").iterdir()] == [compiled.FILE_NAME]  # no temp
    assert list(cached(bank).specs) == fresh(bank)


def test_a_run_from_the_cache_imports_neither_yaml_nor_the_readers(bank):
    # numpy comes with the check kinds, whose params a spec is rebuilt into (and which judge)
    read_bank(bank)
    probe = ("import sys\n"
             "from pathlib import Path\n"
             "from grader.bank.catalogue import read_bank\n"
             f"(spec,) = read_bank(Path({str(bank)!r}), {{219}}).specs\n"
             "assert spec.id == '219' and spec.checks\n"
             "print(*(m in sys.modules for m in ('yaml', 'grader.bank.loader')))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def test_a_spec_with_a_value_the_cache_cannot_keep_as_it_is_is_not_kept(bank):
    path = bank / "p219.yaml"
    spec = loader.load_exercise(path)
    odd = dataclasses.replace(spec, aliases={"Affine": (object(),)})
    with pytest.raises(compiled.Uncacheable):
        compiled.encode(odd)
    view = compiled.Compiled(bank)
    view.put(path, odd)
    view.put(path, dataclasses.replace(spec, points=float("nan")))  # not equal to itself
    assert view.fresh == {}
    view.put(path, spec)
    assert set(view.fresh) == {"p219.yaml"}


def test_the_key_covers_the_code_that_reads_a_spec_the_kinds_parsers_too(tmp_path, monkeypatch):
    """A change to a check kind's parser (its module in grading/checks/) makes every entry
    stale, as a change to the bank's own reader does."""
    copies = []
    for folder in compiled.CODE:
        copy = tmp_path / folder.name
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
        copies.append(copy)
    monkeypatch.setattr(compiled, "CODE", tuple(copies))
    compiled.key.cache_clear()
    try:
        before = compiled.key()
        for copy in copies:
            module = next(copy.glob("*.py"))
            original = module.read_bytes()
            module.write_bytes(original + b"\n# changed\n")
            compiled.key.cache_clear()
            assert compiled.key() != before, copy.name
            module.write_bytes(original)
        compiled.key.cache_clear()
        assert compiled.key() == before
    finally:
        compiled.key.cache_clear()
