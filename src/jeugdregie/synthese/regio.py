"""The synthetic region (issue 2 §7): deterministic per seed, proportions of SPEC §2.

Scale 1 is region IJsselland: the 11 municipalities at their real sizes (≈113,000 young
inhabitants), about 150 providers with contracts, GP practices, youth doctors, medical
specialists and GIs, and ≈13,500 young people in care (11,770 without and 1,785 with stay,
scaled by municipality). Above scale 1 the other municipalities of the CBS 2026 list join in
their own youth regions until the young population is ``schaal`` × 113,000, so ``--schaal 40``
approximates the whole country. Everything is keyed on natural keys (CBS code, AGB code, BSN,
contract number), so a second run with the same seed adds nothing. The young people in care of
IJsselland then get five years of client-route trajectories (trajecten.py).

Everything is dated relative to the ``peildatum`` the caller passes, the synthetic "now":
``manage.py genereer_regio`` takes today (Amsterdam) unless ``--peildatum`` or
``JEUGDREGIE_DEMO_PEILDATUM`` fixes it, so the demo is current; tests and benches pass the fixed
``PEILDATUM`` below. The same seed and peildatum give the same region.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from schwifty import IBAN

from jeugdregie.catalogus.models import Product
from jeugdregie.common.opmaak import getal, procent
from jeugdregie.jeugdigen.bsn import bsn_reeks
from jeugdregie.organisaties.constants import AanbiederCategorie, VerwijzerType
from jeugdregie.organisaties.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Inschrijving,
    Regio,
    Verwijzer,
)
from jeugdregie.organisaties.regelset import zorg_voor_regelset
from jeugdregie.organisaties.validators import cbs_gemeenten

from . import namen
from .adressen import Adressen
from .beschikkingen import maak_beschikkingen
from .bulk import laad_jeugdigen, ververs_statistieken
from .gezin import geef_gezinnen
from .overdracht import verhuis_een_jeugdige
from .trajecten import WONEN_PER_JEUGDIGE, TrajectResultaat, genereer_trajecten
from .wachttijden import meld_demo_wachttijden

DATA = Path(__file__).parent / "data"
# The fixed peildatum of the tests and benches, so their figures are the same whatever day they
# run. The generator itself never reads it: every caller passes its peildatum.
PEILDATUM = date(2026, 1, 1)
JEUGD_IJSSELLAND = 113_000
AMBULANT_PER_JEUGDIGE = 11_770 / JEUGD_IJSSELLAND  # SPEC §2, 2019
VERBLIJF_PER_JEUGDIGE = 1_785 / JEUGD_IJSSELLAND
CONTRACT_BEGIN = date(2022, 1, 1)
CONTRACT_EINDE = date(2027, 12, 31)
CHUNK = 50_000

# providers per 113,000 young inhabitants, by category (≈150 at scale 1)
AANBIEDERS_PER_CATEGORIE = {
    AanbiederCategorie.JEUGD_EN_OPVOEDHULP: 42,
    AanbiederCategorie.GGZ: 38,
    AanbiederCategorie.LVB: 20,
    AanbiederCategorie.PLEEGZORG: 12,
    AanbiederCategorie.DYSLEXIE: 12,
    AanbiederCategorie.CRISIS: 2,
    AanbiederCategorie.VRIJGEVESTIGD: 24,
}
PRODUCTEN_PER_CATEGORIE = {
    AanbiederCategorie.JEUGD_EN_OPVOEDHULP: (
        "45A01 45A02 45A03 45A04 41D01 41D02 41D03 41D04 44W02 44W03 44W05 44W06 44W07 44W08"
    ),
    AanbiederCategorie.GGZ: "45A03 45A04 45A05 45A06 45A07 41D02 41D03",
    AanbiederCategorie.LVB: "45A01 45A02 45A03 41D01 41D02 41D03 41D04 44W05 44W06 44W07 44W08 44W09",
    AanbiederCategorie.PLEEGZORG: "44W01 44W04 45A02 45A03",
    AanbiederCategorie.DYSLEXIE: "45L01 45L02",
    AanbiederCategorie.CRISIS: "46C01 46C02 46C03 45A03 45A04 45A05",
    AanbiederCategorie.VRIJGEVESTIGD: "45A04 45A05 45A06",
}
AMBULANTE_CATEGORIEEN = {"jo": 35, "ggz": 35, "vrijgevestigd": 15, "lvb": 10, "dyslexie": 5}
VERBLIJF_CATEGORIEEN = {"pleegzorg": 45, "jo": 35, "lvb": 20}


@dataclass
class Voortgang:
    melden: Callable[[str], None]

    def stap(self, wat: str, gedaan: int, totaal: int, begin: datetime) -> None:
        seconden = max((timezone.now() - begin).total_seconds(), 1e-6)
        self.melden(
            f"{wat}: {getal(gedaan)}/{getal(totaal)} ({procent(100 * gedaan / max(totaal, 1), 0)}), "
            f"{getal(gedaan / seconden)} rijen/s"
        )


@dataclass
class Resultaat:
    gemeenten: int = 0
    aanbieders: int = 0
    verwijzers: int = 0
    jeugdigen_nieuw: int = 0
    jeugdigen_totaal: int = 0
    in_zorg: int = 0
    trajecten: TrajectResultaat | None = None


def _demo_iban(bank: str, code: str) -> str:
    """A fictitious Dutch IBAN with a valid checksum, derived from the CBS or AGB code, so the
    demo region can be paid by SEPA (betalingen). Municipalities bank at BNG Bank."""
    return IBAN.generate("NL", bank_code=bank, account_code=f"{int(code):010d}").compact


def _ijsselland() -> list[dict]:
    with (DATA / "ijsselland.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@transaction.atomic
def _gemeenten(rng: random.Random, schaal: float, behalve: str = "") -> list[tuple[Gemeente, int, float]]:
    """Create the municipalities; returns (municipality, young people to generate, care factor).
    ``behalve``: a youth region generated on its own (Rijnmond, rijnmond.py) that the scale-up
    above 1 leaves out (its weights are still drawn, so the rest stays as it was)."""
    ijsselland, _ = Regio.objects.get_or_create(code="ijsselland", defaults={"naam": "IJsselland"})
    zorg_voor_regelset(ijsselland)  # R-R1: its first rule set (the defaults: IJsselland's values)
    plan = []
    factor_ijsselland = min(schaal, 1.0)
    for row in _ijsselland():
        inwoners = int(row["inwoners"])
        jeugd = round(inwoners * float(row["aandeel_jeugd"]))
        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code=row["cbs_code"],
            defaults={
                "regio": ijsselland,
                "naam": row["naam"],
                "inwoners": inwoners,
                "jeugdigen": jeugd,
                "iban": _demo_iban("BNGH", row["cbs_code"]),
            },
        )
        plan.append((gemeente, round(jeugd * factor_ijsselland), float(row["aandeel_in_zorg_factor"])))
    if schaal <= 1:
        return plan
    overig = [g for code, g in sorted(cbs_gemeenten().items()) if g["jeugdregio"] != "IJsselland"]
    gewichten = [rng.lognormvariate(0, 0.9) for _ in overig]
    rest = (schaal - 1) * JEUGD_IJSSELLAND
    for gegevens, gewicht in zip(overig, gewichten, strict=True):
        if behalve and gegevens["jeugdregio"] == behalve:
            continue
        regio_naam = gegevens["jeugdregio"] or "Overig"
        regio, nieuw = Regio.objects.get_or_create(code=slugify(regio_naam)[:40], defaults={"naam": regio_naam})
        if nieuw:
            zorg_voor_regelset(regio)  # R-R1
        jeugd = max(50, round(rest * gewicht / sum(gewichten)))
        gemeente, _ = Gemeente.objects.get_or_create(
            cbs_code=gegevens["cbs_code"],
            defaults={
                "regio": regio,
                "naam": gegevens["naam"],
                "inwoners": round(jeugd / 0.2),
                "jeugdigen": jeugd,
                "iban": _demo_iban("BNGH", gegevens["cbs_code"]),
            },
        )
        plan.append((gemeente, jeugd, rng.uniform(0.85, 1.15)))
    return plan


def _naam(rng: random.Random, categorie: str, nummer: int) -> str:
    soort = rng.choice(namen.SOORTEN[categorie])
    return f"{soort} {rng.choice(namen.ORGANISATIEWOORDEN)} {nummer}"


@transaction.atomic
def _aanbieders(rng: random.Random, schaal: float, regio: Regio) -> dict[str, list[int]]:
    producten = {p.code: p for p in Product.objects.all()}
    nummer = 0
    per_categorie: dict[str, list[str]] = {}
    nieuw = []
    for categorie, aantal in AANBIEDERS_PER_CATEGORIE.items():
        for _ in range(max(1, round(aantal * schaal))):
            nummer += 1
            agb = f"98{nummer:06d}"
            per_categorie.setdefault(categorie, []).append(agb)
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
    contracten = [
        Contract(
            aanbieder_id=ids[a.agb_code],
            regio=regio,
            nummer=f"IJS-2022-{a.agb_code}",
            begindatum=CONTRACT_BEGIN,
            einddatum=CONTRACT_EINDE,
        )
        for a in nieuw
    ]
    Contract.objects.bulk_create(contracten, ignore_conflicts=True, batch_size=2000)
    contract_ids = dict(Contract.objects.filter(nummer__in=[c.nummer for c in contracten]).values_list("nummer", "id"))
    regels, inschrijvingen = [], []
    for index, aanbieder in enumerate(nieuw):
        contract_id = contract_ids[f"IJS-2022-{aanbieder.agb_code}"]
        codes = PRODUCTEN_PER_CATEGORIE[aanbieder.categorie].split()
        if aanbieder.categorie == AanbiederCategorie.JEUGD_EN_OPVOEDHULP and index % 10 == 0:
            codes = [*codes, "43W10", "50H01"]  # Jeugdzorg Plus and the HSWV collective
        # R-B8/R-S4: a provider registers on the tariff groups and intensities it delivers
        # ("ingeschreven betekent ook leveren", 001 §4.2.1.4): lines are paid only for those. The draw
        # is kept so the rest of the region's random sequence stays as it was.
        rng.random()
        ingeschreven = True
        for code in codes:
            product = producten[code]
            regels.append(
                ContractProduct(
                    contract_id=contract_id, product=product, begindatum=CONTRACT_BEGIN, einddatum=CONTRACT_EINDE
                )
            )
            if ingeschreven and (product.tariefgroep_id or product.intensiteit):
                inschrijvingen.append(
                    Inschrijving(
                        contract_id=contract_id, product=product, begindatum=CONTRACT_BEGIN, einddatum=CONTRACT_EINDE
                    )
                )
    ContractProduct.objects.bulk_create(regels, ignore_conflicts=True, batch_size=5000)
    Inschrijving.objects.bulk_create(inschrijvingen, ignore_conflicts=True, batch_size=5000)
    return {categorie: [ids[agb] for agb in agbs] for categorie, agbs in per_categorie.items()}


RECHTERLIJKE_VERWIJZERS = (
    "Rechtbank Overijssel, kinderrechter",
    "Openbaar Ministerie Oost-Nederland, officier van justitie",
)


@transaction.atomic
def _verwijzers(
    rng: random.Random,
    schaal: float,
    regio: Regio,
    *,
    agb_tussen: str = "",
    rechterlijk: tuple[str, ...] = RECHTERLIJKE_VERWIJZERS,
) -> dict[str, list[int]]:
    """The region's referrers. ``agb_tussen``: a digit after the type prefix that keeps a second
    region's AGB codes apart from IJsselland's (Rijnmond: "5")."""
    aantallen = {
        VerwijzerType.HUISARTS: 120,
        VerwijzerType.JEUGDARTS: 5,
        VerwijzerType.MEDISCH_SPECIALIST: 8,
        VerwijzerType.GI: 3,
    }
    voorvoegsel = {
        VerwijzerType.HUISARTS: "01",
        VerwijzerType.JEUGDARTS: "03",
        VerwijzerType.MEDISCH_SPECIALIST: "06",
        VerwijzerType.GI: "97",
    }
    benaming = {
        VerwijzerType.HUISARTS: "Huisartsenpraktijk",
        VerwijzerType.JEUGDARTS: "Jeugdartsen GGD-team",
        VerwijzerType.MEDISCH_SPECIALIST: "Kinderpoli",
        VerwijzerType.GI: "Gecertificeerde instelling",
    }
    nieuw = []
    for soort, aantal in aantallen.items():
        for nummer in range(1, max(1, round(aantal * schaal)) + 1):
            woorden = namen.ACHTERNAMEN if soort == VerwijzerType.HUISARTS else namen.ORGANISATIEWOORDEN
            naam = f"{benaming[soort]} {rng.choice(woorden)} {nummer}"
            nieuw.append(
                Verwijzer(
                    type=soort,
                    naam=naam,
                    agb_code=f"{voorvoegsel[soort]}{agb_tussen}{nummer:0{6 - len(agb_tussen)}d}",
                    regio=regio,
                )
            )
    Verwijzer.objects.bulk_create(nieuw, ignore_conflicts=True, batch_size=2000)
    ids = dict(Verwijzer.objects.filter(agb_code__in=[v.agb_code for v in nieuw]).values_list("agb_code", "id"))
    per_type: dict[str, list[int]] = {}
    for v in nieuw:
        per_type.setdefault(v.type, []).append(ids[v.agb_code])
    # R-T10 (000 §6): the court and the public prosecutor refer too; COD327 08 refers by name,
    # without an AGB code (CD068), so these are found by their name.
    per_type[VerwijzerType.RECHTER] = [
        Verwijzer.objects.get_or_create(type=VerwijzerType.RECHTER, naam=naam, regio=regio, defaults={"agb_code": ""})[
            0
        ].pk
        for naam in rechterlijk
    ]
    return per_type


def _kies(rng: random.Random, gewichten: dict[str, int], aanbieders: dict[str, list[int]]) -> int:
    categorie = rng.choices(list(gewichten), weights=list(gewichten.values()))[0]
    return rng.choice(aanbieders[categorie])


def _rijen(rng, plan, aanbieders, verwijzers, adressen: Adressen, peildatum: date, bsns=None) -> Iterator[tuple]:
    """``bsns``: the BSN sequence (default: IJsselland's, from the start of ``bsn_reeks``)."""
    bsns = bsns if bsns is not None else bsn_reeks()
    gemeente_ids = [g.pk for g, _, _ in plan]
    for gemeente, aantal, factor in plan:
        in_zorg = set(
            rng.sample(
                range(aantal), min(aantal, round(aantal * (AMBULANT_PER_JEUGDIGE + VERBLIJF_PER_JEUGDIGE) * factor))
            )
        )
        aandeel_verblijf = VERBLIJF_PER_JEUGDIGE / (AMBULANT_PER_JEUGDIGE + VERBLIJF_PER_JEUGDIGE)
        for index in range(aantal):
            zorg = index in in_zorg
            leeftijd_dagen = rng.randrange(365 * (4 if zorg else 0), 365 * 18 - 1)
            geboren = peildatum - timedelta(days=leeftijd_dagen)
            vorige = einde_vorige = None
            woont_sinds = geboren
            if rng.random() < 0.04 and leeftijd_dagen > 400:
                vorige = rng.choice(gemeente_ids)
                if vorige == gemeente.pk:
                    vorige = None
                else:
                    woont_sinds = geboren + timedelta(days=rng.randrange(200, leeftijd_dagen))
                    einde_vorige = woont_sinds - timedelta(days=1)
            aanbieder = verwijzer = zorg_begin = None
            verblijf = False
            if zorg:
                zorg_begin = peildatum - timedelta(days=rng.randrange(0, 700))
                verblijf = rng.random() < aandeel_verblijf
                if verblijf:
                    aanbieder = _kies(rng, VERBLIJF_CATEGORIEEN, aanbieders)
                    if rng.random() < 0.15:
                        verwijzer = rng.choice(verwijzers[VerwijzerType.GI])
                else:
                    aanbieder = _kies(rng, AMBULANTE_CATEGORIEEN, aanbieders)
                    if rng.random() < 0.45:
                        verwijzer = rng.choice(verwijzers[VerwijzerType.HUISARTS])
            yield (
                verblijf,
                (
                    next(bsns),
                    rng.choice(namen.VOORNAMEN),
                    rng.choice(namen.ACHTERNAMEN),
                    geboren,
                    rng.choice("12") if rng.random() < 0.99 else "0",
                    gemeente.pk,
                    woont_sinds,
                    vorige,
                    einde_vorige,
                    aanbieder,
                    verwijzer,
                    zorg_begin,
                    *adressen.voor(
                        gemeente_naam=gemeente.naam,
                        cbs_code=gemeente.cbs_code,
                        woont_sinds=woont_sinds,
                        peildatum=peildatum,
                    ).kolommen(),
                ),
            )


def genereer_regio(
    *,
    peildatum: date,
    schaal: float = 1.0,
    seed: int = 42,
    melden: Callable[[str], None] = print,
    met_trajecten: bool = True,
    vandaag: date | None = None,
    behalve_regio: str = "",
) -> Resultaat:
    """The region as on ``peildatum`` (the synthetic "now"), then (``met_trajecten``) five years
    of client-route trajectories up to it for the young people in care of IJsselland
    (trajecten.py). ``vandaag`` (default: the peildatum) only dates a second handful of demo
    items of demo.py, when it lies more than two weeks from the peildatum. ``behalve_regio``: the
    jeugdregio (CBS list) of a region generated on its own afterwards (Rijnmond, rijnmond.py),
    left out of the scale-up above 1."""
    if schaal <= 0:
        raise ValueError("De schaal moet groter dan 0 zijn.")
    rng = random.Random(seed)
    voortgang = Voortgang(melden)
    plan = _gemeenten(rng, schaal, behalve_regio)
    ijsselland = Regio.objects.get(code="ijsselland")
    aanbieders = _aanbieders(rng, schaal, ijsselland)
    verwijzers = _verwijzers(rng, schaal, ijsselland)
    totaal = sum(aantal for _, aantal, _ in plan)
    resultaat = Resultaat(
        gemeenten=len(plan),
        aanbieders=sum(map(len, aanbieders.values())),
        verwijzers=sum(map(len, verwijzers.values())),
        jeugdigen_totaal=totaal,
    )
    melden(
        f"{resultaat.gemeenten} gemeenten, {resultaat.aanbieders} aanbieders, {resultaat.verwijzers} verwijzers; "
        f"{getal(totaal)} jeugdigen te genereren"
    )
    begin, gedaan, chunk = timezone.now(), 0, []
    regio_gemeenten = {g.pk for g, _, _ in plan if g.regio_id == ijsselland.pk}
    in_zorg = []  # the young people in care of the contract region, for the trajectories
    for verblijf, rij in _rijen(rng, plan, aanbieders, verwijzers, Adressen(seed), peildatum):
        chunk.append(rij)
        if rij[9] is not None:
            resultaat.in_zorg += 1
            if rij[5] in regio_gemeenten:
                in_zorg.append((rij[0], rij[3], *rij[5:9], *rij[9:12], verblijf))
        if len(chunk) == CHUNK:
            resultaat.jeugdigen_nieuw += laad_jeugdigen(chunk, aangemaakt=begin)
            gedaan += len(chunk)
            chunk = []
            voortgang.stap("jeugdigen", gedaan, totaal, begin)
    if chunk:
        resultaat.jeugdigen_nieuw += laad_jeugdigen(chunk, aangemaakt=begin)
        gedaan += len(chunk)
        voortgang.stap("jeugdigen", gedaan, totaal, begin)
    # every step after a bulk load reads what it loaded: the planner must know the new sizes first
    ververs_statistieken()
    geef_gezinnen(seed=seed, peildatum=peildatum, gemeente_ids=regio_gemeenten, in_zorg=in_zorg, melden=melden)
    ververs_statistieken()
    if not met_trajecten:
        return resultaat
    resultaat.trajecten = genereer_trajecten(
        seed=seed,
        schaal=schaal,
        regio=ijsselland,
        peildatum=peildatum,
        aanbieders=aanbieders,
        verwijzers=verwijzers,
        in_zorg=in_zorg,
        kans_wonen=min(1.0, WONEN_PER_JEUGDIGE / VERBLIJF_PER_JEUGDIGE),
        ambulante_categorieen=AMBULANTE_CATEGORIEEN,
        verblijf_categorieen=VERBLIJF_CATEGORIEEN,
        melden=melden,
        vandaag=vandaag,
    )
    verhuis_een_jeugdige(vandaag=vandaag or peildatum)  # issue 20 §5: one handover (R-D3)
    maak_beschikkingen(melden=melden)  # issue 20 §2, R-D1: every decision event has its letter
    meld_demo_wachttijden(regio=ijsselland, seed=seed)  # R-S6: the choice list's waiting times
    ververs_statistieken()
    return resultaat


def schatting_in_zorg(jeugdigen: int) -> int:
    return math.floor(jeugdigen * (AMBULANT_PER_JEUGDIGE + VERBLIJF_PER_JEUGDIGE))
