"""``manage.py beheersing ververs``: process the queue of months whose figures moved since the
last refresh (issue 6 §9, the incremental refresh). ``manage.py beheersing ververs --volledig``:
rebuild the whole rollup from the operational data, with a progress bar per indicator. Both
print what they did and the date the figures run to; both go through ``services.rollup``."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from jeugdregie.beheersing.indicatoren.register import ALLE_INDICATOREN, INDICATOREN, VARIANTINDICATOREN
from jeugdregie.beheersing.models import VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.common.opmaak import getal


class Command(BaseCommand):
    help = "Ververs de cijfers van het beheersmodel (SPEC §11): de wachtrij van maanden, of alles (--volledig)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="opdracht", required=True)
        ververs = sub.add_parser("ververs", help="Reken de cijfers opnieuw uit.")
        ververs.add_argument(
            "--volledig", action="store_true", help="Bouw alle cijfers opnieuw op over de hele geschiedenis."
        )

    def handle(self, *args, opdracht, volledig=False, **opties):
        begin = time.monotonic()
        if volledig:
            with tqdm(total=len(ALLE_INDICATOREN), desc="Indicatoren", unit="indicator", mininterval=0) as balk:

                def voortgang(code: str) -> None:
                    balk.set_postfix_str(code)
                    balk.update()

                aantal = rollup.bouw_opnieuw(voortgang=voortgang)
            varianten = len(VARIANTINDICATOREN)
            self.stdout.write(
                f"Volledig opgebouwd: {len(INDICATOREN)} indicatoren en {varianten} van de taakgerichte variant, "
                f"{getal(aantal)} cijfers."
            )
        else:
            maanden = VerouderdePeriode.objects.count()
            aantal = rollup.werk_bij()
            if maanden:
                self.stdout.write(
                    f"Bijgewerkt: {maanden} gewijzigde maand(en), {getal(aantal)} cijfers opnieuw berekend."
                )
            else:
                self.stdout.write("Niets te doen: geen gewijzigde maanden in de wachtrij.")
        stand = rollup.stand()
        tot = f"{stand.data_tot:%d-%m-%Y}" if stand and stand.data_tot else "geen goedgekeurde declaraties"
        self.stdout.write(f"Gegevens tot en met: {tot} ({time.monotonic() - begin:.1f} s).")
