import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    # The table was made by responses (0002/0003); only the state moves here.
    dependencies = [
        ("responses", "0004_closing_and_results_take_their_models"),
        ("panels", "0003_sealed_size"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PanelClosing",
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
                            "stage",
                            models.CharField(
                                choices=[
                                    ("started", "gestart"),
                                    ("written", "antwoorden opgeslagen"),
                                    ("keys_destroyed", "sleutels vernietigd"),
                                    ("done", "afgerond"),
                                ],
                                default="started",
                                max_length=20,
                            ),
                        ),
                        ("min_group", models.PositiveSmallIntegerField(default=10)),
                        ("respondents", models.PositiveIntegerField(default=0)),
                        ("open_respondents", models.PositiveIntegerField(default=0)),
                        ("coding", models.JSONField(default=dict)),
                        ("aggregates", models.JSONField(default=dict)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "panel",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="closing",
                                to="panels.panel",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "responses_panelclosing",
                    },
                ),
            ],
            database_operations=[],
        )
    ]
