"""Rijnmond's synthetic region beside IJsselland's (issue 22 §5, seed 004).

The 13 municipalities of the GRJR (``data/rijnmond.csv``: approximations of CBS StatLine, 1
January 2024, since the seed gives no figures), with the MVS sub-region (Maassluis, Vlaardingen,
Schiedam buy all specialist care themselves, seed 004 §1.3), a rule set of its own with
casusregie on (R-R1, R-R3, bouwsteen 3/14), providers with their own AGB codes (``96…``) and
contracts (R-R3): ambulant care partly regional, partly local (every fourth ambulant provider of
youth and parenting help, GGZ and the independents only for Rotterdam, bouwsteen 11); Wonen/
Verblijf (the specialist care) as a local contract per municipality for the 10 municipalities
outside MVS, since a regional contract would cover MVS too. MVS's specialist care is not
contracted here: it comes as a task-based assignment (``taakgericht``). Crisis and the HSWV
collective stay regional, as the youth protection and Veilig Thuis do for all GRJR municipalities.

Then young people, families and five years of client route through the same code as IJsselland
(``regio._rijen``, ``gezin``, ``trajecten.genereer_trajecten``, ``beschikkingen``, ``wachttijden``),
each with its own random stream (``rijnmond-…``), so IJsselland's values do not change. Full
size (``schaal`` 1) is ≈2.3 × IJsselland's young population; ``genereer_regio --rijnmond-schaal``
takes a fraction of it. Deterministic per seed and peildatum; idempotent (natural keys, and the
trajectories are skipped when Rijnmond's providers already have referrals).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.opmaak import getal
from jeugdregie.jeugdigen.bsn import bsn_reeks
from jeugdregie.organisaties.constants import AanbiederCategorie
from jeugdregie.organisaties.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Inschrijving,
    Regio,
    Subregio,
)
from jeugdregie.organisaties.regelset import zorg_voor_regelset

from .adressen import Adressen
from .beschikkingen import maak_beschikkingen
from .bulk import laad_jeugdigen, ververs_statistieken
from .gezin import geef_gezinnen
from .regio import (
    AANBIEDERS_PER_CATEGORIE,
    AMBULANTE_CATEGORIEEN,
    CHUNK,
    CONTRACT_EINDE,
    DATA,
    JEUGD_IJSSELLAND,
    PRODUCTEN_PER_CATEGORIE,
    VERBLIJF_CATEGORIEEN,
    VERBLIJF_PER_JEUGDIGE,
    _demo_iban,
    _naam,
    _rijen,
    _verwijzers,
)
from .trajecten import WONEN_PER_JEUGDIGE, TrajectResultaat, genereer_trajecten
from .wachttijden import meld_demo_wachttijden

CODE = "rijnmond"
ROTTERDAM = "0599"  # the demo's toegang (demogebruikers.py) and the local ambulant contracts
MVS = "mvs"
#: Seed 004: the new purchasing model — local and regional contracts, MVS's task-based care — runs
#: "per 1 januari 2023": Rijnmond's contracts start then, and so does its generated history.
MODEL_BEGIN = date(2023, 1, 1)
AGB_VOORVOEGSEL = "96"  # Rijnmond's providers; IJsselland's are 98…
BSN_BEGIN = 80_000_000  # Rijnmond's young people: BSNs apart from IJsselland's (60…)
LOKAAL_ELKE = 4  # every fourth ambulant provider of these categories has only a Rotterdam contract
LOKALE_CATEGORIEEN = {AanbiederCategorie.JEUGD_EN_OPVOEDHULP, AanbiederCategorie.GGZ, AanbiederCategorie.VRIJGEVESTIGD}
RECHTERLIJK = ("Rechtbank Rotterdam, kinderrechter", "Openbaar Ministerie Rotterdam, officier van justitie")


@dataclass
class RijnmondResultaat:
    gemeenten: int = 0
    aanbieders: int = 0
    contracten_lokaal: int = 0
    contracten_regionaal: int = 0
    verwijzers: int = 0
    jeugdigen_nieuw: int = 0
    jeugdigen_totaal: int = 0
    in_zorg: int = 0
    trajecten: TrajectResultaat | None = None


def gemeenten_csv() -> list[dict]:
    """The rows of ``data/rijnmond.csv`` (its first line, a comment, left out)."""
    with (DATA / "rijnmond.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader((regel for regel in handle if not regel.startswith("#")), delimiter=";"))


def jeugd_volledig() -> int:
    """Rijnmond's young inhabitants at full size (≈262,000: ≈2.3 × IJsselland's 113,000)."""
    return sum(round(int(r["inwoners"]) * float(r["aandeel_jeugd"])) for r in gemeenten_csv())


@transaction.atomic
def _gemeenten(schaal: float) -> tuple[Regio, list[tuple[Gemeente, int, float]]]:
    regio, _ = Regio.objects.get_or_create(code=CODE, defaults={"naam": "Rijnmond"})
    # R-R1 (first version: the defaults) with casusregie on (R-R3, seed 004 bouwsteen 3/14)
    zorg_voor_regelset(regio, casusregie_actief=True)
    mvs, _ = Subregio.objects.get_or_create(
        regio=regio, code=MVS, defaults={"naam": "MVS (Maassluis, Vlaardingen, Schiedam)"}
    )
    plan = []
    for row in gemeenten_csv():
        inwoners = int(row["inwoners"])
        jeugd = round(inwoners * float(row["aandeel_jeugd"]))
        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code=row["cbs_code"],
            defaults={
                "regio": regio,
                "subregio": mvs if row.get("subregio") == MVS else None,
                "naam": row["naam"],
                "inwoners": inwoners,
                "jeugdigen": jeugd,
                "iban": _demo_iban("BNGH", row["cbs_code"]),
            },
        )
        if gemeente.regio_id == regio.pk:
            plan.append((gemeente, round(jeugd * schaal), float(row["aandeel_in_zorg_factor"])))
    return regio, plan


@transaction.atomic
def _aanbieders(
    rng: random.Random, schaal: float, regio: Regio, gemeenten: list[Gemeente]
) -> tuple[dict[str, list[int]], set[int], tuple[int, int]]:
    """Providers and their contracts (R-R3). Returns the providers by category, those that are
    only Rotterdam's, and the number of (local, regional) contracts made."""
    producten = {p.code: p for p in Product.objects.all()}
    rotterdam = next(g for g in gemeenten if g.cbs_code == ROTTERDAM)
    buiten_mvs = [g for g in gemeenten if g.subregio_id is None]
    nummer = 0
    per_categorie: dict[str, list[str]] = {}
    nieuw: list[Aanbieder] = []
    lokaal: set[str] = set()
    for categorie, aantal in AANBIEDERS_PER_CATEGORIE.items():
        for _ in range(max(1, round(aantal * schaal))):
            nummer += 1
            agb = f"{AGB_VOORVOEGSEL}{nummer:06d}"
            per_categorie.setdefault(categorie, []).append(agb)
            if categorie in LOKALE_CATEGORIEEN and nummer % LOKAAL_ELKE == 0:
                lokaal.add(agb)
            nieuw.append(
                Aanbieder(
                    agb_code=agb,
                    naam=_naam(rng, categorie, nummer),
                    categorie=categorie,
                    regio=regio,
                    iban=_demo_iban("RABO", agb),
                )
            )
    Aanbieder.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=2000)
    ids = dict(Aanbieder.objects.filter(agb_code__in=[a.agb_code for a in nieuw]).values_list("agb_code", "id"))
    # (contract, its product codes)
    plan: list[tuple[Contract, list[str]]] = []
    for index, aanbieder in enumerate(nieuw):
        codes = PRODUCTEN_PER_CATEGORIE[aanbieder.categorie].split()
        if aanbieder.categorie == AanbiederCategorie.JEUGD_EN_OPVOEDHULP and index % 10 == 0:
            codes = [*codes, "43W10", "50H01"]  # Jeugdzorg Plus and the HSWV collective, as in IJsselland
        specialistisch = [c for c in codes if producten[c].onderdeel == Onderdeel.WONEN_VERBLIJF]
        ambulant = [c for c in codes if c not in specialistisch]
        agb, eigen = aanbieder.agb_code, aanbieder.agb_code in lokaal

        def contract(nummer: str, gemeente: Gemeente | None, agb: str = agb) -> Contract:
            return Contract(
                aanbieder_id=ids[agb],
                regio=regio,
                gemeente=gemeente,
                nummer=nummer,
                begindatum=MODEL_BEGIN,
                einddatum=CONTRACT_EINDE,
            )

        if ambulant:
            if eigen:  # bouwsteen 11: ambulant care bought by the municipality itself
                plan.append((contract(f"GRJR-{agb}-{ROTTERDAM}", rotterdam), ambulant))
            else:
                plan.append((contract(f"GRJR-{agb}", None), ambulant))
        if specialistisch:  # for the 10 municipalities outside MVS, each its own local contract
            for gemeente in [rotterdam] if eigen else buiten_mvs:
                plan.append((contract(f"GRJR-{agb}-S{gemeente.cbs_code}", gemeente), specialistisch))
    Contract.objects.bulk_create([c for c, _ in plan], ignore_conflicts=True, batch_size=2000)
    contract_ids = dict(Contract.objects.filter(nummer__in=[c.nummer for c, _ in plan]).values_list("nummer", "id"))
    regels, inschrijvingen = [], []
    for gepland, codes in plan:
        contract_id = contract_ids[gepland.nummer]
        for code in codes:
            product = producten[code]
            regels.append(
                ContractProduct(
                    contract_id=contract_id, product=product, begindatum=MODEL_BEGIN, einddatum=CONTRACT_EINDE
                )
            )
            if product.tariefgroep_id or product.intensiteit:  # R-B8/R-S4: registered on what it delivers
                inschrijvingen.append(
                    Inschrijving(
                        contract_id=contract_id, product=product, begindatum=MODEL_BEGIN, einddatum=CONTRACT_EINDE
                    )
                )
    ContractProduct.objects.bulk_create(regels, ignore_conflicts=True, batch_size=5000)
    Inschrijving.objects.bulk_create(inschrijvingen, ignore_conflicts=True, batch_size=5000)
    aantal_lokaal = sum(1 for c, _ in plan if c.gemeente is not None)
    return (
        {categorie: [ids[agb] for agb in agbs] for categorie, agbs in per_categorie.items()},
        {ids[agb] for agb in lokaal},
        (aantal_lokaal, len(plan) - aantal_lokaal),
    )


def genereer_rijnmond(
    *,
    peildatum: date,
    schaal: float,
    seed: int = 42,
    melden: Callable[[str], None] = print,
    met_trajecten: bool = True,
    vandaag: date | None = None,
) -> RijnmondResultaat:
    """Rijnmond at ``schaal`` (1: its full size) as on ``peildatum``, beside IJsselland (run
    after ``genereer_regio``); ``vandaag`` as there."""
    if schaal <= 0:
        raise ValueError("De schaal van Rijnmond moet groter dan 0 zijn.")
    rng = random.Random(f"rijnmond-{seed}")
    regio, plan = _gemeenten(schaal)
    # providers, referrers and crisis calls in proportion to the young population, as IJsselland's
    verhouding = jeugd_volledig() * schaal / JEUGD_IJSSELLAND
    gemeenten = [g for g, _, _ in plan]
    aanbieders, alleen_rotterdam, (lokaal, regionaal) = _aanbieders(rng, verhouding, regio, gemeenten)
    verwijzers = _verwijzers(rng, verhouding, regio, agb_tussen="5", rechterlijk=RECHTERLIJK)
    totaal = sum(aantal for _, aantal, _ in plan)
    resultaat = RijnmondResultaat(
        gemeenten=len(plan),
        aanbieders=sum(map(len, aanbieders.values())),
        contracten_lokaal=lokaal,
        contracten_regionaal=regionaal,
        verwijzers=sum(map(len, verwijzers.values())),
        jeugdigen_totaal=totaal,
    )
    melden(
        f"Rijnmond: {resultaat.gemeenten} gemeenten, {resultaat.aanbieders} aanbieders ({lokaal} lokale en "
        f"{regionaal} regionale contracten), {resultaat.verwijzers} verwijzers; {getal(totaal)} jeugdigen te genereren"
    )
    # R-R3: a young person outside Rotterdam gets no Rotterdam-only provider in the staging data
    elders = {c: [a for a in ids if a not in alleen_rotterdam] for c, ids in aanbieders.items()}
    delen = [
        ([p for p in plan if p[0].cbs_code == ROTTERDAM], aanbieders),
        ([p for p in plan if p[0].cbs_code != ROTTERDAM], elders),
    ]
    begin, adressen, bsns = timezone.now(), Adressen(seed, stroom="rijnmond-adressen"), bsn_reeks(BSN_BEGIN)
    gemeente_ids = {g.pk for g in gemeenten}
    in_zorg: list[tuple] = []
    chunk: list[tuple] = []
    for deel, keuze in delen:
        for verblijf, rij in _rijen(rng, deel, keuze, verwijzers, adressen, peildatum, bsns=bsns):
            chunk.append(rij)
            if rij[9] is not None:
                resultaat.in_zorg += 1
                in_zorg.append((rij[0], rij[3], *rij[5:9], *rij[9:12], verblijf))
            if len(chunk) == CHUNK:
                resultaat.jeugdigen_nieuw += laad_jeugdigen(chunk, aangemaakt=begin)
                chunk = []
    if chunk:
        resultaat.jeugdigen_nieuw += laad_jeugdigen(chunk, aangemaakt=begin)
    melden(f"Rijnmond: {getal(resultaat.jeugdigen_nieuw)} nieuwe jeugdigen, {getal(resultaat.in_zorg)} in zorg")
    ververs_statistieken()
    geef_gezinnen(
        seed=seed,
        peildatum=peildatum,
        gemeente_ids=gemeente_ids,
        in_zorg=in_zorg,
        melden=melden,
        stroom="rijnmond-gezin",
        demo_cbs=ROTTERDAM,
    )
    ververs_statistieken()
    if not met_trajecten:
        return resultaat
    resultaat.trajecten = genereer_trajecten(
        seed=seed,
        schaal=verhouding,
        regio=regio,
        peildatum=peildatum,
        aanbieders=aanbieders,
        verwijzers=verwijzers,
        in_zorg=in_zorg,
        kans_wonen=min(1.0, WONEN_PER_JEUGDIGE / VERBLIJF_PER_JEUGDIGE),
        ambulante_categorieen=AMBULANTE_CATEGORIEEN,
        verblijf_categorieen=VERBLIJF_CATEGORIEEN,
        melden=melden,
        vandaag=vandaag,
        stroom="rijnmond",
        demo_cbs=ROTTERDAM,
        niet_voor=MODEL_BEGIN,
    )
    maak_beschikkingen(melden=melden)  # R-D1: Rijnmond's decisions get their letters too
    meld_demo_wachttijden(regio=regio, seed=seed)  # R-S6
    ververs_statistieken()
    return resultaat
