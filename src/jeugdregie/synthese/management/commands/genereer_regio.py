from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jeugdregie.common.opmaak import getal
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Regio
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.regio import genereer_regio
from jeugdregie.synthese.rijnmond import genereer_rijnmond
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


#: issue 22 §5: without the option no Rijnmond, so every caller that counts IJsselland's rows keeps
#: its figures; scripts/run passes the demo's share (JEUGDREGIE_RIJNMOND_SCHAAL, see the README)
RIJNMOND_SCHAAL = 0.0


class Command(BaseCommand):
    help = (
        "Genereert de synthetische regio (deterministisch per seed en peildatum; --schaal 40 benadert heel "
        "Nederland). De peildatum is het 'nu' van de regio: standaard vandaag."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schaal", type=float, default=1.0)
        parser.add_argument(
            "--rijnmond-schaal",
            type=float,
            default=RIJNMOND_SCHAAL,
            help="Rijnmond naast IJsselland: het deel van zijn volledige omvang (1 = ≈262.000 "
            "jeugdigen, ≈2,3 × IJsselland); standaard 0: zonder Rijnmond (scripts/run: 0,15).",
        )
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

    def handle(self, *args, schaal, seed, zonder_declaraties, rijnmond_schaal, **options):
        peil = peildatum(options.get("peildatum"))
        self.stdout.write(f"Peildatum {peil:%d-%m-%Y}")
        if rijnmond_schaal < 0:
            raise CommandError("--rijnmond-schaal mag niet negatief zijn.")
        try:
            resultaat = genereer_regio(
                peildatum=peil,
                schaal=schaal,
                seed=seed,
                melden=self.stdout.write,
                behalve_regio="Rijnmond" if rijnmond_schaal else "",
            )
            rijnmond = (
                genereer_rijnmond(peildatum=peil, schaal=rijnmond_schaal, seed=seed, melden=self.stdout.write)
                if rijnmond_schaal
                else None
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        rijen = sum(r.trajecten.totaal for r in (resultaat, rijnmond) if r is not None and r.trajecten)
        declaraties = 0
        if not zonder_declaraties:
            declaraties = genereer_declaraties(seed=seed, peildatum=peil, melden=self.stdout.write).totaal
            if rijnmond is not None:
                declaraties += genereer_declaraties(
                    seed=seed, peildatum=peil, melden=self.stdout.write, regio_code="rijnmond"
                ).totaal
        # Illustrative crisis funding (R-B4) for the years of the trajectories, so the split is shown.
        begin, _ = venster(peil)
        for regio in Regio.objects.filter(code__in=["ijsselland", "rijnmond"]):
            maak_demo_crisisbekostiging(regio, range(begin.year, peil.year + 1))
        nieuw, totaal, in_zorg = (
            sum(getattr(r, veld) for r in (resultaat, rijnmond) if r is not None)
            for veld in ("jeugdigen_nieuw", "jeugdigen_totaal", "in_zorg")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Klaar: {getal(nieuw)} nieuwe jeugdigen van {getal(totaal)}, {getal(in_zorg)} in zorg; "
                f"{getal(rijen)} nieuwe trajectrijen; {getal(declaraties)} nieuwe declaratierijen."
            )
        )
