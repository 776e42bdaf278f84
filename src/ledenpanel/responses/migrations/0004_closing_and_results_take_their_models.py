"""PanelClosing and PanelAnalysis now belong to the closing and results apps.

State only: the tables keep their names (``db_table`` on the new models), so
no row moves and nothing is rewritten.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("responses", "0003_panelanalysis")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="panelclosing", name="panel"),
                migrations.DeleteModel(name="PanelAnalysis"),
                migrations.DeleteModel(name="PanelClosing"),
            ],
            database_operations=[],
        )
    ]
