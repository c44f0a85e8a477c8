# The link to the payment batch lives in betalingen now (``Batchdeclaratie``, issue 16 §2):
# betalingen 0003 has copied every link, so the old column goes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("declaraties", "0005_afkeur_r_b7_r_b8"),
        ("betalingen", "0003_batchdeclaratie"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="declaratie",
            name="betaalbatch",
        ),
    ]
