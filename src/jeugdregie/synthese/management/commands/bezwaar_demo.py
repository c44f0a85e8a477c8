"""``manage.py bezwaar_demo``: demo objections for the toegang of Zwolle (``synthese.bezwaar``);
development and demo only, like the whole ``synthese`` app."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jeugdregie.synthese.bezwaar import speel_bezwaren


class Command(BaseCommand):
    help = "Registreer een handvol demobezwaren voor de toegang van Zwolle (alleen de demo)."

    def handle(self, *args, **opties):
        if not getattr(settings, "DEMO_GEBRUIKERS_TOEGESTAAN", False):
            raise CommandError("Demobezwaren zijn in deze omgeving niet toegestaan.")
        self.stdout.write("\n".join(speel_bezwaren()))
