"""The XLSForm vocabulary: what the words in a form's cells mean, for every reader.

Two readers read XLSForms: the questionnaire import (:func:`ledenpanel.kernel.xlsform.read_xlsform`)
and the analysis (:func:`ledenpanel.analysis.inputs.read_form`), which reads a form to
interpret an export of its answers. What they do with a row differs (the import
builds questions it can ask again; the analysis needs every answer column), but
what the row *says* is decided here, once, following pyxform (the converter
KoboToolbox and ODK use):

- **columns**: a header is ``base`` or ``base::language``; the base is read
  case-insensitively with spaces collapsed, and pyxform's other spellings
  (:data:`COLUMN_ALIASES`: ``list name``, ``caption``, ``value`` …) stand for
  the names used here;
- **types**: :func:`parse_type` sorts a ``type`` cell into a select, an answer
  type, a row that asks nothing, form metadata, a ``begin``/``end`` row, or
  unknown, after pyxform's other spellings (:data:`TYPE_ALIASES`);
- **label language**: :func:`label_order`, the one order in which label
  columns stand in for each other;
- **yes/no words** (``required``, ``missing``, ``randomize=``):
  :data:`TRUE_WORDS`, :data:`FALSE_WORDS`.

Cells become text with :func:`ledenpanel.kernel.cells.cell_text` (pyxform's
rendering: whole numbers without ``.0``, booleans as ``TRUE``/``FALSE``).
Ledenpanel's own conventions on top of XLSForm (the 0–10 rating list, points
groups, agree scales) are in :mod:`.conventions`.

Pure: no Django, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# -- columns ---------------------------------------------------------------------------

# pyxform's other spellings of a column (survey, choices and settings sheets),
# to the name the readers use.
COLUMN_ALIASES = {
    "list name": "list_name",
    "caption": "label",
    "value": "name",
    "relevance": "relevant",
    "calculate": "calculation",
    "read_only": "readonly",
    "constraining_message": "constraint_message",
    "requiredmsg": "required_message",
    "title": "form_title",
    "set_form_title": "form_title",
    "set_form_id": "form_id",
}


def parse_header(header: str) -> tuple[str, str | None]:
    """A header as ``(base, language)``: ``"Label::English (en)"`` → ``("label", "English (en)")``.

    The base is read case-blind with spaces collapsed and pyxform's other
    spellings replaced (``"list name"`` → ``"list_name"``); the language is
    kept as written (``None`` without ``::``).
    """
    base, separator, language = header.partition("::")
    base = " ".join(base.strip().lower().split())
    return COLUMN_ALIASES.get(base, base), (language.strip() if separator else None)


def column_positions(headers: Sequence[str]) -> dict[tuple[str, str | None], int]:
    """Each column's position by ``(base, language)``, in header order.

    The first of two columns that read the same is used, except that a column
    spelled as here wins over an alias (``name`` over ``value``). Empty headers
    are no column.
    """
    positions: dict[tuple[str, str | None], int] = {}
    for position, header in enumerate(headers):
        if not header:
            continue
        key = parse_header(header)
        taken = positions.get(key)
        if taken is None or (_is_alias(headers[taken]) and not _is_alias(header)):
            positions[key] = position
    return dict(sorted(positions.items(), key=lambda item: item[1]))


def _is_alias(header: str) -> bool:
    base = " ".join(header.partition("::")[0].strip().lower().split())
    return base in COLUMN_ALIASES


# -- yes and no ------------------------------------------------------------------------

TRUE_WORDS = frozenset({"yes", "true", "1", "true()", "ja", "y"})
FALSE_WORDS = frozenset({"no", "false", "0", "false()", "nee", "n"})


def is_true(value: str) -> bool:
    return value.strip().lower() in TRUE_WORDS


# -- types -----------------------------------------------------------------------------

# Types a respondent answers, besides the selects.
ANSWER_TYPES = frozenset(
    {
        "integer",
        "decimal",
        "text",
        "date",
        "time",
        "datetime",
        "geopoint",
        "geotrace",
        "geoshape",
        "image",
        "audio",
        "video",
        "file",
        "barcode",
        "acknowledge",
        "trigger",
        "range",
        "osm",
    }
)
# Valid rows that ask nothing: they show, compute, record or attach.
SILENT_TYPES = frozenset(
    {
        "note",
        "calculate",
        "hidden",
        "background-audio",
        "background-geopoint",
        "xml-external",
        "csv-external",
    }
)
# Form metadata: recorded by the device, asked of no one. These are also the
# names such rows usually have, so exports' columns of that name are metadata.
METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
    }
)
# pyxform's other names of a type (lower case), to the name used here. Not
# read: the pre-2013 spellings ("q int", "add integer prompt" …).
TYPE_ALIASES = {
    "int": "integer",
    "string": "text",
    "phone number": "text",  # pyxform: a text question that takes digits only
    "photo": "image",
    "location": "geopoint",
    "gps": "geopoint",
    "date time": "datetime",  # "dateTime" is "datetime" in lower case
    "start time": "start",
    "get start time": "start",
    "end time": "end",
    "get end time": "end",
    "get today": "today",
    "imei": "deviceid",
    "device id": "deviceid",
    "get device id": "deviceid",
    "subscriber id": "subscriberid",
    "get subscriber id": "subscriberid",
    "sim id": "simserial",
    "get sim id": "simserial",
    "get phone number": "phonenumber",
    "uri:deviceid": "deviceid",
    "uri:username": "username",
    "uri:email": "email",
    "uri:phonenumber": "phonenumber",
    "uri:subscriberid": "subscriberid",
    "uri:simserial": "simserial",
}
# What ``begin X`` / ``end X`` opens and closes, by the container's name here.
CONTAINERS = {
    "group": "group",
    "repeat": "repeat",
    "looped group": "repeat",
    "lgroup": "repeat",
    # KoboToolbox's form builder blocks: their rows are not plain XLSForm rows.
    "kobomatrix": "matrix",
    "score": "score",
    "rank": "rank",
}
KOBO_BLOCKS = frozenset({"matrix", "score", "rank"})
# The range widget's parameters when a row leaves them out (ODK's defaults).
RANGE_DEFAULTS = (("start", "1"), ("end", "10"), ("step", "1"))

_BEGIN_END = re.compile(
    r"^(begin|end)[ _](" + "|".join(re.escape(word) for word in CONTAINERS) + r")$"
)
_SELECT = re.compile(
    r"^(select_one_from_file|select one from file|select_multiple_from_file"
    r"|select multiple from file|select_one_external|select one external|select_one"
    r"|select one|select1|select_multiple|select all that apply|rank)"
    r"(?:\s+(\S+))?(\s+or_other)?$"
)
_SELECT_BASES = {
    "select_one": "select_one",
    "select one": "select_one",
    "select1": "select_one",
    "select_multiple": "select_multiple",
    "select all that apply": "select_multiple",
    "rank": "rank",
}


@dataclass(frozen=True)
class XLSType:
    """What a ``type`` cell says."""

    kind: str  # "select", "answer", "silent", "metadata", "begin", "end" or "unknown"
    base: str  # select_one, integer, note, start, group (for begin/end: a CONTAINERS value) …
    raw: str  # the cell, spaces collapsed, case kept
    list_name: str = ""  # a select's list on the choices sheet ("" when external)
    or_other: bool = False
    external: bool = False  # select_one_from_file, select_one_external: choices elsewhere


def parse_type(raw: str) -> XLSType:
    """Sort a ``type`` cell; list names keep their case, everything else is case-blind."""
    text = " ".join(raw.split())
    lowered = text.lower()
    if match := _BEGIN_END.match(lowered):
        return XLSType(match.group(1), CONTAINERS[match.group(2)], text)
    if match := _SELECT.match(lowered):
        head, list_name, or_other = match.groups()
        if "file" in head or "external" in head:
            base = "select_multiple" if "multiple" in head else "select_one"
            return XLSType("select", base, text, external=True)
        if not list_name:
            return XLSType("unknown", lowered, text)
        # List names are case-sensitive: take it from the cell as written.
        list_name = text.split()[-2 if or_other else -1]
        return XLSType("select", _SELECT_BASES[head], text, list_name, bool(or_other))
    base = TYPE_ALIASES.get(lowered, lowered)
    if base in ANSWER_TYPES:
        return XLSType("answer", base, text)
    if base in SILENT_TYPES:
        return XLSType("silent", base, text)
    if base in METADATA:
        return XLSType("metadata", base, text)
    return XLSType("unknown", lowered, text)


# -- languages -------------------------------------------------------------------------

LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "pl": "Polski",
    "tr": "Türkçe",
    "ar": "العربية",
    "fy": "Frysk",
    "pap": "Papiamentu",
    "uk": "Українська",
    "ro": "Română",
}
_CODES_BY_NAME = {name.lower(): code for code, name in LANGUAGE_NAMES.items()} | {
    "dutch": "nl",
    "engels": "en",
    "german": "de",
    "duits": "de",
    "french": "fr",
    "frans": "fr",
    "turkish": "tr",
    "turks": "tr",
    "arabic": "ar",
    "arabisch": "ar",
    "spanish": "es",
    "polish": "pl",
    "pools": "pl",
}
_CODE_IN_PARENTHESES = re.compile(r"\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\s*\)\s*$")


def language_code(key: str) -> str:
    """``"Nederlands (nl)"`` → ``"nl"``, ``"English"`` → ``"en"``, else the key itself."""
    match = _CODE_IN_PARENTHESES.search(key)
    if match:
        return match.group(1)
    return _CODES_BY_NAME.get(key.strip().lower(), key.strip())


def language_column(code: str) -> str:
    """The XLSForm language key for a code: ``"nl"`` → ``"Nederlands (nl)"``."""
    return f"{LANGUAGE_NAMES.get(code, code)} ({code})"


def label_order(keys: Sequence[str | None], default_language: str) -> list[str | None]:
    """A sheet's label columns (language keys, ``None`` for plain ``label``) by preference.

    1. the column the settings' ``default_language`` names exactly;
    2. other columns of that language's code (``label::nl``, ``label::Dutch``
       for ``Nederlands (nl)``);
    3. the plain ``label`` column: pyxform takes it as the default language's
       text when no column names that language;
    4. the other columns, in sheet order.

    The first is the form's default language; the readers fall back along the
    rest where a cell is empty (the import only within the default language).
    """
    order: list[str | None] = []
    if default_language:
        code = language_code(default_language)
        if default_language in keys:
            order.append(default_language)
        order += [k for k in keys if k is not None and k not in order and language_code(k) == code]
    if None in keys:
        order.append(None)
    order += [key for key in keys if key not in order]
    return order
