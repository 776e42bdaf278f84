import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # The table was made by invitations (0002/0004); only the state moves here.
    dependencies = [("invitations", "0007_followup_takes_its_model")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FollowUpConsent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "keep_informed",
                            models.BooleanField(
                                default=False, verbose_name="Houd mij op de hoogte van de uitslag"
                            ),
                        ),
                        (
                            "join_network",
                            models.BooleanField(
                                default=False,
                                verbose_name="Ik wil meedoen in een netwerk over dit onderwerp",
                            ),
                        ),
                        (
                            "invitation",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="follow_up",
                                to="invitations.invitation",
                            ),
                        ),
                    ],
                    options={"db_table": "invitations_followupconsent"},
                ),
            ],
            database_operations=[],
        )
    ]
