"""The notes of ``ledenpanel analyse``'s file readers in the report's language.

What the readers left out or read leniently (columns skipped and why, questions
without a column, answers of an older form version, rows skipped …) reaches
the result as ``input_notes``: each a ``code``, its ``params`` (names and
figures, and where: ``file``, ``sheet``, ``line``, ``column``,
``column_number``) and a Dutch ``text`` for readers that know no codes. Here a
known code becomes a sentence of the report's catalog, its figures formatted
the report's way; the names stay as the files spell them (they are what the
user looks for in the file). An unknown code, or an older result's plain
string, is printed as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ledenpanel.kernel.spreadsheets import column_letters

from .formats import fmt_count
from .i18n import N_, Translator, translator
from .lenient import as_dict, as_list, as_number

# Each code: (the sentence for one, the sentence for more); ``count`` chooses.
INPUT_NOTES = {
    "crosstab_variables": (
        N_("achtergrondkenmerken voor de kruistabellen: %(variables)s."),
        N_("achtergrondkenmerken voor de kruistabellen: %(variables)s."),
    ),
    "categories_merged": (
        N_(
            "achtergrondkenmerk %(variable)s: %(count)s kleine categorie samengevoegd tot "
            "“%(merged)s” (%(categories)s)."
        ),
        N_(
            "achtergrondkenmerk %(variable)s: %(count)s kleine categorieën samengevoegd tot "
            "“%(merged)s” (%(categories)s)."
        ),
    ),
    "columns_skipped": (
        N_("%(count)s kolom niet gebruikt voor de kruistabellen (%(reason)s): %(columns)s."),
        N_("%(count)s kolommen niet gebruikt voor de kruistabellen (%(reason)s): %(columns)s."),
    ),
    "columns_ignored": (
        N_("%(count)s kolom met metadata of zonder vraag genegeerd: %(columns)s."),
        N_("%(count)s kolommen met metadata of zonder vraag genegeerd: %(columns)s."),
    ),
    "empty_rows_skipped": (
        N_("%(count)s lege rij overgeslagen."),
        N_("%(count)s lege rijen overgeslagen."),
    ),
    "no_responses": (
        N_("heeft een kopregel maar geen antwoorden."),
        N_("heeft een kopregel maar geen antwoorden."),
    ),
    "questions_without_column": (
        N_(
            "geen kolom voor de vraag %(questions)s van het formulier: die blijft buiten de "
            "analyse (uit de export gehaald, of door niemand beantwoord?)."
        ),
        N_(
            "geen kolom voor de vragen %(questions)s van het formulier: die blijven buiten de "
            "analyse (uit de export gehaald, of door niemand beantwoord?)."
        ),
    ),
    "answers_not_in_form": (
        N_(
            "%(count)s antwoord op vraag %(question)s is geen keuze van het formulier "
            "(%(values)s), misschien uit een oudere versie ervan: geteld als niet beantwoord. "
            "Zet de waarde op het keuzeblad (choices) van het formulier om haar mee te tellen, "
            "of weiger zulke antwoorden met --strict."
        ),
        N_(
            "%(count)s antwoorden op vraag %(question)s zijn geen keuze van het formulier "
            "(%(values)s), misschien uit een oudere versie ervan: geteld als niet beantwoord. "
            "Zet die waarden op het keuzeblad (choices) van het formulier om ze mee te tellen, "
            "of weiger zulke antwoorden met --strict."
        ),
    ),
    "identifier_column": (
        N_(
            "heeft voor elk lid een andere waarde: een identificatie? Laat de kolom weg: de "
            "populatie heeft alleen achtergrondkenmerken nodig."
        ),
        N_(
            "heeft voor elk lid een andere waarde: een identificatie? Laat de kolom weg: de "
            "populatie heeft alleen achtergrondkenmerken nodig."
        ),
    ),
    "choice_duplicates_allowed": (
        N_(
            "keuzenamen komen meer dan eens voor (allow_choice_duplicates): %(choices)s. "
            "Antwoorden met dezelfde naam tellen als één optie, met het label van de eerste keuze."
        ),
        N_(
            "keuzenamen komen meer dan eens voor (allow_choice_duplicates): %(choices)s. "
            "Antwoorden met dezelfde naam tellen als één optie, met het label van de eerste keuze."
        ),
    ),
    "questions_in_repeats": (
        N_(
            "%(count)s vraag binnen een herhaling (repeat) wordt niet geanalyseerd (exports "
            "zetten herhalingen in aparte tabellen)."
        ),
        N_(
            "%(count)s vragen binnen herhalingen (repeats) worden niet geanalyseerd (exports "
            "zetten herhalingen in aparte tabellen)."
        ),
    ),
    "questions_in_kobo_blocks": (
        N_(
            "%(count)s vraag binnen een matrix-, score- of rangordeblok van Kobo wordt niet "
            "geanalyseerd."
        ),
        N_(
            "%(count)s vragen binnen matrix-, score- of rangordeblokken van Kobo worden niet "
            "geanalyseerd."
        ),
    ),
}

# Why a column is no crosstab variable (``columns_skipped``'s ``reason``).
SKIP_REASONS = {
    "attachment_link": N_("een link naar een bijlage"),
    "form_metadata": N_("metadata van het formulier"),
    "export_metadata": N_("metadata van de export"),
    "empty": N_("leeg"),
    "one_value": N_("één waarde voor iedereen"),
    "identifier_like": N_(
        "een identificatie, zo lijkt het: meer dan de helft van de waarden verschilt"
    ),
    "question_path": N_(
        "een vraagpad: een vraag of optie van een andere versie van het formulier?"
    ),
    "mostly_unknown": N_("bekend bij minder dan de helft van de deelnemers"),
    "too_many_categories": N_(
        "meer dan %(max_categories)s categorieën van minstens %(min_group)s deelnemers"
    ),
    "too_few_categories": N_("minder dan twee categorieën van %(min_group)s of meer deelnemers"),
    "too_many_raw_categories": N_("meer dan %(max_categories)s categorieën"),
    "too_many_variables": N_(
        "meer dan %(max_variables)s achtergrondkenmerken; noem de gewenste met --by"
    ),
    "not_requested": N_("niet genoemd bij --by"),
}

MORE = N_("%(names)s en nog %(count)s")
PART = N_("%(question)s (deel %(part)s)")  # a points question's part
CHOICE = N_("“%(name)s” in lijst %(list)s (rij %(row)s)")
# Where a note applies: the file, then these parts.
SHEET = N_("blad “%(sheet)s”")
ROW = N_("rij %(row)s")  # a workbook's row
LINE = N_("regel %(line)s")  # a CSV file's line
COLUMN = N_("kolom “%(column)s”")
COLUMN_NUMBER = N_("kolom %(number)s")


def _count(value: Any) -> int:
    number = as_number(value)
    return int(number) if number is not None else 0


def _names(params: Mapping[str, Any], key: str, t: Translator, quoted: bool = False) -> str:
    """A list of names, "and N more" when the note counts more than it names."""
    names = [str(name) for name in as_list(params.get(key))]
    if quoted:
        names = [f"“{name}”" for name in names]
    text = ", ".join(names)
    more = _count(params.get("more"))
    if more:
        text = t.gettext(MORE, names=text, count=fmt_count(more, lang=t.lang))
    return text


def _reason(params: Mapping[str, Any], t: Translator) -> str:
    code = str(params.get("reason") or "")
    if code not in SKIP_REASONS:
        return code
    figures = {
        key: fmt_count(params.get(key), lang=t.lang)
        for key in ("max_categories", "min_group", "max_variables")
    }
    return t.gettext(SKIP_REASONS[code], **figures)


def _choices(params: Mapping[str, Any], t: Translator) -> str:
    shown = [
        t.gettext(
            CHOICE,
            name=str(choice.get("name") or ""),
            list=str(choice.get("list") or ""),
            row=str(choice.get("row") or ""),
        )
        for choice in as_list(params.get("choices"))
        if isinstance(choice, Mapping)
    ]
    return _names({"names": shown, "more": params.get("more")}, "names", t)


def _questions(params: Mapping[str, Any], t: Translator) -> str:
    """The questions without a column, and the parts of points questions."""
    names = [str(name) for name in as_list(params.get("questions"))]
    names += [
        t.gettext(PART, question=str(part.get("question") or ""), part=str(part.get("part") or ""))
        for part in as_list(params.get("parts"))
        if isinstance(part, Mapping)
    ]
    return ", ".join(names)


def _values(code: str, params: Mapping[str, Any], t: Translator) -> dict[str, str]:
    values = {
        "count": fmt_count(params.get("count"), lang=t.lang),
        "variable": str(params.get("variable") or ""),
        "question": str(params.get("question") or ""),
        "merged": str(params.get("merged") or ""),
        "variables": ", ".join(str(name) for name in as_list(params.get("variables"))),
        "questions": _questions(params, t),
        "columns": _names(params, "columns", t),
        "categories": _names(params, "categories", t),
        "values": _names(params, "values", t, quoted=True),
    }
    if code == "columns_skipped":
        values["reason"] = _reason(params, t)
    if code == "choice_duplicates_allowed":
        values["choices"] = _choices(params, t)
    return values


def _place(params: Mapping[str, Any], t: Translator) -> str:
    """Where the note applies, in the report's words: ``export.xlsx, blad “Peiling”, rij 1``."""
    parts = [str(params["file"])] if params.get("file") else []
    sheet = params.get("sheet")
    if sheet:
        parts.append(t.gettext(SHEET, sheet=str(sheet)))
    line = params.get("line")
    if line:
        parts.append(t.gettext(ROW if sheet else LINE, row=str(line), line=str(line)))
    column, number = params.get("column"), params.get("column_number")
    if number and sheet and isinstance(number, int):
        number = column_letters(number)  # a sheet's columns have letters
    if column:
        parts.append(t.gettext(COLUMN, column=str(column)) + (f" ({number})" if number else ""))
    elif number:
        parts.append(t.gettext(COLUMN_NUMBER, number=str(number)))
    return ", ".join(parts)


def input_note_text(note: Any, t: Translator) -> str:
    """One note of the readers, in the report's language (its place first)."""
    if not isinstance(note, Mapping):
        return str(note)
    code = str(note.get("code"))
    if code not in INPUT_NOTES:
        return str(note.get("text") or "")
    params = as_dict(note.get("params"))
    one, many = INPUT_NOTES[code]
    sentence = t.gettext(
        one if _count(params.get("count")) == 1 else many, **_values(code, params, t)
    )
    place = _place(params, t)
    return f"{place}: {sentence}" if place else sentence[:1].upper() + sentence[1:]


def input_note_texts(notes: Any, t: Translator) -> list[str]:
    """The result's ``input_notes`` in the report's language."""
    return [text for text in (input_note_text(note, t) for note in as_list(notes)) if text]


def input_note(code: str, params: Mapping[str, Any], fallback: str = "") -> dict[str, Any]:
    """A note as the result holds it: code, params and the Dutch text.

    ``fallback``: the text of a note whose code this module does not know.
    """
    note: dict[str, Any] = {"code": code, "params": dict(params)}
    note["text"] = input_note_text(note, translator("nl")) if code in INPUT_NOTES else fallback
    return note
