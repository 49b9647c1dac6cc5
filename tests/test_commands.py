"""The command line's shape: every help text as a golden file, so that moving the commands
around (`grader/commands/`) changes nothing a user reads.

argparse words its help differently from one Python version to the next, so the golden file is
per version (tests/golden/help/python3.X.txt); refresh it after an intended change with
    GRADER_UPDATE_GOLDENS=1 python -m pytest tests/test_commands.py
and read its diff before committing it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from grader import cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "help"
UPDATE = os.environ.get("GRADER_UPDATE_GOLDENS") == "1"
COMMANDS = ("list", "show", "stubs", "check", "validate", "new", "batch", "merge", "doctor",
            "classroom-template", "gradescope-autograder")
"""in the order `grader --help` lists them"""


def help_of(argv: list[str], capsys) -> str:
    """What `grader ARGV` prints, and that it exits 0 (argparse's --help and --version)."""
    with pytest.raises(SystemExit) as ended:
        cli.main(argv)
    assert ended.value.code == 0
    return capsys.readouterr().out


def test_every_help_text_is_as_it_was(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps at the terminal's width
    monkeypatch.setenv("LANG", "C.UTF-8")
    texts = [f"$ grader --help\n{help_of(['--help'], capsys)}",
             f"$ grader --version\n{help_of(['--version'], capsys)}"]
    texts += [f"$ grader {name} --help\n{help_of([name, '--help'], capsys)}"
              for name in COMMANDS]
    text = "\n".join(texts)
    golden = GOLDEN / f"python{sys.version_info[0]}.{sys.version_info[1]}.txt"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    if not golden.exists():
        pytest.skip(f"no help golden for this Python ({golden.name}): argparse words its help "
                    "per version; make one with GRADER_UPDATE_GOLDENS=1")
    assert text == golden.read_text(encoding="utf-8"), (
        "a help text changed; if that is intended, refresh it with GRADER_UPDATE_GOLDENS=1 "
        "and read the diff")


def test_the_golden_names_every_command_of_the_parser(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    listed = help_of(["--help"], capsys)
    assert "{" + ",".join(COMMANDS) + "}" in listed
