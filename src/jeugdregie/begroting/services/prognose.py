"""R-V3/R-V4: begroting, commitments, realisation, accrual and forecast per month, as known on a
day ``op``; the back-test replays the same computation at each month end of past years.

Pure functions over ``Gegevens`` (loaded once by ``gegevens.laad``); the method is documented
in the app README. Money stays ``Decimal``; shares are unrounded Decimals, amounts are rounded
to cents (``euro``) per month."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from jeugdregie.common import opmaak
from jeugdregie.common.money import euro
from jeugdregie.common.periods import maandeinde

from .gegevens import Gegevens

NUL = Decimal("0.00")
#: Months after a care month by which it is taken to be fully declared (the declaration lag
#: is measured for k = 0 … HORIZON − 1 months after the month's end).
HORIZON = 6


def _index(d: date) -> int:
    return d.year * 12 + d.month - 1


def vertraging(gegevens: Gegevens, *, jaar: int, op: date) -> tuple[Decimal, ...] | None:
    """R-V3 declaration lag: for k = 0 … HORIZON − 1 the share of a care month's realisation
    that had been declared by the end of the k-th month after it. Measured over the care months
    of years before ``jaar`` that were complete (HORIZON months past) on ``op``; None without any."""
    binnen = [Decimal("0")] * HORIZON
    totaal = Decimal("0")
    for r in gegevens.realisaties:
        if r.maand.year >= jaar or r.ingediend > op or maandeinde(r.maand.year, r.maand.month + HORIZON) > op:
            continue
        totaal += r.netto
        for k in range(HORIZON):
            if r.ingediend <= maandeinde(r.maand.year, r.maand.month + k):
                binnen[k] += r.netto
    if totaal <= 0:
        return None
    return tuple(b / totaal for b in binnen)


def benutting(gegevens: Gegevens, *, jaar: int, op: date) -> Decimal | None:
    """R-V3 utilisation: the share of committed money that became approved, over allocations
    that ended before ``jaar`` began (and before ``op``'s month), as known on ``op``; None without any."""
    grens = min(date(jaar, 1, 1), op.replace(day=1))
    vastgelegd = besteed = Decimal("0")
    for a in gegevens.afgelopen:
        if a.einde < grens and a.peil <= op:
            vastgelegd += a.vastgelegd
            besteed += a.besteed
    if vastgelegd <= 0:
        return None
    return besteed / vastgelegd


@dataclass(frozen=True)
class Maandcijfer:
    maand: int
    begroting: Decimal
    vastgelegd: Decimal
    gerealiseerd: Decimal
    nog_te_declareren: Decimal
    prognose: Decimal
    verstreken: bool

    @property
    def label(self) -> str:
        return MAANDEN[self.maand - 1]


MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
VELDEN = ("begroting", "vastgelegd", "gerealiseerd", "nog_te_declareren", "prognose")


@dataclass(frozen=True)
class Signaal:
    """R-V4: raised (``actief``) when the forecast exceeds the begroting."""

    actief: bool
    tekst: str


@dataclass(frozen=True)
class Prognose:
    jaar: int
    op: date
    maanden: tuple[Maandcijfer, ...]
    benutting: Decimal | None
    vertraging: tuple[Decimal, ...] | None

    def totaal(self, veld: str) -> Decimal:
        return sum((getattr(m, veld) for m in self.maanden), NUL)

    @property
    def totalen(self) -> dict[str, Decimal]:
        return {veld: self.totaal(veld) for veld in VELDEN}

    @property
    def begroting(self) -> Decimal:
        return self.totaal("begroting")

    @property
    def jaarprognose(self) -> Decimal:
        return self.totaal("prognose")

    @property
    def verstreken_maanden(self) -> int:
        """The month of forecast: how many months of the year had ended on ``op``."""
        return sum(1 for m in self.maanden if m.verstreken)

    def signaal(self, naam: str = "") -> Signaal:
        begroting, prognose = self.begroting, self.jaarprognose
        wie = f"{naam}: " if naam else ""
        if begroting <= 0:
            return Signaal(False, wie + _("geen begroting vastgesteld voor %(jaar)s.") % {"jaar": self.jaar})
        if prognose > begroting:
            return Signaal(
                True,
                wie
                + _(
                    "de prognose voor %(jaar)s (€ %(prognose)s) overschrijdt de begroting "
                    "(€ %(begroting)s) met € %(verschil)s."
                )
                % {
                    "jaar": self.jaar,
                    "prognose": opmaak.bedrag(prognose),
                    "begroting": opmaak.bedrag(begroting),
                    "verschil": opmaak.bedrag(prognose - begroting),
                },
            )
        return Signaal(False, wie + _("de prognose voor %(jaar)s blijft binnen de begroting.") % {"jaar": self.jaar})


def begroting_per_maand(jaarbedrag: Decimal) -> list[Decimal]:
    """The year's begroting in twelve equal parts; December takes the rounding remainder."""
    deel = euro(jaarbedrag / 12)
    return [deel] * 11 + [euro(jaarbedrag) - 11 * deel]


def bereken(gegevens: Gegevens, *, jaar: int, op: date, begroting: Decimal = NUL) -> Prognose:
    """R-V3: the twelve months of ``jaar`` as known at the end of day ``op``.

    * vastgelegd: each allocation's commitment (ledger bookings up to the month's end, or up to
      ``op`` for months still to come) spread evenly over the days of its period; this month's
      share (``gegevens.spreiding``).
    * gerealiseerd: net approved lines of the care month, declared on or before ``op``.
    * nog te declareren (months ended on ``op``): gerealiseerd × (1 − F(k)) / F(k), F the measured
      declaration lag and k the whole months since the month's end.
    * prognose: past months gerealiseerd + nog te declareren; months to come the larger of what
      is already declared and vastgelegd × measured utilisation (1 without history)."""
    lag = vertraging(gegevens, jaar=jaar, op=op)
    benut = benutting(gegevens, jaar=jaar, op=op)
    gerealiseerd: dict[int, Decimal] = defaultdict(lambda: NUL)
    for r in gegevens.realisaties:
        if r.maand.year == jaar and r.ingediend <= op:
            gerealiseerd[r.maand.month] += r.netto
    vast_per_maand: dict[int, list] = defaultdict(list)
    for v in gegevens.vastleggingen:
        if v.maand.year == jaar:
            vast_per_maand[v.maand.month].append(v)
    begrotingen = begroting_per_maand(begroting)
    maanden = []
    for maand in range(1, 13):
        tot = maandeinde(jaar, maand)
        peil = min(tot, op)
        vast = euro(sum((v.bedrag for v in vast_per_maand[maand] if v.geboekt <= peil), Decimal("0")))
        real = euro(gerealiseerd[maand])
        verstreken = tot <= op
        if verstreken:
            k = _index(op) - _index(tot) - (0 if op == maandeinde(op.year, op.month) else 1)
            aandeel = Decimal("1") if lag is None or k >= HORIZON else lag[k]
            nog = euro(real * (1 - aandeel) / aandeel) if aandeel > 0 else NUL
            prognose = real + nog
        else:
            nog = NUL
            prognose = max(real, euro(vast * (Decimal("1") if benut is None else benut)))
        maanden.append(Maandcijfer(maand, begrotingen[maand - 1], vast, real, nog, prognose, verstreken))
    return Prognose(jaar=jaar, op=op, maanden=tuple(maanden), benutting=benut, vertraging=lag)


@dataclass(frozen=True)
class Backtest:
    """R-V4: per month of forecast (1–12) the mean absolute percentage error of the year
    forecast made at that month's end against the realised year total, over ``jaren``."""

    jaren: tuple[int, ...]
    fout: dict[int, Decimal | None]

    def band(self, prognose: Prognose) -> tuple[Decimal, Decimal] | None:
        """The forecast ± the error measured for the forecast's month (month 1 before January ends)."""
        fout = self.fout.get(max(prognose.verstreken_maanden, 1))
        if fout is None:
            return None
        return euro(prognose.jaarprognose * (1 - fout)), euro(prognose.jaarprognose * (1 + fout))


def backtest(gegevens: Gegevens, *, jaar: int, op: date) -> Backtest:
    """Replay ``bereken`` at every month end of the years before ``jaar`` that have realisation,
    each seeing only what was known then; the realised total is what is known on ``op``."""
    jaren = sorted({r.maand.year for r in gegevens.realisaties if r.maand.year < jaar and r.ingediend <= op})
    fouten: dict[int, list[Decimal]] = defaultdict(list)
    gemeten = []
    for terug in jaren:
        werkelijk = sum((r.netto for r in gegevens.realisaties if r.maand.year == terug and r.ingediend <= op), NUL)
        if werkelijk <= 0:
            continue
        gemeten.append(terug)
        for maand in range(1, 13):
            gemaakt = maandeinde(terug, maand)
            if gemaakt > op:
                break
            voorspeld = bereken(gegevens, jaar=terug, op=gemaakt).jaarprognose
            fouten[maand].append(abs(voorspeld - werkelijk) / werkelijk)
    return Backtest(
        jaren=tuple(gemeten),
        fout={m: (sum(fouten[m], Decimal("0")) / len(fouten[m]) if fouten[m] else None) for m in range(1, 13)},
    )
