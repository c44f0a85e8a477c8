"""JW317 verzoek om wijziging, answered with JW318 (R-M1; issue 5 §2): the iJw form of the
adjustment request of SPEC §6, filed through ``dien_aanpassing_in``. The municipality answers later
(JW319 refused / in onderzoek, or JW301) from ``besluit_aanpassing``.

Control levels (IV032). Level 2, header-only retour 0001: CS002 (Bsn), TR352, TR353, and per
TeWijzigenProduct/NieuwProduct CD075, CS003, CD077/CD078. Level 3, the code on its class, 0200 on the
others, nothing stored: Client TR304 (8187, unknown Bsn); Verzoek TR347 (9347), TR374 (9374), TR349
(9349); OngewijzigdProduct TR350 (9350); TeWijzigenProduct TR351 (9351), TR304 (8187, the provider's
allocation of another client), TR357 (9357), TR373 (9373), TR375 (9375), TR411 (9411), TR412 (9412);
TR361 (9361) on each OngewijzigdProduct/TeWijzigenProduct (and NieuwProduct) whose period overlaps
another of the same product: the product of an allocation is the one our JW301 carried (a keuzebudget
has none, so it may overlap nothing; TR375 and TR412 both apply to it).
"Actuele toewijzing" (TR349): an allocation of this client at the sending provider from the receiving
municipality, not withdrawn (``ingetrokken`` = RedenWijziging 13 "Verwijderd"), with Einddatum on or
after the day of receipt; a stop of care does not end the allocation.

Mapping to SPEC §6 (R-A2..R-A5): a JW317 adjusts one running keuzebudget.
- TeWijzigenProduct on a keuzebudget allocation: Budget (eurocents) is the new keuzebudget total
  (``gevraagd_bedrag``, euros), Einddatum its new end (``gevraagde_einddatum``); a value equal to the
  current one is "unchanged". A budget changes over its whole period: GewensteIngangsdatum must be the
  allocation's Ingangsdatum (TR373, IV092).
- RedenVerzoek (WJ758) 2 "wijziging zorgplan" is R-A4 reason 2 "hulp slaat niet aan" (the approach does
  not work; at most 6 months after the start); 1 "verandering cliëntsituatie" is reason 3 "gewijzigde
  omstandigheden", which must be discussed with the toegang first. The message cannot say it was, so it
  is filed as not discussed and the service refuses it: the provider files it in the portal.
- Reason 1 (only at screening, before any allocation a JW317 could name) and reason 4 (a budget for
  another provider) cannot come from a JW317: the portal.
- NieuwProduct, a TeWijzigenProduct on Wonen/Verblijf or crisisopvolging (R-W8), a second keuzebudget
  in one message (one decision per ReferentieAanbieder) and a refusal by the service (``DomainError``,
  on the Verzoek class) get 0001: WJ001 has no specific code; ``fouten`` says what to do instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import combinations

from lxml import etree

from jeugdregie.catalogus.constants import IjwEenheid
from jeugdregie.common import opmaak
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.toewijzingen.services.aanpassen import dien_aanpassing_in
from jeugdregie.verzoeken.constants import VERZOEK_ONDERHANDEN
from jeugdregie.verzoeken.models import Toewijzingsverzoek

from ..constants import Berichttype, Retourcode
from ..xml.retour import retour
from . import lezen
from .basis import Inhoudsfout, Inkomend, Uitkomst

KLASSEN = ["Client", "Verzoek", "OngewijzigdProduct", "TeWijzigenProduct", "NieuwProduct"]
TR304, TR347, TR349, TR350, TR351 = "8187", "9347", "9349", "9350", "9351"
TR357, TR373, TR374, TR411, TR412 = "9357", "9373", "9374", "9411", "9412"
TR361, TR375 = "9361", "9375"
OMVANG_VANAF = date(2020, 12, 31)  # TR412: "Einddatum groter dan 31-12-2020 of leeg"
REDEN = {"1": AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN, "2": AanpassingReden.HULP_SLAAT_NIET_AAN}
WJ758 = {"1": "verandering cliëntsituatie", "2": "wijziging zorgplan"}
# What the provider reads in the message log, per rule; "0001:*" are refusals of SPEC §6 (module docstring).
UITLEG = {
    "TR304": "Toewijzing {nummer} hoort bij een andere cliënt (TR304).",
    "TR347": "ReferentieAanbieder {referentie} is al gebruikt: geef elk verzoek een eigen referentie (TR347).",
    "TR349": "Neem alle actuele toewijzingen op als OngewijzigdProduct of TeWijzigenProduct; ontbrekend: {nummers} "
    "(TR349).",
    "TR350": "Toewijzing {nummer} is geen actuele toewijzing van deze cliënt bij uw organisatie en deze gemeente "
    "({regel}). Gebruik het ToewijzingNummer uit het laatste toewijzingsbericht.",
    "TR357": "Een wijziging die niet in de toekomst ingaat, geldt voor de hele looptijd: vul GewensteIngangsdatum "
    "{begin} (TR357).",
    "TR361": "{wat} overlapt in de tijd met {ander} van hetzelfde product (of een toewijzing zonder product): "
    "een product mag alleen vaker in het verzoek voorkomen als de zorgperiodes elkaar niet overlappen (TR361).",
    "TR373": "Een budget wijzigt altijd over de hele looptijd: vul GewensteIngangsdatum {begin} (TR373).",
    "TR374": "Er is al een verzoek voor deze cliënt onderhanden: wacht op het antwoord van de gemeente (TR374).",
    "TR411": "Vul de Omvang voor product {product} (TR411).",
    "TR375": "Toewijzing {nummer} is toegewezen zonder Product: laat Omvang leeg en vraag een Budget (TR375).",
    "TR412": "Deze toewijzing is een budget zonder productcode: laat Omvang leeg en vraag een Budget (TR412).",
    "0001:nieuw": "Een nieuw product of een nieuwe periode vraagt u aan met een verzoek om toewijzing (JW315); een "
    "verzoek om wijziging past alleen een lopend keuzebudget aan (SPEC §6).",
    "0001:soort": "Toewijzing {nummer} is geen keuzebudget: een wijziging van Wonen/Verblijf of crisisopvolging vraagt "
    "u aan bij de verwijzer en de toegang.",
    "0001:tweede": "Vraag per verzoek om wijziging de aanpassing van één keuzebudget; stuur voor toewijzing {nummer} "
    "een nieuw verzoek na het antwoord op dit verzoek.",
}


@dataclass
class Wijziging:
    """One TeWijzigenProduct: the desired state of an allocation (IV092)."""

    element: etree._Element
    nummer: int
    ingangsdatum: date
    einddatum: date | None
    budget: int | None  # eurocents
    omvang: bool


@dataclass(frozen=True)
class Zorgperiode:
    """TR361: one product of the request with its period (``None``: no end)."""

    element: etree._Element
    klasse: str
    sleutel: object
    categorie: str
    code: str
    ingang: date
    einde: date | None
    toegewezen: Zorgperiode | None = None  # an allocation's current period, as allocated

    def stapelt(self, ander: Zorgperiode) -> bool:
        """The same product (code, or category where one has no code), or either without a category,
        and the periods overlap (bounds included): as the standard's stylesheet compares products (TR302)."""
        x, y = self, ander
        zelfde = (x.code and y.code and x.code == y.code and x.categorie == y.categorie) or (
            (not x.code or not y.code) and x.categorie and x.categorie == y.categorie
        )
        if not (zelfde or not x.categorie or not y.categorie):
            return False
        return (x.einde is None or y.ingang <= x.einde) and (y.einde is None or x.ingang <= y.einde)


def toegewezen_product(toewijzing: Toewijzing) -> tuple[str, str]:
    """(Categorie, Code) of the allocation as our JW301 carries it (``uitgaand.jw301``): a keuzebudget
    has no Product, a per-etmaal product its category and code, any other its category only."""
    if toewijzing.keuzebudget_id is not None or toewijzing.product_id is None:
        return "", ""
    product = toewijzing.product
    return product.ijw_productcategorie, product.code if product.ijw_eenheid == IjwEenheid.ETMAAL else ""


def _controleer_product(element: etree._Element, ns: dict[str, str]) -> None:
    """Level 2 for a TeWijzigenProduct or NieuwProduct: CD075, CS003, CD077/CD078."""
    ingang, einde = lezen.datum(element, "m:GewensteIngangsdatum", ns), lezen.datum(element, "m:Einddatum", ns)
    heeft_budget, heeft_omvang = element.find("m:Budget", ns) is not None, element.find("m:Omvang", ns) is not None
    if heeft_budget and einde is None:
        raise Inhoudsfout("Vul de Einddatum bij een gevraagd Budget (CD075).", regel="CD075")
    if einde is not None and einde < ingang:
        raise Inhoudsfout(
            f"De Einddatum {einde:%d-%m-%Y} ligt voor de GewensteIngangsdatum {ingang:%d-%m-%Y} (CS003).", regel="CS003"
        )
    if heeft_budget and heeft_omvang:
        raise Inhoudsfout("Vraag een Budget of een Omvang, niet allebei (CD077/CD078).", regel="CD077")


def _lees(inkomend: Inkomend):
    ns = inkomend.ns
    client = inkomend.root.find("m:Client", ns)
    bsn = lezen.bsn(lezen.tekst(client, "m:Bsn", ns))
    verzoek = client.find("m:Verzoek", ns)
    ongewijzigd = verzoek.findall("m:OngewijzigdeProducten/m:OngewijzigdProduct", ns)
    te_wijzigen = verzoek.findall("m:TeWijzigenProducten/m:TeWijzigenProduct", ns)
    nieuw = verzoek.findall("m:NieuweProducten/m:NieuwProduct", ns)
    if not ongewijzigd and not te_wijzigen:
        raise Inhoudsfout("Neem alle actuele toewijzingen op als OngewijzigdProduct of TeWijzigenProduct (TR352).")
    if not te_wijzigen and not nieuw:
        raise Inhoudsfout("Het verzoek vraagt niets aan: vul een TeWijzigenProduct of NieuwProduct (TR353).")
    for element in te_wijzigen + nieuw:
        _controleer_product(element, ns)
    wijzigingen = [
        Wijziging(
            element=el,
            nummer=lezen.geheel(el, "m:ToewijzingNummer", ns),
            ingangsdatum=lezen.datum(el, "m:GewensteIngangsdatum", ns),
            einddatum=lezen.datum(el, "m:Einddatum", ns),
            budget=lezen.geheel(el, "m:Budget", ns),
            omvang=el.find("m:Omvang", ns) is not None,
        )
        for el in te_wijzigen
    ]
    return client, bsn, verzoek, ongewijzigd, wijzigingen, nieuw


class _Beoordeling:
    """One JW317 being judged: the client, its current allocations, and the retourcodes per
    element of the original with their Dutch explanations (``fouten``)."""

    def __init__(self, inkomend: Inkomend, verzoek: etree._Element, jeugdige: Jeugdige | None):
        self.inkomend, self.verzoek, self.jeugdige = inkomend, verzoek, jeugdige
        self.referentie = lezen.tekst(verzoek, "m:ReferentieAanbieder", inkomend.ns)
        self.reden = lezen.tekst(verzoek, "m:RedenVerzoek", inkomend.ns)
        self.codes: dict[etree._Element, list[str]] = {}
        self.fouten: list[dict] = []
        self.actueel = self._actueel()

    def meld(self, element: etree._Element, klasse: str, sleutel: object, code: str, uitleg: str, **waarden) -> None:
        """``uitleg``: a key of UITLEG (formatted with ``waarden``) or the Dutch text itself."""
        self.codes.setdefault(element, []).append(code)
        toelichting = UITLEG[uitleg].format(**waarden) if uitleg in UITLEG else uitleg
        self.fouten.append({"klasse": klasse, "sleutel": str(sleutel), "codes": [code], "toelichting": toelichting})

    def meld_verzoek(self, code: str, uitleg: str, **waarden) -> None:
        self.meld(self.verzoek, "Verzoek", self.referentie, code, uitleg, **waarden)

    def meld_wijziging(self, w: Wijziging, code: str, uitleg: str, **waarden) -> None:
        self.meld(w.element, "TeWijzigenProduct", w.nummer, code, uitleg, nummer=w.nummer, **waarden)

    def _actueel(self) -> dict[int, Toewijzing]:
        """TR349: the client's current allocations at this provider from this municipality."""
        if self.jeugdige is None:
            return {}
        toewijzingen = (
            Toewijzing.objects.filter(
                jeugdige=self.jeugdige,
                aanbieder=self.inkomend.aanbieder,
                gemeente=self.inkomend.gemeente,
                einddatum__gte=self.inkomend.vandaag,
            )
            .exclude(status=ToewijzingStatus.INGETROKKEN)
            .select_related("keuzebudget", "product", "verwijzing")
        )
        return {t.pk: t for t in toewijzingen}

    def koppel(self, element: etree._Element, klasse: str, nummer: int, code: str) -> Toewijzing | None:
        """TR350/TR351, or TR304 when the number is this provider's allocation of another client."""
        if nummer in self.actueel:
            return self.actueel[nummer]
        eigen = Toewijzing.objects.filter(pk=nummer, aanbieder=self.inkomend.aanbieder, gemeente=self.inkomend.gemeente)
        if eigen.exclude(jeugdige=self.jeugdige).exists():
            self.meld(element, klasse, nummer, TR304, "TR304", nummer=nummer)
        else:
            regel = "TR350" if code == TR350 else "TR351"
            self.meld(element, klasse, nummer, code, "TR350", nummer=nummer, regel=regel)
        return None

    def controleer_wijziging(self, w: Wijziging, t: Toewijzing) -> None:
        """TR357, TR373 (with IV092: a budget changes over its whole period), TR411, TR412."""
        begin, dagtekening = f"{t.begindatum:%d-%m-%Y}", self.inkomend.kop.dagtekening
        if dagtekening and w.ingangsdatum <= dagtekening and w.ingangsdatum != t.begindatum:
            self.meld_wijziging(w, TR357, "TR357", begin=begin)
        if t.keuzebudget_id and w.ingangsdatum != t.begindatum:
            self.meld_wijziging(w, TR373, "TR373", begin=begin)
        code = t.product.code if t.product_id and not t.keuzebudget_id else ""
        if code and not w.omvang:
            self.meld_wijziging(w, TR411, "TR411", product=code)
        if w.omvang and t.einddatum > OMVANG_VANAF and toegewezen_product(t) == ("", ""):
            self.meld_wijziging(w, TR375, "TR375")
        if not code and w.omvang and t.einddatum > OMVANG_VANAF:
            self.meld_wijziging(w, TR412, "TR412")

    def controleer_overlap(self, perioden: list[Zorgperiode]) -> None:
        """TR361: a product occurs more than once only with periods that do not overlap. Checked for
        every pair with an OngewijzigdProduct or TeWijzigenProduct (two NieuwProducten: the
        stylesheet); each element in such a pair gets 9361 once. Two current allocations that already
        overlap as the municipality allocated them (a keuzebudget next to Wonen at one provider, R-W4,
        which our JW301 sends in separate messages because of TR302) are not the provider's request:
        TR349 makes it name both, so that pair is left out (docs/catalogus-ijw.md)."""
        gemeld: set[int] = set()
        for a, b in combinations(perioden, 2):
            if a.klasse == b.klasse == "NieuwProduct" or not a.stapelt(b):
                continue
            if a.toegewezen and b.toegewezen and a.toegewezen.stapelt(b.toegewezen):
                continue  # side by side already as allocated (R-W4): not the provider's request
            for zelf, ander in ((a, b), (b, a)):
                if id(zelf.element) not in gemeld:
                    gemeld.add(id(zelf.element))
                    self.meld(
                        zelf.element,
                        zelf.klasse,
                        zelf.sleutel,
                        TR361,
                        "TR361",
                        wat=_omschrijf(zelf),
                        ander=_omschrijf(ander),
                    )

    def controleer_verzoek(self, genoemd: set[int]) -> None:
        """TR347, TR374 and TR349 on the Verzoek class."""
        aanbieder, referentie, jeugdige = self.inkomend.aanbieder, self.referentie, self.jeugdige
        aanvragen = Aanpassingsaanvraag.objects.filter(verwijzing__aanbieder=aanbieder)
        verzoeken = Toewijzingsverzoek.objects.filter(aanbieder=aanbieder)
        if (
            aanvragen.filter(referentie_aanbieder=referentie).exists()
            or verzoeken.filter(referentie_aanbieder=referentie).exists()
        ):
            self.meld_verzoek(TR347, "TR347", referentie=referentie)
        if jeugdige is not None and (
            aanvragen.filter(verwijzing__jeugdige=jeugdige, status=AanpassingStatus.INGEDIEND).exists()
            or verzoeken.filter(jeugdige=jeugdige, status__in=VERZOEK_ONDERHANDEN).exists()
        ):
            self.meld_verzoek(TR374, "TR374")
        ontbreekt = sorted(set(self.actueel) - genoemd)
        if ontbreekt:
            self.meld_verzoek(TR349, "TR349", nummers=", ".join(map(str, ontbreekt)))

    def domein(self, gekoppeld: list[tuple[Wijziging, Toewijzing]], nieuw: list[etree._Element]) -> None:
        """What SPEC §6 takes from a valid message: one keuzebudget adjustment (module docstring)."""
        for element in nieuw:
            self.meld(element, "NieuwProduct", "", Retourcode.TECHNISCH, "0001:nieuw")
        budgetten = []
        for w, t in gekoppeld:
            if t.soort != ToewijzingSoort.KEUZEBUDGET:
                self.meld_wijziging(w, Retourcode.TECHNISCH, "0001:soort")
            elif budgetten:
                self.meld_wijziging(w, Retourcode.TECHNISCH, "0001:tweede")
            else:
                budgetten.append((w, t))
        if not self.codes and budgetten:
            self.dien_in(*budgetten[0])

    def dien_in(self, w: Wijziging, t: Toewijzing) -> None:
        """SPEC §6 via ``dien_aanpassing_in``; a refusal by the service goes on the Verzoek class."""
        budget = t.keuzebudget
        bedrag = lezen.euro(w.budget)
        bedrag = bedrag if bedrag is not None and bedrag != budget.bedrag else None
        einddatum = w.einddatum if w.einddatum is not None and w.einddatum != budget.einddatum else None
        gevraagd = [f"keuzebudget {opmaak.euro(bedrag)}"] if bedrag is not None else []
        gevraagd += [f"einddatum {einddatum:%d-%m-%Y}"] if einddatum is not None else []
        try:
            dien_aanpassing_in(
                verwijzing=t.verwijzing,
                reden=REDEN[self.reden],
                toelichting=f"Verzoek om wijziging via iJw (JW317, ReferentieAanbieder {self.referentie}), reden "
                f"{WJ758[self.reden]}. Gevraagd: {', '.join(gevraagd) or 'geen wijziging'}.",
                door=self.inkomend.door,
                gevraagd_bedrag=bedrag,
                gevraagde_einddatum=einddatum,
                referentie_aanbieder=self.referentie,
            )
        except DomainError as fout:
            # Two deliveries at once: the row lock lets one through; for the other it is onderhanden (TR374).
            bezet = t.verwijzing.aanpassingen.filter(status=AanpassingStatus.INGEDIEND).exists()
            self.meld_verzoek(TR374 if bezet else Retourcode.TECHNISCH, f"{fout.message} ({fout.code})")


def _omschrijf(p: Zorgperiode) -> str:
    if p.klasse == "NieuwProduct":
        return f"NieuwProduct {p.code or p.categorie or 'zonder product'}".strip()
    return f"toewijzing {p.sleutel}"


def _toegewezen(
    toewijzing: Toewijzing, element: etree._Element, klasse: str, einde: date | None, ingang: date | None = None
) -> Zorgperiode:
    """An OngewijzigdProduct or TeWijzigenProduct: the allocation's product, from its Ingangsdatum (or
    an earlier GewensteIngangsdatum) to the requested end (TeWijzigenProduct; none: open)."""
    categorie, code = toegewezen_product(toewijzing)
    nu = Zorgperiode(element, klasse, toewijzing.pk, categorie, code, toewijzing.begindatum, toewijzing.einddatum)
    begin = min(toewijzing.begindatum, ingang or toewijzing.begindatum)
    return Zorgperiode(element, klasse, toewijzing.pk, categorie, code, begin, einde, toegewezen=nu)


def _nieuw_periode(element: etree._Element, ns: dict[str, str]) -> Zorgperiode:
    return Zorgperiode(
        element=element,
        klasse="NieuwProduct",
        sleutel="",
        categorie=lezen.tekst(element, "m:Product/ijw:Categorie", ns),
        code=lezen.tekst(element, "m:Product/ijw:Code", ns),
        ingang=lezen.datum(element, "m:GewensteIngangsdatum", ns),
        einde=lezen.datum(element, "m:Einddatum", ns),
    )


def verwerk(inkomend: Inkomend) -> Uitkomst:
    client, bsn, verzoek, ongewijzigd, wijzigingen, nieuw = _lees(inkomend)
    jeugdige = Jeugdige.objects.filter(bsn=bsn).first()
    beoordeling = _Beoordeling(inkomend, verzoek, jeugdige)
    if jeugdige is None:
        beoordeling.meld(client, "Client", "", TR304, "Er is geen cliënt met dit Bsn bekend bij de gemeente (TR304).")
    genoemd: set[int] = set()
    perioden: list[Zorgperiode] = []
    for element in ongewijzigd:
        nummer = lezen.geheel(element, "m:ToewijzingNummer", inkomend.ns)
        genoemd.add(nummer)
        toewijzing = beoordeling.koppel(element, "OngewijzigdProduct", nummer, TR350)
        if toewijzing is not None:
            perioden.append(_toegewezen(toewijzing, element, "OngewijzigdProduct", toewijzing.einddatum))
    gekoppeld: list[tuple[Wijziging, Toewijzing]] = []
    for w in wijzigingen:
        genoemd.add(w.nummer)
        toewijzing = beoordeling.koppel(w.element, "TeWijzigenProduct", w.nummer, TR351)
        if toewijzing is not None:
            beoordeling.controleer_wijziging(w, toewijzing)
            gekoppeld.append((w, toewijzing))
            perioden.append(_toegewezen(toewijzing, w.element, "TeWijzigenProduct", w.einddatum, w.ingangsdatum))
    perioden += [_nieuw_periode(element, inkomend.ns) for element in nieuw]
    beoordeling.controleer_overlap(perioden)
    beoordeling.controleer_verzoek(genoemd)
    if not beoordeling.codes:
        beoordeling.domein(gekoppeld, nieuw)
    root = retour(
        inkomend.root,
        retourtype=Berichttype.JW318,
        klassen=KLASSEN,
        codes=beoordeling.codes,
        standaard=Retourcode.GEEN_OPMERKING,
        identificatie=inkomend.retour_identificatie,
        dagtekening=inkomend.vandaag,
    )
    return Uitkomst(
        retour=root,
        bewaar=not beoordeling.codes,
        fouten=beoordeling.fouten,
        jeugdige_id=jeugdige.pk if jeugdige else None,
        toewijzing_id=gekoppeld[0][1].pk if len(gekoppeld) == 1 else None,
    )
