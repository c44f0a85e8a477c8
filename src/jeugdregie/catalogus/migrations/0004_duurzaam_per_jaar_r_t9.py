"""R-T9 (001 §4.2.1: the duurzaam examples are "gedurende een jaar"): a duurzaam keuzebudget is an
amount per year, so its maximum period is one budget year (12 months); a longer trajectory is
renewed yearly. Changes every year that still has the seeded 36 months; a year the functioneel
beheerder set by hand is left alone. Budgets already allocated keep their period."""

from django.db import migrations

GESEED, PER_JAAR = 36, 12


def per_jaar(apps, schema_editor):
    KeuzebudgetJaar = apps.get_model("catalogus", "KeuzebudgetJaar")
    KeuzebudgetJaar.objects.filter(max_maanden_duurzaam=GESEED).update(max_maanden_duurzaam=PER_JAAR)


def terug(apps, schema_editor):
    KeuzebudgetJaar = apps.get_model("catalogus", "KeuzebudgetJaar")
    KeuzebudgetJaar.objects.filter(max_maanden_duurzaam=PER_JAAR).update(max_maanden_duurzaam=GESEED)


class Migration(migrations.Migration):
    dependencies = [("catalogus", "0003_woonvorm_r_w10")]

    operations = [migrations.RunPython(per_jaar, terug)]
