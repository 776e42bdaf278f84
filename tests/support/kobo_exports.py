"""Exports as KoboToolbox hands them out after a form has changed, and as R writes them.

``write_form`` writes a small Kobo-style XLSForm (groups, statements, a
select_multiple, an "other" field, an unused choice list with a repeated name).
``write_export`` writes a responses CSV for it the way real exports look:
group paths, Kobo's metadata columns (and their R renamings), answers from an
older form version, R's ``NA``, and — with ``all_versions`` — the columns of
every earlier form version Kobo adds to an "all versions" export.
``as_workbook`` turns such a CSV into KoboToolbox's default export format
(.xlsx: the responses on the first sheet, numbers as numbers, a repeat
group's sheet after it); ``with_labels`` gives the header Kobo's "Labels"
export writes.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from openpyxl import Workbook

from tests.support.workbooks import write_workbook

AGREE = ("helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens")
TOPICS = ("wonen", "zorg", "klimaat", "werk")
REGIONS = ("Noord", "Oost", "Zuid", "West")
# Kobo's own columns, Kobo's repeat-sheet columns, and R's renamings of them.
METADATA = (
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "audit",
    "audit_URL",
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_version_",
    "_tags",
    "_index",
)
# The header of Kobo's "Labels" export: the group's and the question's labels.
LABELS = {
    **{f"mening/stelling_{n}": f"Uw mening/Stelling {n}" for n in range(1, 5)},
    "onderwerpen": "Welke?",
    "lid": "Bent u lid?",
    "opmerking": "Wat wilt u nog kwijt?",
}
R_METADATA = ("X_id", "X_uuid", "X_submission_time", "X_index", "X__version__", "meta.instanceID")


def write_form(path: Path, *, allow_choice_duplicates: bool = False) -> Path:
    survey = [
        {"type": "start", "name": "start"},
        {"type": "end", "name": "end"},
        {"type": "begin_group", "name": "mening", "label": "Uw mening"},
        *(
            {"type": "select_one eens", "name": f"stelling_{n}", "label": f"Stelling {n}"}
            for n in range(1, 5)
        ),
        {"type": "end_group"},
        {"type": "select_multiple onderwerp or_other", "name": "onderwerpen", "label": "Welke?"},
        {"type": "select_one jn", "name": "lid", "label": "Bent u lid?"},
        {"type": "text", "name": "opmerking", "label": "Wat wilt u nog kwijt?"},
    ]
    choices = [
        *({"list_name": "eens", "name": name, "label": name.replace("_", " ")} for name in AGREE),
        *({"list_name": "onderwerp", "name": name, "label": name.title()} for name in TOPICS),
        {"list_name": "jn", "name": "ja", "label": "Ja"},
        {"list_name": "jn", "name": "nee", "label": "Nee"},
        # A list no question uses, with a name twice (left over from an old version).
        {"list_name": "oud", "name": "x", "label": "X"},
        {"list_name": "oud", "name": "x", "label": "X again"},
    ]
    sheets = {"survey": survey, "choices": choices}
    if allow_choice_duplicates:
        sheets["settings"] = [{"form_title": "Peiling", "allow_choice_duplicates": "yes"}]
    return write_workbook(path, sheets)


def write_export(
    path: Path,
    *,
    rows: int = 400,
    seed: int = 3,
    all_versions: bool = False,
    r_names: bool = False,
    old_version_share: float = 0.0,
    na: bool = False,
) -> Path:
    """A responses CSV for :func:`write_form`; see the module docstring."""
    rng = random.Random(seed)
    questions = [f"mening/stelling_{n}" for n in range(1, 5)]
    header = [
        *questions,
        "onderwerpen",
        *(f"onderwerpen/{topic}" for topic in (*TOPICS, "other")),
        "onderwerpen_other",
        "lid",
        "opmerking",
        "regio",
        "leeftijd",
    ]
    metadata = METADATA + (R_METADATA if r_names else ())
    header += metadata
    old_questions = [f"oud_{n}" for n in range(1, 201)] if all_versions else []
    old_paths = [f"oude_groep/vraag_{n}" for n in range(1, 201)] if all_versions else []
    extras = [f"kenmerk_{n}" for n in range(1, 21)] if all_versions else []
    if all_versions:
        header += [*old_questions, *old_paths, *extras, "gemeente", "volgnummer"]
    lines = [header]
    for index in range(rows):
        old = rng.random() < old_version_share
        statements = [rng.choice(AGREE) for _ in questions]
        if old:
            statements[0] = "weet_niet"  # a choice the current form no longer has
        if na and rng.random() < 0.1:
            statements[1] = "NA"
        chosen = sorted(rng.sample(TOPICS, rng.randint(1, 3)))
        row: list[str] = [
            *statements,
            " ".join(chosen),
            *("1" if topic in chosen else "0" for topic in (*TOPICS, "other")),
            "",
            rng.choice(("ja", "nee")),
            rng.choice(("", "", "Meer overleg", "Goed zo")),
            rng.choice(REGIONS),
            "NA" if na and rng.random() < 0.05 else rng.choice(("18-34", "35-64", "65+")),
        ]
        row += _metadata(index, rng, metadata)
        if all_versions:
            row += [rng.choice("abc") if old else "" for _ in old_questions]
            row += [rng.choice("abcd") for _ in old_paths]
            row += [rng.choice(("p", "q", "r")) for _ in extras]
            row += [f"gemeente_{rng.randrange(40)}", str(index + 1)]
        lines.append(row)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    return path


def _metadata(index: int, rng: random.Random, names: tuple[str, ...]) -> list[str]:
    values = {
        "start": f"2026-11-0{1 + index % 9}T10:{index % 60:02d}:00.000+01:00",
        "end": f"2026-11-0{1 + index % 9}T10:{index % 60:02d}:30.000+01:00",
        "today": f"2026-11-0{1 + index % 9}",
        "deviceid": f"ee.kobotoolbox.org:{rng.getrandbits(48):012x}",
        "username": "",
        "audit": "audit.csv",
        "audit_URL": f"https://kc.kobotoolbox.org/media/original?media_file=audit{index}.csv",
    }
    row = []
    for name in names:
        if name in values:
            row.append(values[name])
        elif "id" in name.lower() and "uuid" not in name.lower() and "instance" not in name:
            row.append(str(100_000 + index))
        elif "uuid" in name.lower() or "instanceID" in name:
            row.append(f"uuid:{rng.getrandbits(64):016x}")
        elif "submission_time" in name:
            row.append(f"2026-11-0{1 + index % 9}T09:{index % 60:02d}:{index % 59:02d}")
        elif "index" in name:
            row.append(str(index + 1))
        elif "version" in name:
            row.append(rng.choice(("vQx7a", "vB3kp")))
        elif name in ("_notes", "_tags"):
            row.append("[]")
        elif name == "_status":
            row.append("submitted_via_web")
        else:
            row.append("")
    return row


def as_workbook(csv_path: Path, path: Path, *, sheet: str = "Peiling") -> Path:
    """The CSV's rows on the first sheet of an .xlsx, whole numbers stored as numbers.

    As KoboToolbox writes it: ``_id`` and ``_index`` as numbers, the
    responses on the first sheet, a repeat group's rows on a sheet after it.
    """
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = sheet
    for number, row in enumerate(rows):
        first.append([_typed(cell) if number else cell for cell in row])
    repeat = book.create_sheet("kinderen")  # a repeat group's sheet: not responses
    repeat.append(["naam", "_parent_index"])
    repeat.append(["Anna", 1])
    book.save(path)
    return path


def with_labels(csv_path: Path, path: Path) -> Path:
    """The CSV with the header of Kobo's "Labels" export (labels for names)."""
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[0] = [LABELS.get(name, name) for name in rows[0]]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _typed(cell: str) -> object:
    return int(cell) if cell.isdigit() and not cell.startswith("0") else cell
