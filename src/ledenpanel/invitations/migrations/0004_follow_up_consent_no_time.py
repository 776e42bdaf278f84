# Drops FollowUpConsent.changed_at: it kept roughly when each member answered
# (issue 10, finding 11).

import datetime

from django.db import migrations

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def blank_the_times(apps, schema_editor):
    """Overwrite every time before the column goes.

    PostgreSQL's DROP COLUMN only hides a column: live rows keep its bytes on
    disk until they are rewritten. Updating first leaves one constant in them
    (and gives every row this migration's transaction id instead of the one
    it was written in). Dead versions of the rows are left to VACUUM; WAL and
    backups made before this migration still hold the old times.
    """
    FollowUpConsent = apps.get_model("invitations", "FollowUpConsent")
    FollowUpConsent.objects.update(changed_at=EPOCH)


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0003_background_outbox_letters"),
    ]

    operations = [
        migrations.RunPython(blank_the_times, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(
            model_name="followupconsent",
            name="changed_at",
        ),
    ]
