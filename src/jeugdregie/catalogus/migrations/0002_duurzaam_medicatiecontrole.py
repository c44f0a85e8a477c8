"""R-T9 / R-B2 (001 §4.2.1 "duurzaam 1: medicatiecontrole"): tariff group 7 (45A07, AMS) is
allowed for a duurzaam keuzebudget. The seeded catalogue excluded it; this removes 45A07 from
every year whose exclusions are still exactly the seeded set, so a year the functioneel beheerder
changed by hand is left alone."""

from django.db import migrations

OUD = {"45A05", "45A06", "45A07", "41D04"}


def sta_medicatiecontrole_toe(apps, schema_editor):
    KeuzebudgetJaar = apps.get_model("catalogus", "KeuzebudgetJaar")
    for jaar in KeuzebudgetJaar.objects.prefetch_related("duurzaam_uitgesloten"):
        producten = list(jaar.duurzaam_uitgesloten.all())
        if {p.code for p in producten} == OUD:
            jaar.duurzaam_uitgesloten.remove(*[p for p in producten if p.code == "45A07"])


class Migration(migrations.Migration):
    dependencies = [("catalogus", "0001_initial")]

    operations = [migrations.RunPython(sta_medicatiecontrole_toe, migrations.RunPython.noop)]
