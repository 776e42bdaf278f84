"""Invitations remember which address they are for (``Invitation.address_digest``).

Open panels' email invitations get the address the roster holds now: the best
available stand-in for the one they were opened with.
"""

import hashlib

from django.db import migrations, models


def _digest(ref: str, email: str) -> str:
    # A frozen copy of Invitation.digest_address: migrations keep their own code.
    return hashlib.sha256(f"{ref}\n{email.strip().lower()}".encode()).hexdigest()


def fill(apps, schema_editor):
    Invitation = apps.get_model("invitations", "Invitation")
    changed = []
    for invitation in Invitation.objects.filter(channel="email").select_related("member"):
        invitation.address_digest = _digest(invitation.ref, invitation.member.email)
        changed.append(invitation)
    Invitation.objects.bulk_update(changed, ["address_digest"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("invitations", "0005_drop_reminders_sent")]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="address_digest",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
