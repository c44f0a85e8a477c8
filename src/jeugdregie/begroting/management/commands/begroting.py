"""``manage.py begroting signalen``: compute and store the R-V4 signals of this year for every
municipality and region (nightly; Celery beat with issue 17). Uses the server's date (R-B9)."""

from django.core.management.base import BaseCommand

from ...services.signalen import ververs_alle


class Command(BaseCommand):
    help = "Bereken de signalen 'prognose boven begroting' van dit jaar voor elke gemeente en regio."

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["signalen"])

    def handle(self, *args, **opties):
        self.stdout.write(f"{ververs_alle()} budgetsignalen berekend.")
