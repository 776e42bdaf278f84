"""Building a questionnaire in the browser's forms (no JavaScript needed)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ledenpanel.kernel.questionnaire.schema import Questionnaire
from ledenpanel.panels.models import Panel
from tests.builders import Party, verified_client

QUESTION = {
    "label": "De afdeling moet een eigen kieslijst indienen.",
    "hint": "",
    "scale_points": "5",
    "dont_know": "on",
    "required": "on",
    "rationale": "Het bestuur besluit in maart over deelname.",
    "author_name": "Bestuur Aa",
    "author_role": "bestuur",
    "author_unit": "Afdeling Aa",
    "section": "deel_1",
    "save": "1",
}


def _url(view: str, panel: Panel, **kwargs: str) -> str:
    return reverse(f"panels:{view}", kwargs={"panel_id": panel.public_id, **kwargs})


def _questionnaire(panel: Panel) -> Questionnaire:
    panel.refresh_from_db()
    return Questionnaire.from_dict(panel.questionnaire)


def test_a_board_adds_a_statement_with_who_asks_and_why(party: Party, board_a1):
    client = verified_client(board_a1)
    panel = party.panel_a1
    assert "Stelling (eens–oneens)" in client.get(_url("question_add", panel)).content.decode()

    response = client.post(_url("question_add", panel) + "?type=agree_scale", QUESTION)

    assert response.status_code == 302
    question = _questionnaire(panel).questions()[-1]
    assert question.name == "de_afdeling_moet_een"
    assert [o.name for o in question.options][-1] == "weet_niet"
    assert question.author.name == "Bestuur Aa"
    page = client.get(_url("builder", panel)).content.decode()
    assert "Het bestuur besluit in maart over deelname." in page


def test_the_builder_shows_guideline_findings_next_to_the_question(party: Party, board_a1):
    client = verified_client(board_a1)
    client.post(
        _url("question_add", party.panel_a1) + "?type=agree_scale",
        {**QUESTION, "label": "Vindt u ook niet dat iedereen altijd moet stemmen en flyeren?"},
    )
    page = client.get(_url("builder", party.panel_a1)).content.decode()
    assert "finding-error" in page or "finding-warning" in page


def test_the_live_check_returns_findings_while_typing(party: Party, board_a1):
    response = verified_client(board_a1).post(
        _url("lint", party.panel_a1),
        {"question_type": "agree_scale", "label": "Iedereen is het toch altijd eens met ons?"},
    )
    assert response.status_code == 200
    assert '<li class="finding' in response.content.decode()


def test_check_without_javascript_shows_findings_without_saving(party: Party, board_a1):
    client = verified_client(board_a1)
    data = {**QUESTION, "label": "Het is niet onwenselijk dat we niet meedoen."}
    data.pop("save")
    page = client.post(
        _url("question_add", party.panel_a1) + "?type=agree_scale", {**data, "check": "1"}
    )
    assert "finding" in page.content.decode()
    assert len(_questionnaire(party.panel_a1).questions()) == 1


def test_a_question_others_depend_on_cannot_be_deleted(party: Party, board_a1):
    client = verified_client(board_a1)
    client.post(
        _url("question_add", party.panel_a1) + "?type=short_text",
        {
            **QUESTION,
            "label": "Waarom dit cijfer?",
            "show_if_question": "woonlasten",
            "show_if_operator": "less_than",
            "show_if_value": "6",
        },
    )
    page = client.post(_url("question_delete", party.panel_a1, name="woonlasten"), follow=True)
    assert "hangen van deze vraag af" in page.content.decode()
    assert _questionnaire(party.panel_a1).question("woonlasten") is not None


def test_questions_move_up_and_down(party: Party, board_a1):
    client = verified_client(board_a1)
    client.post(_url("question_add", party.panel_a1) + "?type=agree_scale", QUESTION)
    client.post(
        _url("question_move", party.panel_a1, name="de_afdeling_moet_een"), {"direction": "up"}
    )
    names = [q.name for q in _questionnaire(party.panel_a1).questions()]
    assert names == ["de_afdeling_moet_een", "woonlasten"]


def test_a_template_fills_the_questionnaire(party: Party, board_a1):
    client = verified_client(board_a1)
    client.post(_url("library", party.panel_a1), {"template": "verkiezingsprogramma"})
    questionnaire = _questionnaire(party.panel_a1)
    assert questionnaire.question("rangorde") is not None
    assert questionnaire.question("rangorde").author.unit == "Afdeling Aa"


def test_the_preview_shows_who_asks_and_why(party: Party, board_a1):
    client = verified_client(board_a1)
    client.post(_url("library", party.panel_a1), {"template": "verkiezingsprogramma"})
    page = client.get(_url("preview", party.panel_a1)).content.decode()
    assert "Wie stelt deze vraag en waarom?" in page
    assert 'class="phone-frame"' in page


def test_an_exported_xlsform_imports_back_unchanged(party: Party, board_a1):
    client = verified_client(board_a1)
    client.post(_url("library", party.panel_a1), {"template": "verkiezingsprogramma"})
    before = _questionnaire(party.panel_a1)
    exported = client.get(_url("xlsform_export", party.panel_a1))
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    data = b"".join(exported.streaming_content) if exported.streaming else exported.content

    client.post(_url("library", party.panel_a1), {"template": "evaluatie_afdeling"})
    client.post(
        _url("xlsform_import", party.panel_a1),
        {"file": SimpleUploadedFile("v.xlsx", data)},
    )

    assert _questionnaire(party.panel_a1).questions() == before.questions()


def test_a_broken_xlsform_says_where(party: Party, board_a1):
    page = verified_client(board_a1).post(
        _url("xlsform_import", party.panel_a1),
        {"file": SimpleUploadedFile("v.xlsx", b"not a spreadsheet")},
    )
    assert "kon niet worden gelezen" in page.content.decode()


def _use_template(client, panel: Panel, key: str = "gemeenteraad_meedoen") -> None:
    client.post(_url("library", panel), {"template": key})


def test_saving_a_question_unchanged_keeps_its_answer_codes_and_conditions(party: Party, board_a1):
    client = verified_client(board_a1)
    _use_template(client, party.panel_a1)
    page = client.get(_url("question_edit", party.panel_a1, name="deelname"))
    form = page.context["form"]
    data = {key: value for key, value in form.initial.items() if value not in (None, False)}
    data["required"] = "on"

    client.post(_url("question_edit", party.panel_a1, name="deelname"), {**data, "save": "1"})

    questionnaire = _questionnaire(party.panel_a1)
    names = [option.name for option in questionnaire.question("deelname").options]
    assert names == ["eigen_lijst", "samen", "niet", "weet_niet"]
    assert questionnaire.question("samenwerking_met").show_if[0].value == "samen"


def test_a_condition_is_entered_with_the_answer_members_see(party: Party, board_a1):
    client = verified_client(board_a1)
    _use_template(client, party.panel_a1)
    client.post(
        _url("question_add", party.panel_a1) + "?type=short_text",
        {
            **QUESTION,
            "label": "Waarom niet?",
            "section": "meedoen",
            "show_if_question": "deelname",
            "show_if_operator": "equals",
            "show_if_value": "niet meedoen",
        },
    )
    question = _questionnaire(party.panel_a1).question("waarom_niet")
    assert question.show_if[0].value == "niet"


def test_an_unknown_answer_in_a_condition_is_refused_with_the_choices(party: Party, board_a1):
    client = verified_client(board_a1)
    _use_template(client, party.panel_a1)
    page = client.post(
        _url("question_add", party.panel_a1) + "?type=short_text",
        {
            **QUESTION,
            "label": "Waarom?",
            "section": "meedoen",
            "show_if_question": "deelname",
            "show_if_operator": "equals",
            "show_if_value": "misschien",
        },
    )
    assert "Kies een van de antwoorden" in page.content.decode()


def test_moving_a_question_above_what_it_depends_on_is_refused_in_plain_dutch(
    party: Party, board_a1
):
    client = verified_client(board_a1)
    _use_template(client, party.panel_a1)
    page = client.post(
        _url("question_move", party.panel_a1, name="samenwerking_met"),
        {"direction": "up"},
        follow=True,
    )
    assert "moet ná de vraag komen" in page.content.decode()
    names = [q.name for q in _questionnaire(party.panel_a1).questions()]
    assert names.index("deelname") < names.index("samenwerking_met")


def test_editing_keeps_what_the_form_does_not_show(party: Party, board_a1):
    questionnaire = _questionnaire(party.panel_a1)
    question = questionnaire.question("woonlasten")
    question.translations = {"en": {"label": "What mark do you give your housing costs?"}}
    party.panel_a1.questionnaire = questionnaire.to_dict()
    party.panel_a1.save()
    client = verified_client(board_a1)
    form = client.get(_url("question_edit", party.panel_a1, name="woonlasten")).context["form"]
    data = {key: value for key, value in form.initial.items() if value not in (None, False)}

    client.post(
        _url("question_edit", party.panel_a1, name="woonlasten"),
        {
            **data,
            "label": "Welk rapportcijfer geeft u uw woonlasten?",
            "author_name": "Bestuur Aa",  # transparency: every question names its author
            "save": "1",
        },
    )

    edited = _questionnaire(party.panel_a1).question("woonlasten")
    assert edited.label == "Welk rapportcijfer geeft u uw woonlasten?"
    assert edited.translations["en"]["label"] == "What mark do you give your housing costs?"


def test_a_template_keeps_the_replaced_questions_as_a_version(party: Party, board_a1):
    client = verified_client(board_a1)
    _use_template(client, party.panel_a1)
    version = party.panel_a1.versions.get()
    assert version.definition["sections"][0]["questions"][0]["name"] == "woonlasten"


def test_an_oversized_xlsform_is_refused(party: Party, board_a1):
    page = verified_client(board_a1).post(
        _url("xlsform_import", party.panel_a1),
        {"file": SimpleUploadedFile("v.xlsx", b"x" * (5 * 1024 * 1024 + 1))},
    )
    assert "kleiner dan 5 MB" in page.content.decode()
