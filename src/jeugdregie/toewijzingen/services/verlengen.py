"""Yearly renewal of a duurzaam keuzebudget (R-T9).

A duurzaam keuzebudget is an amount per year (001 §4.2.1: the duurzaam examples are "gedurende
een jaar"), so its period is at most one budget year (the catalog's ``max_maanden_duurzaam``,
checked once in ``verwijzingen.services.keuzebudget.controleer_periode``). Support that lasts
years is renewed yearly: the toegang of the responsible municipality gives the same child, at the
same provider, a new duurzaam budget of the same level for the next year. It goes through the
normal path: a referral of the toegang (``registreer_verwijzing``: target group, contract,
woonplaatsbeginsel and one budget at a provider at a time all checked again) with its keuzebudget
linked to the previous one (``Keuzebudget.vorige``), allocated at once
(``screenen.wijs_keuzebudget_toe``): the ledger commits the amount in the same transaction, and
after the commit the iJw outbox sends its JW301 and the family gets its beschikking (R-D1).

The provider has accepted the trajectory already, so the renewal is not screened again; a
provider that no longer wants to continue stops care (R-H3) and the toegang withdraws the
renewal before its start (``intrekken``)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_toegang_van
from jeugdregie.toewijzingen.services.screenen import wijs_keuzebudget_toe
from jeugdregie.verwijzingen.constants import Foutcode, VerwijzingStatus
from jeugdregie.verwijzingen.models import Keuzebudget
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verwijzingen.services.verwijzen import registreer_verwijzing

LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)


def _fout(message: str, field: str = "keuzebudget") -> DomainError:
    return DomainError(Foutcode.VERLENGING, message, field=field)


def verlenging_van(budget: Keuzebudget) -> Keuzebudget | None:
    """The renewal of ``budget`` that stands: neither its referral nor its allocation withdrawn."""
    return (
        budget.verlengingen.exclude(verwijzing__status=VerwijzingStatus.INGETROKKEN)
        .exclude(toewijzingen__status=ToewijzingStatus.INGETROKKEN)
        .order_by("begindatum", "pk")
        .first()
    )


def verlengbaar(toewijzing: Toewijzing, *, op: date) -> bool:
    """Whether the allocation is a running duurzaam keuzebudget on ``op`` (the renewal button and
    the worklist; the service checks everything again)."""
    budget = toewijzing.keuzebudget
    return (
        budget is not None
        and budget.soort == KeuzebudgetSoort.DUURZAAM
        and toewijzing.status in LOPEND
        and op <= toewijzing.einddatum == budget.einddatum
    )


def _lopende_toewijzing(budget: Keuzebudget) -> Toewijzing:
    """The budget's allocation, which must still run: allocated or started, not withdrawn or
    stopped, and its end not passed (server date)."""
    toewijzing = Toewijzing.objects.filter(keuzebudget=budget).order_by("pk").first()
    if toewijzing is None:
        raise _fout(
            "Dit keuzebudget is (nog) niet toegewezen: alleen een toegewezen, lopend duurzaam budget kan worden "
            "verlengd. Wacht de screening af."
        )
    if toewijzing.status == ToewijzingStatus.INGETROKKEN:
        raise _fout(
            "De toewijzing van dit budget is ingetrokken: verleng het niet, maar verwijs opnieuw als de jeugdige "
            "nog hulp nodig heeft."
        )
    if toewijzing.status not in LOPEND:
        raise _fout(
            "De aanbieder heeft de zorg op dit budget gestopt: verleng het niet, maar verwijs opnieuw als de "
            "jeugdige nog hulp nodig heeft."
        )
    if toewijzing.einddatum < budget.einddatum:
        raise _fout(
            f"De toewijzing eindigde op {toewijzing.einddatum:%d-%m-%Y}, voor het einde van het budget (bijvoorbeeld "
            "na een verhuizing): verleng het niet. Wijs opnieuw toe als de jeugdige nog hulp nodig heeft; na een "
            "verhuizing doet de nieuwe gemeente dat."
        )
    if toewijzing.einddatum < vandaag():
        raise _fout(
            f"Dit budget is op {toewijzing.einddatum:%d-%m-%Y} afgelopen: verlengen kan tot en met de laatste dag. "
            "Verwijs opnieuw als de jeugdige nog hulp nodig heeft."
        )
    return toewijzing


@transaction.atomic
def verleng_duurzaam(
    *,
    keuzebudget: Keuzebudget,
    door,
    offerte_bedrag: Decimal | str | None = None,
    context: Toegangscontext | None = None,
) -> Toewijzing:
    """R-T9: the toegang of the budget's municipality renews a running duurzaam keuzebudget for
    the next year: a new budget of the same kind and level (its amount in the catalog year of the
    new start, the prijspeil) from the day after the current end, for at most one budget year,
    allocated at once. An offerte budget has no level: the toegang sets the new year's amount
    (``offerte_bedrag``, R-T5). Refused, changing nothing: another user or municipality, not
    duurzaam, not (or no longer) running, already renewed. Returns the new allocation."""
    budget = (
        Keuzebudget.objects.select_for_update(of=("self",))
        .select_related("verwijzing__jeugdige", "verwijzing__aanbieder")
        .get(pk=keuzebudget.pk)
    )
    oud = budget.verwijzing
    vereis_toegang_van(oud.gemeente_id, door)
    if budget.soort != KeuzebudgetSoort.DUURZAAM:
        raise _fout(
            "Alleen een keuzebudget duurzaam wordt jaarlijks verlengd. Een herstelbudget is eindig: vraag een "
            "aanpassing aan of verwijs opnieuw."
        )
    _lopende_toewijzing(budget)
    al = verlenging_van(budget)
    if al is not None:
        raise _fout(
            f"Dit budget is al verlengd: het budget van {al.begindatum:%d-%m-%Y} tot en met "
            f"{al.einddatum:%d-%m-%Y} volgt erop. Verleng dat budget wanneer het bijna afloopt."
        )
    if budget.is_offerte and offerte_bedrag in (None, ""):
        raise DomainError(
            Foutcode.OFFERTE_BEDRAG,
            "Dit is een offerte-keuzebudget: vul het bedrag voor het nieuwe jaar in, bepaald uit de verwachte hulp "
            "in overleg met de aanbieder.",
            field="offerte_bedrag",
        )
    if not budget.is_offerte and offerte_bedrag not in (None, ""):
        raise DomainError(
            Foutcode.NIVEAU,
            f"Dit is een standaard keuzebudget (niveau {budget.niveau}): het bedrag volgt uit de catalogus van het "
            "nieuwe jaar. Laat het bedrag leeg.",
            field="offerte_bedrag",
        )
    begindatum = budget.einddatum + timedelta(days=1)
    nieuw = registreer_verwijzing(
        jeugdige=oud.jeugdige,
        aanbieder=oud.aanbieder,
        resultaten=list(oud.resultaten.order_by("pk").values_list("omschrijving", flat=True)),
        budget=BudgetKeuze(
            soort=KeuzebudgetSoort.DUURZAAM,
            niveau=None if budget.is_offerte else budget.niveau,
            offerte_bedrag=offerte_bedrag if budget.is_offerte else None,
        ),
        datum=begindatum,
        door=door,
        grond_18plus=oud.grond_18plus,
        is_verlenging=True,
        vorige_keuzebudget=budget,
        context=context,
    )
    toewijzing = wijs_keuzebudget_toe(verwijzing=nieuw, door=door, op=vandaag())
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=toewijzing, jeugdige=oud.jeugdige, door=door, context=context)
    return toewijzing
