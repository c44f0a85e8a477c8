"""R-C5 (issue 21 review): the server's moment a crisis report arrived, which the profijt key
counts by. Reports registered before the field existed keep their stated time as that moment
(the service then took ``gemeld_op`` as given; no better moment is known)."""

import django.utils.timezone
from django.db import migrations, models


def ontvangen_is_gemeld(apps, schema_editor):
    Crisismelding = apps.get_model("crisis", "Crisismelding")
    Crisismelding.objects.update(ontvangen_op=models.F("gemeld_op"))


class Migration(migrations.Migration):
    dependencies = [
        ("crisis", "0002_crisismelding_afhandeling"),
    ]

    operations = [
        migrations.AddField(
            model_name="crisismelding",
            name="ontvangen_op",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(ontvangen_is_gemeld, migrations.RunPython.noop),
    ]
