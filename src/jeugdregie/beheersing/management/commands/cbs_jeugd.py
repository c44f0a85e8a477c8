"""``manage.py cbs_jeugd export --regio ijsselland --halfjaar 2026-H1 --uit pad.csv``: the
half-yearly CBS trajectory export (pseudonymised, audit-logged) as CSV or XLSX (by the file's
extension). ``manage.py cbs_jeugd referenties data/cbs/referentie_beleidsinformatie_jeugd.csv``:
load the CBS reference figures. Both go through the services (issue 21 item 10)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jeugdregie.beheersing.services import cbs_export, cbs_referentie
from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import tabel_response
from jeugdregie.organisaties.models import Regio


class Command(BaseCommand):
    help = "CBS Beleidsinformatie Jeugd: halfjaarexport van trajecten, of referentiecijfers laden."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="opdracht", required=True)
        export = sub.add_parser("export", help="Schrijf de trajecten van een halfjaar in de CBS-indeling.")
        export.add_argument("--regio", required=True, help="Code van de regio.")
        export.add_argument("--halfjaar", required=True, help="Bijvoorbeeld 2026-H1.")
        export.add_argument("--uit", required=True, help="Bestand (.csv of .xlsx).")
        referenties = sub.add_parser("referenties", help="Laad CBS-referentiecijfers uit een CSV.")
        referenties.add_argument("bestand")

    def handle(self, *args, opdracht, **opties):
        try:
            if opdracht == "export":
                self._export(**opties)
            else:
                rijen = cbs_referentie.laad_referenties(Path(opties["bestand"]).read_text(encoding="utf-8"))
                self.stdout.write(f"Geladen: {len(rijen)} referentiecijfers.")
        except DomainError as fout:
            raise CommandError(str(fout)) from fout

    def _export(self, *, regio, halfjaar, uit, **_opties):
        gekozen = Regio.objects.filter(code=regio).first()
        if gekozen is None:
            raise CommandError(f"Onbekende regio '{regio}'.")
        resultaat = cbs_export.exporteer(
            regio=gekozen, halfjaar=cbs_export.Halfjaar.lees(halfjaar), via="manage.py cbs_jeugd"
        )
        formaat = "xlsx" if uit.lower().endswith(".xlsx") else "csv"
        response = tabel_response(
            naam=resultaat.naam, formaat=formaat, kolommen=resultaat.kolommen(), rijen=resultaat.rijen()
        )
        Path(uit).write_bytes(response.content)
        self.stdout.write(f"Geschreven: {len(resultaat.trajecten)} trajecten naar {uit}.")
