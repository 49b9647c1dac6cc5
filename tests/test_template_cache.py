"""The templates' compiled code kept between runs (render/environment.py, `Compiled`): read back,
it renders what a fresh compile renders; a template changed since is compiled again; a file that
is corrupt, or a folder that cannot be written, is a compile, never an error."""
from __future__ import annotations

import jinja2
import pytest

from grader import caches
from grader.render import environment, terminal
from grader.render.environment import Compiled
from grader.results import CheckResult, ExerciseResult, SubmissionResult


@pytest.fixture
def fresh_environments(monkeypatch, tmp_path):
    """Each `environment()` made anew, its compiled code kept in tmp_path."""
    monkeypatch.setattr(environment, "compiled_templates", lambda: Compiled(tmp_path / "code"))
    environment.environment.cache_clear()
    yield tmp_path / "code"
    environment.environment.cache_clear()


def no_compile(monkeypatch):
    def refused(self, source, name=None, filename=None, *args, **kwargs):
        raise AssertionError(f"{name} was compiled")
    monkeypatch.setattr(jinja2.Environment, "compile", refused)


def report() -> str:
    """A report that takes every kind of line: a pass, a failure with its hint, a missing file."""
    failing = CheckResult(name="forward", status="failed", message="out: expected 1, got 2",
                          hint="the bias is added twice", kind="value")
    result = SubmissionResult(submission="alice", lang="en", seed=1, exercises=(
        ExerciseResult(id="209", title="MulLayer", status="passed", score=1.0, max_score=1.0,
                       checks=(CheckResult(name="forward", status="passed"),)),
        ExerciseResult(id="219", title="Affine", status="failed", score=0.0, max_score=1.0,
                       checks=(failing,)),
        ExerciseResult(id="230", title="Softmax", status="missing", score=0.0, max_score=1.0)))
    return terminal.report(result)


def test_the_terminal_report_read_back_renders_as_a_fresh_compile(fresh_environments,
                                                                   monkeypatch):
    compiled_now = report()
    for name in terminal.TEMPLATE, terminal.MACROS:  # the macros too: imported as it renders
        environment.environment(False).get_template(name)
    assert len(list(fresh_environments.glob("*.j2c"))) == 2
    environment.environment.cache_clear()
    no_compile(monkeypatch)
    assert report() == compiled_now


def test_a_changed_template_is_compiled_again(tmp_path):
    def rendered(text):
        env = jinja2.Environment(loader=jinja2.DictLoader({"t.j2": text}),
                                 bytecode_cache=Compiled(tmp_path))
        return env.get_template("t.j2").render(x=1)

    assert rendered("one {{ x }}") == "one 1"
    assert rendered("two {{ x }}") == "two 1"
    assert rendered("one {{ x }}") == "one 1"


@pytest.mark.parametrize("damage", [b"", b"j2", b"\x00" * 64])
def test_a_corrupt_file_is_compiled_again_and_written_again(fresh_environments, damage):
    expected = report()
    environment.environment(False).get_template(terminal.MACROS)
    files = sorted(fresh_environments.glob("*.j2c"))
    good = {f.name: f.read_bytes() for f in files}
    for f in files:
        f.write_bytes(damage)
    environment.environment.cache_clear()
    assert report() == expected
    environment.environment(False).get_template(terminal.MACROS)
    assert {f.name: f.read_bytes() for f in files} == good


def test_a_folder_that_cannot_be_written_is_only_a_compile(monkeypatch, tmp_path):
    (tmp_path / "not a folder").write_text("")
    monkeypatch.setattr(environment, "compiled_templates",
                        lambda: Compiled(tmp_path / "not a folder" / "code"))
    environment.environment.cache_clear()
    try:
        assert "the bias is added twice" in report()
    finally:
        environment.environment.cache_clear()


def test_where_the_package_cannot_be_written_the_code_goes_to_the_users_cache(monkeypatch,
                                                                              tmp_path):
    monkeypatch.setattr(caches, "writable", lambda folder: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    kept = environment.compiled_templates()
    assert kept.folder == tmp_path / "backprop-grader" / "templates"
    monkeypatch.setattr(caches, "writable", lambda folder: True)
    assert environment.compiled_templates().folder == environment.PACKAGE / "__pycache__"
