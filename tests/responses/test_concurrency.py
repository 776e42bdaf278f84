"""Two simultaneous submits of one link give exactly one answer (real DB connections)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from ledenpanel.responses.models import Envelope, Receipt
from tests.builders import Party, open_panel_for, secret_for


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_stores_one_answer(party: Party):
    panel = open_panel_for(party)
    url = reverse("responses:answer", kwargs={"secret": secret_for(panel, party.member_a1)})
    browser = Client()
    browser.post(url, {"page": "0", "q_meedoen": "eens", "next": "1"})
    start = threading.Barrier(2)
    pages: list[str] = []

    def submit() -> None:
        try:
            client = Client()
            client.cookies = browser.cookies  # two clicks in the member's one browser
            start.wait()
            response = client.post(url, {"page": "1", "submit": "1"}, follow=True)
            pages.append(response.content.decode())
        finally:
            connection.close()  # each thread had its own database connection

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Whichever request comes second, the member sees the thank-you page.
    assert len(pages) == 2
    assert all("Dank u wel voor uw antwoorden" in page for page in pages)
    assert Envelope.objects.count() == 1
    assert Receipt.objects.count() == 1
