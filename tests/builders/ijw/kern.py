"""A minimal JW305 (`jw305`) and a message-handler stand-in (`Stand`). Moved from tests/test_ijw_kern.py."""

import time
from datetime import date

from jeugdregie.ijw.berichten.basis import Inhoudsfout, Uitkomst
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.ijw.xml.retour import retour
from jeugdregie.verwijzingen.models import Melding

NS = {"m": "http://www.istandaarden.nl/ijw/3_2/jw305/schema"}


def jw305(wereld, identificatie="B-1", *, afzender=None, ontvanger=None, bsn=None) -> bytes:
    """A schema-valid JW305 of the test world's provider to Zwolle with two StartProducts."""
    b = Bouwer(Berichttype.JW305)
    root = b.root()
    b.header(
        root,
        afzender=afzender or wereld["aanbieder"].agb_code,
        ontvanger=ontvanger or wereld["zwolle"].cbs_code,
        identificatie=identificatie,
        dagtekening=date(2026, 4, 15),
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), bsn or wereld["jeugdige_zwolle"].bsn)
    geboorte = b.sub(client, b.m("Geboortedatum"))
    b.sub(geboorte, b.b("Datum"), "2012-05-01")
    b.sub(client, b.m("Geslacht"), "2")
    naam = b.sub(client, b.m("Naam"))
    geslachtsnaam = b.sub(naam, b.b("Geslachtsnaam"))
    b.sub(geslachtsnaam, b.b("Achternaam"), "Zwolsma")
    b.sub(naam, b.b("Voorletters"), "Z")
    producten = b.sub(client, b.m("StartProducten"))
    for nummer in ("101", "102"):
        product = b.sub(producten, b.m("StartProduct"))
        b.sub(product, b.m("ToewijzingNummer"), nummer)
        b.sub(product, b.m("Begindatum"), "2026-04-01")
        b.sub(product, b.m("StatusAanlevering"), "1")
    return als_bytes(root)


class Stand:
    """A handler stand-in: records calls, writes one domain row, and answers as told."""

    def __init__(self, *, bewaar=True, fout_op=None, inhoudsfout=False, wacht=0.0):
        self.aanroepen = 0
        self.bewaar, self.fout_op, self.inhoudsfout, self.wacht = bewaar, fout_op, inhoudsfout, wacht

    def __call__(self, inkomend):
        self.aanroepen += 1
        Melding.objects.create(jeugdige=_jeugdige(), onderwerp="door handler")
        time.sleep(self.wacht)
        if self.inhoudsfout:
            raise Inhoudsfout("Interne regel geschonden.", regel="TR000")
        producten = inkomend.root.findall(".//m:StartProduct", NS)
        codes = {producten[self.fout_op]: ["9019"]} if self.fout_op is not None else {}
        root = retour(
            inkomend.root,
            retourtype=Berichttype.JW306,
            klassen=["Client", "StartProduct"],
            codes=codes,
            standaard="0200",
            identificatie=inkomend.retour_identificatie,
            dagtekening=inkomend.vandaag,
        )
        fouten = [{"klasse": "StartProduct", "sleutel": "101", "codes": ["9019"], "toelichting": "x"}] if codes else []
        return Uitkomst(retour=root, bewaar=self.bewaar, fouten=fouten)


def _jeugdige():
    from jeugdregie.jeugdigen.models import Jeugdige

    return Jeugdige.objects.order_by("id").first()
