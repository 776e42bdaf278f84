"""Which columns of an export the form does not know are background variables.

An export holds more than answers: the tool's metadata (ids, times, versions,
renamed by R or pandas), questions of other form versions, and the board's
own columns (region, age band …). Every column the form does not know would
otherwise become a crosstab variable: an ``_id`` column with one value per row
gave a 121 MB report. :func:`choose_background` keeps a column for crosstabs
only when it looks like a background variable, and names every column it
leaves out, with the reason, in a note:

1. **metadata**: the names KoboToolbox, ODK Central, Briefcase and Ona write,
   also as R (``X_id``, ``X_submission_time``, ``meta.instanceID``) and
   pandas (``_id.1``) rename them, and attachment links (``…_URL``);
2. **a question path** (``group/q``, ``q/option``, ``q.option``, ``grp:q``):
   a question of another form version, or an option column;
3. **empty**, or **one value** for everyone;
4. **identifier-like**: more than half of its known values distinct;
5. **mostly unknown**: known for fewer than half of the respondents (a
   question of an older form version, say);
6. **too many categories**: categories with fewer than ``min_group`` (k)
   respondents are merged into one, "overig" (an existing category of that
   name takes them in); if more than :data:`MAX_CATEGORIES` remain, or only
   one, the column is left out;
7. past :data:`MAX_VARIABLES`, further columns are left out (name them with
   ``--by`` to use them).

Columns in ``raw`` (weighting variables, variables of the population file)
keep their categories unmerged, so that they still match the population's;
they are crosstabbed only when they have at most :data:`MAX_CATEGORIES`
categories. Columns in ``requested`` (``--by``) pass rules 5 and 7 and the
path rule, never the others: a report by an identifier or a 300-category
column is what bounds the report's size.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from ledenpanel.kernel.xlsform.vocabulary import METADATA

from .errors import Note

MAX_CATEGORIES = 12
MAX_VARIABLES = 8
MERGED = "overig"

# KoboToolbox's own columns (without their leading "_"), Kobo's repeat sheets,
# ODK Central / Briefcase / Ona, and the XLSForm metadata types.
_TOOL_NAMES = frozenset(
    name.lower()
    for name in (
        "id",
        "uuid",
        "index",
        "submission_time",
        "version",
        "version_",
        "__version__",
        "validation_status",
        "notes",
        "status",
        "submitted_by",
        "tags",
        "attachments",
        "geolocation",
        "xform_id_string",
        "duration",
        "parent_index",
        "parent_table_name",
        "submission__id",
        "submission__uuid",
        "submission__submission_time",
        "submission__validation_status",
        "submission__notes",
        "submission__status",
        "submission__submitted_by",
        "submission__tags",
        "submission__index",
        "submission___version__",
        "media_count",
        "total_media",
        "media_all_received",
        "edited",
        "xform_id",
        "bamboo_dataset_id",
        "date_modified",
        "last_edited",
        "submissiondate",
        "key",
        "parent_key",
        "submitterid",
        "submittername",
        "attachmentspresent",
        "attachmentsexpected",
        "reviewstate",
        "deviceid",
        "edits",
        "formversion",
        "instanceid",
        "instancename",
        "deprecatedid",
        "rootuuid",
        "audit",
        "audit_url",
        *METADATA,
    )
)
# Names that are metadata even without a tool's marker: a board's own column
# "status" or "key" is kept, "SubmissionDate" or "instanceID" is not.
_PLAIN_METADATA = frozenset(
    name.lower()
    for name in (
        *METADATA,
        "submissiondate",
        "submitterid",
        "submittername",
        "attachmentspresent",
        "attachmentsexpected",
        "reviewstate",
        "formversion",
        "instanceid",
        "instancename",
        "deprecatedid",
        "rootuuid",
        "audit_url",
        "parent_key",
        "xform_id_string",
        "__version__",
    )
)
# Kobo's names that are no plausible background variable even without "_".
_STRIPPED_TOOL_NAMES = frozenset(
    name.strip("_")
    for name in _TOOL_NAMES
    if name.strip("_")
    not in {
        "id",
        "index",
        "version",
        "notes",
        "status",
        "tags",
        "key",
        "duration",
        "edited",
        "audit",
        "end",
        "start",
        "today",
        "email",
    }
)
_METADATA_GROUPS = ("meta", "formhub")
# Separators of a group path as the tools write it and R rewrites it.
_PATH = re.compile(r"[/.:]")
# pandas' and R's suffix for a repeated header: "_id.1", "X_id.2".
_REPEAT_SUFFIX = re.compile(r"\.\d+$")


# metadata_reason's words → the reason's code in a note.
_METADATA_CODES = {
    "a link to an attachment": "attachment_link",
    "form metadata": "form_metadata",
    "export metadata": "export_metadata",
}
# Notes name at most this many columns and categories; the rest are counted.
_NAMED_COLUMNS = 30
_NAMED_CATEGORIES = 10


def metadata_reason(name: str) -> str | None:
    """Why ``name`` is a tool's metadata column, or None when it is not one."""
    base = _REPEAT_SUFFIX.sub("", name.strip())
    lowered = base.lower()
    if lowered.endswith("_url"):
        return "a link to an attachment"
    parts = [part for part in re.split(r"[/.:-]", lowered) if part]
    if len(parts) > 1 and parts[0] in _METADATA_GROUPS:
        return "form metadata"
    # Kobo's own columns start with "_"; R's make.names writes "_id" as "X_id"
    # and "__version__" as "X__version__"; a tool may strip the underscores.
    if lowered.startswith(("_", "x_")):
        return "export metadata"
    if lowered in _PLAIN_METADATA or lowered.strip("_") in _STRIPPED_TOOL_NAMES:
        return "export metadata"
    return None


@dataclass(frozen=True)
class Reason:
    """Why a column is left out: a stable ``code``, its figures, and the English words."""

    code: str
    text: str
    params: dict[str, int] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return self.text


@dataclass
class Background:
    """The chosen background variables and what was left out, with reasons."""

    columns: dict[str, list[str | None]]  # for the engine: crosstab and raw columns
    crosstab: list[str]  # the crosstab variables, in file order
    skipped: dict[str, str] = field(default_factory=dict)  # column → reason (English)
    merged: dict[str, list[str]] = field(default_factory=dict)  # column → merged categories
    hard: set[str] = field(default_factory=set)  # skipped for reasons --by cannot override
    reasons: dict[str, Reason] = field(default_factory=dict)  # column → reason (coded)

    def skip(self, name: str, reason: Reason, *, hard: bool = False) -> None:
        self.skipped[name] = reason.text
        self.reasons[name] = reason
        if hard:
            self.hard.add(name)

    def notes(self) -> list[str]:
        """The notes in English (for the terminal)."""
        return [note.message for note in self.coded_notes()]

    def coded_notes(self) -> list[Note]:
        """The notes with their codes and params, for the report (see ``Note``)."""
        notes = []
        if self.crosstab:
            notes.append(
                Note(
                    "crosstab_variables",
                    {"variables": list(self.crosstab)},
                    "background variables for crosstabs: " + ", ".join(self.crosstab),
                )
            )
        for name, categories in self.merged.items():
            shown = categories[:_NAMED_CATEGORIES]
            more = len(categories) - len(shown)
            notes.append(
                Note(
                    "categories_merged",
                    {
                        "variable": name,
                        "count": len(categories),
                        "categories": shown,
                        "more": more,
                        "merged": MERGED,
                    },
                    f"background variable {name}: {len(categories)} small categories merged into "
                    f'"{MERGED}" ({", ".join(shown)}' + (f" and {more} more" if more else "") + ")",
                )
            )
        by_reason: dict[Reason, list[str]] = {}
        for name, reason in self.reasons.items():
            by_reason.setdefault(reason, []).append(name)
        for reason, names in by_reason.items():
            shown = names[:_NAMED_COLUMNS]
            more = len(names) - len(shown)
            text = ", ".join(shown) + (f" and {more} more" if more else "")
            column = "column" if len(names) == 1 else "columns"
            notes.append(
                Note(
                    "columns_skipped",
                    {
                        "reason": reason.code,
                        **reason.params,
                        "count": len(names),
                        "columns": shown,
                        "more": more,
                    },
                    f"{len(names)} {column} not used for crosstabs ({reason.text}): {text}",
                )
            )
        return notes


def choose_background(
    columns: Mapping[str, Sequence[str | None]],
    *,
    min_group: int = 10,
    raw: Collection[str] = (),
    requested: Sequence[str] | None = None,
    max_categories: int = MAX_CATEGORIES,
    max_variables: int = MAX_VARIABLES,
) -> Background:
    """Choose the crosstab variables among ``columns`` (see the module docstring)."""
    chosen: dict[str, list[str | None]] = {}
    crosstab: list[str] = []
    result = Background(chosen, crosstab)
    wanted = set(requested or ())
    for name, values in columns.items():
        keep_raw = name in raw
        reason, hard = _reason(name, values, explicit=name in wanted or keep_raw)
        if reason is None and not keep_raw:
            merged, small = _merge_small(values, min_group)
            categories = {value for value in merged if value is not None}
            if len(categories) > max_categories:
                reason, hard = (
                    Reason(
                        "too_many_categories",
                        f"more than {max_categories} categories of at least {min_group} "
                        "respondents",
                        {"max_categories": max_categories, "min_group": min_group},
                    ),
                    True,
                )
            elif len(categories) < 2:
                reason, hard = (
                    Reason(
                        "too_few_categories",
                        f"fewer than two categories of {min_group} or more respondents",
                        {"min_group": min_group},
                    ),
                    True,
                )
            else:
                values = merged
                if small:
                    result.merged[name] = small
        elif reason is None:
            categories = {value for value in values if value is not None}
            if len(categories) > max_categories:
                reason, hard = (
                    Reason(
                        "too_many_raw_categories",
                        f"more than {max_categories} categories",
                        {"max_categories": max_categories},
                    ),
                    True,
                )
        if keep_raw:
            chosen[name] = list(columns[name])
        if reason is not None:
            result.skip(name, reason, hard=hard)
            continue
        if requested is None and len(crosstab) >= max_variables:
            result.skip(
                name,
                Reason(
                    "too_many_variables",
                    f"more than {max_variables} background variables; name them with --by",
                    {"max_variables": max_variables},
                ),
            )
            continue
        if requested is not None and name not in wanted:
            result.skip(name, Reason("not_requested", "not named in --by"))
            continue
        chosen[name] = list(values)
        crosstab.append(name)
    return result


def _reason(
    name: str, values: Sequence[str | None], *, explicit: bool
) -> tuple[Reason | None, bool]:
    """Why the column is no background variable (and whether --by may override it)."""
    metadata = metadata_reason(name)
    if metadata is not None:
        return Reason(_METADATA_CODES[metadata], metadata), True
    known = [value for value in values if value is not None]
    if not known:
        return Reason("empty", "empty"), True
    counts = Counter(known)
    if len(counts) == 1:
        return Reason("one_value", "one value for everyone"), True
    if len(counts) > len(known) / 2:
        return (
            Reason("identifier_like", "identifier-like: more than half of its values differ"),
            True,
        )
    if explicit:
        return None, False
    if _PATH.search(name):
        return (
            Reason(
                "question_path", "a question path: a question or option of another form version?"
            ),
            False,
        )
    if len(known) < len(values) / 2:
        return Reason("mostly_unknown", "known for fewer than half of the respondents"), False
    return None, False


def _merge_small(
    values: Sequence[str | None], min_group: int
) -> tuple[list[str | None], list[str]]:
    """Categories under ``min_group`` respondents merged into :data:`MERGED`."""
    counts = Counter(value for value in values if value is not None)
    small = sorted(value for value, count in counts.items() if count < min_group)
    if not small or (len(small) == 1 and MERGED not in counts):
        # One small category alone is not merged: "overig" would be it, renamed.
        return list(values), []
    gone = set(small)
    return [MERGED if value in gone else value for value in values], small


__all__ = [
    "MAX_CATEGORIES",
    "MAX_VARIABLES",
    "MERGED",
    "Background",
    "Reason",
    "choose_background",
]
