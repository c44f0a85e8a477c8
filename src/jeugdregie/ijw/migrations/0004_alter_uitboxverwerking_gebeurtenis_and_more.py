"""Issue 16 §3: the foreign keys of the outbox now name the verwijzingen app's models. State only: the
tables and their constraints are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ijw", "0003_uitboxwacht"),
        ("verwijzingen", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="uitboxverwerking",
                    name="gebeurtenis",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="verwijzingen.gebeurtenis"
                    ),
                ),
                migrations.AlterField(
                    model_name="uitboxwacht",
                    name="gebeurtenis",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="verwijzingen.gebeurtenis"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
