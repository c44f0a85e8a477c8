"""Make or revoke an API token for an iJw or API client (R-P8). The key is printed once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jeugdregie.common.errors import DomainError
from jeugdregie.tokens.models import ApiToken
from jeugdregie.tokens.services import maak_token, trek_in

NAMENS = "beheercommando api_token"


class Command(BaseCommand):
    help = "Maak of trek een API-token in. De sleutel wordt eenmalig getoond."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="opdracht", required=True)
        maak = sub.add_parser("maak", help="Nieuw token voor een gebruiker")
        maak.add_argument("gebruikersnaam")
        maak.add_argument("--dagen", type=int, default=None, help="Geldigheid in dagen (standaard de instelling)")
        maak.add_argument("--omschrijving", default="")
        intrekken = sub.add_parser("intrekken", help="Trek een token in")
        intrekken.add_argument("token_id", type=int)

    def handle(self, *args, opdracht, **options):
        try:
            if opdracht == "maak":
                gebruiker = get_user_model().objects.filter(username=options["gebruikersnaam"]).first()
                if gebruiker is None:
                    raise CommandError("Onbekende gebruikersnaam.")
                nieuw = maak_token(
                    gebruiker=gebruiker,
                    door=None,
                    namens=NAMENS,
                    omschrijving=options["omschrijving"],
                    geldig_dagen=options["dagen"],
                )
                self.stdout.write(f"Token {nieuw.token.pk}, geldig tot {nieuw.token.verloopt_op:%Y-%m-%d}:")
                self.stdout.write(nieuw.sleutel)
            else:
                token = ApiToken.objects.filter(pk=options["token_id"]).first()
                if token is None:
                    raise CommandError("Onbekend token.")
                trek_in(token=token, door=None, namens=NAMENS)
                self.stdout.write(f"Token {token.pk} ingetrokken.")
        except DomainError as fout:
            raise CommandError(fout.message) from None
