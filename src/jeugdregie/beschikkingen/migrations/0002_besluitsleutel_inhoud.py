"""Issue 20, R-D1: a letter is keyed by its decision (object and kind), with or without a route
event row, and keeps its frozen content; the PDF may follow after the commit."""

from django.db import migrations, models
import django.db.models.deletion

import jeugdregie.beschikkingen.models


def vul_sleutels(apps, schema_editor):
    Gebeurtenis = apps.get_model("verwijzingen", "Gebeurtenis")
    for naam in ("Beschikking", "WachtendeBeschikking"):
        model = apps.get_model("beschikkingen", naam)
        for rij in model.objects.all():
            gebeurtenis = Gebeurtenis.objects.get(pk=rij.gebeurtenis_id)
            rij.besluittype = gebeurtenis.objecttype
            rij.besluit_id = gebeurtenis.object_id
            rij.gebeurtenissoort = gebeurtenis.gebeurtenis
            rij.save(update_fields=["besluittype", "besluit_id", "gebeurtenissoort"])


class Migration(migrations.Migration):
    dependencies = [
        ("beschikkingen", "0001_beschikking_sjabloon_wachtend"),
    ]

    operations = [
        migrations.AddField(
            model_name="beschikking",
            name="besluittype",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="beschikking",
            name="besluit_id",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="beschikking",
            name="gebeurtenissoort",
            field=models.CharField(default="", help_text="De soort routegebeurtenis van het besluit.", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="beschikking",
            name="inhoud",
            field=models.JSONField(
                default=dict, help_text="De feiten en de tekst van de brief, vastgelegd bij het maken."
            ),
        ),
        migrations.AlterField(
            model_name="beschikking",
            name="pdf",
            field=models.FileField(blank=True, upload_to=jeugdregie.beschikkingen.models._pdf_pad),
        ),
        migrations.AlterField(
            model_name="beschikking",
            name="gebeurtenis",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="verwijzingen.gebeurtenis",
            ),
        ),
        migrations.AddField(
            model_name="wachtendebeschikking",
            name="besluittype",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="wachtendebeschikking",
            name="besluit_id",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="wachtendebeschikking",
            name="gebeurtenissoort",
            field=models.CharField(default="", help_text="De soort routegebeurtenis van het besluit.", max_length=40),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="wachtendebeschikking",
            name="gebeurtenis",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="verwijzingen.gebeurtenis",
            ),
        ),
        migrations.RunPython(vul_sleutels, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="beschikking",
            constraint=models.UniqueConstraint(
                fields=("besluittype", "besluit_id", "soort"), name="beschikking_besluit_uniek"
            ),
        ),
        migrations.AddConstraint(
            model_name="wachtendebeschikking",
            constraint=models.UniqueConstraint(
                fields=("besluittype", "besluit_id", "soort"), name="wachtende_besluit_uniek"
            ),
        ),
    ]
