"""Saying a text of a catalogue in the reader's language: `say`, `Phrase`, `in_language`.

Every catalogue of texts has one layout, key -> {en, ko} (`phrasebook.TEXTS`, the diagnosis
families' texts, the reports' `render/words.py`), and is read here. Imports only the
phrasebook (data), so a module that only says a message needs nothing else of the grader.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .phrasebook import TEXTS

LANGUAGES = ("en", "ko")
"""the languages of every catalogue; any other is read in English"""

Catalogue = Mapping[str, Mapping[str, str]]
"""key -> {en, ko}"""


def language(lang: str | None) -> str:
    """`lang` if the catalogues have it, else English."""
    return lang if lang in LANGUAGES else "en"


def in_language(texts: Catalogue, lang: str | None) -> dict[str, str]:
    """One language of a catalogue, key -> text (what a template or a format string looks up)."""
    lang = language(lang)
    return {key: entry[lang] for key, entry in texts.items()}


class Words:
    """Something to be said later, in the reader's language: a field of a text is said with it."""

    def say(self, lang: str) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Phrase(Words):
    """Words to say later, in the reader's language: a key of TEXTS and its fields (which may
    be phrases too, or tuples of them, said joined by commas)."""

    key: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    def say(self, lang: str) -> str:
        return say(self.key, lang, **self.fields)


def say(key: str, lang: str, **fields) -> str:
    """`TEXTS[key]` in `lang`, its fields said in `lang` too."""
    return word(TEXTS, key, lang, **fields)


def word(texts: Catalogue, key: str, lang: str, **fields) -> str:
    """`texts[key]` in `lang` (English for any other), its fields said in `lang` too."""
    fields = {name: _said(value, lang) for name, value in fields.items()}
    return texts[key][language(lang)].format(**fields)


def _said(value, lang: str):
    if isinstance(value, Words):
        return value.say(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
        return ", ".join(v.say(lang) for v in value)
    return value
