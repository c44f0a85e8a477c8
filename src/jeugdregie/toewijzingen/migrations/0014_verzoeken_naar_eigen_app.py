"""The providers' requests for allocation (JW315) move to the ``verzoeken`` app (issue 16 §3). State
only: the table keeps its name (``Meta.db_table``) and every row; nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("toewijzingen", "0013_wonen_naar_eigen_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="Toewijzingsverzoek",
                ),
            ],
            database_operations=[],
        ),
    ]
