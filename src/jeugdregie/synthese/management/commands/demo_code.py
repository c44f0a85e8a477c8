from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdregie.accounts.tweefactor import huidige_code


class Command(BaseCommand):
    help = "Toont de huidige code van de tweede factor van een demogebruiker (alleen ontwikkel- en testomgevingen)."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")

    def handle(self, *args, gebruikersnaam, **options):
        if not getattr(settings, "DEMO_GEBRUIKERS_TOEGESTAAN", False):
            raise CommandError("Demogebruikers zijn in deze omgeving niet toegestaan.")
        apparaat = TOTPDevice.objects.filter(user__username=gebruikersnaam, confirmed=True).first()
        if apparaat is None:
            raise CommandError(f"{gebruikersnaam} heeft geen authenticator-app; draai eerst maak_demogebruikers.")
        self.stdout.write(huidige_code(apparaat))
