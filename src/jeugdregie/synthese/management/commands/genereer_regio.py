from django.core.management.base import BaseCommand, CommandError

from jeugdregie.common.opmaak import getal
from jeugdregie.organisaties.models import Regio
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.regio import genereer_regio
from jeugdregie.verantwoording.services.crisisbekostiging import maak_demo_crisisbekostiging


class Command(BaseCommand):
    help = "Genereert de synthetische regio (deterministisch per seed; --schaal 40 benadert heel Nederland)."

    def add_arguments(self, parser):
        parser.add_argument("--schaal", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--zonder-declaraties",
            action="store_true",
            help="Sla de declaraties, het budgetgrootboek en de betaalbatches over (synthese/declaraties.py).",
        )

    def handle(self, *args, schaal, seed, zonder_declaraties, **options):
        try:
            resultaat = genereer_regio(schaal=schaal, seed=seed, melden=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        trajecten = resultaat.trajecten
        rijen = trajecten.totaal if trajecten else 0
        declaraties = 0
        if not zonder_declaraties:
            declaraties = genereer_declaraties(seed=seed, melden=self.stdout.write).totaal
        # Illustrative crisis funding (R-B4) for the years of the trajectories, so the split is shown.
        for regio in Regio.objects.filter(code="ijsselland"):
            maak_demo_crisisbekostiging(regio, range(2022, 2027))
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {getal(resultaat.jeugdigen_nieuw)} nieuwe jeugdigen van {getal(resultaat.jeugdigen_totaal)}, "
                f"{getal(resultaat.in_zorg)} in zorg; {getal(rijen)} nieuwe trajectrijen; "
                f"{getal(declaraties)} nieuwe declaratierijen."
            )
        )
