"""The report's languages: Dutch in the source, other languages from a gettext catalog.

Every msgid is a Python format string (``%%`` for a percent sign), as Jinja's
new-style gettext requires, so texts built in code are formatted the same way.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "report"
DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")  # Dutch is the source; the others have a catalog in LOCALE_DIR


def N_(message: str) -> str:
    """Marks a msgid for the catalog where it is defined; translated where it is used.

    ``N_`` is gettext's conventional name for "translate later".
    """
    return message


def language(lang: Any) -> str:
    """A supported language code; anything else (None, "fr", "EN-gb") falls back sensibly."""
    code = str(lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of a language; Dutch, the source language, needs none.

    Cached per language: a catalog is read-only once loaded, so one language's
    rendering cannot change another's.
    """
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


@dataclass(frozen=True)
class Translator:
    """One report language: its catalog, handed to every function that writes text."""

    lang: str
    catalog: gettext.NullTranslations

    def gettext(self, message: str, **values: Any) -> str:
        """The translated ``message``, formatted with ``values`` (always: ``%%`` is "%")."""
        return self.catalog.gettext(message) % values

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        return self.catalog.ngettext(singular, plural, n) % values


def translator(lang: Any = DEFAULT_LANGUAGE) -> Translator:
    code = language(lang)
    return Translator(code, catalog(code))
