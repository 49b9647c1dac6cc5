"""The language a student reads, when no `--lang` says it, so that it is said once.

In order: the environment variable GRADER_LANG; else the `lang` of the folder's grader.cfg,

    [grader]
    lang = ko

which `grader stubs DIR --lang ko` writes into the folder it fills (and `grader
classroom-template` into the repository); else English. `grader stubs`, `grader check`, the
other commands, the pytest plugin and `%grade` all ask here. A value is checked as every
option's is (`settings.lang`). Imports nothing of the grader but `settings`: every layer may
use it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from . import settings

ENV = "GRADER_LANG"
CONFIG = "grader.cfg"
SECTION = "grader"
LANGS = settings.LANGS
DEFAULT = "en"


class LanguageError(settings.SettingError):
    """A language setting that is neither ko nor en (a user's mistake: said in one line)."""


def checked(value: str | None, where: str) -> str | None:
    """`value` as a language (None: not given), or LanguageError naming `where` it was said."""
    try:
        return settings.lang(value, where)
    except settings.SettingError as e:
        raise LanguageError(e.key, **e.fields) from None


def configured(folder: Path | None) -> str | None:
    """The `lang` of `folder`/grader.cfg, if the file says one; LanguageError if it is wrong."""
    if folder is None:
        return None
    path = Path(folder) / CONFIG
    try:
        if not path.is_file():
            return None
    except OSError:  # the folder cannot be read: the command says so (paths.input_folder)
        return None
    import configparser  # only where there is a grader.cfg: 1 ms of every start otherwise

    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError) as e:
        raise LanguageError("unreadable", path=path, error=e) from None
    return checked(parser.get(SECTION, "lang", fallback=None), f"{path}: lang")


def default(folder: Path | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """GRADER_LANG, else `folder`'s grader.cfg, else English."""
    return checked(environ.get(ENV), ENV) or configured(folder) or DEFAULT


def chosen(flag: str | None, folder: Path | None = None,
           environ: Mapping[str, str] = os.environ) -> str:
    """The language of a command: its --lang, else the default for `folder`."""
    return checked(flag, "--lang") or default(folder, environ)


def config_text(lang: str) -> str:
    """A new grader.cfg that says `lang`."""
    return (f"# backprop-grader: the language of `grader check` and of pytest here\n"
            f"[{SECTION}]\nlang = {lang}\n")


def write(folder: Path, lang: str) -> str:
    """Set `lang` in `folder`/grader.cfg, keeping whatever else it says: 'written' (a new
    file), 'updated' or 'kept' (it said so already)."""
    path = Path(folder) / CONFIG
    if not path.exists():
        path.write_text(config_text(lang), encoding="utf-8")
        return "written"
    if configured(folder) == lang:
        return "kept"
    import configparser

    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    parser.set(SECTION, "lang", lang)
    with open(path, "w", encoding="utf-8") as f:
        parser.write(f)
    return "updated"
