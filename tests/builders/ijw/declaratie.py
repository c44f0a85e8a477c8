"""JW323 declaration messages (`jw323`, `prestatie`) and the receiver's answer. Moved from
tests/test_ijw_declaratie.py."""

from datetime import date

from django.utils import timezone
from lxml import etree

from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.xml.kop import Bouwer, als_bytes
from jeugdregie.ijw.xml.schemas import is_geldig

from ..declaraties import TARIEF_TG3

NS = {
    "m": "http://www.istandaarden.nl/ijw/3_2/jw325/schema",
    "ijw": "http://www.istandaarden.nl/ijw/3_2/basisschema/schema",
}


CENT = int(TARIEF_TG3 * 100)


def prestatie(tw, referentie, *, maand=(2026, 4), uren=10, begin=None, **extra):
    """One Prestatie of TG3 hours for allocation ``tw``: the whole month (from ``begin``)."""
    eerste = date(*maand, 1)
    volgende = date(eerste.year + eerste.month // 12, eerste.month % 12 + 1, 1)
    waarden = {
        "bsn": tw.jeugdige.bsn,
        "referentie": referentie,
        "vorig": "",
        "toewijzing": tw.pk,
        "code": "45A03",
        "begin": begin or eerste,
        "einde": date.fromordinal(volgende.toordinal() - 1),
        "volume": uren,
        "eenheid": "04",
        "tarief": CENT,
        "bedrag": uren * CENT,
        "dc": "D",
    }
    waarden.update(extra)
    return waarden


def jw323(route, prestaties, *, identificatie="D-1", nummer="DN1", totaal=None) -> bytes:
    """A schema-valid JW323 of the test provider to Zwolle (TotaalIngediendBedrag: the signed sum
    unless ``totaal`` is given)."""
    b = Bouwer(Berichttype.JW323)
    root = b.root()
    vandaag = timezone.localdate()
    b.header(
        root,
        afzender=route["aanbieder"].agb_code,
        ontvanger=route["zwolle"].cbs_code,
        identificatie=identificatie,
        dagtekening=vandaag,
    )
    declaratie = b.sub(root, b.m("Declaratie"))
    b.sub(declaratie, b.m("DeclaratieNummer"), nummer)
    periode = b.sub(declaratie, b.m("DeclaratiePeriode"))
    # the calendar month before the Dagtekening: a period that has ended (TR134, TR137)
    einde = date.fromordinal(vandaag.replace(day=1).toordinal() - 1)
    b.sub(periode, b.b("Begindatum"), einde.replace(day=1).isoformat())
    b.sub(periode, b.b("Einddatum"), einde.isoformat())
    b.sub(declaratie, b.m("DeclaratieDagtekening"), vandaag.isoformat())
    som = sum(-p["bedrag"] if p["dc"] == "C" else p["bedrag"] for p in prestaties) if totaal is None else totaal
    totaal_el = b.sub(declaratie, b.m("TotaalIngediendBedrag"))
    b.sub(totaal_el, b.b("TotaalBedrag"), abs(som))
    b.sub(totaal_el, b.b("DebetCredit"), "C" if som < 0 else "D")
    clienten = b.sub(declaratie, b.m("Clienten"))
    per_bsn = {}
    for p in prestaties:
        if p["bsn"] not in per_bsn:
            client = b.sub(clienten, b.m("Client"))
            b.sub(client, b.m("Bsn"), p["bsn"])
            per_bsn[p["bsn"]] = b.sub(client, b.m("Prestaties"))
        el = b.sub(per_bsn[p["bsn"]], b.m("Prestatie"))
        ref = b.sub(el, b.m("ProductReferentie"))
        b.sub(ref, b.b("ReferentieNummer"), p["referentie"])
        if p["vorig"]:
            b.sub(ref, b.b("VorigReferentieNummer"), p["vorig"])
        b.sub(el, b.m("ToewijzingNummer"), p["toewijzing"])
        b.sub(el, b.m("ProductCategorie"), p["code"][:2])
        b.sub(el, b.m("ProductCode"), p["code"])
        pp = b.sub(el, b.m("ProductPeriode"))
        b.sub(pp, b.b("Begindatum"), p["begin"].isoformat())
        b.sub(pp, b.b("Einddatum"), p["einde"].isoformat())
        b.sub(el, b.m("GeleverdVolume"), p["volume"])
        b.sub(el, b.m("Eenheid"), p["eenheid"])
        if p["tarief"] is not None:
            b.sub(el, b.m("ProductTarief"), p["tarief"])
        bedrag = b.sub(el, b.m("IngediendBedrag"))
        b.sub(bedrag, b.b("Bedrag"), p["bedrag"])
        b.sub(bedrag, b.b("DebetCredit"), p["dc"])
    data = als_bytes(root)
    assert is_geldig(etree.fromstring(data), "JW323")
    return data


def _antwoord(ontvangst):
    """(header codes, DeclaratieAntwoord codes, ingediend, toegekend, [(referentie, codes)])."""
    root = etree.fromstring(ontvangst.retour_xml)
    assert is_geldig(root, "JW325")
    header = [c.text for c in root.findall("m:Header/m:RetourCodes/m:RetourCode", NS)]
    antwoord = root.find("m:DeclaratieAntwoord", NS)
    if antwoord is None:
        return header, None, None, None, []

    def bedrag(naam):
        waarde = int(antwoord.findtext(f"m:{naam}/ijw:TotaalBedrag", namespaces=NS))
        return -waarde if antwoord.findtext(f"m:{naam}/ijw:DebetCredit", namespaces=NS) == "C" else waarde

    prestaties = [
        (
            p.findtext("m:ProductReferentie/ijw:ReferentieNummer", namespaces=NS),
            [c.text for c in p.find("m:RetourCodes", NS)],
        )
        for p in antwoord.iterfind("m:Clienten/m:Client/m:Prestaties/m:Prestatie", NS)
    ]
    codes = [c.text for c in antwoord.find("m:RetourCodes", NS)]
    return header, codes, bedrag("TotaalIngediendBedrag"), bedrag("TotaalToegekendBedrag"), prestaties
