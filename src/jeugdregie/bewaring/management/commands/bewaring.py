"""``manage.py bewaring opschonen [--uitvoeren]``: the retention job (R-P7). Without
``--uitvoeren`` a dry run that prints, per data class, what expired and what would happen; with
it the expired children are anonymised (idempotent: run it nightly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...services.opschonen import opschonen


class Command(BaseCommand):
    help = (
        "Bewaartermijnen bewaken (R-P7): 'opschonen' toont wat verlopen is; met --uitvoeren wordt het geanonimiseerd."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="opdracht", required=True)
        opschoon = sub.add_parser("opschonen", help="Verlopen gegevens tonen (proefdraai) of anonimiseren.")
        opschoon.add_argument("--uitvoeren", action="store_true", help="Echt anonimiseren (anders een proefdraai).")

    def handle(self, *args, opdracht: str, uitvoeren: bool = False, **options):
        rapport = opschonen(uitvoeren=uitvoeren)
        self.stdout.write(rapport.tekst())
