# Before issue 10 (finding 8), password mails were queued rendered: the task
# rows kept each staff member's password link (valid three days) in their
# arguments after the mail had gone. Delete the finished ones at upgrade; the
# worker deletes every later finished mail row itself (core/email.py).

from django.db import migrations

RENDERED_MAIL_TASK = "ledenpanel.core.email.deliver_email"


def purge_finished_mail_rows(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(
        task_path=RENDERED_MAIL_TASK, status__in=["SUCCESSFUL", "FAILED"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunPython(purge_finished_mail_rows, migrations.RunPython.noop, elidable=True),
    ]
