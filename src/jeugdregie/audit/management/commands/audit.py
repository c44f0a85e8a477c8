"""``manage.py audit verifieer`` proves the audit chain; ``manage.py audit rechten`` gives the
application's database role insert-and-read rights on the audit log (R-P6)."""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jeugdregie.audit.rechten import RolFout, ken_rechten_toe
from jeugdregie.audit.services import verifieer_keten


class Command(BaseCommand):
    help = "Auditlog: de hashketen verifiëren (verifieer) of de rechten van de applicatierol zetten (rechten)."

    def add_arguments(self, parser):
        opdrachten = parser.add_subparsers(dest="opdracht", required=True)
        verifieer = opdrachten.add_parser("verifieer", help="Loop de hashketen na (R-P6).")
        verifieer.add_argument("--chunk", type=int, default=1000, help="Regels per databaseslag.")
        rechten = opdrachten.add_parser(
            "rechten", help="Alleen INSERT en SELECT op het auditlog voor de applicatierol (PostgreSQL)."
        )
        rechten.add_argument(
            "--rol", default=getattr(settings, "APP_DB_ROL", ""), help="Standaard: JEUGDREGIE_APP_DB_ROL."
        )
        rechten.add_argument("--maak-aan", action="store_true", help="Maak de rol aan (NOLOGIN) als hij ontbreekt.")

    def handle(self, *args, opdracht, **opties):
        if opdracht == "verifieer":
            self._verifieer(opties["chunk"])
        else:
            self._rechten(opties["rol"], opties["maak_aan"])

    def _verifieer(self, chunk: int) -> None:
        uitkomst = verifieer_keten(chunk=chunk)
        if uitkomst.breuk is not None:
            tijdstip = uitkomst.breuk.tijdstip.astimezone(UTC).isoformat()
            raise CommandError(
                f"FOUT: de auditketen is verbroken bij auditregel id={uitkomst.breuk.id} "
                f"(tijdstip {tijdstip}); {uitkomst.aantal} regels ervoor zijn intact."
            )
        self.stdout.write(f"OK: {uitkomst.aantal} auditregels, keten intact; laatste hash {uitkomst.laatste_hash}")

    def _rechten(self, rol: str, maak_aan: bool) -> None:
        if not rol:
            raise CommandError("Geef de applicatierol op met --rol of de instelling JEUGDREGIE_APP_DB_ROL.")
        try:
            uitgevoerd = ken_rechten_toe(rol, maak_aan=maak_aan)
        except RolFout as fout:
            raise CommandError(str(fout)) from fout
        for sql in uitgevoerd:
            self.stdout.write(sql)
        self.stdout.write(f"OK: rol {rol} mag het auditlog alleen lezen en aanvullen.")
