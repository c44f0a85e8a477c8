from django.core.management.base import BaseCommand

from jeugdregie.catalogus.loader import laad_catalogus


class Command(BaseCommand):
    help = "Laadt de catalogus (producten, tariefgroepen, functies, tarieven, keuzebudgetten) uit de databestanden."

    def handle(self, *args, **options):
        resultaat = laad_catalogus()
        if resultaat.aangemaakt:
            for soort, aantal in resultaat.aangemaakt.items():
                self.stdout.write(f"  {soort}: {aantal} nieuw")
        else:
            self.stdout.write("Catalogus is al geladen; niets gewijzigd.")
