"""Declaration lag per provider (R-A3, issue 21 correction): declarations arrive weeks after the
care month, so the spend declared at a date lags behind the care given. The lag of a provider is
the median number of days between the end of an approved debit line's period and the day its
declaration was submitted (the server's receipt date, R-B9), over the lines submitted in the
region's window (``declaratievertraging_venster_dagen`` of its rule set, R-R1, valid on the date)
up to the date. A provider with fewer lines than ``declaratievertraging_min_regels`` gets the lag
of all providers of the region; a region without enough lines gets none (0 days).

The region is the allocation's (its municipality's region), not the provider's home region: a
provider working in two regions is measured, with each region's window and minimum, on the lines
of the allocations of that region. A worklist computes the lag once per provider and region and
day through ``Vertragingen`` (a small cache the caller passes to ``prognose``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median_low

from jeugdregie.common.tijd import datum_van
from jeugdregie.organisaties.models import Aanbieder, Regelset, Regio
from jeugdregie.organisaties.regelset import regels as regelset_op
from jeugdregie.toewijzingen.models import Toewijzing


@dataclass(frozen=True)
class Vertraging:
    dagen: int
    regels: int  # the approved lines measured
    regionaal: bool  # the region's fallback, the provider had too few lines


def _regels(op: date, regio: Regio, versie: Regelset):
    """The approved debit lines of the allocations of ``regio``'s municipalities submitted in its window."""
    # the declaration line through the allocation's relation: an earlier stage never imports a later one
    regel = Toewijzing._meta.get_field("declaratieregels").related_model
    van = op - timedelta(days=versie.declaratievertraging_venster_dagen)
    return regel.objects.filter(
        toewijzing__gemeente__regio=regio,
        status="goedgekeurd",
        debet_credit="D",
        declaratie__ingediend_op__date__gte=van,
        declaratie__ingediend_op__date__lte=op,
    )


def _mediaan(rijen) -> tuple[int, int]:
    dagen = [max((datum_van(ingediend) - einde).days, 0) for einde, ingediend in rijen]
    return (median_low(dagen) if dagen else 0), len(dagen)


def declaratievertraging(aanbieder: Aanbieder, *, regio: Regio, op: date) -> Vertraging:
    """R-A3: the measured declaration lag of ``aanbieder`` in ``regio`` on ``op`` (with the regional
    fallback), by that region's window and minimum."""
    versie = regelset_op(regio, op)  # R-R1: the rule set valid on the day the lag is measured
    regels = _regels(op, regio, versie)
    dagen, aantal = _mediaan(regels.filter(aanbieder=aanbieder).values_list("einddatum", "declaratie__ingediend_op"))
    if aantal >= versie.declaratievertraging_min_regels:
        return Vertraging(dagen=dagen, regels=aantal, regionaal=False)
    dagen, aantal = _mediaan(regels.values_list("einddatum", "declaratie__ingediend_op"))
    if aantal >= versie.declaratievertraging_min_regels:
        return Vertraging(dagen=dagen, regels=aantal, regionaal=True)
    return Vertraging(dagen=0, regels=aantal, regionaal=True)


class Vertragingen:
    """R-A3: the lags of a list of allocations, each measured once per provider, region and day
    (a worklist or a child's budgets asks ``voor`` per allocation)."""

    def __init__(self) -> None:
        self._gemeten: dict[tuple[int, int, date], Vertraging] = {}
        self._regio: dict[int, Regio] = {}
        self._regelsets: dict[tuple[int, date], Regelset] = {}

    def _regio_van(self, toewijzing: Toewijzing) -> Regio:
        gemeente_id = toewijzing.gemeente_id
        if gemeente_id not in self._regio:
            self._regio[gemeente_id] = Regio.objects.get(gemeenten=gemeente_id)
        return self._regio[gemeente_id]

    def regels(self, toewijzing: Toewijzing, *, op: date) -> Regelset:
        """R-R1: the rule set of the allocation's region valid on ``op``, read once per region and day."""
        regio = self._regio_van(toewijzing)
        sleutel = (regio.pk, op)
        if sleutel not in self._regelsets:
            self._regelsets[sleutel] = regelset_op(regio, op)
        return self._regelsets[sleutel]

    def voor(self, toewijzing: Toewijzing, *, op: date) -> Vertraging:
        """The lag of the allocation's provider in the region of the allocation's municipality."""
        regio = self._regio_van(toewijzing)
        sleutel = (toewijzing.aanbieder_id, regio.pk, op)
        if sleutel not in self._gemeten:
            self._gemeten[sleutel] = declaratievertraging(toewijzing.aanbieder, regio=regio, op=op)
        return self._gemeten[sleutel]
