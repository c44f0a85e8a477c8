"""Stored figures of the Budgetbeheersing page (``Prognosestand``, R-V3/R-V4).

A forecast reads the whole history of a municipality or region (the measured lag and
utilisation, the back-test), which takes minutes at national scale; the page must answer in a
second. So the figures are computed by a job (``manage.py begroting signalen``, nightly; Celery
beat with issue 17) or on first use, and stored without the begroting, which is added when the
page is read. The page says when the figures were computed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction

from jeugdregie.common.tijd import nu
from jeugdregie.organisaties.models import Aanbieder

from ..constants import Post
from ..models import Prognosestand
from .gegevens import Gegevens, Kinderen, kinderen, laad
from .prognose import Backtest, Maandcijfer, Prognose, backtest, begroting_per_maand, bereken


@dataclass(frozen=True)
class Jaartotalen:
    """A provider's row of the drill-down: the year's totals of its forecast (no begroting)."""

    vastgelegd: Decimal
    gerealiseerd: Decimal
    nog_te_declareren: Decimal
    prognose: Decimal

    @property
    def jaarprognose(self) -> Decimal:
        return self.prognose

    @property
    def totalen(self) -> dict[str, Decimal]:
        return {
            "vastgelegd": self.vastgelegd,
            "gerealiseerd": self.gerealiseerd,
            "nog_te_declareren": self.nog_te_declareren,
            "prognose": self.prognose,
        }


@dataclass(frozen=True)
class Stand:
    """What is stored: the forecast of the scope and per budget line, the back-test, and the
    providers' year totals, as known on ``op``; computed at ``berekend_op``."""

    op: date
    berekend_op: datetime
    prognose: Prognose
    per_post: dict[str, Prognose]
    backtest: Backtest
    per_aanbieder: tuple[tuple[int, str, Jaartotalen], ...]
    kinderen: Kinderen = field(default_factory=Kinderen)


# --- computing -----------------------------------------------------------------------------


def bereken_stand(gegevens: Gegevens, *, jaar: int, op: date, kinderen: Kinderen | None = None) -> Stand:
    per_aanbieder = []
    delen = gegevens.per_aanbieder()
    namen = dict(Aanbieder.objects.filter(pk__in=delen.keys()).values_list("pk", "naam"))
    for aanbieder_id, deel in delen.items():
        prognose = bereken(deel, jaar=jaar, op=op)
        if any(m.vastgelegd or m.gerealiseerd or m.prognose for m in prognose.maanden):
            t = prognose.totalen
            totalen = Jaartotalen(t["vastgelegd"], t["gerealiseerd"], t["nog_te_declareren"], t["prognose"])
            per_aanbieder.append((aanbieder_id, namen.get(aanbieder_id, str(aanbieder_id)), totalen))
    geheel = gegevens.samengevat()
    return Stand(
        op=op,
        berekend_op=nu(),
        prognose=bereken(geheel, jaar=jaar, op=op),
        per_post={str(post): bereken(geheel.filter(posten=[post]), jaar=jaar, op=op) for post in Post},
        backtest=backtest(geheel, jaar=jaar, op=op),
        per_aanbieder=tuple(sorted(per_aanbieder, key=lambda r: (-r[2].prognose, r[1]))),
        kinderen=kinderen or Kinderen(),
    )


@transaction.atomic
def ververs(*, regio_id: int, gemeente_id: int | None, ids: list[int], jaar: int, op: date) -> Stand:
    """Compute the scope's figures anew and store them (replacing the previous ones)."""
    stand = bereken_stand(laad(ids), jaar=jaar, op=op, kinderen=kinderen(ids, jaar))
    Prognosestand.objects.update_or_create(  # type: ignore[misc]  # gemeente_id None: the region-wide row
        regio_id=regio_id,
        gemeente_id=gemeente_id,
        jaar=jaar,
        defaults={"berekend_op": stand.berekend_op, "inhoud": naar_json(stand)},
    )
    return stand


def lees(*, regio_id: int, gemeente_id: int | None, ids: list[int], jaar: int, op: date) -> Stand:
    """The stored figures; computed and stored first when there are none yet."""
    # gemeente_id None: the region-wide row (IS NULL); django-stubs expects a value for the lookup
    rij = Prognosestand.objects.filter(regio_id=regio_id, gemeente_id=gemeente_id, jaar=jaar).first()  # type: ignore[misc]
    if rij is None:
        return ververs(regio_id=regio_id, gemeente_id=gemeente_id, ids=ids, jaar=jaar, op=op)
    return uit_json(rij.inhoud, berekend_op=rij.berekend_op)


def met_begroting(prognose: Prognose, jaarbedrag: Decimal) -> Prognose:
    """The stored forecast with the begroting as it stands now, in twelve parts."""
    delen = begroting_per_maand(jaarbedrag)
    maanden = tuple(
        Maandcijfer(
            m.maand, delen[m.maand - 1], m.vastgelegd, m.gerealiseerd, m.nog_te_declareren, m.prognose, m.verstreken
        )
        for m in prognose.maanden
    )
    return Prognose(prognose.jaar, prognose.op, maanden, prognose.benutting, prognose.vertraging)


# --- (de)serialising: Decimals as strings, never floats --------------------------------------


def _d(waarde) -> Decimal | None:
    return None if waarde is None else Decimal(waarde)


def _s(waarde: Decimal | None) -> str | None:
    return None if waarde is None else str(waarde)


def _prognose_json(p: Prognose) -> dict:
    return {
        "jaar": p.jaar,
        "op": p.op.isoformat(),
        "benutting": _s(p.benutting),
        "vertraging": None if p.vertraging is None else [str(v) for v in p.vertraging],
        "maanden": [
            [m.maand, str(m.vastgelegd), str(m.gerealiseerd), str(m.nog_te_declareren), str(m.prognose), m.verstreken]
            for m in p.maanden
        ],
    }


def _prognose_uit(d: dict) -> Prognose:
    nul = Decimal("0.00")
    maanden = tuple(
        Maandcijfer(m, nul, Decimal(v), Decimal(r), Decimal(n), Decimal(p), bool(x))
        for m, v, r, n, p, x in d["maanden"]
    )
    vertraging = None if d["vertraging"] is None else tuple(Decimal(v) for v in d["vertraging"])
    return Prognose(d["jaar"], date.fromisoformat(d["op"]), maanden, _d(d["benutting"]), vertraging)


def naar_json(stand: Stand) -> dict:
    return {
        "op": stand.op.isoformat(),
        "prognose": _prognose_json(stand.prognose),
        "per_post": {post: _prognose_json(p) for post, p in stand.per_post.items()},
        "backtest": {
            "jaren": list(stand.backtest.jaren),
            "fout": {str(m): _s(f) for m, f in stand.backtest.fout.items()},
        },
        "per_aanbieder": [
            [a, naam, str(t.vastgelegd), str(t.gerealiseerd), str(t.nog_te_declareren), str(t.prognose)]
            for a, naam, t in stand.per_aanbieder
        ],
        "kinderen": {
            "totaal": stand.kinderen.totaal,
            "per_post": stand.kinderen.per_post,
            "per_aanbieder": {str(a): n for a, n in stand.kinderen.per_aanbieder.items()},
        },
    }


def uit_json(d: dict, *, berekend_op: datetime) -> Stand:
    return Stand(
        op=date.fromisoformat(d["op"]),
        berekend_op=berekend_op,
        prognose=_prognose_uit(d["prognose"]),
        per_post={post: _prognose_uit(p) for post, p in d["per_post"].items()},
        backtest=Backtest(
            jaren=tuple(d["backtest"]["jaren"]), fout={int(m): _d(f) for m, f in d["backtest"]["fout"].items()}
        ),
        per_aanbieder=tuple(
            (a, naam, Jaartotalen(Decimal(v), Decimal(r), Decimal(n), Decimal(p)))
            for a, naam, v, r, n, p in d["per_aanbieder"]
        ),
        kinderen=Kinderen(
            d["kinderen"]["totaal"],
            d["kinderen"]["per_post"],
            {int(a): n for a, n in d["kinderen"]["per_aanbieder"].items()},
        ),
    )
