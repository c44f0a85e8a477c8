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

from ..models import Budgetsignaal
from ..policies import is_regiorol
from ..querysets import begroot
from .gegevens import laad
from .prognose import bereken


def _bewaar(*, regio_id: int, gemeente_id: int | None, jaar: int, ids: list[int], naam: str) -> Budgetsignaal:
    from .overzicht import peildatum

    signaal = bereken(laad(ids), jaar=jaar, op=peildatum(jaar), begroting=begroot(ids, jaar)).signaal(naam)
    rij, _ = Budgetsignaal.objects.update_or_create(
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        jaar=jaar,
        defaults={"actief": signaal.actief, "tekst": signaal.tekst, "berekend_op": nu()},
    )
    return rij


def ververs_gemeente(gemeente: Gemeente, *, jaar: int | None = None) -> Budgetsignaal:
    """One municipality's signal (after its begroting changed)."""
    jaar = jaar or vandaag().year
    with transaction.atomic():
        return _bewaar(
            regio_id=gemeente.regio_id, gemeente_id=gemeente.pk, jaar=jaar, ids=[gemeente.pk], naam=gemeente.naam
        )


def ververs_alle(*, jaar: int | None = None) -> int:
    """Every municipality's signal and each region's, for the year (default: this year)."""
    jaar = jaar or vandaag().year
    aantal = 0
    for regio in Regio.objects.order_by("pk"):
        gemeenten = list(Gemeente.objects.filter(regio=regio).order_by("naam"))
        for gemeente in gemeenten:
            ververs_gemeente(gemeente, jaar=jaar)
            aantal += 1
        if gemeenten:
            with transaction.atomic():
                _bewaar(regio_id=regio.pk, gemeente_id=None, jaar=jaar, ids=[g.pk for g in gemeenten], naam=regio.naam)
            aantal += 1
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
