"""One client address behind trusted reverse proxies, for lock-outs and rate limits.

The attack (issue 10, finding 4): behind a proxy every request came from the
proxy's address, so 20 wrong codes from anyone refused every member, and a
client could not be told apart for django-axes either.
"""

from __future__ import annotations

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from ledenpanel.core.clientaddress import client_address, proxy_count_from_environ
from tests.factories import UserFactory

PROXY = "10.0.0.1"
CLIENT = "198.51.100.7"


def _request(forwarded_for: str | None = None, *, remote: str = PROXY):
    extra = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_proxies_it_is_the_connecting_address_and_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0

    assert client_address(_request(remote=CLIENT)) == CLIENT
    assert client_address(_request("203.0.113.66", remote=CLIENT)) == CLIENT


def test_behind_one_proxy_it_is_the_address_the_proxy_added(settings):
    settings.PROXY_COUNT = 1

    assert client_address(_request(CLIENT)) == CLIENT


def test_behind_two_proxies_it_is_the_address_the_outer_proxy_added(settings):
    settings.PROXY_COUNT = 2
    # client → outer proxy 10.0.0.2 (adds CLIENT) → inner proxy 10.0.0.1 (adds 10.0.0.2)

    assert client_address(_request(f"{CLIENT}, 10.0.0.2")) == CLIENT


@pytest.mark.parametrize(
    ("proxies", "header"),
    [
        (1, f"203.0.113.66, {CLIENT}"),
        (1, f"203.0.113.66,192.0.2.1 , 192.0.2.2,{CLIENT}"),
        (1, f"garbage, , {CLIENT}"),
        (2, f"203.0.113.66, {CLIENT}, 10.0.0.2"),
        (2, f"1.1.1.1, 2.2.2.2, 3.3.3.3, {CLIENT}, 10.0.0.2"),
    ],
)
def test_a_spoofed_header_does_not_let_the_client_choose_its_address(settings, proxies, header):
    """Entries left of the trusted proxies' are the client's own words."""
    settings.PROXY_COUNT = proxies

    assert client_address(_request(header)) == CLIENT


def test_a_client_rotating_spoofed_entries_stays_one_address(settings):
    settings.PROXY_COUNT = 1
    addresses = {client_address(_request(f"192.0.2.{n}, {CLIENT}")) for n in range(50)}

    assert addresses == {CLIENT}


def test_without_the_header_it_falls_back_to_the_connecting_address(settings):
    settings.PROXY_COUNT = 1

    assert client_address(_request(None)) == PROXY
    assert client_address(_request("")) == PROXY


def test_with_fewer_entries_than_proxies_it_takes_the_first_a_proxy_added(settings):
    """A request that passed only the inner proxy: every entry is a proxy's."""
    settings.PROXY_COUNT = 2

    assert client_address(_request(CLIENT)) == CLIENT


@pytest.mark.parametrize("entry", ["unknown", "", "1.2.3", "999.1.1.1", "<script>", "a" * 300])
def test_a_malformed_entry_at_the_trusted_place_falls_back_to_the_proxy(settings, entry):
    settings.PROXY_COUNT = 1

    assert client_address(_request(f"{CLIENT}, {entry}")) == PROXY


@pytest.mark.parametrize(
    ("entry", "address"),
    [
        ("198.51.100.7:4711", "198.51.100.7"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:DB8:0:0::1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
    ],
)
def test_it_normalises_ports_brackets_and_mapped_addresses(settings, entry, address):
    settings.PROXY_COUNT = 1

    assert client_address(_request(entry)) == address


def test_an_unusable_connecting_address_is_none(settings):
    settings.PROXY_COUNT = 0

    assert client_address(_request(remote="")) is None


@pytest.mark.parametrize(
    ("environ", "count"),
    [
        ({}, 0),
        ({"AXES_PROXY_COUNT": ""}, 0),
        ({"AXES_PROXY_COUNT": "1"}, 1),
        ({"LEDENPANEL_PROXY_COUNT": "2"}, 2),
        ({"LEDENPANEL_PROXY_COUNT": " 2 ", "AXES_PROXY_COUNT": "2"}, 2),
    ],
)
def test_the_proxy_count_comes_from_either_variable(environ, count):
    assert proxy_count_from_environ(environ) == count


@pytest.mark.parametrize(
    "environ",
    [
        {"LEDENPANEL_PROXY_COUNT": "1", "AXES_PROXY_COUNT": "2"},
        {"LEDENPANEL_PROXY_COUNT": "-1"},
        {"AXES_PROXY_COUNT": "one"},
        {"LEDENPANEL_PROXY_COUNT": "1000"},
    ],
)
def test_a_wrong_or_contradicting_proxy_count_stops_the_start(environ):
    with pytest.raises(ImproperlyConfigured):
        proxy_count_from_environ(environ)


def test_axes_asks_the_same_function(settings):
    # AXES_IPWARE_PROXY_COUNT was the old knob; without django-ipware it did nothing.
    settings.PROXY_COUNT = settings.AXES_IPWARE_PROXY_COUNT = 1

    assert get_client_ip_address(_request(f"203.0.113.66, {CLIENT}")) == CLIENT


@pytest.mark.django_db
def test_a_failed_login_behind_the_proxy_is_recorded_under_the_clients_address(settings):
    settings.PROXY_COUNT = settings.AXES_IPWARE_PROXY_COUNT = 1
    user = UserFactory()

    Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT).post(
        reverse("accounts:login"), {"email": user.email, "password": "wrong password"}
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]
