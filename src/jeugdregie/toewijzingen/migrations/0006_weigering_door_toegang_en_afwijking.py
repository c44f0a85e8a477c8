"""Issue 13: the toegang's refusal of a "keuzebudget onjuist" adjustment (R-A5) is its own
decision, not a refusal by the provider at screening; and the toegang's motivation when it
deviates from the GP route (R-T6, R-T8).

Existing refusals that were stored as a Screening row (uitkomst zwaarwegend, the fixed text
below) move to the adjustment: the follow-up (R-S3) keeps its state and hangs on the refused
adjustment, the Screening row goes (it counted as the provider's refusal, CON05/CON06).
Not reversible once a follow-up hangs on an adjustment (its ``screening`` is then empty)."""

import django.db.models.deletion
from django.db import migrations, models

TOEGANG_REDEN_1 = "Aanpassing keuzebudget (reden 1) afgewezen door de toegang."


def verplaats_weigeringen_van_de_toegang(apps, schema_editor):
    Screening = apps.get_model("toewijzingen", "Screening")
    Aanpassingsaanvraag = apps.get_model("toewijzingen", "Aanpassingsaanvraag")
    Weigeringsopvolging = apps.get_model("toewijzingen", "Weigeringsopvolging")
    Contractsignaal = apps.get_model("toewijzingen", "Contractsignaal")
    screenings = Screening.objects.filter(uitkomst="zwaarwegend", toelichting=TOEGANG_REDEN_1).exclude(
        pk__in=Contractsignaal.objects.values("screening_id")
    )
    for screening in screenings.iterator():
        aanvraag = (
            Aanpassingsaanvraag.objects.filter(verwijzing_id=screening.verwijzing_id, reden="1", status="afgewezen")
            .order_by("-id")
            .first()
        )
        if aanvraag is None:
            continue
        Weigeringsopvolging.objects.filter(screening_id=screening.pk).update(screening=None, aanpassing=aanvraag)
        screening.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("toewijzingen", "0005_toewijzing_volume"),
    ]

    operations = [
        migrations.AddField(
            model_name="verwijzing",
            name="motivering_afwijking",
            field=models.TextField(
                blank=True,
                help_text="Waarom de toegang bij een huisartsverwijzing afwijkt van de huisartsroute (R-T6, R-T8).",
            ),
        ),
        migrations.AlterField(
            model_name="weigeringsopvolging",
            name="screening",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="opvolging",
                to="toewijzingen.screening",
            ),
        ),
        migrations.AddField(
            model_name="weigeringsopvolging",
            name="aanpassing",
            field=models.OneToOneField(
                blank=True,
                help_text="De door de toegang afgewezen aanvraag 'keuzebudget onjuist' (R-A5).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="opvolging",
                to="toewijzingen.aanpassingsaanvraag",
            ),
        ),
        migrations.RunPython(verplaats_weigeringen_van_de_toegang, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="weigeringsopvolging",
            constraint=models.CheckConstraint(
                condition=models.Q(("aanpassing__isnull", True), ("screening__isnull", False))
                | models.Q(("aanpassing__isnull", False), ("screening__isnull", True)),
                name="weigeringsopvolging_een_weigering",
            ),
        ),
    ]
