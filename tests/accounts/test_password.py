"""Choosing a password from an invitation link, and the forgotten-password link."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ledenpanel.accounts.services import password_set_url
from tests.factories import UserFactory

NEW_PASSWORD = "paarse olifant fietst 42"


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _set_password(client: Client, link: str):
    page = client.get(_path(link), follow=True)  # Django swaps the token for a session key
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else _path(link)
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


@pytest.mark.django_db
def test_an_invited_user_chooses_a_password_once():
    user = UserFactory(password=None)
    user.set_unusable_password()
    user.save()
    link = password_set_url(user=user)

    response = _set_password(Client(), link)

    assert response["Location"] == reverse("accounts:password_set_done")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    reused = Client().get(_path(link), follow=True)
    assert "werkt niet meer" in reused.content.decode()


@pytest.mark.django_db
def test_a_forgotten_password_link_arrives_by_email(
    smtp_server, django_capture_on_commit_callbacks
):
    user = UserFactory(email="vergeten@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(reverse("accounts:password_reset"), {"email": user.email})

    assert response["Location"] == reverse("accounts:password_reset_sent")
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Nieuw wachtwoord voor Ledenpanel"
    link = re.search(r"http://\S+/account/password/\S+/", message.get_content()).group(0)
    assert _set_password(Client(), link).status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_the_reset_page_does_not_reveal_unknown_addresses(smtp_server):
    response = Client().post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert smtp_server.wait_for(1, timeout=0.5) == []
