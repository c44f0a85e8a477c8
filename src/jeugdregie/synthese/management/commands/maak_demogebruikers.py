import os

from django.core.management.base import BaseCommand

from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.synthese.documenten import voeg_demodocumenten_toe


class Command(BaseCommand):
    help = "Maakt één demogebruiker per rol (alleen in ontwikkel- en testomgevingen) en toont de logins."

    def handle(self, *args, **options):
        logins = maak_demogebruikers()
        voeg_demodocumenten_toe()  # issue 20 §4: documents need the demo users who add them
        poort = os.environ.get("JEUGDREGIE_POORT", "8000")  # the port scripts/run serves on
        self.stdout.write(f"\nDemologins (http://127.0.0.1:{poort}/inloggen/):")
        self.stdout.write(
            f"  {'gebruikersnaam':<26} {'wachtwoord':<28} {'sleutel tweede factor':<34} {'rol':<42} organisatie"
        )
        for login in logins:
            self.stdout.write(
                f"  {login.gebruikersnaam:<26} {login.wachtwoord:<28} {login.totp_geheim:<34} "
                f"{login.rol.label:<42} {login.organisatie}"
            )
        self.stdout.write(
            "\nTweede factor (R-P5): na het wachtwoord vraagt Jeugdregie een code van zes cijfers. Zet de sleutel"
            "\nin een authenticator-app (FreeOTP, Google of Microsoft Authenticator: 'sleutel invoeren'), of vraag"
            "\nde code van dit moment op met:  .venv/bin/python manage.py demo_code <gebruikersnaam>"
            "\nEen code werkt één keer en hoort bij een halve minuut."
        )
