"""Building the JW325 declaratie-antwoord (IV087, IV088, TR342).

- Everything granted: Header 0200, DeclaratieAntwoord 8001, TotaalToegekendBedrag =
  TotaalIngediendBedrag, no Clienten.
- Some lines rejected (control levels 3/4): Header 0200, DeclaratieAntwoord 0200, and only the
  rejected Prestaties (with their codes), under their Client with 0200. TR342 holds by
  construction: the signed sum of the listed Prestaties = ingediend − toegekend.
- The declaration as a whole refused (e.g. TR333, 9333): Header 0200, DeclaratieAntwoord with the
  code, TotaalToegekendBedrag 0, no Clienten.
- An in-message rule failed (level 2): only the Header, with 0001 (``alleen_header``).

Amounts are integer eurocents, signed here (credit negative) and written as amount + D/C; an
amount of 0 is written as D (CS325)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from jeugdregie.declaraties.constants import RETOURCODE, Afkeur

from ..constants import Berichttype, Retourcode
from ..xml.kop import Bouwer
from .basis import Inkomend, Uitkomst

# The declarations service's rejection codes as WJ001 retourcodes: its own table, completed for
# the codes the standard has no rule for (the most fitting WJ001 code, see the comment per line).
MAX_FOUTEN = 500  # rejected lines kept in the message log (the JW325 itself lists them all)
IJW_RETOURCODE: dict[str, str] = {
    **{str(code): waarde for code, waarde in RETOURCODE.items()},
    # An unknown product code cannot be the allocated product (TR340).
    str(Afkeur.PRODUCT_ONBEKEND): "9340",
    # A product a duurzaam keuzebudget may not pay for does not fall under this allocation (TR340).
    str(Afkeur.DUURZAAM_UITGESLOTEN): "9340",
    # ProductPeriode ends on or before the message's Dagtekening (TR137, checked in the message),
    # so a period after today means the Dagtekening lies in the future (TR135).
    str(Afkeur.PERIODE_TOEKOMST): "8848",
    # Not reachable through JW323 (TR137/CS337 refuse it in the message); nearest: the end date.
    str(Afkeur.PERIODE_ONGELDIG): "9308",
    # GeleverdVolume 0 (the XSD allows it) declares nothing: the amount cannot be volume × tariff.
    str(Afkeur.VOLUME_ONGELDIG): "9346",
}


def retourcode(afkeur: str) -> str:
    """The WJ001 code of a rejected line (every Afkeur member has one)."""
    return IJW_RETOURCODE[afkeur]


@dataclass(frozen=True)
class Prestatie:
    """A Prestatie as received, to echo in the answer (IV087: unchanged, plus RetourCodes)."""

    bsn: str
    referentie: str
    vorig: str
    toewijzing: str
    categorie: str
    code: str
    begindatum: str
    einddatum: str
    volume: str
    eenheid: str
    tarief: str | None
    bedrag: int  # eurocents, unsigned
    debet_credit: str

    @property
    def getekend(self) -> int:
        return -self.bedrag if self.debet_credit == "C" else self.bedrag


def _bedrag_dc(b: Bouwer, ouder: etree._Element, naam: str, centen: int, *, totaal: bool) -> None:
    element = b.sub(ouder, b.m(naam))
    b.sub(element, b.b("TotaalBedrag" if totaal else "Bedrag"), abs(centen))
    b.sub(element, b.b("DebetCredit"), "C" if centen < 0 else "D")


def _header(b: Bouwer, root: etree._Element, inkomend: Inkomend, code: str) -> None:
    kop = inkomend.kop
    header = b.header(
        root,
        afzender=inkomend.gemeente.cbs_code,
        ontvanger=inkomend.aanbieder.agb_code,
        identificatie=inkomend.retour_identificatie,
        dagtekening=inkomend.vandaag,
    )
    declaratie = b.sub(header, b.m("DeclaratieIdentificatie"))
    b.sub(declaratie, b.b("Identificatie"), kop.identificatie)
    b.sub(declaratie, b.b("Dagtekening"), kop.dagtekening.isoformat())
    versie = b.sub(header, b.m("XsdVersieDeclaratie"))
    b.sub(versie, b.b("BasisschemaXsdVersie"), kop.basisschema_xsd)
    b.sub(versie, b.b("BerichtXsdVersie"), kop.bericht_xsd)
    b.retourcodes(header, [code])


def alleen_header(
    inkomend: Inkomend, meldingen: Sequence[tuple[str, str]], *, code: str = Retourcode.TECHNISCH
) -> Uitkomst:
    """IV088 level 2: the header alone, with 0001 (or a header rule's own code, TR135: 8848);
    nothing is stored (``bewaar=False``). ``meldingen``: (rule, Dutch explanation) for the
    sender and the message log."""
    b = Bouwer(Berichttype.JW325)
    root = b.root()
    _header(b, root, inkomend, code)
    toelichting = " ".join(f"{regel}: {tekst}" if regel else tekst for regel, tekst in meldingen)
    fout = {"klasse": "Header", "sleutel": "", "codes": [code], "toelichting": toelichting}
    return Uitkomst(retour=root, bewaar=False, fouten=[fout])


def _prestatie(b: Bouwer, ouder: etree._Element, p: Prestatie, codes: Sequence[str]) -> None:
    element = b.sub(ouder, b.m("Prestatie"))
    referentie = b.sub(element, b.m("ProductReferentie"))
    b.sub(referentie, b.b("ReferentieNummer"), p.referentie)
    if p.vorig:
        b.sub(referentie, b.b("VorigReferentieNummer"), p.vorig)
    b.sub(element, b.m("ToewijzingNummer"), p.toewijzing)
    b.sub(element, b.m("ProductCategorie"), p.categorie)
    b.sub(element, b.m("ProductCode"), p.code)
    periode = b.sub(element, b.m("ProductPeriode"))
    b.sub(periode, b.b("Begindatum"), p.begindatum)
    b.sub(periode, b.b("Einddatum"), p.einddatum)
    b.sub(element, b.m("GeleverdVolume"), p.volume)
    b.sub(element, b.m("Eenheid"), p.eenheid)
    if p.tarief is not None:
        b.sub(element, b.m("ProductTarief"), p.tarief)
    bedrag = b.sub(element, b.m("IngediendBedrag"))
    b.sub(bedrag, b.b("Bedrag"), p.bedrag)
    b.sub(bedrag, b.b("DebetCredit"), p.debet_credit)
    b.retourcodes(element, codes)


def _antwoord(
    inkomend: Inkomend,
    *,
    nummer: str,
    ingediend: int,
    afgewezen: Iterable[tuple[Prestatie, Sequence[str]]] = (),
    code: str | None = None,
) -> etree._Element:
    """The JW325 for a judged declaration. ``ingediend``: signed eurocents of the message;
    ``afgewezen``: the rejected Prestaties with their codes, in message order; ``code``: a
    refusal of the whole declaration (then nothing is granted and no Prestatie is listed)."""
    b = Bouwer(Berichttype.JW325)
    root = b.root()
    _header(b, root, inkomend, Retourcode.GEEN_OPMERKING)
    element = b.sub(root, b.m("DeclaratieAntwoord"))
    b.sub(element, b.m("DeclaratieNummer"), nummer)
    _bedrag_dc(b, element, "TotaalIngediendBedrag", ingediend, totaal=True)
    toegekend_element = b.sub(element, b.m("TotaalToegekendBedrag"))  # filled below (TR342)
    toegekend = 0 if code else ingediend
    if not code:
        clienten = None
        per_bsn: dict[str, etree._Element] = {}
        for prestatie, codes in afgewezen:
            if clienten is None:
                clienten = b.sub(element, b.m("Clienten"))
            prestaties = per_bsn.get(prestatie.bsn)
            if prestaties is None:
                client = b.sub(clienten, b.m("Client"))
                b.sub(client, b.m("Bsn"), prestatie.bsn)
                prestaties = per_bsn[prestatie.bsn] = b.sub(client, b.m("Prestaties"))
            _prestatie(b, prestaties, prestatie, codes)
            toegekend -= prestatie.getekend
        for prestaties in per_bsn.values():
            b.retourcodes(prestaties.getparent(), [Retourcode.GEEN_OPMERKING])
        code = Retourcode.GEEN_OPMERKING if per_bsn else Retourcode.VOLLEDIG_TOEGEWEZEN
    b.sub(toegekend_element, b.b("TotaalBedrag"), abs(toegekend))
    b.sub(toegekend_element, b.b("DebetCredit"), "C" if toegekend < 0 else "D")
    b.retourcodes(element, [code])
    return root


def geweigerd(inkomend: Inkomend, *, nummer: str, ingediend: int, code: str, toelichting: str) -> Uitkomst:
    """The declaration refused as a whole (IV087, e.g. TR333): nothing granted, nothing stored."""
    fout = {"klasse": "DeclaratieAntwoord", "sleutel": nummer, "codes": [code], "toelichting": toelichting}
    retour = _antwoord(inkomend, nummer=nummer, ingediend=ingediend, code=code)
    return Uitkomst(retour=retour, bewaar=False, fouten=[fout])


def beoordeeld(
    inkomend: Inkomend,
    *,
    nummer: str,
    ingediend: int,
    afgewezen: Sequence[tuple[Prestatie, str, str]],
    declaratie_id: int,
) -> Uitkomst:
    """The judged declaration (``afgewezen``: Prestatie, Afkeur code, explanation per rejected
    line): approved lines are kept (``bewaar``), the log holds the first ``MAX_FOUTEN``."""
    retour = _antwoord(
        inkomend,
        nummer=nummer,
        ingediend=ingediend,
        afgewezen=((prestatie, [retourcode(afkeur)]) for prestatie, afkeur, _ in afgewezen),
    )
    fouten = [
        {"klasse": "Prestatie", "sleutel": p.referentie, "codes": [retourcode(afkeur)], "toelichting": uitleg}
        for p, afkeur, uitleg in afgewezen[:MAX_FOUTEN]
    ]
    if len(afgewezen) > MAX_FOUTEN:
        meer = f"En nog {len(afgewezen) - MAX_FOUTEN} afgewezen prestaties: zie het JW325-bericht."
        fouten.append({"klasse": "Prestatie", "sleutel": "", "codes": [], "toelichting": meer})
    return Uitkomst(retour=retour, fouten=fouten, declaratie_id=declaratie_id)
