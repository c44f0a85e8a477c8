"""``manage.py overdracht_demo``: a dispute between municipalities about the demo handover
(``synthese.overdracht.speel_geschil``, R-D3); development and demo only, like the whole
``synthese`` app."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jeugdregie.synthese.overdracht import speel_geschil


class Command(BaseCommand):
    help = "Registreer een demogeschil tussen twee gemeenten over de demo-overdracht (alleen de demo)."

    def handle(self, *args, **opties):
        if not getattr(settings, "DEMO_GEBRUIKERS_TOEGESTAAN", False):
            raise CommandError("Demogeschillen zijn in deze omgeving niet toegestaan.")
        self.stdout.write(speel_geschil())
