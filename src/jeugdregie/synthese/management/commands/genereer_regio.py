from django.core.management.base import BaseCommand, CommandError

from jeugdregie.synthese.regio import genereer_regio


class Command(BaseCommand):
    help = "Genereert de synthetische regio (deterministisch per seed; --schaal 40 benadert heel Nederland)."

    def add_arguments(self, parser):
        parser.add_argument("--schaal", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, schaal, seed, **options):
        try:
            resultaat = genereer_regio(schaal=schaal, seed=seed, melden=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        trajecten = resultaat.trajecten
        rijen = trajecten.totaal if trajecten else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {resultaat.jeugdigen_nieuw:,} nieuwe jeugdigen van {resultaat.jeugdigen_totaal:,}, "
                f"{resultaat.in_zorg:,} in zorg; {rijen:,} nieuwe trajectrijen."
            )
        )
