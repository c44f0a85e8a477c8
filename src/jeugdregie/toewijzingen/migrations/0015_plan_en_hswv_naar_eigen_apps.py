"""The hulpverleningsplan (plan, afspraken, voortgang) moves to the ``hulpverlening`` app and the HSWV
inzet to the ``hswv`` app (issue 16 §3). State only: the tables keep their names
(``Meta.db_table``) and every row; nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("toewijzingen", "0014_verzoeken_naar_eigen_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="hulpverleningsplan",
                    name="door",
                ),
                migrations.RemoveField(
                    model_name="hulpverleningsplan",
                    name="toewijzing",
                ),
                migrations.RemoveField(
                    model_name="voortgang",
                    name="plan",
                ),
                migrations.RemoveField(
                    model_name="planafspraak",
                    name="plan",
                ),
                migrations.RemoveField(
                    model_name="planafspraak",
                    name="resultaat",
                ),
                migrations.RemoveField(
                    model_name="voortgang",
                    name="door",
                ),
                migrations.RemoveField(
                    model_name="voortgang",
                    name="resultaat",
                ),
                migrations.DeleteModel(
                    name="HswvInzet",
                ),
                migrations.DeleteModel(
                    name="Hulpverleningsplan",
                ),
                migrations.DeleteModel(
                    name="PlanAfspraak",
                ),
                migrations.DeleteModel(
                    name="Voortgang",
                ),
            ],
            database_operations=[],
        ),
    ]
