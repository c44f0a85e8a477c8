# R-B7: the ledger's whole life. Every ledger gets the allocated amount (``toegewezen``) and a
# commitment (no more "no ceiling"), the release date, and the invariant as check constraints.
# Existing ledgers without a ceiling keep what they spent and released as their commitment.

from decimal import Decimal

from django.db import migrations, models
from django.db.models import F, Q, Value


def vul_bedragen(apps, schema_editor):
    Budgetstand = apps.get_model("budgetten", "Budgetstand")
    Budgetstand.objects.filter(vastgelegd__isnull=True).update(vastgelegd=F("goedgekeurd") + F("vrijgevallen"))
    Budgetstand.objects.update(toegewezen=F("vastgelegd"))


class Migration(migrations.Migration):
    dependencies = [
        ("budgetten", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="budgetstand", name="budgetstand_binnen_budget"),
        migrations.AddField(
            model_name="budgetstand",
            name="toegewezen",
            field=models.DecimalField(
                decimal_places=2, default=0, help_text="Toegewezen bedrag, met toegekende aanpassingen.", max_digits=12
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="budgetstand",
            name="vrijgegeven_op",
            field=models.DateField(
                blank=True, help_text="Dag waarop de rest vrijviel: de declaratietermijn was verstreken.", null=True
            ),
        ),
        migrations.RunPython(vul_bedragen, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="budgetstand",
            name="vastgelegd",
            field=models.DecimalField(decimal_places=2, max_digits=12),
        ),
        migrations.AlterField(
            model_name="budgetmutatie",
            name="soort",
            field=models.CharField(
                choices=[
                    ("vastgelegd", "Vastgelegd (toegewezen)"),
                    ("gewijzigd", "Vastlegging gewijzigd (aanpassing of verkorting)"),
                    ("ingetrokken", "Vastlegging ingetrokken"),
                    ("goedgekeurd", "Besteed (goedgekeurd)"),
                    ("gecrediteerd", "Gecrediteerd"),
                    ("vrijgevallen", "Vrijgevallen"),
                ],
                max_length=12,
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetstand",
            constraint=models.CheckConstraint(
                condition=Q(goedgekeurd__gte=0) & Q(vrijgevallen__gte=0), name="budgetstand_niet_negatief"
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetstand",
            constraint=models.CheckConstraint(
                condition=Q(goedgekeurd__lte=F("vastgelegd") - F("vrijgevallen") + Value(Decimal("0.005"))),
                name="budgetstand_binnen_budget",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetstand",
            constraint=models.CheckConstraint(
                condition=Q(vastgelegd__lte=F("toegewezen")), name="budgetstand_binnen_toewijzing"
            ),
        ),
    ]
