"""Population-budget monitoring of an assignment (R-R2): per year and municipality its population
share, what the schedule plans, what finance paid, what is still to pay, the children in care
under the assignment (started, not stopped on the day) and paid per child in care. Aggregates
only: counts of children, never who (finance and the regional roles read it, ``policies``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from jeugdregie.common.money import euro, from_cents
from jeugdregie.common.verdelen import verdeel_centen
from jeugdregie.toewijzingen.constants import RedenBeeindiging

from .models import TaakgerichteOpdracht, Termijnaandeel, Zorgperiode

NUL = Decimal("0.00")


@dataclass(frozen=True)
class Monitoringregel:
    gemeente_id: int | None
    gemeente: str
    aandeel: Decimal  # percent of the population key, 2 decimals, adding up to 100.00
    gepland: Decimal
    betaald: Decimal
    in_zorg: int

    @property
    def te_betalen(self) -> Decimal:
        return self.gepland - self.betaald

    @property
    def betaald_per_kind(self) -> Decimal | None:
        return (self.betaald / self.in_zorg).quantize(Decimal("0.01")) if self.in_zorg else None


@dataclass(frozen=True)
class Monitoring:
    opdracht: TaakgerichteOpdracht
    jaar: int
    op: date
    regels: list[Monitoringregel]

    @property
    def totaal(self) -> Monitoringregel:
        return Monitoringregel(
            gemeente_id=None,
            gemeente="Totaal",
            aandeel=sum((r.aandeel for r in self.regels), NUL),
            gepland=sum((r.gepland for r in self.regels), NUL),
            betaald=sum((r.betaald for r in self.regels), NUL),
            in_zorg=sum(r.in_zorg for r in self.regels),
        )


def monitoring(opdracht: TaakgerichteOpdracht, jaar: int, *, op: date) -> Monitoring:
    """The figures of ``jaar`` on day ``op`` (children in care: started on or before ``op``, not
    stopped before it). The population share is that of the schedule when there is one (the
    young inhabitants it was made with), else the municipalities' current numbers."""
    gemeenten = list(opdracht.gemeenten.order_by("naam", "pk"))
    aandelen = (
        Termijnaandeel.objects.filter(termijn__opdracht=opdracht, termijn__jaar=jaar)
        .order_by()
        .values("gemeente_id")
        .annotate(
            gepland=Sum("bedrag"),
            betaald=Sum("bedrag", filter=Q(termijn__betaald_op__isnull=False)),
            jeugdigen=Sum("jeugdigen", filter=Q(termijn__volgnummer=1)),
        )
    )
    per_gemeente: dict[int, Any] = {a["gemeente_id"]: a for a in aandelen}
    gewichten = {
        g.pk: (per_gemeente[g.pk]["jeugdigen"] if g.pk in per_gemeente else g.jeugdigen) or 0 for g in gemeenten
    }
    basispunten = verdeel_centen(10_000, gewichten) if sum(gewichten.values()) > 0 else dict.fromkeys(gewichten, 0)
    in_zorg = dict(
        Zorgperiode.objects.filter(opdracht=opdracht, begindatum__lte=op)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=op))
        .order_by()
        .values("gemeente_id")
        .annotate(aantal=Count("jeugdige_id", distinct=True))
        .values_list("gemeente_id", "aantal")
    )
    regels = [
        Monitoringregel(
            gemeente_id=g.pk,
            gemeente=g.naam,
            aandeel=from_cents(basispunten[g.pk]),
            gepland=(per_gemeente.get(g.pk) or {}).get("gepland") or NUL,
            betaald=(per_gemeente.get(g.pk) or {}).get("betaald") or NUL,
            in_zorg=in_zorg.get(g.pk, 0),
        )
        for g in gemeenten
    ]
    return Monitoring(opdracht=opdracht, jaar=jaar, op=op, regels=regels)


@dataclass(frozen=True)
class Stopreden:
    code: str  # JZ588
    omschrijving: str
    aantal: int


def gestopt_per_reden(opdracht: TaakgerichteOpdracht, jaar: int) -> list[Stopreden]:
    """The stops (JW307) of care ending in ``jaar`` per RedenBeeindiging (JZ588): counts only.
    A stop reported before the reason was kept counts as "onbekend"."""
    tellingen = (
        Zorgperiode.objects.filter(opdracht=opdracht, einddatum__year=jaar)
        .order_by()
        .values("reden_beeindiging")
        .annotate(aantal=Count("id"))
    )
    return sorted(
        (
            Stopreden(
                code=t["reden_beeindiging"],
                omschrijving=(
                    str(RedenBeeindiging(t["reden_beeindiging"]).label) if t["reden_beeindiging"] else _("onbekend")
                ),
                aantal=t["aantal"],
            )
            for t in tellingen
        ),
        key=lambda r: r.code or "~",
    )


@dataclass(frozen=True)
class Taakgerichteproductie:
    """R-R2 in the production statement (R-V1): what an assignment of the provider was paid in a
    year per municipality — terms paid instead of declared lines."""

    opdracht: str
    gemeente_id: int
    gemeente: str
    gepland: Decimal
    betaald: Decimal
    termijnen_betaald: int


def taakgerichte_productie(
    *, aanbieder_id: int, jaar: int, gemeente_ids: set[int] | None = None
) -> list[Taakgerichteproductie]:
    """Per assignment of the provider and municipality: the year's schedule and what was paid.
    ``gemeente_ids`` narrows it to the municipalities a user sees (``None``: all)."""
    aandelen = Termijnaandeel.objects.filter(termijn__opdracht__aanbieder_id=aanbieder_id, termijn__jaar=jaar)
    if gemeente_ids is not None:
        aandelen = aandelen.filter(gemeente_id__in=gemeente_ids)
    rijen = (
        aandelen.order_by()
        .values("termijn__opdracht__naam", "gemeente_id", "gemeente__naam")
        .annotate(
            gepland=Sum("bedrag"),
            betaald=Sum("bedrag", filter=Q(termijn__betaald_op__isnull=False)),
            termijnen_betaald=Count("id", filter=Q(termijn__betaald_op__isnull=False)),
        )
    )
    return sorted(
        (
            Taakgerichteproductie(
                opdracht=r["termijn__opdracht__naam"],
                gemeente_id=r["gemeente_id"],
                gemeente=r["gemeente__naam"],
                gepland=euro(r["gepland"] or NUL),  # SQLite sums decimals as floats
                betaald=euro(r["betaald"] or NUL),
                termijnen_betaald=r["termijnen_betaald"],
            )
            for r in rijen
        ),
        key=lambda r: (r.opdracht, r.gemeente),
    )


@dataclass(frozen=True)
class TaakgerichteTotalen:
    """R-R2 with R-V2: a provider's task-based year in two figures, by a flat aggregate
    independent of the rows (the submitted snapshot and the change since, ``verantwoording``)."""

    gepland: Decimal
    betaald: Decimal

    @classmethod
    def van(cls, rijen: list[Taakgerichteproductie]) -> TaakgerichteTotalen:
        """The totals of the rows a user sees (the section's total row)."""
        return cls(
            gepland=sum((r.gepland for r in rijen), NUL),
            betaald=sum((r.betaald for r in rijen), NUL),
        )


def taakgerichte_totalen(*, aanbieder_id: int, jaar: int) -> TaakgerichteTotalen:
    """All assignments of the provider in ``jaar``: planned and paid."""
    uitkomst = Termijnaandeel.objects.filter(
        termijn__opdracht__aanbieder_id=aanbieder_id, termijn__jaar=jaar
    ).aggregate(
        gepland=Sum("bedrag"),
        betaald=Sum("bedrag", filter=Q(termijn__betaald_op__isnull=False)),
    )
    return TaakgerichteTotalen(gepland=euro(uitkomst["gepland"] or NUL), betaald=euro(uitkomst["betaald"] or NUL))
