"""The web roster import: upload → preview (nothing written) → confirm."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ledenpanel.organisations.models import ROSTER_UPLOAD_LIFETIME, Member, RoleKind, RosterUpload
from tests.builders import Party, staff_with_role, verified_client

URL = reverse("organisations:import_members")
GOOD = "Lidnummer;Achternaam;Afdeling;E-mailadres\n0042;Jansen;A1;jansen@example.nl\n"
BAD = "Lidnummer;Achternaam;Afdeling\n0042;Jansen;ZZ\n"


def _upload(client, content: str, name: str = "leden.csv", **extra):
    file = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")
    return client.post(URL, {"file": file, **extra})


def test_the_preview_writes_nothing_and_confirming_imports(party: Party, coordinator):
    client = verified_client(coordinator)
    before = Member.objects.count()

    preview = _upload(client, GOOD)

    assert preview.status_code == 200
    assert "Import bevestigen" in preview.content.decode()
    assert Member.objects.count() == before
    upload = RosterUpload.objects.get()

    done = client.post(URL, {"confirm": "1", "upload": str(upload.public_id)})

    assert "Import voltooid" in done.content.decode()
    assert Member.objects.get(member_number="0042").last_name == "Jansen"
    assert not RosterUpload.objects.exists()  # the file with personal data is gone


def test_a_file_with_errors_shows_them_and_cannot_be_confirmed(party: Party, coordinator):
    page = _upload(verified_client(coordinator), BAD).content.decode()
    assert "niets geïmporteerd" in page
    assert "Import bevestigen" not in page
    assert "Afdeling" in page


def test_a_coordinator_cannot_confirm_another_coordinators_upload(party: Party, coordinator):
    _upload(verified_client(coordinator), GOOD)
    upload = RosterUpload.objects.get()
    other = staff_with_role(party.national, RoleKind.COORDINATOR, "other@example.org")

    page = verified_client(other).post(URL, {"confirm": "1", "upload": str(upload.public_id)})

    assert "verlopen" in page.content.decode()
    assert not Member.objects.filter(member_number="0042").exists()


def test_it_refuses_a_file_that_is_not_a_roster(party: Party, coordinator):
    page = _upload(verified_client(coordinator), "x", name="leden.pdf").content.decode()
    assert ".csv- of .xlsx-bestand" in page
    assert not RosterUpload.objects.exists()


def test_a_file_with_errors_is_not_kept(party: Party, coordinator):
    _upload(verified_client(coordinator), BAD)
    assert not RosterUpload.objects.exists()


def test_an_expired_upload_cannot_be_confirmed(party: Party, coordinator):
    client = verified_client(coordinator)
    _upload(client, GOOD)
    upload = RosterUpload.objects.get()
    RosterUpload.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - ROSTER_UPLOAD_LIFETIME - timedelta(minutes=1)
    )

    page = client.post(URL, {"confirm": "1", "upload": str(upload.public_id)})

    assert "verlopen" in page.content.decode()
    assert not Member.objects.filter(member_number="0042").exists()


def test_a_member_upload_cannot_be_confirmed_as_units(party: Party, coordinator):
    client = verified_client(coordinator)
    _upload(client, GOOD)
    upload = RosterUpload.objects.get()

    page = client.post(
        reverse("organisations:import_units"), {"confirm": "1", "upload": str(upload.public_id)}
    )

    assert "verlopen" in page.content.decode()
    assert RosterUpload.objects.filter(pk=upload.pk).exists()
