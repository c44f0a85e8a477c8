"""The table of the shared chart cache (settings CACHES["grafieken"], issue 17 part B): charts
drawn by the worker in advance are read by every web process."""

from django.core.management import call_command
from django.db import migrations

TABEL = "jeugdregie_grafieken_cache"


def maak(apps, schema_editor):
    call_command("createcachetable", TABEL, database=schema_editor.connection.alias, verbosity=0)


def verwijder(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABEL)}")


class Migration(migrations.Migration):
    dependencies = [("beheersing", "0004_verversing_volledig")]
    operations = [migrations.RunPython(maak, verwijder)]
