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
                    name="PanelAnalysis",
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
                        ("result", models.JSONField(blank=True, null=True)),
                        ("computed_at", models.DateTimeField(blank=True, null=True)),
                        ("seconds", models.FloatField(blank=True, null=True)),
                        ("error", models.TextField(blank=True)),
                        (
                            "panel",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="analysis",
                                to="panels.panel",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "responses_panelanalysis",
                    },
                ),
            ],
            database_operations=[],
        )
    ]
