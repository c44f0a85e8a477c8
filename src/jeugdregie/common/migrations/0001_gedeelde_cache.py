"""The table of the shared cache (settings CACHES["gedeeld"]) that holds the API rate limits."""

from django.core.management import call_command
from django.db import migrations

TABEL = "jeugdregie_gedeelde_cache"


def maak(apps, schema_editor):
    call_command("createcachetable", TABEL, database=schema_editor.connection.alias, verbosity=0)


def verwijder(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABEL)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(maak, verwijder)]
