"""Mail goes through the database task queue and the real worker."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

from django.urls import reverse

from tests.builders import Party, verified_client
from tests.support.commands import run_ledenpanel


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
    assert _task_rows(tmp_path / "queue.sqlite3") == []  # the finished mail row is gone


def _task_rows(database) -> list[tuple]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT * FROM django_tasks_database_dbtaskresult").fetchall()


def test_a_password_link_never_reaches_the_database_file(tmp_path, smtp_server, settings):
    """``add-staff`` and a separate worker process, as in production (issue 10, finding 8).

    The link is made by the worker when it sends; the whole SQLite file (and
    its journal) is searched for it byte for byte, after the worker finished.
    """
    database = tmp_path / "queue.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_HOST": settings.EMAIL_HOST,
        "EMAIL_PORT": str(settings.EMAIL_PORT),
    }
    assert run_ledenpanel("manage", "migrate", "-v0", env=env).returncode == 0
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind,parent\nNL,Landelijk,landelijk,\n", encoding="utf-8")
    imported = run_ledenpanel("import-units", str(units), env=env)
    assert imported.returncode == 0, imported.stderr
    added = run_ledenpanel(
        "add-staff", "chef@example.org", "--name", "Chef", "--unit", "NL",
        "--role", "coordinator", env=env,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [queued] = _task_rows(database)
    assert "/account/password/" not in repr(queued)

    worker = run_ledenpanel(
        "manage", "db_worker", "--batch", "--no-startup-delay", "--no-reload", env=env
    )

    assert worker.returncode == 0, worker.stderr
    [message] = smtp_server.wait_for(1)
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"http://\S+/account/password/\S+/(\S+)/", body)
    assert link is not None
    assert _task_rows(database) == []
    files = [path for path in tmp_path.iterdir() if path.name.startswith("queue.sqlite3")]
    for path in files:
        data = path.read_bytes()
        assert link.group(0).encode() not in data
        assert link.group(1).encode() not in data  # the token, anywhere, even in free pages


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
