"""What the start (JW305) and stop (JW307) handlers share: reading the client and its product
classes, the rules inside the message (IV032 level 2, header-only 0001: CS002 BSN, CS058
StatusAanlevering 1 or 3, TR101 no duplicate key, TR018 end not before begin), relating a class
to an allocation (TR019, or TR063 for a deletion; TR381 product code) and the retour with one
code per class (IV028).

Every class is judged, deletions (StatusAanlevering 3) before first deliveries so a correction
and its replacement can travel in one message (IV008). A failing class gets its code, the others
0200; any failure rejects the whole message (``Uitkomst.bewaar=False``; IV032 levels 3/4).

A ``DomainError`` from the allocation services (R-H1, R-H4, R-W9 …) is a failure on that class
too. WJ001 has no code for the municipality's own rules; it gets 9019 (the start or stop cannot
be related to the allocation as the municipality holds it). The Dutch explanation with the
domain code (TW0xx) is kept in ``fouten[i]["toelichting"]`` and the message log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from lxml import etree

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Berichttype, Retourcode
from ..xml.retour import retour
from . import lezen
from .basis import Inhoudsfout, Inkomend, Uitkomst

EERSTE_AANLEVERING = "1"
VERWIJDEREN = "3"
NIET_TE_KOPPELEN = "9019"  # TR019
GEEN_EERDERE_AANLEVERING = "9063"  # TR063
PRODUCTCODE_ONGELDIG = "S329"  # TR381


@dataclass(frozen=True, eq=False)
class Regel:
    """One StartProduct or StopProduct. ``reden`` and ``einddatum`` only on a StopProduct."""

    element: etree._Element
    nummer: int | None
    categorie: str
    code: str
    begindatum: date
    status: str
    reden: str = ""
    einddatum: date | None = None

    @property
    def sleutel(self) -> str:
        """The logical key (IV008: ToewijzingNummer, Product, Begindatum; a stop adds its reason)."""
        delen = [str(self.nummer or ""), self.code or self.categorie, self.begindatum.isoformat(), self.reden]
        return "/".join(deel for deel in delen if deel)


class Afkeur(Exception):
    """A cross-message or external-source failure on one class (IV032 level 3/4)."""

    def __init__(self, code: str, toelichting: str):
        super().__init__(toelichting)
        self.code = code
        self.toelichting = toelichting


def lees(inkomend: Inkomend, klasse: str) -> tuple[str, list[Regel]]:
    """The client's BSN and its ``klasse`` elements (StartProduct/StopProduct), with the rules
    inside the message applied."""
    ns = inkomend.ns
    client = inkomend.root.find("m:Client", ns)
    bsn = lezen.bsn(lezen.tekst(client, "m:Bsn", ns))
    regels = [_regel(element, ns, klasse) for element in client.iterfind(f"m:{klasse}en/m:{klasse}", ns)]
    gezien = set()
    for regel in regels:
        if regel.sleutel in gezien:
            raise Inhoudsfout(
                f"{klasse} {regel.sleutel} staat twee keer in het bericht. Elke start of stop komt één keer voor; "
                "een correctie met dezelfde sleutel gaat in een apart bericht (TR101, IV008).",
                regel="TR101",
            )
        gezien.add(regel.sleutel)
    return bsn, regels


def _regel(element: etree._Element, ns: dict[str, str], klasse: str) -> Regel:
    status = lezen.tekst(element, "m:StatusAanlevering", ns)
    if status not in (EERSTE_AANLEVERING, VERWIJDEREN):
        raise Inhoudsfout(
            f"StatusAanlevering {status} is in een {klasse} niet toegestaan: gebruik 1 (eerste aanlevering) of 3 "
            "(verwijderen aanlevering); een wijziging is verwijderen en opnieuw aanleveren (CS058, OP033x2).",
            regel="CS058",
        )
    regel = Regel(
        element=element,
        nummer=lezen.geheel(element, "m:ToewijzingNummer", ns),
        categorie=lezen.tekst(element, "m:Product/ijw:Categorie", ns),
        code=lezen.tekst(element, "m:Product/ijw:Code", ns),
        begindatum=lezen.datum(element, "m:Begindatum", ns),
        status=status,
        reden=lezen.tekst(element, "m:RedenBeeindiging", ns),
        einddatum=lezen.datum(element, "m:Einddatum", ns),
    )
    if regel.einddatum is not None and regel.einddatum < regel.begindatum:
        raise Inhoudsfout(
            f"De einddatum {regel.einddatum:%d-%m-%Y} ligt voor de begindatum {regel.begindatum:%d-%m-%Y} "
            f"van {klasse} {regel.sleutel} (TR018).",
            regel="TR018",
        )
    return regel


def koppel(inkomend: Inkomend, regel: Regel, bsn: str) -> Toewijzing:
    """TR019: the class relates by ToewijzingNummer to an allocation of this provider, this
    client and this municipality (locked for the rest of the message). For a deletion the same
    failure means there was no earlier delivery (TR063, 9063). TR381: the product code fits."""
    code, regelcode = (
        (GEEN_EERDERE_AANLEVERING, "TR063") if regel.status == VERWIJDEREN else (NIET_TE_KOPPELEN, "TR019")
    )

    def afkeur(reden: str) -> Afkeur:
        return Afkeur(code, f"{reden} ({regelcode}).")

    if regel.nummer is None:
        raise afkeur("Het ToewijzingNummer ontbreekt: een start of stop hoort bij een toewijzing")
    toewijzing = (
        Toewijzing.objects.select_for_update(of=("self",))
        .select_related("jeugdige", "product")
        .filter(pk=regel.nummer)
        .first()
    )
    if toewijzing is None or toewijzing.aanbieder_id != inkomend.aanbieder.pk:
        raise afkeur(f"Toewijzing {regel.nummer} bestaat niet of is niet aan u toegewezen")
    if toewijzing.gemeente_id != inkomend.gemeente.pk:
        raise afkeur(f"Toewijzing {regel.nummer} hoort bij een andere gemeente: stuur het bericht aan die gemeente")
    if toewijzing.jeugdige.bsn != bsn:
        raise afkeur(f"Toewijzing {regel.nummer} hoort niet bij de cliënt met dit BSN")
    if toewijzing.status == ToewijzingStatus.INGETROKKEN:
        raise afkeur(f"Toewijzing {regel.nummer} is ingetrokken")
    if regel.status != VERWIJDEREN and regel.code:
        product = Product.objects.filter(code=regel.code).first()
        if product is None or product.ijw_productcategorie != regel.categorie:
            raise Afkeur(
                PRODUCTCODE_ONGELDIG,
                f"Productcode {regel.code} hoort niet bij productcategorie {regel.categorie} (TR381).",
            )
    toegewezen = toewijzing.product
    if toegewezen is not None and (regel.code or toegewezen.code) != toegewezen.code:
        raise afkeur(f"Toewijzing {regel.nummer} is voor product {toegewezen.code}, niet voor {regel.code}")
    return toewijzing


@contextmanager
def domeinregels() -> Iterator[None]:
    """A broken domain rule in a service becomes a failure on the class (9019, see above)."""
    try:
        yield
    except DomainError as fout:
        raise Afkeur(NIET_TE_KOPPELEN, f"{fout.message} ({fout.code})") from None


Verwerking = Callable[[Inkomend, Regel, Toewijzing], None]
#: R-R2, iJw IV096: a class without ToewijzingNummer under a task-based assignment; returns the child's id.
Taakgericht = Callable[[Inkomend, Regel, str], int]


def verwerk_klassen(
    inkomend: Inkomend,
    *,
    klasse: str,
    retourtype: Berichttype,
    eerste: Verwerking,
    verwijder: Verwerking,
    taakgericht: Taakgericht | None = None,
) -> Uitkomst:
    """Judge every ``klasse`` of the message: ``eerste`` for StatusAanlevering 1, ``verwijder``
    for 3, each through the allocation services; a class without ToewijzingNummer through
    ``taakgericht`` (IV096: keyed by Product and Begindatum); build the retour."""
    bsn, regels = lees(inkomend, klasse)
    afkeuren: dict[Regel, Afkeur] = {}
    gekoppeld: dict[Regel, Toewijzing] = {}
    taakgerichte_jeugdigen: list[int] = []
    for regel in sorted(regels, key=lambda r: r.status != VERWIJDEREN):  # IV008: deletions first
        if regel.nummer is None and taakgericht is not None:
            try:
                with domeinregels():
                    taakgerichte_jeugdigen.append(taakgericht(inkomend, regel, bsn))
            except Afkeur as afkeur:
                afkeuren[regel] = afkeur
            continue
        try:
            gekoppeld[regel] = toewijzing = koppel(inkomend, regel, bsn)
            with domeinregels():
                (verwijder if regel.status == VERWIJDEREN else eerste)(inkomend, regel, toewijzing)
        except Afkeur as afkeur:
            afkeuren[regel] = afkeur
    fouten = [
        {"klasse": klasse, "sleutel": r.sleutel, "codes": [afkeuren[r].code], "toelichting": afkeuren[r].toelichting}
        for r in regels
        if r in afkeuren
    ]
    root = retour(
        inkomend.root,
        retourtype=retourtype,
        klassen=["Client", klasse],
        codes={r.element: [a.code] for r, a in afkeuren.items()},
        standaard=Retourcode.GEEN_OPMERKING,
        identificatie=inkomend.retour_identificatie,
        dagtekening=inkomend.vandaag,
    )
    eerste_toewijzing = next((gekoppeld[r] for r in regels if r in gekoppeld), None)
    return Uitkomst(
        retour=root,
        bewaar=not fouten,
        fouten=fouten,
        jeugdige_id=eerste_toewijzing.jeugdige_id if eerste_toewijzing else next(iter(taakgerichte_jeugdigen), None),
        toewijzing_id=eerste_toewijzing.pk if eerste_toewijzing else None,
    )
