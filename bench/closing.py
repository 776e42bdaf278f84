"""Benchmark: closing a national panel with 5,000 sealed envelopes.

    .venv/bin/python bench/closing.py                       # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledenpanel_bench_closing \\
        .venv/bin/python bench/closing.py --envelopes 5000

A PostgreSQL database (its name must contain "bench") is dropped and created
afresh. The party has 12 regions and 72 branches; 6,000 members are invited
and ``--envelopes`` of them have answered a 12-question panel (one open
question). The envelopes, receipts and responded flags are written as
``responses.services.answers_submit`` writes them (sealed with the panel's public
key, background bands inside); then the panel is closed and each stage of
the close procedure is timed: transaction A (open, aggregate, code, write),
destroying the keys, transaction B (clean-up). The last line is
``BENCH closing envelopes=… seconds=… open_write=… destroy=… clean_up=…``.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchdb import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent


def _environment(url: str | None) -> str:
    scratch = Path(tempfile.mkdtemp(prefix="ledenpanel-bench-closing-"))
    if url is None:
        url = f"sqlite:///{scratch}/bench.sqlite3"
    else:
        recreate_postgres(url)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="ledenpanel.config.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        LEDENPANEL_VAR_DIR=str(scratch / "var"),
        LEDENPANEL_KEY_DIR=str(scratch / "keys"),
    )
    return url


def _questionnaire():
    from ledenpanel.kernel.questionnaire.schema import (
        Option,
        Question,
        Questionnaire,
        QuestionType,
        Section,
        agree_options,
    )

    questions = [
        Question(
            f"stelling_{i}", QuestionType.AGREE_SCALE, f"Stelling {i}.", options=agree_options()
        )
        for i in range(8)
    ]
    questions += [
        Question(
            "keuze",
            QuestionType.SINGLE_CHOICE,
            "Wat is het belangrijkst?",
            options=[Option(n, n) for n in ("wonen", "zorg", "werk", "klimaat")],
        ),
        Question(
            "themas",
            QuestionType.MULTIPLE_CHOICE,
            "Welke thema's?",
            options=[Option(n, n) for n in ("wonen", "zorg", "werk", "klimaat")],
        ),
        Question("cijfer", QuestionType.RATING, "Welk cijfer?"),
        Question("toelichting", QuestionType.LONG_TEXT, "Toelichting?", required=False),
    ]
    return Questionnaire(sections=[Section("een", "Vragen", questions)])


def _party(members: int, rng: random.Random):
    from ledenpanel.organisations.models import Member, Unit, UnitKind

    national = Unit.objects.create(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    branches = []
    for r in range(12):
        region = Unit.objects.create(
            code=f"G{r:02d}", name=f"Gewest {r}", kind=UnitKind.GEWEST, parent=national
        )
        for b in range(6):
            branches.append(
                Unit.objects.create(
                    code=f"A{r:02d}{b}",
                    name=f"Afdeling {r}.{b}",
                    kind=UnitKind.AFDELING,
                    parent=region,
                )
            )
    today = date.today()
    Member.objects.bulk_create(
        [
            Member(
                member_number=f"{n:07d}",
                last_name=f"Lid {n}",
                email=f"lid{n}@example.net",
                branch=rng.choice(branches),
                birth_date=date(today.year - rng.randint(17, 88), rng.randint(1, 12), 1),
                gender=rng.choice("MMMMVVVVVX"),
                member_since=date(today.year - rng.randint(0, 40), 1, 1),
            )
            for n in range(members)
        ],
        batch_size=2000,
    )
    return national


def _answers(rng: random.Random) -> dict:
    answers = {
        f"stelling_{i}": rng.choice(["oneens", "neutraal", "eens", "helemaal_eens"])
        for i in range(8)
    }
    answers["keuze"] = rng.choice(["wonen", "zorg", "werk", "klimaat"])
    answers["themas"] = rng.sample(["wonen", "zorg", "werk", "klimaat"], rng.randint(1, 3))
    answers["cijfer"] = rng.randint(0, 10)
    if rng.random() < 0.3:
        answers["toelichting"] = "Ik vind dat de partij meer moet doen aan betaalbaar wonen. " * 3
    return answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--envelopes", type=int, default=5000)
    parser.add_argument("--members", type=int, default=6000)
    args = parser.parse_args()
    url = _environment(os.environ.get("DATABASE_URL"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from ledenpanel.closing import services as closing_services
    from ledenpanel.closing.models import PanelClosing
    from ledenpanel.invitations import crypto
    from ledenpanel.invitations.keyring import key_store
    from ledenpanel.invitations.models import Invitation
    from ledenpanel.invitations.services import panel_open_invitations
    from ledenpanel.panels.lifecycle import Action
    from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion
    from ledenpanel.panels.services import panel_transition
    from ledenpanel.responses.models import Envelope, Receipt, Response
    from ledenpanel.responses.services import envelope_payload

    rng = random.Random(42)
    national = _party(args.members, rng)
    definition = _questionnaire().to_dict()
    panel = Panel.objects.create(
        unit=national,
        title="Bench",
        topic="Bench",
        purpose="Bench",
        coach_review_required=False,
        questionnaire=definition,
        state=PanelState.OPEN,
        opens_on=date.today(),
        closes_on=date.today() + timedelta(days=7),
    )
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.save()
    panel_open_invitations(panel=panel)
    keys = key_store().read(str(panel.public_id))
    panel.refresh_from_db()
    size = panel.sealed_size  # fixed at opening, as for every panel
    invitations = list(Invitation.objects.filter(panel=panel))
    rng.shuffle(invitations)
    answering = invitations[: args.envelopes]
    started = time.perf_counter()
    envelopes, receipts = [], []
    for invitation in answering:
        token = crypto.link_token(keys.link_key, invitation.ref)
        payload = envelope_payload(
            answers=_answers(rng),
            background=invitation.background,
            version=1,
            assisted=rng.random() < 0.02,
            evaluation={"clear": "ja"},
        )
        envelopes.append(
            Envelope(
                panel=panel,
                ciphertext=crypto.seal_answers(keys.public_key, payload, size=size),
            )
        )
        receipts.append(Receipt(panel=panel, value=crypto.receipt(keys.answer_key, token)))
    Envelope.objects.bulk_create(envelopes, batch_size=1000)
    Receipt.objects.bulk_create(receipts, batch_size=1000)
    ids = [i.pk for i in answering]
    for start in range(0, len(ids), 1000):
        Invitation.objects.filter(pk__in=ids[start : start + 1000]).update(responded=True)
    print(f"sealed {len(envelopes)} envelopes in {time.perf_counter() - started:.1f} s")

    panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    PanelClosing.objects.get_or_create(panel=panel)
    times = {}
    for name, step in (
        ("open_write", closing_services.close_write_responses),
        ("destroy", closing_services.close_destroy_keys),
        ("clean_up", closing_services.close_clean_up),
    ):
        started = time.perf_counter()
        step(panel=panel)
        times[name] = time.perf_counter() - started
    closing = PanelClosing.objects.get(panel=panel)
    assert closing.stage == "done", closing.stage
    assert Response.objects.filter(panel=panel).count() == args.envelopes
    assert not Envelope.objects.filter(panel=panel).exists()
    total = sum(times.values())
    variables = ",".join(closing.coding["variables"]) or "none"
    print(f"coding keeps {variables}; {closing.coding['combinations']} combinations")
    print(
        f"BENCH closing db={connection.vendor} envelopes={args.envelopes} "
        f"invited={len(invitations)} seconds={total:.2f} "
        + " ".join(f"{name}={value:.2f}" for name, value in times.items())
    )
    del url


if __name__ == "__main__":
    main()
