"""FollowUpConsent now belongs to the followup app.

State only: the table keeps its name (``db_table`` on the new model), so no
row moves and nothing is rewritten.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("invitations", "0006_invitation_address_digest")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="FollowUpConsent")],
            database_operations=[],
        )
    ]
