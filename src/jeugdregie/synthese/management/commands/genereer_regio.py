from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jeugdregie.common.opmaak import getal
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Regio
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.regio import genereer_regio
from jeugdregie.synthese.wereld import venster
from jeugdregie.verantwoording.services.crisisbekostiging import maak_demo_crisisbekostiging


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        raise CommandError(f"--peildatum moet een datum JJJJ-MM-DD zijn, niet {tekst!r}.") from None


def peildatum(gekozen: date | None = None) -> date:
    """The synthetic "now" (issue 19 §7): ``--peildatum``, else the setting
    JEUGDREGIE_DEMO_PEILDATUM, else today (Amsterdam), so the demo's default periods have data."""
    return gekozen or settings.JEUGDREGIE_DEMO_PEILDATUM or vandaag()


class Command(BaseCommand):
    help = (
        "Genereert de synthetische regio (deterministisch per seed en peildatum; --schaal 40 benadert heel "
        "Nederland). De peildatum is het 'nu' van de regio: standaard vandaag."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schaal", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--peildatum",
            type=_datum,
            default=None,
            help="Het 'nu' van de regio, JJJJ-MM-DD (standaard JEUGDREGIE_DEMO_PEILDATUM, anders vandaag).",
        )
        parser.add_argument(
            "--zonder-declaraties",
            action="store_true",
            help="Sla de declaraties, het budgetgrootboek en de betaalbatches over (synthese/declaraties.py).",
        )

    def handle(self, *args, schaal, seed, zonder_declaraties, **options):
        peil = peildatum(options.get("peildatum"))
        self.stdout.write(f"Peildatum {peil:%d-%m-%Y}")
        try:
            resultaat = genereer_regio(peildatum=peil, schaal=schaal, seed=seed, melden=self.stdout.write)
        except ValueError as error:
            raise CommandError(str(error)) from error
        trajecten = resultaat.trajecten
        rijen = trajecten.totaal if trajecten else 0
        declaraties = 0
        if not zonder_declaraties:
            declaraties = genereer_declaraties(seed=seed, peildatum=peil, melden=self.stdout.write).totaal
        # Illustrative crisis funding (R-B4) for the years of the trajectories, so the split is shown.
        begin, _ = venster(peil)
        for regio in Regio.objects.filter(code="ijsselland"):
            maak_demo_crisisbekostiging(regio, range(begin.year, peil.year + 1))
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {getal(resultaat.jeugdigen_nieuw)} nieuwe jeugdigen van {getal(resultaat.jeugdigen_totaal)}, "
                f"{getal(resultaat.in_zorg)} in zorg; {getal(rijen)} nieuwe trajectrijen; "
                f"{getal(declaraties)} nieuwe declaratierijen."
            )
        )
