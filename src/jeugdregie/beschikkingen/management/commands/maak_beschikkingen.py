"""``manage.py maak_beschikkingen [--sinds JJJJ-MM-DD]``: the catch-up of the beschikkingen
(R-D1): every toegang decision without a letter gets one, or waits for an addressee. Idempotent:
run it nightly."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand

from ...services.inhalen import haal_in


class Command(BaseCommand):
    help = "Maakt de beschikking van elk besluit van de toegang dat er nog geen heeft."

    def add_arguments(self, parser):
        parser.add_argument("--sinds", type=date.fromisoformat, default=None, help="Alleen besluiten vanaf deze datum.")

    def handle(self, *args, sinds: date | None = None, **options):
        uitkomst = haal_in(sinds=sinds)
        self.stdout.write(
            f"Beschikkingen gemaakt: {uitkomst.gemaakt}; wachten op een geadresseerde: {uitkomst.wachtend}; "
            f"mislukt: {uitkomst.mislukt}"
        )
