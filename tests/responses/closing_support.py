"""A national panel with members in every branch, answered through the real services."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from ledenpanel.invitations.models import Invitation
from ledenpanel.invitations.services import panel_open_invitations
from ledenpanel.kernel.questionnaire.schema import (
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    agree_options,
)
from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion
from ledenpanel.responses import services
from tests.conftest import Party
from tests.factories import MemberFactory
from tests.responses.conftest import member_session, secret_for

CHOICES = ["bus", "trein", "fiets"]
THEMES = ["wonen", "zorg", "werk"]


def questionnaire() -> Questionnaire:
    return Questionnaire(
        sections=[
            Section(
                "een",
                "Vragen",
                [
                    Question(
                        "vervoer",
                        QuestionType.SINGLE_CHOICE,
                        "Hoe reist u meestal?",
                        options=[Option(name, name.title()) for name in CHOICES],
                    ),
                    Question(
                        "stelling",
                        QuestionType.AGREE_SCALE,
                        "De afdeling doet mee aan de verkiezingen.",
                        options=agree_options(5),
                    ),
                    Question(
                        "themas",
                        QuestionType.MULTIPLE_CHOICE,
                        "Welke thema's vindt u belangrijk?",
                        options=[Option(name, name.title()) for name in THEMES],
                    ),
                    Question("cijfer", QuestionType.RATING, "Welk cijfer geeft u de afdeling?"),
                    Question(
                        "toelichting",
                        QuestionType.LONG_TEXT,
                        "Wilt u iets toelichten?",
                        required=False,
                    ),
                ],
            )
        ]
    )


def national_panel(
    party: Party, *, per_branch: dict[str, int], seed: int = 1, letters: int = 0
) -> Panel:
    """An open panel of the whole party with ``per_branch`` extra members per branch code.

    ``letters`` more members in A1 have no e-mail: they get a letter code.
    """
    rng = random.Random(seed)
    branches = {"A1": party.branch_a1, "A2": party.branch_a2, "B1": party.branch_b1}
    today = timezone.localdate()
    for code, count in per_branch.items():
        for _ in range(count):
            MemberFactory(
                branch=branches[code],
                birth_date=date(today.year - rng.randint(17, 85), rng.randint(1, 12), 1),
                gender=rng.choice("MMMVVVVX"),
                member_since=date(today.year - rng.randint(0, 30), 1, 1),
            )
    for index in range(letters):
        MemberFactory(
            branch=party.branch_a1,
            email="",
            street="Kerkstraat",
            house_number=str(index + 1),
            postcode="1234 AB",
            city="Aa",
        )
    definition = questionnaire().to_dict()
    panel = Panel.objects.create(
        unit=party.national,
        title="Landelijk panel",
        topic="Vervoer",
        purpose="Standpunt bepalen",
        coach_review_required=False,
        questionnaire=definition,
        state=PanelState.OPEN,
        opens_on=today,
        closes_on=today + timedelta(days=7),
    )
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.save()
    panel_open_invitations(panel=panel)
    return panel


def answers_for(index: int, marker: str = "") -> dict:
    answers = {
        "vervoer": CHOICES[index % 3],
        "stelling": ["oneens", "neutraal", "eens", "helemaal_eens"][index % 4],
        "themas": THEMES[: 1 + index % 3],
        "cijfer": index % 11,
    }
    if marker:
        answers["toelichting"] = marker
    return answers


def submit_for(panel: Panel, invitation: Invitation, answers: dict, **options) -> None:
    session = member_session(secret_for(panel, invitation.member))
    assert session is not None
    assert services.submit(session, answers=answers, **options).counted


def submit_many(panel: Panel, count: int, *, markers: bool = False) -> list[dict]:
    """``count`` invited members submit varied answers, in member order."""
    invitations = list(
        Invitation.objects.filter(panel=panel).select_related("member").order_by("member_id")
    )
    assert len(invitations) >= count
    submitted = []
    for index, invitation in enumerate(invitations[:count]):
        answers = answers_for(index, f"ANTWOORD-{index:04d}-MARKER" if markers else "")
        submit_for(
            panel,
            invitation,
            answers,
            assisted=index % 10 == 0,
            evaluation={"clear": "ja"} if index % 2 else {},
        )
        submitted.append(answers)
    return submitted
