# The budget ledger moves to its own app ``budgetten`` (issue 13): the tables keep their names,
# so only Django's state changes here (budgetten 0001 takes the models over).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("declaraties", "0003_declaratie_betaalbatch"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Budgetmutatie"),
                migrations.DeleteModel(name="Budgetstand"),
            ],
            database_operations=[],
        ),
    ]
