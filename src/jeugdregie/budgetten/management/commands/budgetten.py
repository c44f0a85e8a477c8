"""``manage.py budgetten vrijgeven``: the scheduled release of R-B7 (nightly; Celery beat takes
it over with the operations issue). Uses the server's date (R-B9); safe to run again."""

from django.core.management.base import BaseCommand

from jeugdregie.common.opmaak import euro
from jeugdregie.common.tijd import vandaag

from ...services.grootboek import geef_verlopen_vrij


class Command(BaseCommand):
    help = "Geef de rest vrij van budgetten waarvan de toewijzing is beëindigd en de declaratietermijn verstreken."

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["vrijgeven"])

    def handle(self, *args, **opties):
        vrijgave = geef_verlopen_vrij(op=vandaag())
        self.stdout.write(f"{vrijgave.grootboeken} budgetten vrijgegeven, samen {euro(vrijgave.bedrag)}.")
