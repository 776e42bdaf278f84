"""Building test data the way the application does: a party, questionnaires,
panels in each state, and members answering through the real services.

Plain functions, importable from any test; the fixtures that wrap them live in
the conftest files (``party``, ``open_panel``, ``board_a1`` … in tests/conftest.py).
Test infrastructure that is not about panels (the SMTP server, Redis caches,
roster files, running the command) is in tests/support/.

A panel changes state through ``panels.services.panel_transition``, as the
unit's board (``board_approves``, ``board_opens``, ``board_closes``); where a
builder sets a state directly, its docstring says why.

Sections, top to bottom: the party and its staff, questionnaires, panels,
members answering, analysis results.
"""

from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from ledenpanel.accounts.models import User
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letters import batch_file_name, panel_letters_dir
from ledenpanel.invitations.models import Invitation, LetterBatch, LetterState, MessageKind
from ledenpanel.invitations.services import panel_open_invitations
from ledenpanel.kernel.questionnaire.schema import (
    DONT_KNOW,
    Author,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)
from ledenpanel.organisations.models import Member, Role, RoleKind, Unit, UnitKind
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import (
    Panel,
    PanelRequest,
    PanelState,
    QuestionComment,
    QuestionnaireVersion,
)
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses import open_mode, selectors, services
from ledenpanel.responses.answering.parsing import parse_page
from ledenpanel.responses.models import Envelope, Response
from ledenpanel.responses.sessions import AnsweringSession
from ledenpanel.results.models import PanelAnalysis, Publication, ReportVersion
from tests.factories import MemberFactory, RoleFactory, UnitFactory, UserFactory, totp_device_for

# --- The party and its staff -------------------------------------------------


@dataclass
class Party:
    """National NL → regions G1, G2 → branches A1, A2 (in G1), B1 (in G2),
    plus a network N1 under the national unit."""

    national: Unit
    region_1: Unit
    region_2: Unit
    branch_a1: Unit
    branch_a2: Unit
    branch_b1: Unit
    network: Unit
    member_a1: Member
    member_b1: Member
    board_role_a1: Role
    panel_a1: Panel
    request_a1: PanelRequest
    comment_a1: QuestionComment


def build_party() -> Party:
    national = UnitFactory(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region_1 = UnitFactory(code="G1", name="Gewest Noord", kind=UnitKind.GEWEST, parent=national)
    region_2 = UnitFactory(code="G2", name="Gewest Zuid", kind=UnitKind.GEWEST, parent=national)
    branch_a1 = UnitFactory(code="A1", name="Afdeling Aa", kind=UnitKind.AFDELING, parent=region_1)
    branch_a2 = UnitFactory(code="A2", name="Afdeling Ab", kind=UnitKind.AFDELING, parent=region_1)
    branch_b1 = UnitFactory(code="B1", name="Afdeling Ba", kind=UnitKind.AFDELING, parent=region_2)
    network = UnitFactory(code="N1", name="Netwerk Zorg", kind=UnitKind.NETWERK, parent=national)
    member_a1 = MemberFactory(branch=branch_a1, last_name="Aalders")
    member_a1.groups.add(network)
    member_b1 = MemberFactory(branch=branch_b1, last_name="Bakker")
    board_role_a1 = RoleFactory(unit=branch_a1, kind=RoleKind.BOARD)
    panel_a1 = Panel.objects.create(
        unit=branch_a1,
        title="Wonen",
        topic="Betaalbaar wonen",
        purpose="Standpunt bepalen",
        coach_review_required=False,
        questionnaire={
            "sections": [
                {
                    "name": "deel_1",
                    "questions": [
                        {
                            "name": "woonlasten",
                            "type": "rating",
                            "label": "Welk cijfer geeft u uw woonlasten?",
                            "rationale": "Om te vergelijken.",
                        }
                    ],
                }
            ]
        },
    )
    comment_a1 = QuestionComment.objects.create(
        panel=panel_a1, question_name="woonlasten", text="Duidelijk."
    )
    request_a1 = PanelRequest.objects.create(
        unit=branch_a1,
        topic="Zorg",
        reason="Zorgen",
        requester_kind="members",
        requesters="Leden",
        contact_email="leden@example.org",
    )
    return Party(
        national,
        region_1,
        region_2,
        branch_a1,
        branch_a2,
        branch_b1,
        network,
        member_a1,
        member_b1,
        board_role_a1,
        panel_a1,
        request_a1,
        comment_a1,
    )


def staff_with_role(unit: Unit, kind: RoleKind, email: str) -> User:
    return RoleFactory(user=UserFactory(email=email), unit=unit, kind=kind).user


def verified_client(user: User) -> Client:
    """A client logged in with password and a confirmed second factor."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
    return client


# --- Questionnaires ----------------------------------------------------------


def two_page_questionnaire() -> Questionnaire:
    """One required agree question, then an optional free text: the answering tests' form."""
    return Questionnaire(
        sections=[
            Section(
                "een",
                "Meedoen",
                [
                    Question(
                        "meedoen",
                        QuestionType.AGREE_SCALE,
                        "De afdeling doet mee aan de verkiezingen.",
                        options=agree_options(5),
                    )
                ],
            ),
            Section(
                "twee",
                "Toelichting",
                [
                    Question(
                        "waarom",
                        QuestionType.LONG_TEXT,
                        "Wilt u dit toelichten?",
                        required=False,
                    )
                ],
            ),
        ]
    )


def sample_questionnaire() -> Questionnaire:
    """A board's first draft, with author and rationale: the builder tests' form."""
    return Questionnaire(
        title="Gemeenteraadsverkiezingen",
        sections=[
            Section(
                name="deel_1",
                title="Meedoen",
                questions=[
                    Question(
                        name="meedoen",
                        type=QuestionType.AGREE_SCALE,
                        label="Onze afdeling moet met een eigen lijst meedoen aan de verkiezingen.",
                        options=agree_options(5),
                        author=Author("Bestuur Afdeling Aa", "bestuur", "Afdeling Aa"),
                        rationale="Het bestuur besluit in maart over deelname.",
                    ),
                    Question(
                        name="toelichting",
                        type=QuestionType.LONG_TEXT,
                        label="Wilt u uw antwoord toelichten?",
                        required=False,
                    ),
                ],
            )
        ],
    )


TRAVEL = ("bus", "trein", "fiets")
THEMES = ("wonen", "zorg", "werk")


def _options(names: tuple[str, ...]) -> list[Option]:
    return [Option(name, name.title()) for name in names]


def national_questionnaire() -> Questionnaire:
    """One page of five questions: the close and anonymity tests' form."""
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
                        options=_options(TRAVEL),
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
                        options=_options(THEMES),
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


TRANSPORT = (*TRAVEL, "weet_niet")
AGREE = ("helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens", "weet_niet")
# The analysis' questions of ``every_type_questionnaire``, in form order: the
# info text is left out, the grid gives one question per statement (named as
# the XLSForm export names them).
FORM_NAMES = (
    "vervoer",
    "stelling",
    "cijfer",
    "themas",
    "volgorde",
    "punten",
    "uren",
    "idee",
    "toelichting",
    "vermogen",
    "defensie",
)


def every_type_questionnaire() -> Questionnaire:
    """A questionnaire with every question type: the analysis tests' form."""
    return Questionnaire(
        title="Alles",
        sections=[
            Section(
                "een",
                "Keuzes",
                [
                    Question("uitleg", QuestionType.INFO, "Over deze vragenlijst."),
                    Question(
                        "vervoer",
                        QuestionType.SINGLE_CHOICE,
                        "Hoe reist u meestal?",
                        options=[*_options(TRAVEL), Option(*DONT_KNOW, dont_know=True)],
                    ),
                    Question(
                        "stelling",
                        QuestionType.AGREE_SCALE,
                        "De afdeling doet mee aan de verkiezingen.",
                        options=agree_options(5),
                    ),
                    Question(
                        "cijfer",
                        QuestionType.RATING,
                        "Welk cijfer geeft u de afdeling?",
                        options=[Option(*DONT_KNOW, dont_know=True)],
                    ),
                    Question(
                        "themas",
                        QuestionType.MULTIPLE_CHOICE,
                        "Welke thema's vindt u belangrijk?",
                        options=_options(THEMES),
                    ),
                ],
            ),
            Section(
                "twee",
                "Meer",
                [
                    Question(
                        "volgorde",
                        QuestionType.RANKING,
                        "Zet de thema's in volgorde.",
                        options=_options(THEMES),
                    ),
                    Question(
                        "punten",
                        QuestionType.POINTS,
                        "Verdeel 10 punten over de thema's.",
                        options=_options(THEMES),
                        points_total=10,
                    ),
                    Question(
                        "uren",
                        QuestionType.NUMBER,
                        "Hoeveel uur per maand bent u actief?",
                        minimum=0,
                        maximum=200,
                    ),
                    Question("idee", QuestionType.SHORT_TEXT, "Uw beste idee?", required=False),
                    Question(
                        "toelichting",
                        QuestionType.LONG_TEXT,
                        "Wilt u iets toelichten?",
                        required=False,
                    ),
                    Question(
                        "stellingen",
                        QuestionType.GRID,
                        "In hoeverre bent u het eens met deze stellingen?",
                        options=agree_options(5),
                        statements=[
                            Statement("vermogen", "Grote vermogens zwaarder belasten."),
                            Statement("defensie", "Meer geld naar defensie."),
                        ],
                    ),
                ],
            ),
        ],
    )


# --- Panels ------------------------------------------------------------------


def use_questionnaire(panel: Panel, questionnaire: Questionnaire) -> None:
    """Make ``questionnaire`` the approved version members answer (before any answer)."""
    definition = questionnaire.to_dict()
    panel.questionnaire = definition
    number = panel.versions.count() + 1
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=number, definition=definition
    )
    panel.save()


def letter_member(party: Party, *, house_number: str = "2", **fields: Any) -> Member:
    """A member of branch A1 without e-mail address: invited by letter."""
    return MemberFactory(
        branch=party.branch_a1,
        email="",
        street="Kerkstraat",
        house_number=house_number,
        postcode="1234 AB",
        city="Aa",
        **fields,
    )


def unit_board(unit: Unit) -> User:
    """A board member of ``unit``: the first there is, else a new one."""
    role = Role.objects.filter(unit=unit, kind=RoleKind.BOARD).select_related("user").first()
    return role.user if role else RoleFactory(unit=unit, kind=RoleKind.BOARD).user


def board_approves(panel: Panel, questionnaire: Questionnaire, **plan: Any) -> Panel:
    """Give a draft ``panel`` ``questionnaire`` and ``plan`` (dates …); its board approves."""
    panel.questionnaire = questionnaire.to_dict()
    for name, value in plan.items():
        setattr(panel, name, value)
    panel.save()
    return _transition(panel, Action.APPROVE)


def board_opens(panel: Panel) -> Panel:
    """The board opens an approved panel: invitations, mail and letter runs, reminders.

    Mail goes out when the transaction commits (wrap the call in
    ``django_capture_on_commit_callbacks(execute=True)`` to send it).
    """
    return _transition(panel, Action.OPEN)


@dataclass
class Reported:
    """A closed panel with its report final: the link and code members hold, its board."""

    panel: Panel
    secrets: dict[str, str]
    board: User


def board_marks_final(panel: Panel) -> Panel:
    """The board marks the report of a closed, analysed panel final."""
    return _transition(panel, Action.MARK_REPORTED)


def board_closes(panel: Panel) -> Panel:
    """The board closes an open panel; the close procedure runs after the commit."""
    return _transition(panel, Action.CLOSE)


def _transition(panel: Panel, action: Action) -> Panel:
    panel_transition(panel=panel, action=action, actor=unit_board(panel.unit))
    panel.refresh_from_db()
    return panel


def open_panel_for(party: Party) -> Panel:
    """Branch A1's panel, opened by its board, with invitations for its members.

    One more member, Briefmans, has no e-mail address and gets a letter code.
    The mail and letter runs the opening starts wait for the commit, so they
    run only in tests that commit (``django_db(transaction=True)``).
    """
    panel = party.panel_a1
    letter_member(party, last_name="Briefmans")
    today = timezone.localdate()
    board_approves(
        panel, two_page_questionnaire(), opens_on=today, closes_on=today + timedelta(days=7)
    )
    return board_opens(panel)


def invited_panel_for(party: Party) -> Panel:
    """Like ``open_panel_for``, but none of the runs opening starts exists yet.

    For the tests of those runs (letters): they start the run themselves.
    Opening through the service always queues them, so this state is set
    directly: the panel is marked open and only its invitations are made.
    """
    panel = party.panel_a1
    definition = two_page_questionnaire().to_dict()
    panel.questionnaire = definition
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.state = PanelState.OPEN
    panel.closes_on = timezone.localdate() + timedelta(days=7)
    panel.save()
    letter_member(party, last_name="Briefmans")
    panel_open_invitations(panel=panel)
    return panel


def open_link_panel(party: Party) -> Panel:
    """Branch A1's panel, open, with a public link."""
    panel = open_panel_for(party)
    panel.open_link = True
    panel.save(update_fields=["open_link"])
    open_mode.open_slug_assign(panel=panel)
    return panel


def ready_panel(party: Party, *, extra_members: int = 0, reminder_days=(5, 10)) -> Panel:
    """Branch A1's panel approved, with reminders, ready to open (see ``open_with_mail``)."""
    panel = party.panel_a1
    letter_member(party, last_name="Briefmans")
    MemberFactory.create_batch(extra_members, branch=party.branch_a1)
    today = timezone.localdate()
    return board_approves(
        panel,
        two_page_questionnaire(),
        opens_on=today,
        closes_on=today + timedelta(days=14),
        reminder_days=list(reminder_days),
    )


def open_with_mail(party: Party, capture, **kwargs) -> Panel:
    """Branch A1's panel opened by its board, its invitation mail sent.

    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks``: the
    outbox run happens when the transaction commits.
    """
    panel = ready_panel(party, **kwargs)
    with capture(execute=True):
        board_opens(panel)
    return panel


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
        letter_member(party, house_number=str(index + 1))
    panel = Panel.objects.create(
        unit=party.national,
        title="Landelijk panel",
        topic="Vervoer",
        purpose="Standpunt bepalen",
        coach_review_required=False,
    )
    board_approves(
        panel, national_questionnaire(), opens_on=today, closes_on=today + timedelta(days=7)
    )
    return board_opens(panel)


def open_panel_by_hand(unit: Unit, **fields: Any) -> Panel:
    """An open panel of ``unit`` closing in a week, with no invitations yet.

    Set directly, with invitations made by ``invitations_by_hand``: the
    monitor's tests need backgrounds and answered flags that no real opening
    would give.
    """
    return Panel.objects.create(
        unit=unit,
        title="Verkiezingen",
        topic="Verkiezingen",
        purpose="Programma",
        coach_review_required=False,
        state=PanelState.OPEN,
        closes_on=timezone.localdate() + timedelta(days=7),
        **fields,
    )


_BACKGROUND_BY_HAND = {"age": "35-44", "gender": "V", "region": "G1", "tenure": "5-9"}


def invitations_by_hand(
    panel: Panel, branch: Unit, count: int, *, responded: int = 0, **fields: Any
) -> list[Invitation]:
    """``count`` invitations in ``branch``, the first ``responded`` of them answered.

    Written directly (see ``open_panel_by_hand``); ``fields`` may set the
    ``channel``, ``delivery``, ``delivery_error`` and extra ``background``.
    """
    members = MemberFactory.create_batch(count, branch=branch)
    invitations = [
        Invitation(
            panel=panel,
            member=member,
            channel=fields.get("channel", "email"),
            delivery=fields.get("delivery", "sent"),
            delivery_error=fields.get("delivery_error", ""),
            verifier=secrets.token_hex(32),
            responded=index < responded,
            background={
                **_BACKGROUND_BY_HAND,
                "branch": branch.code,
                **fields.get("background", {}),
            },
        )
        for index, member in enumerate(members)
    ]
    return Invitation.objects.bulk_create(invitations)


def exported_panel_a1(party: Party) -> dict[str, object]:
    """Branch A1's panel closed with k stored responses: URL arguments for the export.

    The state and the responses are written directly, as a close would leave
    them: ten members answering and a close would cost the matrix seconds.
    """
    panel = party.panel_a1
    questionnaire = every_type_questionnaire()
    use_questionnaire(panel, questionnaire)
    panel.state = PanelState.CLOSED
    panel.save(update_fields=["state"])
    PanelClosing.objects.create(panel=panel, stage=CloseStage.DONE, respondents=10)
    Response.objects.bulk_create(
        Response(panel=panel, answers=every_type_answers(questionnaire, index))
        for index in range(10)
    )
    return {"panel_id": panel.public_id}


def finished_batch(panel: Panel) -> LetterBatch:
    """A rendered letter batch of ``panel`` with a (tiny) file on disk."""
    batch = LetterBatch.objects.create(
        panel=panel, kind=MessageKind.INVITATION, number=0, sequence=1, invitation_ids=[1, 2]
    )
    path = panel_letters_dir(panel) / batch_file_name(batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n% letters\n")
    LetterBatch.objects.filter(pk=batch.pk).update(
        state=LetterState.DONE, path=str(path), finished_at=timezone.now()
    )
    batch.refresh_from_db()
    return batch


# --- Members answering -------------------------------------------------------


def secret_for(panel: Panel, member: Member) -> str:
    """The member's link token (e-mail) or letter code, derived as the invitation did."""
    invitation = Invitation.objects.get(panel=panel, member=member)
    link_key = key_store().read_link_key(str(panel.public_id))  # after the close too
    if invitation.channel == "email":
        return crypto.link_token(link_key, invitation.ref)
    return crypto.letter_code(link_key, invitation.ref, attempt=invitation.code_attempt)


# A browser's device secret, for tests that answer through the services directly.
DEVICE = "d" * 43


def member_session(secret: str, *, device: str = DEVICE) -> AnsweringSession:
    """The session a member's browser (``device``) gets for their link or code."""
    session = selectors.answering_session_for_secret(secret=secret, device=device)
    assert session is not None
    return session


def varied_answers(index: int, marker: str = "") -> dict:
    """Answers to ``national_questionnaire`` that vary with ``index``."""
    answers = {
        "vervoer": TRAVEL[index % 3],
        "stelling": ["oneens", "neutraal", "eens", "helemaal_eens"][index % 4],
        "themas": list(THEMES[: 1 + index % 3]),
        "cijfer": index % 11,
    }
    if marker:
        answers["toelichting"] = marker
    return answers


def submit_for(panel: Panel, invitation: Invitation, answers: dict, **options) -> None:
    session = member_session(secret_for(panel, invitation.member))
    assert services.answers_submit(session=session, answers=answers, **options).counted


def _invitations(panel: Panel, count: int) -> list[Invitation]:
    invitations = list(
        Invitation.objects.filter(panel=panel).select_related("member").order_by("member_id")
    )
    assert len(invitations) >= count
    return invitations[:count]


def submit_many(panel: Panel, count: int, *, markers: bool = False) -> list[dict]:
    """``count`` invited members submit ``varied_answers``, in member order."""
    submitted = []
    for index, invitation in enumerate(_invitations(panel, count)):
        answers = varied_answers(index, f"ANTWOORD-{index:04d}-MARKER" if markers else "")
        submit_for(
            panel,
            invitation,
            answers,
            assisted=index % 10 == 0,
            evaluation={"clear": "ja"} if index % 2 else {},
        )
        submitted.append(answers)
    return submitted


def post_data(index: int) -> dict[str, list[str]]:
    """What member ``index`` sends from the pages of ``every_type_questionnaire``."""
    order = [THEMES[(index + shift) % 3] for shift in range(3)]
    points = {THEMES[0]: index % 11, THEMES[1]: 10 - index % 11, THEMES[2]: 0}
    data = {
        "q_vervoer": [TRANSPORT[index % 4]],
        "q_stelling": [AGREE[index % 6]],
        "q_cijfer": ["weet_niet" if index % 7 == 0 else str(index % 11)],
        "q_themas": list(THEMES[: 1 + index % 3]),
        **{f"q_volgorde__{name}": [str(place + 1)] for place, name in enumerate(order)},
        **{f"q_punten__{name}": [str(value)] for name, value in points.items()},
        "q_uren": [f"{index % 20},5"],
        "q_stellingen__vermogen": [AGREE[(index + 1) % 6]],
        "q_stellingen__defensie": [AGREE[(index * 2) % 5]],
    }
    if index % 3 == 0:
        data["q_toelichting"] = ["Meer aandacht voor betaalbaar wonen in de wijk."]
    if index % 4 == 0:
        data["q_idee"] = ["Een spreekuur op zaterdag."]
    return data


def every_type_answers(questionnaire: Questionnaire, index: int) -> dict[str, Any]:
    """``post_data(index)`` as the answering pages store it (parsed page by page)."""
    data = post_data(index)
    answers: dict[str, Any] = {}
    for section in questionnaire.sections:
        page, errors = parse_page(section, data, earlier=answers)
        assert errors == [], errors
        answers.update({name: value for name, value in page.items() if value is not None})
    return answers


def submit_every_type(panel: Panel, count: int) -> None:
    """``count`` invited members answer ``every_type_questionnaire``, in member order."""
    questionnaire = every_type_questionnaire()
    for index, invitation in enumerate(_invitations(panel, count)):
        submit_for(panel, invitation, every_type_answers(questionnaire, index))


def opened_envelopes(panel: Panel) -> list[dict]:
    """The sealed answers of an open panel, opened with its private key."""
    keys = key_store().read(str(panel.public_id))
    return [
        json.loads(crypto.open_envelope(keys.private_key, bytes(envelope.ciphertext)))
        for envelope in Envelope.objects.filter(panel=panel)
    ]


# --- Analysis results --------------------------------------------------------


def engine_result(respondents: int) -> dict:
    """The real engine's result for ``respondents`` answers (no close, no population)."""
    # Imported here: the engine pulls in the statistics stack, which most tests never need.
    from ledenpanel.analysis.engine import analyse
    from ledenpanel.results.analysis_input import analysis_form, analysis_responses

    questionnaire = every_type_questionnaire()
    rows = [(every_type_answers(questionnaire, i), {}, False) for i in range(respondents)]
    form = analysis_form(questionnaire)
    return analyse(form, analysis_responses(questionnaire, rows, form=form))


# Two discussion points as the engine drafts them (code, params, Dutch title).
DRAFTED_POINTS = [
    {
        "kind": "majority",
        "code": "majority_agree",
        "params": {"question_label": "Eigen lijst", "share": 0.8},
        "title": "Duidelijke meerderheid (80 %) eens met “Eigen lijst”",
        "questions": ["meedoen"],
        "evidence": {"share": 0.8, "n": 40},
    },
    {
        "kind": "divided",
        "code": "divided",
        "params": {"question_label": "Wonen", "agree": 0.4, "disagree": 0.45},
        "title": "Verdeeld: 40 % eens en 45 % oneens over “Wonen”",
        "questions": ["wonen"],
        "evidence": {"agree": 0.4, "disagree": 0.45, "n": 40},
    },
]


def store_analysis(panel: Panel, result: dict) -> None:
    PanelAnalysis.objects.update_or_create(
        panel=panel, defaults={"result": result, "computed_at": timezone.now(), "seconds": 1.0}
    )


def analysed_panel_a1(party: Party) -> dict[str, object]:
    """Branch A1's panel with a stored (withheld) analysis: URL arguments for the matrix."""
    store_analysis(party.panel_a1, engine_result(3))
    return {"panel_id": party.panel_a1.public_id}


def published_panel_a1(party: Party) -> dict[str, object]:
    """Branch A1's panel with its (withheld) results published at the public address.

    Written directly, as publishing would leave it: URL arguments for the matrix.
    """
    panel = party.panel_a1
    store_analysis(panel, engine_result(3))
    panel.state = PanelState.REPORTED
    panel.save(update_fields=["state"])
    version = ReportVersion.objects.create(
        panel=panel, number=1, points=[], change="final_as_drafted", final_at=timezone.now()
    )
    Publication.objects.create(
        panel=panel,
        report_version=version,
        pages={"nl": {"summary": "<p>3</p>", "questions": ""}},
        public=True,
    )
    return {"panel_id": panel.public_id}


def closed_national_panel(party: Party, capture, answering: dict[str, int]) -> Panel:
    """A national panel where ``answering[code]`` members of each branch answered,
    closed by its board (the close runs on ``capture``'s commit).

    Each branch has four more members who do not answer: had (nearly) all of
    a branch answered, its participation would be hidden, and its slice too.
    """
    known = {"A1", "A2", "B1"}  # the party's branches; a test makes members of others
    panel = national_panel(
        party, per_branch={code: n + 4 for code, n in answering.items() if code in known}
    )
    invitations = Invitation.objects.filter(panel=panel).select_related("member__branch")
    index = 0
    for code, count in answering.items():
        for invitation in invitations.filter(member__branch__code=code).order_by("id")[:count]:
            submit_for(panel, invitation, varied_answers(index))
            index += 1
    with capture(execute=True):
        board_closes(panel)
    panel.refresh_from_db()
    return panel


def closed_every_type_panel(party: Party, capture, *, respondents: int) -> Panel:
    """A national panel (40 more members) on ``every_type_questionnaire``, closed
    after ``respondents`` members answered.

    ``capture`` is pytest-django's ``django_capture_on_commit_callbacks``: the
    close, and the analysis after it, run when the transaction commits.
    """
    panel = national_panel(party, per_branch={"A1": 14, "A2": 12, "B1": 14})
    use_questionnaire(panel, every_type_questionnaire())
    submit_every_type(panel, respondents)
    with capture(execute=True):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    return panel
