# Drops Invitation.reminders_sent: reminders go only to members who have not
# answered, so a per-member reminder count named who had (issue 10, finding 2).

from django.db import migrations


def zero_the_counts(apps, schema_editor):
    """Overwrite every count before the column goes (see 0004: PostgreSQL's
    DROP COLUMN leaves the bytes in live rows until they are rewritten)."""
    Invitation = apps.get_model("invitations", "Invitation")
    Invitation.objects.exclude(reminders_sent=0).update(reminders_sent=0)


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0004_follow_up_consent_no_time"),
    ]

    operations = [
        migrations.RunPython(zero_the_counts, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name="invitation",
            name="reminders_sent",
        ),
    ]
