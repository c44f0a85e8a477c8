"""The Budgetbeheersing page and the home-page signals (R-V3/R-V4): one municipality or the
whole region of the user, one year, with drill-downs per budget line and per provider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from jeugdregie.common.onthulling import Onderdrukking, is_klein, onderdruk_lijst, toelichting
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Gemeente

from ..constants import Post
from ..querysets import begroot, begroot_per_post
from .prognose import Backtest, Prognose, Signaal
from .standen import Jaartotalen, Stand, lees, met_begroting, ververs


@dataclass(frozen=True)
class Deelregel:
    """One row of a drill-down: a budget line or a provider."""

    naam: str
    prognose: Prognose | Jaartotalen
    signaal: Signaal | None = None
    verborgen: str | None = None  # "<5" or "—" instead of the amounts (issue 14 §7)


@dataclass(frozen=True)
class Overzicht:
    jaar: int
    op: date
    berekend_op: datetime
    naam: str  # the municipality, or the region
    prognose: Prognose
    backtest: Backtest
    band: tuple[Decimal, Decimal] | None
    signaal: Signaal
    per_post: tuple[Deelregel, ...]
    per_aanbieder: tuple[Deelregel, ...]
    #: Regional roles: the whole scope counts fewer children than the threshold (nothing shown).
    te_klein: bool = False
    toelichting: str = ""


def peildatum(jaar: int) -> date:
    """A past year is seen as complete (its last day), the current year as of today."""
    vandaag_ = vandaag()
    return min(vandaag_, date(jaar, 12, 31)) if jaar <= vandaag_.year else vandaag_


def stand_van(gemeenten: list[Gemeente], jaar: int, *, opnieuw: bool = False) -> Stand:
    """The stored figures of one municipality, or of the region when several are given."""
    ids = [g.pk for g in gemeenten]
    regio_id, gemeente_id = gemeenten[0].regio_id, ids[0] if len(ids) == 1 else None
    if opnieuw:
        return ververs(regio_id=regio_id, gemeente_id=gemeente_id, ids=ids, jaar=jaar, op=peildatum(jaar))
    return lees(regio_id=regio_id, gemeente_id=gemeente_id, ids=ids, jaar=jaar, op=peildatum(jaar))


def overzicht(*, gemeenten: list[Gemeente], naam: str, jaar: int, onderdrukken: bool = False) -> Overzicht:
    """R-V3/R-V4: the stored figures with the begroting as it stands now. ``onderdrukken``: rows
    of budget lines and providers behind fewer children than the threshold, and the rows needed
    to keep them from being derived from the total, show "<5"/"—" (issue 14 §7)."""
    ids = [g.pk for g in gemeenten]
    stand = stand_van(gemeenten, jaar)
    prognose = met_begroting(stand.prognose, begroot(ids, jaar))
    per_post_begroot = begroot_per_post(ids, jaar)
    posten = [
        (post, met_begroting(stand.per_post[str(post)], per_post_begroot.get(post, Decimal("0")))) for post in Post
    ]
    kinderen = stand.kinderen
    geen = Onderdrukking()
    post_o = onderdruk_lijst([kinderen.per_post.get(str(p), 0) for p, _ in posten]) if onderdrukken else geen
    aanbieder_o = (
        onderdruk_lijst([kinderen.per_aanbieder.get(a, 0) for a, _, _ in stand.per_aanbieder]) if onderdrukken else geen
    )
    per_post = []
    for i, (post, deel) in enumerate(posten):
        verborgen = post_o.teken(i)
        per_post.append(
            Deelregel(str(post.label), deel, None if verborgen else deel.signaal(str(post.label)), verborgen)
        )
    return Overzicht(
        jaar=jaar,
        op=stand.op,
        berekend_op=stand.berekend_op,
        naam=naam,
        prognose=prognose,
        backtest=stand.backtest,
        band=stand.backtest.band(prognose),
        signaal=prognose.signaal(naam),
        per_post=tuple(per_post),
        per_aanbieder=tuple(
            Deelregel(naam_, totalen, verborgen=aanbieder_o.teken(i))
            for i, (_, naam_, totalen) in enumerate(stand.per_aanbieder)
        ),
        te_klein=onderdrukken and is_klein(kinderen.totaal),
        toelichting=toelichting() if (post_o or aanbieder_o) else "",
    )
