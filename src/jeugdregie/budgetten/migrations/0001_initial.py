# The ledger's models, taken over from ``declaraties`` with their tables unchanged (state only).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("declaraties", "0004_grootboek_naar_budgetten"),
        ("toewijzingen", "0004_toewijzingsverzoek"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Budgetmutatie",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("soort", models.CharField(choices=[("vastgelegd", "Vastgelegd (toegewezen)"), ("goedgekeurd", "Besteed (goedgekeurd)"), ("gecrediteerd", "Gecrediteerd"), ("vrijgevallen", "Vrijgevallen")], max_length=12)),
                        ("bedrag", models.DecimalField(decimal_places=2, max_digits=12)),
                        ("datum", models.DateField()),
                        ("tijdstip", models.DateTimeField(auto_now_add=True)),
                        ("toewijzing", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="budgetmutaties", to="toewijzingen.toewijzing")),
                        ("regel", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="declaraties.declaratieregel")),
                    ],
                    options={
                        "verbose_name": "budgetmutatie",
                        "verbose_name_plural": "budgetmutaties",
                        "ordering": ["tijdstip", "id"],
                        "db_table": "declaraties_budgetmutatie",
                    },
                ),
                migrations.CreateModel(
                    name="Budgetstand",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("vastgelegd", models.DecimalField(decimal_places=2, help_text="Leeg: geen budgetplafond.", max_digits=12, null=True)),
                        ("goedgekeurd", models.DecimalField(decimal_places=2, default=0, max_digits=12)),
                        ("vrijgevallen", models.DecimalField(decimal_places=2, default=0, max_digits=12)),
                        ("toewijzing", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="budgetstand", to="toewijzingen.toewijzing")),
                    ],
                    options={
                        "verbose_name": "budgetstand",
                        "verbose_name_plural": "budgetstanden",
                        "db_table": "declaraties_budgetstand",
                        "constraints": [models.CheckConstraint(condition=models.Q(("vastgelegd__isnull", True), ("goedgekeurd__lte", models.F("vastgelegd")), _connector="OR"), name="budgetstand_binnen_budget")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
