"""Issue 16 §3: the foreign keys of the JW315 request now name the verwijzingen app's models. State only: the
tables and their constraints are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("verwijzingen", "0001_initial"),
        ("verzoeken", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="toewijzingsverzoek",
                    name="verwijzing",
                    field=models.OneToOneField(
                        blank=True,
                        help_text="De verwijzing waarmee de toegang het verzoek honoreerde.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="toewijzingsverzoek",
                        to="verwijzingen.verwijzing",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
