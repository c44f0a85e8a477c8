"""What a toegang decision says, read from the route's rows (R-D1): the facts a beschikking
states. A decision is named by its ``Bron`` (the route event's kind and decided object, and the
event's moment when there is an event row; the bulk history of the synthetic region has none).
One reader per kind of object; each returns a ``Besluit`` or ``None`` when it is no toegang
decision about a known child. The readers take the object (and the referral's results, the
product's tariffs) already read when the caller has them: ``synthese.beschikkingen`` reads them
for a whole region at once and gets the same facts (``tests/test_synthese_beschikkingen.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from jeugdregie.common.tijd import datum_van
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.constants import AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.toewijzingen.services.bedrag import Tarieven, bedrag_van
from jeugdregie.verwijzingen.models import Aanmelding, Gebeurtenis, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek

from .constants import SOORT_PER_GEBEURTENIS, BeschikkingSoort


@dataclass(frozen=True)
class Besluit:
    """The facts of one decision, as the letter states them (R-D1)."""

    soort: BeschikkingSoort
    gemeente: Gemeente
    jeugdige: Jeugdige
    toegekend: bool
    besluitdatum: date
    aanbieder: Aanbieder | None = None
    hulp: str = ""  # the product or budget in words
    resultaten: tuple[str, ...] = ()
    bedrag: Decimal | None = None
    begindatum: date | None = None
    einddatum: date | None = None
    motivering: str = ""
    deels: bool = False
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Bron:
    """Which decision: the route event's kind (``Gebeurtenissoort``), the decided object as a
    route event names it (``objecttype``, ``object_id``), and the event row and its moment when
    the decision went through the route's services."""

    gebeurtenissoort: str
    besluittype: str
    besluit_id: int
    tijdstip: datetime | None = None
    gebeurtenis_id: int | None = None

    @property
    def soort(self) -> BeschikkingSoort | None:
        return SOORT_PER_GEBEURTENIS.get(self.gebeurtenissoort)


def bron_van(gebeurtenis: Gebeurtenis) -> Bron:
    return Bron(
        gebeurtenissoort=gebeurtenis.gebeurtenis,
        besluittype=gebeurtenis.objecttype,
        besluit_id=gebeurtenis.object_id,
        tijdstip=gebeurtenis.tijdstip,
        gebeurtenis_id=gebeurtenis.pk,
    )


@dataclass
class Voorraad:
    """What a reader needs besides the object, when the caller read it in bulk: the referrals'
    results and the products' tariffs. Empty: the reader queries them itself."""

    resultaten: dict[int, tuple[str, ...]] | None = None
    #: Per (product, region): the tariffs that hold there (R-R1, ``tarieven_van``).
    tarieven: dict[tuple[int, int], Tarieven] = field(default_factory=dict)


def _resultaten(verwijzing: Verwijzing, voorraad: Voorraad | None) -> tuple[str, ...]:
    if voorraad is not None and voorraad.resultaten is not None:
        return voorraad.resultaten.get(verwijzing.pk, ())
    return tuple(verwijzing.resultaten.order_by("id").values_list("omschrijving", flat=True))


def _bedrag(toewijzing: Toewijzing, voorraad: Voorraad | None) -> Decimal:
    """``toewijzingen.services.bedrag.toegewezen_bedrag``, with the tariffs from the voorraad."""
    regio_id = toewijzing.gemeente.regio_id
    sleutel = (toewijzing.product_id, regio_id) if toewijzing.product_id else None
    tarieven = voorraad.tarieven.get(sleutel) if voorraad and sleutel else None
    return bedrag_van(
        keuzebudget_bedrag=toewijzing.keuzebudget.bedrag if toewijzing.keuzebudget_id else None,
        soort=toewijzing.soort,
        product=toewijzing.product,
        volume=toewijzing.volume,
        begin=toewijzing.begindatum,
        einde=toewijzing.einddatum,
        tarieven=tarieven,
        regio_id=regio_id,
    )


def _datum(bron: Bron, anders: date) -> date:
    """The decision's date: the event's moment, or (no event row) the date the rows hold."""
    return datum_van(bron.tijdstip) if bron.tijdstip is not None else anders


def _hulp(toewijzing: Toewijzing) -> str:
    if toewijzing.keuzebudget_id:
        return f"keuzebudget {toewijzing.keuzebudget.get_soort_display().lower()}"
    return toewijzing.product.naam if toewijzing.product_id else ""


TOEWIJZING_RELATIES = ("verwijzing", "jeugdige", "gemeente", "aanbieder", "product", "keuzebudget")


def _toewijzing(bron: Bron, soort: BeschikkingSoort, obj=None, voorraad: Voorraad | None = None) -> Besluit | None:
    toewijzing = obj or Toewijzing.objects.select_related(*TOEWIJZING_RELATIES).get(pk=bron.besluit_id)
    intrekking = soort == BeschikkingSoort.INTREKKING
    if intrekking:
        motivering = "De hulp is nog niet begonnen. Daarom stopt de gemeente de toewijzing voordat de hulp start."
    elif soort == BeschikkingSoort.BEEINDIGING:
        motivering = (
            "De jeugdige woont nu in een andere gemeente. Die gemeente is vanaf de verhuizing "
            "verantwoordelijk voor de jeugdhulp. Daarom stopt onze toewijzing op de dag voor de verhuizing."
        )
    elif soort == BeschikkingSoort.WONEN:
        motivering = (
            "Hulp thuis is niet genoeg. Daarom is hulp met verblijf nodig. "
            "Zo kan de jeugdige de resultaten halen die in deze brief staan."
        )
    else:
        motivering = toewijzing.verwijzing.motivering_afwijking.strip() or (
            "Met deze hulp kan de jeugdige de resultaten halen die in deze brief staan."
        )
    return Besluit(
        soort=soort,
        gemeente=toewijzing.gemeente,
        jeugdige=toewijzing.jeugdige,
        toegekend=not intrekking,
        besluitdatum=_datum(bron, toewijzing.begindatum),
        aanbieder=toewijzing.aanbieder,
        hulp=_hulp(toewijzing),
        resultaten=_resultaten(toewijzing.verwijzing, voorraad),
        bedrag=_bedrag(toewijzing, voorraad),
        begindatum=toewijzing.begindatum,
        einddatum=toewijzing.einddatum,
        motivering=motivering,
    )


AANPASSING_RELATIES = (
    "verwijzing__jeugdige",
    "verwijzing__gemeente",
    "verwijzing__aanbieder",
    "verwijzing__keuzebudget",
)


def _aanpassing(bron: Bron, soort: BeschikkingSoort, obj=None, voorraad: Voorraad | None = None) -> Besluit | None:
    aanvraag = obj or Aanpassingsaanvraag.objects.select_related(*AANPASSING_RELATIES).get(pk=bron.besluit_id)
    verwijzing = aanvraag.verwijzing
    budget = getattr(verwijzing, "keuzebudget", None)
    toegekend = aanvraag.status != AanpassingStatus.AFGEWEZEN
    return Besluit(
        soort=soort,
        gemeente=verwijzing.gemeente,
        jeugdige=verwijzing.jeugdige,
        toegekend=toegekend,
        deels=aanvraag.status == AanpassingStatus.DEELS_TOEGEKEND,
        besluitdatum=aanvraag.besluit_op or _datum(bron, aanvraag.ingediend_op),
        aanbieder=verwijzing.aanbieder,
        hulp=f"aanpassing: {aanvraag.get_reden_display().lower()}",
        resultaten=_resultaten(verwijzing, voorraad),
        bedrag=(aanvraag.toegekend_bedrag if toegekend else None) or (budget.bedrag if budget else None),
        begindatum=budget.begindatum if budget else None,
        einddatum=(aanvraag.toegekende_einddatum if toegekend else None) or (budget.einddatum if budget else None),
        motivering=aanvraag.motivering,
    )


def _verzoek(bron: Bron, soort: BeschikkingSoort, obj=None, voorraad: Voorraad | None = None) -> Besluit | None:
    verzoek = obj or Toewijzingsverzoek.objects.select_related("jeugdige", "gemeente", "aanbieder", "product").get(
        pk=bron.besluit_id
    )
    reden = verzoek.get_reden_afwijzing_display()
    return Besluit(
        soort=soort,
        gemeente=verzoek.gemeente,
        jeugdige=verzoek.jeugdige,
        toegekend=False,
        besluitdatum=verzoek.besluit_op or _datum(bron, datum_van(verzoek.ontvangen_op)),
        aanbieder=verzoek.aanbieder,
        hulp=verzoek.product.naam if verzoek.product_id else "",
        motivering=f"{reden}. {verzoek.toelichting}".strip() if reden else verzoek.toelichting,
    )


def _aanmelding(bron: Bron, soort: BeschikkingSoort, obj=None, voorraad: Voorraad | None = None) -> Besluit | None:
    aanmelding = obj or Aanmelding.objects.select_related("gemeente", "indiener_aanbieder").get(pk=bron.besluit_id)
    jeugdige = Jeugdige.objects.filter(bsn=aanmelding.bsn).first()
    if jeugdige is None or aanmelding.gemeente_id is None:
        return None  # nobody known to address: the submitter hears the reason on its own page
    return Besluit(
        soort=soort,
        gemeente=aanmelding.gemeente,
        jeugdige=jeugdige,
        toegekend=False,
        besluitdatum=datum_van(aanmelding.besluit_op or bron.tijdstip or aanmelding.ingediend_op),
        aanbieder=aanmelding.indiener_aanbieder,
        motivering=aanmelding.toelichting,
    )


CRISIS_RELATIES = ("jeugdige", "gemeente", "aanbieder", "product", "toewijzing__product", "toewijzing__keuzebudget")


def _crisisopvolging(bron: Bron, soort: BeschikkingSoort, obj=None, voorraad: Voorraad | None = None) -> Besluit | None:
    verzoek = obj or Crisisopvolgingsverzoek.objects.select_related(*CRISIS_RELATIES).get(pk=bron.besluit_id)
    if verzoek.jeugdige_id is None:
        return None  # a refusal for a child the register does not know: nobody to address
    toewijzing = verzoek.toewijzing if soort == BeschikkingSoort.CRISISOPVOLGING else None
    return Besluit(
        soort=soort,
        gemeente=verzoek.gemeente,
        jeugdige=verzoek.jeugdige,
        toegekend=toewijzing is not None,
        besluitdatum=_datum(bron, verzoek.ingediend_op),
        aanbieder=verzoek.aanbieder,
        hulp=verzoek.product.naam,
        resultaten=("De crisis is voorbij en de hulp daarna is geregeld.",) if toewijzing else (),
        bedrag=_bedrag(toewijzing, voorraad) if toewijzing else None,
        begindatum=toewijzing.begindatum if toewijzing else None,
        einddatum=toewijzing.einddatum if toewijzing else None,
        motivering=verzoek.motivering
        or "Na de crisis is nog hulp nodig. Die hulp is al begonnen; de gemeente betaalt die vanaf de start.",
    )


_LEZERS: dict[str, Callable[..., Besluit | None]] = {
    "toewijzing": _toewijzing,
    "aanpassingsaanvraag": _aanpassing,
    "toewijzingsverzoek": _verzoek,
    "aanmelding": _aanmelding,
    "crisisopvolgingsverzoek": _crisisopvolging,
}


def is_besluit(soort_gebeurtenis: str) -> bool:
    """R-D1: does an event of this kind stand for a toegang decision that gets a letter?"""
    return soort_gebeurtenis in SOORT_PER_GEBEURTENIS


#: The decided object's model per ``objecttype`` (the service locks its row when there is no
#: event row to lock).
MODELLEN = {
    "toewijzing": Toewijzing,
    "aanpassingsaanvraag": Aanpassingsaanvraag,
    "toewijzingsverzoek": Toewijzingsverzoek,
    "aanmelding": Aanmelding,
    "crisisopvolgingsverzoek": Crisisopvolgingsverzoek,
}


def lees_besluit(bron: Bron | Gebeurtenis, *, obj=None, voorraad: Voorraad | None = None) -> Besluit | None:
    """The decision behind ``bron`` (or an event row), or ``None`` when it is no toegang decision
    about a child the register knows. ``obj`` and ``voorraad``: what the caller already read."""
    if isinstance(bron, Gebeurtenis):
        bron = bron_van(bron)
    soort = bron.soort
    lezer = _LEZERS.get(bron.besluittype)
    if soort is None or lezer is None:
        return None
    return lezer(bron, soort, obj, voorraad)
