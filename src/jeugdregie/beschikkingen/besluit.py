"""What a toegang decision says, read from the route's rows for one event row (R-D1): the facts
a beschikking states. One reader per kind of object the decision event is about; each returns a
``Besluit`` or ``None`` when the event is no toegang decision about a known child."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jeugdregie.common.tijd import datum_van
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.constants import AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.toewijzingen.services.bedrag import toegewezen_bedrag
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


def _resultaten(verwijzing: Verwijzing) -> tuple[str, ...]:
    return tuple(verwijzing.resultaten.values_list("omschrijving", flat=True))


def _hulp(toewijzing: Toewijzing) -> str:
    if toewijzing.keuzebudget_id:
        return f"keuzebudget {toewijzing.keuzebudget.get_soort_display().lower()}"
    return toewijzing.product.naam if toewijzing.product_id else ""


def _toewijzing(gebeurtenis: Gebeurtenis, soort: BeschikkingSoort) -> Besluit | None:
    toewijzing = Toewijzing.objects.select_related(
        "verwijzing", "jeugdige", "gemeente", "aanbieder", "product", "keuzebudget"
    ).get(pk=gebeurtenis.object_id)
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
        besluitdatum=datum_van(gebeurtenis.tijdstip),
        aanbieder=toewijzing.aanbieder,
        hulp=_hulp(toewijzing),
        resultaten=_resultaten(toewijzing.verwijzing),
        bedrag=toegewezen_bedrag(toewijzing),
        begindatum=toewijzing.begindatum,
        einddatum=toewijzing.einddatum,
        motivering=motivering,
    )


def _aanpassing(gebeurtenis: Gebeurtenis, soort: BeschikkingSoort) -> Besluit | None:
    aanvraag = Aanpassingsaanvraag.objects.select_related(
        "verwijzing__jeugdige", "verwijzing__gemeente", "verwijzing__aanbieder", "verwijzing__keuzebudget"
    ).get(pk=gebeurtenis.object_id)
    verwijzing = aanvraag.verwijzing
    budget = getattr(verwijzing, "keuzebudget", None)
    toegekend = aanvraag.status != AanpassingStatus.AFGEWEZEN
    return Besluit(
        soort=soort,
        gemeente=verwijzing.gemeente,
        jeugdige=verwijzing.jeugdige,
        toegekend=toegekend,
        deels=aanvraag.status == AanpassingStatus.DEELS_TOEGEKEND,
        besluitdatum=aanvraag.besluit_op or datum_van(gebeurtenis.tijdstip),
        aanbieder=verwijzing.aanbieder,
        hulp=f"aanpassing: {aanvraag.get_reden_display().lower()}",
        resultaten=_resultaten(verwijzing),
        bedrag=(aanvraag.toegekend_bedrag if toegekend else None) or (budget.bedrag if budget else None),
        begindatum=budget.begindatum if budget else None,
        einddatum=(aanvraag.toegekende_einddatum if toegekend else None) or (budget.einddatum if budget else None),
        motivering=aanvraag.motivering,
    )


def _verzoek(gebeurtenis: Gebeurtenis, soort: BeschikkingSoort) -> Besluit | None:
    verzoek = Toewijzingsverzoek.objects.select_related("jeugdige", "gemeente", "aanbieder", "product").get(
        pk=gebeurtenis.object_id
    )
    reden = verzoek.get_reden_afwijzing_display()
    return Besluit(
        soort=soort,
        gemeente=verzoek.gemeente,
        jeugdige=verzoek.jeugdige,
        toegekend=False,
        besluitdatum=verzoek.besluit_op or datum_van(gebeurtenis.tijdstip),
        aanbieder=verzoek.aanbieder,
        hulp=verzoek.product.naam if verzoek.product_id else "",
        motivering=f"{reden}. {verzoek.toelichting}".strip() if reden else verzoek.toelichting,
    )


def _aanmelding(gebeurtenis: Gebeurtenis, soort: BeschikkingSoort) -> Besluit | None:
    aanmelding = Aanmelding.objects.select_related("gemeente", "indiener_aanbieder").get(pk=gebeurtenis.object_id)
    jeugdige = Jeugdige.objects.filter(bsn=aanmelding.bsn).first()
    if jeugdige is None or aanmelding.gemeente_id is None:
        return None  # nobody known to address: the submitter hears the reason on its own page
    return Besluit(
        soort=soort,
        gemeente=aanmelding.gemeente,
        jeugdige=jeugdige,
        toegekend=False,
        besluitdatum=datum_van(aanmelding.besluit_op or gebeurtenis.tijdstip),
        aanbieder=aanmelding.indiener_aanbieder,
        motivering=aanmelding.toelichting,
    )


def _crisisopvolging(gebeurtenis: Gebeurtenis, soort: BeschikkingSoort) -> Besluit | None:
    verzoek = Crisisopvolgingsverzoek.objects.select_related(
        "jeugdige", "gemeente", "aanbieder", "product", "toewijzing"
    ).get(pk=gebeurtenis.object_id)
    if verzoek.jeugdige_id is None:
        return None  # a refusal for a child the register does not know: nobody to address
    toewijzing = verzoek.toewijzing if soort == BeschikkingSoort.CRISISOPVOLGING else None
    return Besluit(
        soort=soort,
        gemeente=verzoek.gemeente,
        jeugdige=verzoek.jeugdige,
        toegekend=toewijzing is not None,
        besluitdatum=datum_van(gebeurtenis.tijdstip),
        aanbieder=verzoek.aanbieder,
        hulp=verzoek.product.naam,
        resultaten=("De crisis is voorbij en de hulp daarna is geregeld.",) if toewijzing else (),
        bedrag=toegewezen_bedrag(toewijzing) if toewijzing else None,
        begindatum=toewijzing.begindatum if toewijzing else None,
        einddatum=toewijzing.einddatum if toewijzing else None,
        motivering=verzoek.motivering
        or "Na de crisis is nog hulp nodig. Die hulp is al begonnen; de gemeente betaalt die vanaf de start.",
    )


_LEZERS: dict[str, Callable[[Gebeurtenis, BeschikkingSoort], Besluit | None]] = {
    "toewijzing": _toewijzing,
    "aanpassingsaanvraag": _aanpassing,
    "toewijzingsverzoek": _verzoek,
    "aanmelding": _aanmelding,
    "crisisopvolgingsverzoek": _crisisopvolging,
}


def is_besluit(soort_gebeurtenis: str) -> bool:
    """R-D1: does an event of this kind stand for a toegang decision that gets a letter?"""
    return soort_gebeurtenis in SOORT_PER_GEBEURTENIS


def lees_besluit(gebeurtenis: Gebeurtenis) -> Besluit | None:
    """The decision behind ``gebeurtenis``, or ``None`` when it is no toegang decision about a
    child the register knows."""
    soort = SOORT_PER_GEBEURTENIS.get(gebeurtenis.gebeurtenis)
    lezer = _LEZERS.get(gebeurtenis.objecttype)
    if soort is None or lezer is None:
        return None
    return lezer(gebeurtenis, soort)
