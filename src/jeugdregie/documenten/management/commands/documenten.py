"""``manage.py documenten opschonen [--uitvoeren]``: stored documents without a row (R-P7)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from jeugdregie.documenten.bewaring import opruimen_wezen


class Command(BaseCommand):
    help = "Documenten: verwijder opgeslagen bestanden zonder registratie (proefdraai zonder --uitvoeren)."

    def add_arguments(self, parser):
        parser.add_argument("taak", choices=["opschonen"])
        parser.add_argument("--uitvoeren", action="store_true")

    def handle(self, *args, taak: str, uitvoeren: bool, **options):
        wezen = opruimen_wezen(uitvoeren=uitvoeren)
        werkwoord = "verwijderd" if uitvoeren else "te verwijderen (proefdraai)"
        self.stdout.write(f"{len(wezen)} bestanden zonder registratie {werkwoord}.")
