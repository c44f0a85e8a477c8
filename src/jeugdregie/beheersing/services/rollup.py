"""Filling the rollup (issue 6 §9, R-K1): every indicator × period kind × dimension combination
computed from the operational data by SQL aggregates and stored in ``Cijfer``. A full rebuild
covers the whole history (with progress); the incremental refresh recomputes only the months
queued after approvals (``markeer`` → ``werk_bij``), with their quarter and year."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from jeugdregie.declaraties.constants import RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.toewijzingen.models import Verwijzing

from ..constants import ALLE, Periodesoort
from ..indicatoren.basis import GROEPERINGEN, KOLOM, Indicator
from ..indicatoren.register import INDICATOREN
from ..models import Cijfer, VerouderdePeriode, Verversing

Voortgang = Callable[[str], None]


def periodebegin(dag: date, soort: str) -> date:
    if soort == Periodesoort.JAAR:
        return date(dag.year, 1, 1)
    if soort == Periodesoort.KWARTAAL:
        return date(dag.year, 3 * ((dag.month - 1) // 3) + 1, 1)
    return dag.replace(day=1)


def periode_einde(begin: date, soort: str) -> date:
    """The last day (inclusive) of the period that starts on ``begin``."""
    maanden = {Periodesoort.MAAND: 1, Periodesoort.KWARTAAL: 3, Periodesoort.JAAR: 12}[Periodesoort(soort)]
    jaar, maand = divmod(begin.month - 1 + maanden, 12)
    return date(begin.year + jaar, maand + 1, 1) - timedelta(days=1)


def _cijfers(indicator: Indicator, soort: str, van: date, tot: date) -> list[Cijfer]:
    rijen = []
    for dims in GROEPERINGEN:
        for rij in indicator.bron.rijen(soort, van, tot, dims):
            rijen.append(
                Cijfer(
                    indicator=indicator.code,
                    periodesoort=soort,
                    periode=rij["periode"],
                    gemeente_id=rij.get(KOLOM["gemeente"]),
                    aanbieder_id=rij.get(KOLOM["aanbieder"]),
                    categorie=rij.get(KOLOM["categorie"]) or ALLE,
                    teller=rij["teller"] or 0,
                    noemer=rij["noemer"] or 0,
                )
            )
    return rijen


def ververs(
    *, van: date, tot: date, indicatoren: Iterable[Indicator] | None = None, voortgang: Voortgang | None = None
) -> int:
    """Recompute every period (month, quarter, year) that overlaps [van, tot]. Per indicator and
    period kind one transaction replaces the rows, so a reader never sees half a period."""
    aantal = 0
    for indicator in indicatoren or INDICATOREN:
        for soort in Periodesoort:
            begin, einde = periodebegin(van, soort), periode_einde(periodebegin(tot, soort), soort)
            with transaction.atomic():
                Cijfer.objects.filter(
                    indicator=indicator.code, periodesoort=soort, periode__range=(begin, einde)
                ).delete()
                rijen = _cijfers(indicator, soort, begin, einde)
                Cijfer.objects.bulk_create(rijen, batch_size=5000)
            aantal += len(rijen)
        if voortgang:
            voortgang(indicator.code)
    _stempel()
    return aantal


def _bereik() -> tuple[date, date]:
    """The span of the operational data: the first referral or line to today."""
    vandaag = timezone.localdate()
    eerste = [
        Verwijzing.objects.aggregate(m=Min("datum"))["m"],
        Declaratieregel.objects.aggregate(m=Min("begindatum"))["m"],
    ]
    return min([d for d in eerste if d] or [vandaag]), vandaag


def bouw_opnieuw(*, voortgang: Voortgang | None = None) -> int:
    """Full rebuild over the whole history."""
    van, tot = _bereik()
    with transaction.atomic():
        VerouderdePeriode.objects.all().delete()
    return ververs(van=van, tot=tot, voortgang=voortgang)


def markeer(dagen: Iterable[date]) -> None:
    """Queue the months of ``dagen`` for recomputation (cheap; called after approvals)."""
    maanden = {dag.replace(day=1) for dag in dagen}
    VerouderdePeriode.objects.bulk_create([VerouderdePeriode(maand=m) for m in sorted(maanden)], ignore_conflicts=True)


def werk_bij(*, voortgang: Voortgang | None = None) -> int:
    """Process the queue: recompute the span of the queued months."""
    maanden = list(VerouderdePeriode.objects.order_by("maand").values_list("maand", flat=True))
    if not maanden:
        return 0
    aantal = ververs(van=maanden[0], tot=periode_einde(maanden[-1], Periodesoort.MAAND), voortgang=voortgang)
    VerouderdePeriode.objects.filter(maand__in=maanden).delete()
    return aantal


def _stempel() -> None:
    data_tot = Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD).aggregate(m=Max("einddatum"))["m"]
    Verversing.objects.update_or_create(pk=1, defaults={"data_tot": data_tot, "bijgewerkt": timezone.now()})


def stand() -> Verversing | None:
    return Verversing.objects.filter(pk=1).first()
