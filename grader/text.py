"""Text as any UTF-8 file or stream takes it.

A student's text can hold lone surrogates, which UTF-8 cannot encode: a file or folder named in
bytes that are not UTF-8 (Python names it with `\\udcff`), `"\\ud800"` in a notebook (JSON allows
the escape), or in an exception's message or a printed string. One such character made every
write of the text fail (and with it the worker that wrote a class's results), so text leaves the
grader through `encodable`: a lone surrogate is written as its escape, `\\ud800`, which is also
what a JSON string reads back as the same character.
"""
from __future__ import annotations

import re

ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
"""a surrogate written as a JSON escape: only such a line can decode to a lone surrogate"""


def encodable(text: str) -> str:
    """`text`, each character UTF-8 cannot encode (a lone surrogate) written as its escape."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def encodable_data(value):
    """JSON-like data (dicts, lists, strings) with every string made `encodable`."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, list):
        return [encodable_data(v) for v in value]
    if isinstance(value, dict):
        return {encodable_data(k): encodable_data(v) for k, v in value.items()}
    return value
