"""``manage.py ijw verwerk FILE… [--uitvoer DIR]``: process iJw messages (.xml, or .zip of them)
as the sending provider and write each retour as ``<name>.<retourtype>.xml``.
``manage.py ijw maak [--uitvoer DIR]``: create the outbound messages of decisions not yet sent
and write every message ready for pick-up as ``<type>_<identificatie>.xml`` (issue 5 §6).

Both go through the same services as the HTTP endpoint (``ontvang``, ``uitbox.verzamel``). A file
is processed as the technical user ``ijw-<agb>`` of the provider its header names, so the sender
check holds. Exit code 1 when any message was refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from django.core.management.base import BaseCommand, CommandError

from jeugdregie.ijw.constants import Berichtstatus, Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services.archief import Resultaat, is_zip, lees_archief, verwerk_batch, weiger_aanlevering
from jeugdregie.ijw.xml.veilig import Berichtweigering, controleer_grootte


class Command(BaseCommand):
    help = "Verwerk ontvangen iJw-berichten (verwerk) of schrijf de uitgaande berichten weg (maak)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="opdracht", required=True)
        verwerk = sub.add_parser("verwerk", help="Verwerk .xml- en .zip-bestanden met iJw-berichten van aanbieders.")
        verwerk.add_argument("bestanden", nargs="+", type=Path, metavar="BESTAND")
        verwerk.add_argument("--uitvoer", type=Path, help="Map voor de retourbestanden (standaard: naast het bestand).")
        maak = sub.add_parser("maak", help="Maak de uitgaande berichten (JW301, JW319) en schrijf ze weg.")
        maak.add_argument("--uitvoer", type=Path, default=Path("."), help="Map voor de berichten (standaard: hier).")

    def handle(self, *args, opdracht, **opties):
        if opdracht == "verwerk":
            self.verwerk(opties["bestanden"], opties["uitvoer"])
        else:
            self.maak(opties["uitvoer"])

    def verwerk(self, bestanden: list[Path], uitvoer: Path | None) -> None:
        geweigerd = verwerkt = 0
        for bestand in bestanden:
            if not bestand.is_file():
                raise CommandError(f"{bestand} bestaat niet of is geen bestand.")
            with bestand.open("rb") as invoer:
                try:
                    berichten = self._berichten(bestand, invoer)
                except Berichtweigering as fout:
                    weiger_aanlevering(fout=fout, door=None, grootte=bestand.stat().st_size)
                    self.stdout.write(f"GEWEIGERD {bestand.name}: {fout.code} {fout.message}")
                    geweigerd += 1
                    continue
                for resultaat in verwerk_batch(berichten):
                    if resultaat.fout is not None:
                        geweigerd += 1
                    else:
                        verwerkt += 1
                        self._schrijf_retour(resultaat, uitvoer or bestand.parent)
                    self.stdout.write(_regel(resultaat))
        self.stdout.write(f"{verwerkt} verwerkt, {geweigerd} geweigerd.")
        if geweigerd:
            raise CommandError(f"{geweigerd} bericht(en) of bestand(en) geweigerd; zie de meldingen hierboven.")

    def _berichten(self, bestand: Path, invoer: BinaryIO) -> Iterator[tuple[str, bytes]]:
        """The messages of one file: a zip's entries (checked whole first) or the file itself,
        refused by its size before it is read."""
        if is_zip(bestand.name, invoer.read(4)):
            invoer.seek(0)
            return lees_archief(invoer)
        controleer_grootte(bestand.stat().st_size)
        invoer.seek(0)
        return iter([(bestand.name, invoer.read())])

    def _schrijf_retour(self, resultaat: Resultaat, doel: Path) -> None:
        if resultaat.ontvangst.retour is None:
            return
        pad = doel / resultaat.retour_naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(resultaat.ontvangst.retour_xml)

    def maak(self, uitvoer: Path) -> None:
        from jeugdregie.ijw.services.uitbox import PER_RONDE, verzamel

        nieuw = ronde = len(verzamel())
        while ronde == PER_RONDE:  # more decisions waiting: each full round handled PER_RONDE of them
            nieuw += (ronde := len(verzamel()))
        uitvoer.mkdir(parents=True, exist_ok=True)
        klaar = Bericht.objects.filter(richting=Richting.UIT, status=Berichtstatus.KLAAR).order_by("id")
        aantal = 0
        for bericht in klaar.iterator():
            naam = f"{bericht.berichttype}_{bericht.identificatie}.xml"
            (uitvoer / naam).write_bytes(bytes(bericht.inhoud))
            self.stdout.write(f"{naam}  aan {bericht.ontvanger}")
            aantal += 1
        self.stdout.write(f"{nieuw} nieuw aangemaakt, {aantal} klaar om op te halen geschreven naar {uitvoer}.")


def _regel(resultaat: Resultaat) -> str:
    if resultaat.fout is not None:
        return f"GEWEIGERD {resultaat.naam}: {resultaat.fout.code} {resultaat.fout.message}"
    rij = resultaat.als_rij()
    herhaald = " (herhaling: eerdere retour)" if rij["herhaald"] else ""
    return (
        f"{rij['berichttype']} {rij['identificatie']} {rij['status']}{herhaald}: retour {rij['retour']} "
        f"codes {rij['retourcodes'] or '-'}, {rij['afgekeurde_klassen']} afgekeurd -> {rij['retour_bestand']}"
    )
