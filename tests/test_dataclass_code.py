"""The compiled methods of dataclasses, kept between runs (`grader.dataclass_code`): a class made
from the cache is the class `dataclasses` makes; a cache that is corrupt, of another Python or
missing is a slower start, never an error; only the grader's commands use it."""
from __future__ import annotations

import dataclasses
import marshal
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from grader import dataclass_code


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The cache in `tmp_path`, empty; `dataclasses` as it was afterwards."""
    place = tmp_path / "__pycache__" / dataclass_code.FILE_NAME
    monkeypatch.setattr(dataclass_code, "_place", lambda: place)
    monkeypatch.setattr(dataclass_code, "_code", {})
    monkeypatch.setattr(dataclass_code, "_compiled", {})
    yield place
    if "exec" in vars(dataclasses):
        del dataclasses.exec


def make_class():
    @dataclass(frozen=True)
    class Point:
        x: int
        y: float = 0.5
        tags: tuple[str, ...] = field(default_factory=tuple)

    return Point


def behaviour(cls) -> tuple:
    p = cls(1, tags=("a",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    return (repr(p), p == cls(1, tags=("a",)), p == cls(2), hash(p) == hash(cls(1, tags=("a",))),
            dataclasses.astuple(p))


def method_code(cls) -> list:
    return [getattr(cls, name).__code__.co_code
            for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__")]


def test_a_class_from_the_cache_is_the_class_dataclasses_makes(cache):
    plain = make_class()
    dataclass_code.use()
    first = make_class()  # compiled, and kept
    assert dataclass_code._compiled
    dataclass_code.keep()
    assert cache.is_file() and not dataclass_code._compiled
    del dataclasses.exec
    dataclass_code._code.clear()
    dataclass_code.use()  # a new run: the code is read back
    assert dataclass_code._code
    again = make_class()
    assert not dataclass_code._compiled  # nothing compiled: all of it came from the cache
    assert behaviour(plain) == behaviour(first) == behaviour(again)
    assert method_code(plain) == method_code(again)


def test_nothing_new_writes_nothing(cache):
    dataclass_code.use()
    dataclass_code.keep()
    assert not cache.exists()


@pytest.mark.parametrize("content", [b"not marshal data", marshal.dumps(("2.7.18", {})),
                                     marshal.dumps((sys.version, {"text": 12})),
                                     marshal.dumps([1, 2])])
def test_a_cache_corrupt_or_of_another_python_is_not_used(cache, content):
    cache.parent.mkdir()
    cache.write_bytes(content)
    plain = make_class()
    dataclass_code.use()
    assert dataclass_code._code == {}
    assert behaviour(make_class()) == behaviour(plain)
    assert dataclass_code._compiled  # compiled as if no cache were there
    dataclass_code.keep()
    assert marshal.loads(cache.read_bytes())[0] == sys.version  # replaced by a good one


def test_importing_the_package_leaves_dataclasses_alone():
    code = ("import dataclasses, grader.cli, grader.grading.engine; "
            "print('exec' in vars(dataclasses))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("kept", [b"not marshal data", marshal.dumps(12)])
def test_a_kept_text_whose_code_is_not_code_is_compiled_again(cache, kept):
    plain = make_class()
    dataclass_code.use()
    make_class()
    texts = list(dataclass_code._compiled)
    cache.parent.mkdir()
    cache.write_bytes(marshal.dumps((sys.version, {text: kept for text in texts})))
    del dataclasses.exec
    dataclass_code._code.clear()
    dataclass_code._compiled.clear()
    dataclass_code.use()
    assert set(dataclass_code._code) == set(texts)
    again = make_class()
    assert set(dataclass_code._compiled) == set(texts)  # every one a miss
    assert behaviour(again) == behaviour(plain)
