"""The Budgetbeheersing page and the home-page signals (R-V3/R-V4): one municipality or the
whole region of the user, one year, with drill-downs per budget line and per provider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder, Gemeente

from ..constants import Post
from ..querysets import begroot, begroot_per_post
from .gegevens import Gegevens, laad
from .prognose import Backtest, Prognose, Signaal, backtest, bereken


@dataclass(frozen=True)
class Deelregel:
    """One row of a drill-down: a budget line or a provider."""

    naam: str
    prognose: Prognose
    signaal: Signaal | None = None


@dataclass(frozen=True)
class Overzicht:
    jaar: int
    op: date
    naam: str  # the municipality, or the region
    prognose: Prognose
    backtest: Backtest
    band: tuple[Decimal, Decimal] | None
    signaal: Signaal
    per_post: tuple[Deelregel, ...]
    per_aanbieder: tuple[Deelregel, ...]


def peildatum(jaar: int) -> date:
    """A past year is seen as complete (its last day), the current year as of today."""
    vandaag_ = vandaag()
    return min(vandaag_, date(jaar, 12, 31)) if jaar <= vandaag_.year else vandaag_


def overzicht(*, gemeenten: list[Gemeente], naam: str, jaar: int, op: date | None = None) -> Overzicht:
    op = op or peildatum(jaar)
    ids = [g.pk for g in gemeenten]
    gegevens = laad(ids)
    prognose = bereken(gegevens, jaar=jaar, op=op, begroting=begroot(ids, jaar))
    terug = backtest(gegevens, jaar=jaar, op=op)
    per_post_begroot = begroot_per_post(ids, jaar)
    per_post = []
    for post in Post:
        deel = bereken(
            gegevens.filter(posten=[post]), jaar=jaar, op=op, begroting=per_post_begroot.get(post, Decimal("0"))
        )
        per_post.append(Deelregel(str(post.label), deel, deel.signaal(str(post.label))))
    return Overzicht(
        jaar=jaar,
        op=op,
        naam=naam,
        prognose=prognose,
        backtest=terug,
        band=terug.band(prognose),
        signaal=prognose.signaal(naam),
        per_post=tuple(per_post),
        per_aanbieder=_per_aanbieder(gegevens, jaar=jaar, op=op),
    )


def _per_aanbieder(gegevens: Gegevens, *, jaar: int, op: date) -> tuple[Deelregel, ...]:
    ids = {r.aanbieder_id for r in gegevens.realisaties if r.maand.year == jaar} | {
        v.aanbieder_id for v in gegevens.vastleggingen if v.begin.year <= jaar <= v.einde.year
    }
    namen = dict(Aanbieder.objects.filter(pk__in=ids).values_list("pk", "naam"))
    per_aanbieder = gegevens.per_aanbieder()
    rijen = [Deelregel(namen.get(a, str(a)), bereken(per_aanbieder[a], jaar=jaar, op=op)) for a in ids]
    return tuple(sorted(rijen, key=lambda r: (-r.prognose.jaarprognose, r.naam)))
