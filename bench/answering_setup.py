"""Set-up of bench/answering.py: a fresh database, a party and an open 40-question panel.

Everything goes through the real code: the roster import for the members,
``panel_open_invitations`` for the invitations, and the panel's keys in a
temporary key directory that gunicorn shares (``LEDENPANEL_KEY_DIR``).
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from benchdb import recreate_postgres

HOST = "127.0.0.1"


def prepare_environment(url: str) -> None:
    """A fresh PostgreSQL database and the settings gunicorn shares with us."""
    if not urlsplit(url).scheme.startswith("postgres"):
        sys.exit(f"refusing {url!r}: a PostgreSQL database whose name contains 'bench'")
    recreate_postgres(url)
    scratch = Path(tempfile.mkdtemp(prefix="ledenpanel-bench-answering-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)  # keys and var/ go too
    (scratch / "var" / "static").mkdir(parents=True)  # WhiteNoise warns when it is missing
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="ledenpanel.config.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DEBUG="0",
        LEDENPANEL_HTTPS="0",  # plain HTTP on loopback: cookies must not be secure-only
        LEDENPANEL_VAR_DIR=str(scratch / "var"),
        LEDENPANEL_KEY_DIR=str(scratch / "keys"),
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("LEDENPANEL_DEMO", None)


def questionnaire() -> dict:
    """40 questions in 8 pages: mostly agree scales and single choice, a few
    multiple choice, ratings, a grid, a number and two optional open questions."""
    from ledenpanel.kernel.questionnaire.schema import (
        Option,
        Question,
        Questionnaire,
        QuestionType,
        Section,
        Statement,
        agree_options,
    )

    topics = ["wonen", "zorg", "klimaat", "onderwijs", "werk", "veiligheid", "vervoer", "afdeling"]
    frequency = [
        Option("nooit", "Nooit"),
        Option("soms", "Soms"),
        Option("vaak", "Vaak"),
        Option("altijd", "Altijd"),
        Option("weet_niet", "Weet niet", dont_know=True),
    ]
    themes = [Option(f"thema_{n}", f"Thema {n}") for n in range(1, 7)]
    sections = []
    for page, topic in enumerate(topics):
        kinds = [
            QuestionType.AGREE_SCALE,
            QuestionType.SINGLE_CHOICE,
            QuestionType.AGREE_SCALE,
            [QuestionType.MULTIPLE_CHOICE, QuestionType.RATING, QuestionType.GRID][page % 3],
            QuestionType.AGREE_SCALE,
        ]
        if page == 3:
            kinds[4] = QuestionType.NUMBER
        if page in (4, 7):
            kinds[4] = QuestionType.LONG_TEXT
        questions = []
        for number, kind in enumerate(kinds, start=1):
            name = f"{topic}_{number}"
            label = f"Vraag {number} over {topic}: wat vindt u?"
            if kind == QuestionType.AGREE_SCALE:
                question = Question(name, kind, label, options=agree_options(5))
            elif kind == QuestionType.SINGLE_CHOICE:
                question = Question(name, kind, label, options=frequency)
            elif kind == QuestionType.MULTIPLE_CHOICE:
                question = Question(name, kind, label, options=themes)
            elif kind == QuestionType.GRID:
                rows = [Statement(f"stelling_{n}", f"Stelling {n}") for n in range(1, 4)]
                question = Question(name, kind, label, options=agree_options(5), statements=rows)
            elif kind == QuestionType.NUMBER:
                question = Question(name, kind, label, minimum=0, maximum=40)
            elif kind == QuestionType.LONG_TEXT:
                question = Question(name, kind, label, required=False)
            else:
                question = Question(name, kind, label)
            questions.append(question)
        sections.append(Section(topic, f"Over {topic}", questions))
    return Questionnaire(title="Benchmark", sections=sections).to_dict()


def open_panel(members: int, seed: int) -> tuple[object, list[str]]:
    """Import a party, open a national panel; the members' links in random order."""
    from django.core.management import call_command
    from django.utils import timezone

    from ledenpanel.demo.generator import (
        generate_party,
        members_csv_bytes,
        units_csv_bytes,
    )
    from ledenpanel.invitations import crypto
    from ledenpanel.invitations.keyring import key_store
    from ledenpanel.invitations.models import Channel, Invitation
    from ledenpanel.invitations.services import panel_open_invitations
    from ledenpanel.organisations.models import Unit, UnitKind
    from ledenpanel.organisations.roster.services import (
        roster_members_import,
        roster_units_import,
    )
    from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion

    call_command("migrate", interactive=False, verbosity=0)
    party = generate_party(members=members, seed=seed)
    assert roster_units_import(data=units_csv_bytes(party), filename="units.csv").ok
    report = roster_members_import(data=members_csv_bytes(party), filename="m.csv", full=True)
    assert report.ok, report
    definition = questionnaire()
    panel = Panel.objects.create(
        unit=Unit.objects.get(kind=UnitKind.LANDELIJK),
        title="Benchmarkpanel",
        topic="Hoe staat de partij ervoor?",
        purpose="Meten hoeveel leden tegelijk kunnen antwoorden.",
        coach_review_required=False,
        questionnaire=definition,
        closes_on=timezone.localdate() + timedelta(days=14),
    )
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.state = PanelState.OPEN
    panel.save()
    opening = panel_open_invitations(panel=panel, seed=seed)
    keys = key_store().read(str(panel.public_id))
    links = [
        crypto.link_token(keys.link_key, ref)
        if channel == Channel.EMAIL
        else crypto.letter_code(keys.link_key, ref, attempt=attempt)
        for ref, channel, attempt in Invitation.objects.filter(panel=panel).values_list(
            "ref", "channel", "code_attempt"
        )
    ]
    secrets.SystemRandom().shuffle(links)
    print(
        f"opened a national panel: {len(links)} invitations "
        f"({opening.population_size} eligible of {members})",
        file=sys.stderr,
    )
    return panel, links
