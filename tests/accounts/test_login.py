"""Staff log in with e-mail, password and a TOTP code; failures are throttled."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory, totp_device_for

LOGIN = reverse("accounts:login")
HOME = reverse("site:home")


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _password_step(client: Client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"email": email, "password": password})


@pytest.mark.django_db
def test_it_asks_for_the_code_after_a_correct_password():
    user = UserFactory(email="bestuur@example.org")
    totp_device_for(user)
    client = Client()

    response = _password_step(client, "Bestuur@Example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")
    assert client.get(HOME)["Location"] == reverse("accounts:verify")


@pytest.mark.django_db
def test_it_opens_staff_pages_after_a_valid_code():
    user = UserFactory()
    device = totp_device_for(user)
    client = Client()
    _password_step(client, user.email)

    response = client.post(reverse("accounts:verify"), {"token": _code(device)})

    assert response.status_code == 302
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_it_rejects_a_wrong_code():
    user = UserFactory()
    device = totp_device_for(user)
    client = Client()
    _password_step(client, user.email)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts:verify"), {"token": wrong})

    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    assert client.get(HOME).status_code == 302


@pytest.mark.django_db
def test_it_enrols_an_authenticator_on_first_login():
    user = UserFactory()
    client = Client()

    assert _password_step(client, user.email)["Location"] == reverse("accounts:setup_totp")
    page = client.get(reverse("accounts:setup_totp"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    response = client.post(reverse("accounts:setup_totp"), {"token": _code(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_it_does_not_say_whether_the_email_exists():
    UserFactory(email="known@example.org")
    unknown = _password_step(Client(), "unknown@example.org").content
    wrong_password = _password_step(Client(), "known@example.org", "wrong password!!").content
    assert b"kennen we niet" in unknown
    assert b"kennen we niet" in wrong_password


@pytest.mark.django_db
def test_it_locks_out_after_repeated_failed_logins(settings):
    user = UserFactory()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, user.email, "not the password")

    response = _password_step(client, user.email)  # even the right password now

    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()


@pytest.mark.django_db
def test_demo_logins_skip_the_second_factor_only_in_demo_mode(settings):
    user = UserFactory(is_demo=True)

    settings.DEMO_MODE = False
    client = Client()
    assert _password_step(client, user.email)["Location"] == reverse("accounts:setup_totp")

    settings.DEMO_MODE = True
    client = Client()
    assert _password_step(client, user.email)["Location"] == HOME
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_a_non_demo_login_never_skips_the_second_factor_in_demo_mode(settings):
    settings.DEMO_MODE = True
    user = UserFactory(is_demo=False)
    client = Client()
    assert _password_step(client, user.email)["Location"] == reverse("accounts:setup_totp")


@pytest.mark.django_db
def test_it_sends_the_user_back_to_the_page_they_asked_for():
    user = UserFactory()
    device = totp_device_for(user)
    client = Client()
    target = reverse("organisations:unit_list")
    client.post(f"{LOGIN}?next={target}", {"email": user.email, "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"token": _code(device)})
    assert response["Location"] == target


@pytest.mark.django_db
def test_it_ignores_a_next_url_on_another_site():
    user = UserFactory()
    device = totp_device_for(user)
    client = Client()
    client.post(f"{LOGIN}?next=https://evil.example/", {"email": user.email, "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"token": _code(device)})
    assert response["Location"] == HOME
