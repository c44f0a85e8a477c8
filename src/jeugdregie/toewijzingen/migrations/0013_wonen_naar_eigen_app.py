"""Matching and the verblijfsbed request move to the ``wonen`` app (issue 16 §3). State only: the
tables keep their names (``Meta.db_table``) and every row; nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("toewijzingen", "0012_crisis_naar_eigen_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="verblijfsverzoek",
                    name="aangevraagd_door",
                ),
                migrations.RemoveField(
                    model_name="verblijfsverzoek",
                    name="geplaatst_door",
                ),
                migrations.RemoveField(
                    model_name="verblijfsverzoek",
                    name="toewijzing",
                ),
                migrations.DeleteModel(
                    name="Matching",
                ),
                migrations.DeleteModel(
                    name="Verblijfsverzoek",
                ),
            ],
            database_operations=[],
        ),
    ]
