"""Which label column is the default language, and the others as translations."""

from __future__ import annotations

from dataclasses import dataclass

from .vocabulary import label_order, language_code
from .workbook import Row, Sheet

# The language of a plain ``label`` column when the settings sheet does not say.
FALLBACK_LANGUAGE = "nl"


@dataclass(frozen=True)
class Languages:
    default_key: str | None  # "Nederlands (nl)", or None for the plain ``label`` column
    default_code: str

    @classmethod
    def detect(cls, survey: Sheet, default_language: str) -> Languages:
        """The first of the survey's label columns in the vocabulary's :func:`label_order`.

        Its language is the settings' ``default_language`` when the column is
        that language's or the plain ``label``; a plain ``label`` without a
        ``default_language`` is :data:`FALLBACK_LANGUAGE`.
        """
        keys = survey.languages("label")
        order = label_order(keys, default_language)
        key = order[0] if order else None
        if default_language:
            code = language_code(default_language)
            if key is None or language_code(key) == code:
                return cls(key, code)
        return cls(key, language_code(key) if key is not None else FALLBACK_LANGUAGE)

    def text(self, row: Row, base: str) -> str:
        """The default-language text of a translatable column."""
        value = row.get(base, self.default_key)
        if value:
            return value
        for key, text in row.texts(base).items():
            if text and (key is None or language_code(key) == self.default_code):
                return text
        return ""

    def translations(self, row: Row, base: str) -> dict[str, str]:
        """The other languages' texts by language code (empty cells left out)."""
        found: dict[str, str] = {}
        for key, text in row.texts(base).items():
            if key is None or key == self.default_key or not text:
                continue
            code = language_code(key)
            if code != self.default_code:
                found.setdefault(code, text)
        return found
