"""R-V4 signals, computed by a job and stored (``Budgetsignaal``): a forecast of a municipality
takes seconds on regional data (the whole history is read for the measured lag and utilisation),
so the home pages read the stored result and say when it was computed. Run nightly by
``manage.py begroting signalen`` (Celery beat with issue 17), and for one municipality right
after finance changes its begroting."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from jeugdregie.budgetten.querysets import gemeenten_voor_budget
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.organisaties.models import Gemeente, Regio

from ..models import Budgetsignaal, Prognosestand
from ..policies import is_regiorol
from ..querysets import begroot
from .standen import met_begroting


def _bewaar(*, gemeenten: list[Gemeente], jaar: int, naam: str, opnieuw: bool) -> Budgetsignaal:
    from .overzicht import stand_van

    ids = [g.pk for g in gemeenten]
    stand = stand_van(gemeenten, jaar, opnieuw=opnieuw)
    signaal = met_begroting(stand.prognose, begroot(ids, jaar)).signaal(naam)
    rij, _ = Budgetsignaal.objects.update_or_create(  # type: ignore[misc]  # gemeente_id None: the region-wide row
        regio_id=gemeenten[0].regio_id,
        gemeente_id=ids[0] if len(ids) == 1 else None,
        jaar=jaar,
        defaults={"actief": signaal.actief, "tekst": signaal.tekst, "berekend_op": nu()},
    )
    return rij


def ververs_gemeente(gemeente: Gemeente, *, jaar: int | None = None, opnieuw: bool = False) -> Budgetsignaal:
    """One municipality's signal: after its begroting changed on the stored figures (computed
    first if there are none), by the nightly job on figures computed anew."""
    jaar = jaar or vandaag().year
    with transaction.atomic():
        return _bewaar(gemeenten=[gemeente], jaar=jaar, naam=gemeente.naam, opnieuw=opnieuw)


def ververs_alle(*, jaar: int | None = None) -> int:
    """Nightly: every municipality's and each region's figures (``Prognosestand``) of the year
    computed anew, and their signals; last year's stored figures too, as late lines still come in."""
    jaar = jaar or vandaag().year
    aantal = 0
    for regio in Regio.objects.order_by("pk"):
        gemeenten = list(Gemeente.objects.filter(regio=regio).order_by("naam"))
        for gemeente in gemeenten:
            ververs_gemeente(gemeente, jaar=jaar, opnieuw=True)
            aantal += 1
        if len(gemeenten) > 1:
            with transaction.atomic():
                _bewaar(gemeenten=gemeenten, jaar=jaar, naam=regio.naam, opnieuw=True)
            aantal += 1
    from .overzicht import stand_van

    for stand in Prognosestand.objects.filter(jaar=jaar - 1).select_related("regio", "gemeente"):
        gemeenten = [stand.gemeente] if stand.gemeente else list(Gemeente.objects.filter(regio=stand.regio))
        stand_van(gemeenten, jaar - 1, opnieuw=True)
    return aantal


def signalen_voor(user, *, jaar: int | None = None) -> list[Budgetsignaal]:
    """R-V4 for home pages: the stored, raised signals of the year in the user's scope — each
    municipality it sees (finance and toegang their own; regional roles every municipality of the
    region, and the region as a whole). Empty for everybody else."""
    jaar = jaar or vandaag().year
    gemeenten = gemeenten_voor_budget(Gemeente.objects.all(), user)
    rijen = Budgetsignaal.objects.filter(jaar=jaar, actief=True, gemeente__in=gemeenten)
    if is_regiorol(user) and gemeenten.exists():
        rijen = rijen | Budgetsignaal.objects.filter(
            jaar=jaar, actief=True, gemeente__isnull=True, regio_id=user.regio_id
        )
    return list(rijen.order_by(F("gemeente__naam").asc(nulls_last=True)))  # municipalities, then the region
