"""Mail goes through the database task queue and the real worker."""

from __future__ import annotations

from django.urls import reverse

from tests.commands import run_ledenpanel
from tests.conftest import Party, verified_client


def test_the_worker_delivers_a_queued_mail(tmp_path, smtp_server, settings):
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path}/queue.sqlite3",
        "EMAIL_HOST": settings.EMAIL_HOST,
        "EMAIL_PORT": str(settings.EMAIL_PORT),
    }
    assert run_ledenpanel("manage", "migrate", "-v0", env=env).returncode == 0
    enqueue = (
        "from ledenpanel.core.email import deliver_email; "
        "deliver_email.enqueue(to='lid@example.org', subject='Hallo', text='Tekst')"
    )
    assert run_ledenpanel("manage", "shell", "-c", enqueue, env=env).returncode == 0
    assert smtp_server.wait_for(1, timeout=0.5) == []  # queued, not sent

    worker = run_ledenpanel(
        "manage", "db_worker", "--batch", "--no-startup-delay", "--no-reload", env=env
    )

    assert worker.returncode == 0, worker.stderr
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "lid@example.org"
    assert message["Subject"] == "Hallo"


def test_a_failing_mail_server_never_breaks_the_page(
    party: Party, board_a1, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    url = reverse("panels:request_detail", kwargs={"request_id": party.request_a1.public_id})

    with django_capture_on_commit_callbacks(execute=True):
        response = verified_client(board_a1).post(
            url, {"decision": "reject", "reason": "Past niet bij onze taken."}
        )

    assert response.status_code == 302
    party.request_a1.refresh_from_db()
    assert party.request_a1.status == "rejected"
