"""XLSForm (.xlsx, the KoboToolbox/ODK standard) import and export of questionnaires.

Pure Python (no Django): ``read_xlsform``, ``write_xlsform`` and
``validate_with_pyxform`` work on bytes, so the command line, the builder and
the guideline linter share them.

The XLSForm vocabulary (types and their aliases, column spellings, metadata,
the label language) is :mod:`.vocabulary`, and a cell becomes text with
:func:`ledenpanel.kernel.cells.cell_text`: the analysis reads forms with both
too (:mod:`ledenpanel.analysis.inputs.xlsform`), so the two readers cannot
disagree on what a form says.

The interchange convention
==========================

Sheets: ``survey``, ``choices`` and ``settings`` (``form_title``, ``form_id``
derived from the title, ``default_language``, ``version``). Other sheets are
not imported (noted). Without a ``form_title`` column (or pyxform's ``title``,
``set_form_title``) the file name is the title.

Languages: ``label::Nederlands (nl)``-style columns (also ``hint::…``). The
default language is the first label column in
:func:`~.vocabulary.label_order`: the settings' ``default_language`` (or
another column of its code), else the plain ``label`` column, else the first
label column; a plain ``label`` column without a ``default_language`` is taken
as Dutch (``nl``). Other languages go into ``translations`` by their code (the
text in parentheses, or a known language name such as ``English``). Export
writes every language as ``label::Name (code)``.

Survey columns read: ``type``, ``name``, ``label``, ``hint``, ``required``
(yes/true/1), ``relevant``, ``appearance``, ``parameters``, ``constraint``,
and our own ``author``, ``author_role``, ``author_unit`` and ``rationale``
("who asks this and why") and ``origin`` (the library question it came from;
other tools ignore them). Kobo's bookkeeping columns
(``$kuid``, ``$autoname`` …, anything starting with ``$``) are ignored;
``$autoname`` stands in for an empty ``name``. Any other filled cell is noted
as not imported.

Question types:

==========================  =====================================================
Ledenpanel                  XLSForm
==========================  =====================================================
single_choice               ``select_one LIST``
agree_scale                 ``select_one LIST`` whose options (names or default
                            labels, without "weet niet") are 5 or 7 agree-scale
                            points in order, disagree first (helemaal oneens …
                            helemaal eens / strongly disagree … strongly agree);
                            export adds appearance ``likert``
rating (0–10)               ``select_one r0_10`` with choices named ``0`` … ``10``
                            and appearance ``likert``; any select_one whose
                            opinion choices are exactly 0…10 reads as a rating
                            (labels of the points are not kept), and so does
                            ``range`` with ``start=0 end=10 step=1``. Extra
                            options (e.g. "weet niet") follow the 11 points.
multiple_choice             ``select_multiple LIST``
ranking                     ``rank LIST``
number                      ``integer`` (``decimal`` when a bound has decimals),
                            ``constraint`` ``. >= MIN and . <= MAX``
short_text / long_text      ``text`` / ``text`` with appearance ``multiline``
info                        ``note`` (never ``required``; read as required=True)
grid                        ``begin group NAME`` with appearance ``table-list``
                            (label, hint, relevant, author … on the group),
                            one ``select_one LIST`` per statement (statement
                            name = row name), ``end group``. Import also takes
                            a ``field-list`` group of ≥2 select_one rows on one
                            agree-scale list. A leading row with appearance
                            ``label`` (the old table header) is skipped.
points (constant sum)       ``begin group NAME`` with appearance
                            ``field-list ledenpanel-points`` and parameters
                            ``total=100``, one ``integer`` per option named
                            ``NAME_OPTION`` (constraint ``. >= 0 and . <= 100``),
                            a ``calculate`` ``NAME_total`` summing them,
                            ``end group``
==========================  =====================================================

``randomize=true`` in ``parameters`` sets ``randomize`` (on the group for grids
and points). Option ``missing`` column: ``yes`` marks "weet niet / geen
mening" (``dont_know``); without it the choice names ``weet_niet``,
``geen_mening``, ``dk`` and ``99`` do. Export writes ``missing`` = ``yes`` for
dont_know options (and ``no`` for such a name that is not one).

Sections: every section is a top-level ``begin group`` (name, label = title,
no appearance); one whose name is also a question's is written as
``NAME_section``, since pyxform wants every ``${}`` name unique form-wide. On
import, top-level questions outside groups form sections of their own
(``section_1`` …); groups inside a section are flattened into it (noted), and a
group's ``relevant`` is added to each of its questions' show-if conditions
(they all must hold, so this is exact).

Show-if (``relevant``): ``${q} = 'v'``, ``${q} != 'v'``, ``selected(${q}, 'v')``,
``${q} > n``, ``${q} < n``, ``${q} != ''`` (answered), joined with ``and``, on
earlier questions. Anything else keeps the question, always shown, with a note.

Not imported (each noted with sheet and row): metadata (start, end, today,
deviceid …, also under pyxform's other names such as ``start time``),
calculate, hidden, date/time, geopoint/trace/shape, image, audio, video, file,
barcode, acknowledge, trigger, ``select_one_from_file``, repeats and Kobo
matrix/score/rank blocks (skipped whole), ``or_other``,
``choice_filter``, constraints other than min/max, ``default``, ``readonly``,
``constraint_message``, media columns, non-display appearances, ``range``
other than 0–10 (read as a number with min/max), extra settings and choices
columns. Display appearances (``minimal``, ``horizontal``, ``likert`` …) are
dropped silently: the answering pages render their own way.

Errors (no questionnaire): not an .xlsx; no survey sheet; no type, name or
label column; an unknown list; duplicate names (among questions, grid
statements and points fields, or among sections); unmatched begin/end; a name
that is not ``[A-Za-z_][A-Za-z0-9_]{0,63}``; a type that cannot be read.
"""

from .model import FormIssue, ImportResult
from .reading import read_xlsform
from .validation import validate_with_pyxform
from .writing import write_xlsform

__all__ = [
    "FormIssue",
    "ImportResult",
    "read_xlsform",
    "validate_with_pyxform",
    "write_xlsform",
]
