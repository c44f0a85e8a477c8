"""Crisis reports and crisisopvolging requests move to the ``crisis`` app (issue 16 §3). State only:
the tables keep their names (``Meta.db_table``) and every row; nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("toewijzingen", "0011_gebeurtenissoort"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="melding",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="aanbieder",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="besluit_door",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="gemeente",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="ingediend_door",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="jeugdige",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="product",
                ),
                migrations.RemoveField(
                    model_name="crisisopvolgingsverzoek",
                    name="toewijzing",
                ),
                migrations.DeleteModel(
                    name="Crisismelding",
                ),
                migrations.DeleteModel(
                    name="Crisisopvolgingsverzoek",
                ),
            ],
            database_operations=[],
        ),
    ]
