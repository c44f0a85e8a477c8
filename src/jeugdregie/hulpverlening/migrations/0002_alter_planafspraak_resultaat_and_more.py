"""Issue 16 §3: the foreign keys of the plan now name the verwijzingen app's models. State only: the
tables and their constraints are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hulpverlening", "0001_initial"),
        ("verwijzingen", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="planafspraak",
                    name="resultaat",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="verwijzingen.resultaat"
                    ),
                ),
                migrations.AlterField(
                    model_name="voortgang",
                    name="resultaat",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="verwijzingen.resultaat"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
