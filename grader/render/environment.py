"""The jinja2 environment for every template shipped in the package.

A template is read from disk once, then kept (no auto-reload): in same-user mode the student's
code could rewrite the package's templates while the grader runs (see `grader.preload`)."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from ..text import encodable
from .words import kind_word, points


@lru_cache(maxsize=None)
def environment(autoescape: bool) -> jinja2.Environment:
    """Every template writes points as `{{ x | points }}`: one way of writing a score (see
    `words.points`); a kind of exercise or check as `{{ kind | kind(lang) }}`."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("grader.render", "templates"),
        autoescape=autoescape, auto_reload=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["points"] = points
    env.filters["kind"] = kind_word
    return env


def render(name: str, **context) -> str:
    """A template's text, which any UTF-8 file or terminal takes (see grader.text)."""
    return encodable(environment(name.endswith(".html.j2")).get_template(name).render(**context))
