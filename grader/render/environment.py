"""The jinja2 environment for every template shipped in the package."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from ..text import encodable


@lru_cache(maxsize=None)
def environment(autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("grader.render", "templates"),
        autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def render(name: str, **context) -> str:
    """A template's text, which any UTF-8 file or terminal takes (see grader.text)."""
    return encodable(environment(name.endswith(".html.j2")).get_template(name).render(**context))
