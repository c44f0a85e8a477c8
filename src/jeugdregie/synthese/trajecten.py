"""Five years of client-route trajectories for the synthetic region (SPEC §4–§7).

For every young person in care that regio.py generated in IJsselland (the region with contracts)
the generator writes a history from 1 January four years before the peildatum's year on
(wereld.venster): referrals by referrer type with results and a
keuzebudget, screenings (≈90% accepted; refusals with their follow-up and notification),
allocations that start and stop with a JZ588 reason and a result score, monthly delivered volume
× tariff, adjustment requests, plans with progress, Wonen/Verblijf zorgtoewijzingen renewed
yearly with matching and bed requests, crisis reports with crisisopvolging requests, HSWV inzet,
and the sight (Betrokkenheid) the services would have granted.

Time: events happen up to the ``peildatum`` the caller passes (the synthetic "now": today for
``manage.py genereer_regio``, the fixed ``PEILDATUM`` of regio.py in tests), so statuses are
consistent with it (recent referrals still to screen, recent allocations still to start);
periods run at most to the end of the window (wereld.venster). The handful of demo items
(demo.py) is dated relative to the peildatum too, and once more relative to ``vandaag`` when a
caller passes another day. The output depends only on the seed and these dates, never on the
clock.

Idempotent: when the region's providers already have referrals, nothing is added. All rows are
built in Python with one seeded ``random.Random`` and written in one transaction by bulk.Tabel
(COPY on PostgreSQL, executemany on SQLite); rules are those of toewijzingen.services, applied
while building rather than row by row through the services (which would take hours).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from jeugdregie.common.opmaak import getal
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.verwijzingen.models import Verwijzing

from .bulk import herstel_reeksen, ververs_statistieken
from .crisis import Crisis
from .crisis import vul_bsn as vul_crisis_bsn
from .demo import Demo
from .route import Route
from .wereld import Bouwer, Persoon, Wereld
from .wonen import Wonen

WONEN_PER_JEUGDIGE = 0.012  # SPEC §2: 1.2% of young inhabitants with stay
P_NIEUWE_AANVRAAG = 0.03  # young people in care with a second request in the last weeks
IN_BLOKKEN = 900  # ids per IN (…) query (SQLite's old variable limit)


@dataclass
class TrajectResultaat:
    overgeslagen: bool = False
    rijen: dict[str, int] = field(default_factory=dict)

    @property
    def totaal(self) -> int:
        return sum(self.rijen.values())


def _blokken(reeks: Sequence, grootte: int = IN_BLOKKEN):
    for begin in range(0, len(reeks), grootte):
        yield reeks[begin : begin + grootte]


def _personen(in_zorg: Sequence[tuple], wereld: Wereld) -> list[Persoon]:
    """Resolve the staging rows (bsn, geboren, gemeente, woon_sinds, vorige, einde_vorige,
    aanbieder, verwijzer, zorg_begin, verblijf) to young people by BSN. A young person stored by
    an earlier run with another seed (other birth date) is left out."""
    opgeslagen: dict[str, tuple[int, date]] = {}
    bsns = [rij[0] for rij in in_zorg]
    for blok in _blokken(bsns):
        opgeslagen.update(
            (bsn, (pk, geboren))
            for bsn, pk, geboren in Jeugdige.objects.filter(bsn__in=blok).values_list("bsn", "id", "geboortedatum")
        )
    return [
        Persoon(opgeslagen[rij[0]][0], *rij[1:])
        for rij in in_zorg
        if opgeslagen.get(rij[0], (None, None))[1] == rij[1] and rij[2] in wereld.gemeenten
    ]


def _vroegst(persoon: Persoon, wereld: Wereld) -> date:
    """The first day the generator may date something: from the window's begin, from age 2, and
    not before the young person lived in the region."""
    vroegst = max(wereld.venster_begin, persoon.geboren + relativedelta(years=2))
    if persoon.vorige_gemeente_id is not None and persoon.vorige_gemeente_id not in wereld.gemeenten:
        vroegst = max(vroegst, persoon.woon_sinds)
    return vroegst


def heeft_trajecten(aanbieders: dict[str, list[int]]) -> bool:
    alle = [a for ids in aanbieders.values() for a in ids]
    return any(Verwijzing.objects.filter(aanbieder_id__in=blok).exists() for blok in _blokken(alle))


def genereer_trajecten(
    *,
    seed: int,
    schaal: float,
    regio,
    peildatum: date,
    aanbieders: dict[str, list[int]],
    verwijzers: dict[str, list[int]],
    in_zorg: Sequence[tuple],
    kans_wonen: float,
    ambulante_categorieen: dict[str, int],
    verblijf_categorieen: dict[str, int],
    melden: Callable[[str], None] = print,
    vandaag: date | None = None,
    stroom: str = "trajecten",
    demo_cbs: str = "0193",
    niet_voor: date | None = None,
) -> TrajectResultaat:
    """``stroom`` names the random stream: IJsselland's is "trajecten", another region (Rijnmond,
    issue 22 §5) has its own, so adding it changes no value of IJsselland."""
    if heeft_trajecten(aanbieders):
        melden("trajecten: al aanwezig, niets toegevoegd")
        return TrajectResultaat(overgeslagen=True)
    wereld = Wereld.laad(
        peildatum=peildatum,
        regio=regio,
        aanbieders=aanbieders,
        verwijzers=verwijzers,
        demo_cbs=demo_cbs,
        niet_voor=niet_voor,
    )
    jaren = range(wereld.venster_begin.year, max(wereld.venster_einde.year, peildatum.year) + 1)
    ontbrekend = [j for j in jaren if not wereld.heeft_jaar(j)]
    if ontbrekend:
        melden(f"trajecten: geen keuzebudgetten in de catalogus voor {ontbrekend}; laad eerst de catalogus")
        return TrajectResultaat(overgeslagen=True)
    with transaction.atomic():
        return _genereer(
            seed,
            schaal,
            wereld,
            in_zorg,
            kans_wonen,
            ambulante_categorieen,
            verblijf_categorieen,
            melden,
            vandaag,
            stroom,
        )


def _genereer(
    seed, schaal, wereld, in_zorg, kans_wonen, ambulant, verblijf, melden, vandaag, stroom="trajecten"
) -> TrajectResultaat:
    begin = timezone.now()
    personen = _personen(in_zorg, wereld)
    rng = random.Random(f"{stroom}-{seed}")
    demo_stroom = "demo" if stroom == "trajecten" else f"{stroom}-demo"
    bouwer = Bouwer(wereld, rng)
    for blok in _blokken([p.jeugdige_id for p in personen]):
        bouwer.bestaand_zicht.update(
            Betrokkenheid.objects.filter(jeugdige_id__in=blok).values_list(
                "jeugdige_id", "aanbieder_id", "verwijzer_id", "bron"
            )
        )
    route = Route(bouwer, ambulant)
    wonen = Wonen(bouwer, route, verblijf)
    crisis = Crisis(bouwer, personen, schaal)
    for persoon in personen:
        # R-R3: local contracts count only for the municipality the young person lived in
        wereld.gemeenten_nu = frozenset(
            g for g in (persoon.gemeente_id, persoon.vorige_gemeente_id) if g is not None and g in wereld.gemeenten
        )
        vroegst = _vroegst(persoon, wereld)
        if persoon.verblijf and rng.random() < kans_wonen and wonen.persoon(persoon, vroegst):
            continue
        route.persoon(persoon, persoon.aanbieder_id, vroegst)
        if rng.random() < P_NIEUWE_AANVRAAG:
            nieuwe_aanvraag(route, persoon)
    wereld.gemeenten_nu = frozenset()
    crisis.genereer()
    demo = Demo(bouwer, route, wonen, crisis, personen)
    if wereld.zwolle is not None:  # the demo's young people live in the demo municipality (R-R3)
        wereld.gemeenten_nu = frozenset({wereld.zwolle})
    peildatum = wereld.peildatum
    rng.seed(f"{demo_stroom}-{seed}-{peildatum.isoformat()}")
    demo.vul(peildatum)
    vandaag = vandaag or peildatum
    if abs((vandaag - peildatum).days) > 14:
        rng.seed(f"{demo_stroom}-{seed}-{vandaag.isoformat()}")
        demo.vul(vandaag)
    bouwer.schrijf_zicht()
    resultaat = TrajectResultaat()
    for tabel in bouwer.tabellen():
        resultaat.rijen[str(tabel.model._meta.verbose_name_plural)] = tabel.laad()
    herstel_reeksen([tabel.model for tabel in bouwer.tabellen()])
    ververs_statistieken()
    vul_crisis_bsn()
    melden(
        f"trajecten: {getal(resultaat.rijen['verwijzingen'])} verwijzingen, {getal(resultaat.rijen['toewijzingen'])} "
        f"toewijzingen, {getal(resultaat.rijen['leveringen'])} leveringen, {getal(resultaat.rijen['crisismeldingen'])} "
        f"crisismeldingen; {getal(resultaat.totaal)} rijen in {getal(_seconden(begin), 1)} s"
    )
    return resultaat


def nieuwe_aanvraag(route: Route, persoon: Persoon) -> None:
    """A second request via the toegang in the last weeks before the peildatum: still to screen,
    to start, or refused with the follow-up still open (R-S3)."""
    rng, peil = route.rng, route.peil
    datum = peil - timedelta(days=rng.randrange(1, 75))
    if datum < persoon.zorg_begin:
        return
    aanbieder = route.kies_aanbieder(behalve=persoon.aanbieder_id)
    if rng.random() < 0.18:
        route.weigering(persoon, aanbieder, VerwijzerType.GEMEENTE, None, datum, opgevolgd_op=None)
    else:
        route.schakel(
            persoon, aanbieder, VerwijzerType.GEMEENTE, None, datum, uiterlijk=route.w.venster_einde, huidig=False
        )


def _seconden(begin) -> float:
    return (timezone.now() - begin).total_seconds()
