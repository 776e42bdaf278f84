"""A form laid out as KoboToolbox exports it ("Download XLS"): three languages,
``$kuid``/``$autoname`` columns, metadata, groups, a repeat, calculations."""

from __future__ import annotations

import zlib

from tests.support.xlsform import Cell, xlsx

SURVEY_HEADER: list[Cell] = [
    "type",
    "$kuid",
    "name",
    "$autoname",
    "label::Nederlands (nl)",
    "label::English (en)",
    "label::Türkçe (tr)",
    "hint::Nederlands (nl)",
    "hint::English (en)",
    "required",
    "relevant",
    "appearance",
    "constraint",
    "constraint_message::Nederlands (nl)",
    "calculation",
    "choice_filter",
    "parameters",
]


def _row(
    kind: str,
    name: str | None,
    nl: str | None = None,
    en: str | None = None,
    tr: str | None = None,
    **extra: Cell,
) -> list[Cell]:
    values: dict[str, Cell] = {
        "type": kind,
        "$kuid": f"k{zlib.crc32(f'{kind}{name}'.encode()):08x}",
        "name": name,
        "$autoname": extra.pop("autoname", name),
        "label::Nederlands (nl)": nl,
        "label::English (en)": en,
        "label::Türkçe (tr)": tr,
    }
    values.update({key.replace("__", "::").replace("_nl", " (nl)"): v for key, v in extra.items()})
    return [values.get(str(column)) for column in SURVEY_HEADER]


SURVEY: list[list[Cell]] = [
    SURVEY_HEADER,
    _row("start", "start"),  # 2
    _row("end", "end"),  # 3
    _row("today", "today"),  # 4
    _row("deviceid", "deviceid"),  # 5
    _row("note", "welkom", "Welkom bij de peiling.", "Welcome.", "Hoş geldiniz."),  # 6
    _row("begin_group", "over_u", "Over u", "About you", "Hakkınızda"),  # 7
    _row(
        "integer",
        "leeftijd",
        "Hoe oud bent u?",
        "How old are you?",
        "Kaç yaşındasınız?",
        required="true",
        constraint=". >= 16 and . <= 120",
        constraint_message__Nederlands_nl="Tussen 16 en 120",
    ),  # 8
    _row("select_one regios", "regio", "In welke regio woont u?", "Region?", "Bölge?"),  # 9
    _row(
        "select_one afdelingen",
        "afdeling",
        "Bij welke afdeling bent u lid?",
        "Which branch?",
        "Hangi şube?",
        choice_filter="regio=${regio}",
        required="true",
    ),  # 10
    _row("select_one ja_nee", "lang_lid", "Langer dan 5 jaar lid?", "Member > 5 years?", "5 yıl?"),
    _row("end_group", None),  # 12
    _row(
        "begin_group", "stellingen", "Stellingen", "Statements", "İfadeler", appearance="field-list"
    ),
    _row(
        "select_one eens5",
        "st_wonen",
        "Wonen is urgent.",
        "Housing is urgent.",
        "Konut.",
        required="true",
    ),
    _row(
        "select_one eens5",
        "st_zorg",
        "Zorg is urgent.",
        "Care is urgent.",
        "Bakım.",
        required="true",
    ),
    _row("end_group", None),  # 16
    _row(
        "select_one eens5",
        "bestuur",
        "Het bestuur luistert naar leden.",
        "The board listens to members.",
        "Yönetim dinliyor.",
        relevant="${lang_lid} = 'ja'",
        appearance="likert",
    ),  # 17
    _row(
        "select_multiple themas",
        "themas",
        "Welke thema's zijn belangrijk?",
        "Which themes matter?",
        "Hangi temalar?",
        parameters="randomize=true",
        hint__Nederlands_nl="Meerdere antwoorden mogelijk",
    ),  # 18
    _row(
        "text",
        "toelichting",
        "Welk ander thema?",
        "Which other theme?",
        "Başka?",
        relevant="selected(${themas}, 'anders')",
        appearance="multiline",
    ),  # 19
    _row("calculate", "aantal_themas", calculation="count-selected(${themas})"),  # 20
    _row(
        "integer",
        "uren",
        "Hoeveel uur per maand?",
        "Hours?",
        "Saat?",
        relevant="${aantal_themas} > 2",
    ),
    _row("begin_repeat", "kinderen", "Kinderen", "Children", "Çocuklar"),  # 22
    _row("text", "naam_kind", "Naam", "Name", "Ad"),
    _row("integer", "leeftijd_kind", "Leeftijd", "Age", "Yaş"),
    _row("end_repeat", None),  # 25
    _row("geopoint", "locatie", "Waar bent u?", "Where are you?", "Neredesiniz?"),  # 26
    _row(
        "select_one nps",
        "aanbevelen",
        "Hoe waarschijnlijk beveelt u ons aan?",
        "How likely…?",
        "Ne kadar olası?",
        appearance="likert",
    ),  # 27
    _row("date", "geboren", "Geboortedatum", "Date of birth", "Doğum tarihi"),  # 28
    _row("note", "bedankt", "Bedankt!", "Thank you!", "Teşekkürler!", relevant="${bestuur} != ''"),
]

CHOICES_HEADER: list[Cell] = [
    "list_name",
    "$kuid",
    "name",
    "$autovalue",
    "label::Nederlands (nl)",
    "label::English (en)",
    "label::Türkçe (tr)",
    "regio",
]


def _choice(
    list_name: str, name: str, nl: str, en: str, tr: str, regio: str | None = None
) -> list[Cell]:
    return [list_name, f"c_{list_name}_{name}", name, name, nl, en, tr, regio]


CHOICES: list[list[Cell]] = [
    CHOICES_HEADER,
    _choice("regios", "noord", "Noord", "North", "Kuzey"),
    _choice("regios", "zuid", "Zuid", "South", "Güney"),
    _choice("afdelingen", "groningen", "Groningen", "Groningen", "Groningen", "noord"),
    _choice("afdelingen", "maastricht", "Maastricht", "Maastricht", "Maastricht", "zuid"),
    _choice("ja_nee", "ja", "Ja", "Yes", "Evet"),
    _choice("ja_nee", "nee", "Nee", "No", "Hayır"),
    _choice("eens5", "1", "Helemaal mee oneens", "Strongly disagree", "Kesinlikle katılmıyorum"),
    _choice("eens5", "2", "Mee oneens", "Disagree", "Katılmıyorum"),
    _choice("eens5", "3", "Neutraal", "Neutral", "Kararsızım"),
    _choice("eens5", "4", "Mee eens", "Agree", "Katılıyorum"),
    _choice("eens5", "5", "Helemaal mee eens", "Strongly agree", "Kesinlikle katılıyorum"),
    _choice("eens5", "99", "Weet niet / geen mening", "Don't know", "Bilmiyorum"),
    _choice("themas", "wonen", "Wonen", "Housing", "Konut"),
    _choice("themas", "zorg", "Zorg", "Care", "Bakım"),
    _choice("themas", "anders", "Anders", "Other", "Diğer"),
    *(_choice("nps", str(point), str(point), str(point), str(point)) for point in range(11)),
]

SETTINGS: list[list[Cell]] = [
    ["form_title", "version", "default_language", "style"],
    ["Ledenpeiling 2026", "vQ8xbA3", "Nederlands (nl)", "pages"],
]


def kobo_form() -> bytes:
    return xlsx(SURVEY, CHOICES, SETTINGS)
