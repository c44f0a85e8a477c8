"""R-B4: the task-based crisis function split over the municipalities of a region.

* **Beschikbaarheid** (availability of the crisis service) by **solidarity**: per component of
  the year (R-C5: e.g. crisisdienst GGZ, Spoedhulp IJsselland, each with its payee) its annual
  amount, one twelfth a month, split by the region's key — young inhabitants (default),
  inhabitants, or manual weights (``Sleutelaandeel``). A municipality's availability is the sum
  of its component shares.
* **Interventies** (call-outs) by **profijtbeginsel** (R-C5, 001 §4.4.3): the crisis interventions
  carried out for a municipality in the month (local date the server received
  the report, ``ontvangen_op``) × the amount per
  intervention. Not every report: one handled by phone only is availability (solidarity), and a
  case on the Veilig Thuis route is outside the contract
  (``CrisismeldingQuerySet.uitgevoerde_interventies``).

All amounts are whole cents. For each component, month m's amount is the cumulative amount up to
m, floor(A × m / 12), minus that up to m − 1; the cumulative amount is split with the
largest-remainder method. So the municipalities' shares of a component's month add up exactly to
that month's amount, the 12 months exactly to the component's annual amount, and each
municipality's year is exactly its largest-remainder share of that annual amount.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import from_cents, to_cents
from jeugdregie.crisis.models import Crisismelding
from jeugdregie.organisaties.models import Gemeente, Regio

from ..constants import Foutcode, Sleutel
from ..models import Beschikbaarheidscomponent, Crisisbekostiging
from .crisisbekostiging import maak_demo_crisisbekostiging
from .verdelen import cumulatief_per_maand, verdeel_centen

MAANDEN = tuple(range(1, 13))

# ``maak_demo_crisisbekostiging`` (illustrative amounts) lives with the configuration service and
# is re-exported here for the synthetic data generator.
__all__ = [
    "MAANDEN",
    "Aandeel",
    "Componentaandeel",
    "Crisisverdeling",
    "maak_demo_crisisbekostiging",
    "verdeel_crisiskosten",
]


@dataclass(frozen=True)
class Aandeel:
    """One municipality's share for one month (``maand``) or a sum of months (``maand=None``)."""

    gemeente_id: int | None
    gemeente: str
    maand: int | None
    sleutelaandeel: Decimal  # percent of the key, 2 decimals
    beschikbaarheid: Decimal
    interventies: int
    interventiebedrag: Decimal
    #: R-C5: component id → this row's share of that component; they add up to ``beschikbaarheid``
    componenten: dict[int, Decimal] = field(default_factory=dict)

    @property
    def totaal(self) -> Decimal:
        return self.beschikbaarheid + self.interventiebedrag


@dataclass(frozen=True)
class Componentaandeel:
    """R-C5: a component's annual amount and payee, and the shares of the municipalities shown
    over the months of the report (``aandelen``: gemeente name → amount, by name)."""

    component_id: int
    naam: str
    ontvanger_id: int | None
    ontvanger: str
    ontvanger_agb: str
    jaarbedrag: Decimal
    aandelen: list[tuple[int, str, Decimal]]  # (gemeente id, name, amount)

    @property
    def totaal(self) -> Decimal:
        return sum((bedrag for _, _, bedrag in self.aandelen), Decimal("0.00"))


def _som(aandelen: Iterable[Aandeel], *, gemeente_id=None, gemeente="", maand=None, sleutelaandeel=None) -> Aandeel:
    aandelen = list(aandelen)
    return Aandeel(
        gemeente_id=gemeente_id,
        gemeente=gemeente,
        maand=maand,
        sleutelaandeel=sleutelaandeel if sleutelaandeel is not None else Decimal("0.00"),
        beschikbaarheid=sum((a.beschikbaarheid for a in aandelen), Decimal("0.00")),
        interventies=sum(a.interventies for a in aandelen),
        interventiebedrag=sum((a.interventiebedrag for a in aandelen), Decimal("0.00")),
        componenten=_som_componenten(aandelen),
    )


def _som_componenten(aandelen: list[Aandeel]) -> dict[int, Decimal]:
    som: dict[int, Decimal] = {}
    for aandeel in aandelen:
        for cid, bedrag in aandeel.componenten.items():
            som[cid] = som.get(cid, Decimal("0.00")) + bedrag
    return som


@dataclass(frozen=True)
class Crisisverdeling:
    bekostiging: Crisisbekostiging
    componenten: list[Beschikbaarheidscomponent]
    maanden: tuple[int, ...]
    sleutelaandelen: dict[int, Decimal]  # gemeente id → percent, for the municipalities shown
    regels: list[Aandeel]  # per municipality per month, by month then municipality name

    def per_gemeente(self) -> list[Aandeel]:
        """Each municipality's total over the months of the report."""
        namen: dict[int, str] = {}
        for regel in self.regels:
            assert regel.gemeente_id is not None  # self.regels are per municipality
            namen.setdefault(regel.gemeente_id, regel.gemeente)
        return [
            _som(
                (r for r in self.regels if r.gemeente_id == gid),
                gemeente_id=gid,
                gemeente=naam,
                sleutelaandeel=self.sleutelaandelen[gid],
            )
            for gid, naam in namen.items()
        ]

    def per_maand(self) -> list[Aandeel]:
        return [_som((r for r in self.regels if r.maand == m), maand=m) for m in self.maanden]

    def totaal(self) -> Aandeel:
        return _som(self.regels, sleutelaandeel=sum(self.sleutelaandelen.values(), Decimal("0.00")))

    def per_component(self) -> list[Componentaandeel]:
        """R-C5: per component and payee, each municipality's share over the months shown."""
        per_gemeente = self.per_gemeente()
        return [
            Componentaandeel(
                component_id=c.pk,
                naam=c.naam,
                ontvanger_id=c.ontvanger_id,
                ontvanger=c.ontvanger.naam if c.ontvanger else "",
                ontvanger_agb=c.ontvanger.agb_code if c.ontvanger else "",
                jaarbedrag=c.bedrag,
                aandelen=[
                    (a.gemeente_id, a.gemeente, a.componenten.get(c.pk, Decimal("0.00")))
                    for a in per_gemeente
                    if a.gemeente_id is not None
                ],
            )
            for c in self.componenten
        ]


def bekostiging_van(regio: Regio, jaar: int) -> Crisisbekostiging:
    bekostiging = (
        Crisisbekostiging.objects.filter(regio=regio, jaar=jaar)
        .prefetch_related("aandelen", "componenten__ontvanger")
        .first()
    )
    if bekostiging is None:
        raise DomainError(
            Foutcode.GEEN_CRISISBEKOSTIGING,
            f"Er is geen crisisbekostiging ingesteld voor {regio} in {jaar}. De functioneel beheerder stelt de "
            "beschikbaarheidscomponenten (bedrag en ontvanger), het bedrag per interventie en de verdeelsleutel in via "
            "Verantwoording › Crisisbekostiging instellen.",
            field="jaar",
        )
    return bekostiging


def sleutelgewichten(bekostiging: Crisisbekostiging, gemeenten: list[Gemeente]) -> dict[int, Decimal]:
    """The weight of every municipality of the region under the year's key."""
    if bekostiging.sleutel == Sleutel.HANDMATIG:
        handmatig = {a.gemeente_id: a.gewicht for a in bekostiging.aandelen.all()}
        ontbrekend = [g.naam for g in gemeenten if g.pk not in handmatig]
        if ontbrekend:
            raise DomainError(
                Foutcode.SLEUTEL_ONVOLLEDIG,
                f"De handmatige verdeelsleutel voor {bekostiging.jaar} mist een gewicht voor "
                f"{', '.join(ontbrekend)}. Laat de functioneel beheerder de sleutel aanvullen.",
                field="gewichten",
            )
        gewichten = {g.pk: Decimal(handmatig[g.pk]) for g in gemeenten}
    elif bekostiging.sleutel == Sleutel.INWONERS:
        gewichten = {g.pk: Decimal(g.inwoners) for g in gemeenten}
    else:
        gewichten = {g.pk: Decimal(g.jeugdigen) for g in gemeenten}
    if sum(gewichten.values()) <= 0:
        raise DomainError(
            Foutcode.SLEUTEL_ONGELDIG,
            f"De verdeelsleutel ({bekostiging.get_sleutel_display().lower()}) telt voor {bekostiging.jaar} op tot "
            "nul: er valt niets naar te verdelen. Kies een andere sleutel of vul de aantallen aan.",
            field="sleutel",
        )
    return gewichten


def interventies_per_maand(regio: Regio, jaar: int) -> dict[tuple[int, int], int]:
    """R-B4/R-C5 profijtbeginsel: crisis interventions carried out per (municipality, month), by
    the local date the server received the report (``ontvangen_op``, R-B9: not a time the
    crisisdienst states); phone-only reports and Veilig Thuis-route cases do not count."""
    amsterdam = timezone.get_current_timezone()
    begin, einde = datetime(jaar, 1, 1, tzinfo=amsterdam), datetime(jaar + 1, 1, 1, tzinfo=amsterdam)
    rijen = (
        Crisismelding.objects.uitgevoerde_interventies()
        .filter(gemeente__regio=regio, ontvangen_op__gte=begin, ontvangen_op__lt=einde)
        .annotate(maand=ExtractMonth("ontvangen_op"))
        .order_by()
        .values("gemeente_id", "maand")
        .annotate(aantal=Count("id"))
    )
    return {(r["gemeente_id"], r["maand"]): r["aantal"] for r in rijen}


def _beschikbaarheid_per_maand(jaarcenten: int, gewichten: dict[int, Decimal]) -> dict[int, dict[int, int]]:
    """Month → municipality → cents, by the cumulative largest-remainder split (module docstring)."""
    vorige = dict.fromkeys(gewichten, 0)
    per_maand = {}
    for maand in MAANDEN:
        cumulatief = verdeel_centen(cumulatief_per_maand(jaarcenten, maand), gewichten)
        per_maand[maand] = {gid: cumulatief[gid] - vorige[gid] for gid in gewichten}
        vorige = cumulatief
    return per_maand


def verdeel_crisiskosten(
    *, regio: Regio, jaar: int, maand: int | None = None, gemeenten: Iterable[int] | None = None
) -> Crisisverdeling:
    """R-B4: the split per municipality per month of ``jaar`` (or of one ``maand``). The split is
    always over all municipalities of the region; ``gemeenten`` (ids) limits the rows returned to
    what the user may see. Raises DomainError when the year has no (complete) configuration."""
    if maand is not None and maand not in MAANDEN:
        raise DomainError(Foutcode.JAAR_ONGELDIG, "Kies een maand van 1 tot en met 12.", field="maand")
    bekostiging = bekostiging_van(regio, jaar)
    alle = list(Gemeente.objects.filter(regio=regio).order_by("naam", "pk"))
    gewichten = sleutelgewichten(bekostiging, alle)
    basispunten = verdeel_centen(10_000, gewichten)  # key share in 0.01 %, adding up to exactly 100 %
    componenten = list(bekostiging.componenten.all())
    per_component = {c.pk: _beschikbaarheid_per_maand(to_cents(c.bedrag), gewichten) for c in componenten}
    interventies = interventies_per_maand(regio, jaar)
    zichtbaar = set(gemeenten) if gemeenten is not None else {g.pk for g in alle}
    maanden = (maand,) if maand else MAANDEN
    regels = [
        Aandeel(
            gemeente_id=g.pk,
            gemeente=g.naam,
            maand=m,
            sleutelaandeel=from_cents(basispunten[g.pk]),
            beschikbaarheid=from_cents(sum(per_component[c.pk][m][g.pk] for c in componenten)),
            interventies=interventies.get((g.pk, m), 0),
            interventiebedrag=interventies.get((g.pk, m), 0) * bekostiging.tarief_interventie,
            componenten={c.pk: from_cents(per_component[c.pk][m][g.pk]) for c in componenten},
        )
        for m in maanden
        for g in alle
        if g.pk in zichtbaar
    ]
    return Crisisverdeling(
        bekostiging=bekostiging,
        componenten=componenten,
        maanden=maanden,
        sleutelaandelen={g.pk: from_cents(basispunten[g.pk]) for g in alle if g.pk in zichtbaar},
        regels=regels,
    )
