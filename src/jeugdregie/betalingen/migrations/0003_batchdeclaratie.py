# The link between a declaration and its payment batch moves to the payment side (issue 16 §2):
# ``Batchdeclaratie`` replaces ``Declaratie.betaalbatch``. This migration creates the table and
# copies every existing link; declaraties 0006 then drops the old column.

import django.db.models.deletion
from django.db import migrations, models


def _tabellen(apps, schema_editor):
    quote = schema_editor.connection.ops.quote_name
    koppeling = quote(apps.get_model("betalingen", "Batchdeclaratie")._meta.db_table)
    declaratie = quote(apps.get_model("declaraties", "Declaratie")._meta.db_table)
    return koppeling, declaratie


def kopieer_koppelingen(apps, schema_editor):
    """One INSERT … SELECT (PostgreSQL and SQLite alike): a row per declaration in a batch."""
    koppeling, declaratie = _tabellen(apps, schema_editor)
    schema_editor.execute(
        f"INSERT INTO {koppeling} (betaalbatch_id, declaratie_id) "
        f"SELECT betaalbatch_id, id FROM {declaratie} WHERE betaalbatch_id IS NOT NULL ORDER BY id"
    )


def kopieer_terug(apps, schema_editor):
    """Backwards: the old column (restored by reversing declaraties 0006) gets its links back."""
    koppeling, declaratie = _tabellen(apps, schema_editor)
    schema_editor.execute(
        f"UPDATE {declaratie} SET betaalbatch_id = "
        f"(SELECT k.betaalbatch_id FROM {koppeling} k WHERE k.declaratie_id = {declaratie}.id) "
        f"WHERE id IN (SELECT declaratie_id FROM {koppeling})"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("betalingen", "0002_batchgebeurtenis"),
        ("declaraties", "0005_afkeur_r_b7_r_b8"),
    ]

    operations = [
        migrations.CreateModel(
            name="Batchdeclaratie",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "betaalbatch",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="batchdeclaraties",
                        to="betalingen.betaalbatch",
                    ),
                ),
                (
                    "declaratie",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="batchdeclaratie",
                        to="declaraties.declaratie",
                    ),
                ),
            ],
            options={
                "verbose_name": "batchdeclaratie",
                "verbose_name_plural": "batchdeclaraties",
            },
        ),
        migrations.RunPython(kopieer_koppelingen, kopieer_terug),
    ]
