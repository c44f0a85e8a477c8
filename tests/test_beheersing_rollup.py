"""The rollup's cells equal a query per cell on the source (issue 6 §9, R-K1): every period kind
× every grouping of (municipality, provider, category), for the additive spend (KOS01) and the
three distinct counts of young people (KOS02, CON07, CON08). The world is random but seeded, with
young people who have two providers, two categories or two municipalities in one month, quarter
or year — the cases where counting a young person once per cell differs from summing cells."""

import random
from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.indicatoren.basis import GROEPERINGEN, KOLOM
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import Cijfer
from jeugdregie.beheersing.services import rollup
from jeugdregie.declaraties.constants import DebetCredit
from jeugdregie.toewijzingen.constants import ToewijzingSoort

from .builders.beheersing import _jeugdige, _regel, _toewijzing

VAN, TOT = date(2024, 1, 1), date(2025, 12, 31)
MAANDEN = [(2024, m) for m in range(10, 13)] + [(2025, m) for m in range(1, 13)]


def _wereld(route, seed: int = 6) -> None:
    rng = random.Random(seed)
    for gemeente in ("zwolle",) * 5 + ("deventer",) * 4:
        jeugdige = _jeugdige(route, gemeente)
        for _ in range(rng.randint(1, 3)):
            wonen = rng.random() < 0.4
            toewijzing = _toewijzing(
                route,
                jeugdige=jeugdige,
                aanbieder=rng.choice(["aanbieder", "andere_aanbieder"]),
                soort=ToewijzingSoort.WONEN_VERBLIJF if wonen else ToewijzingSoort.KEUZEBUDGET,
                woonvorm=rng.choice(["pleegzorg", "leefgroep", "respijtzorg"]) if wonen else "",
                start=date(2025, 1, 13),
            )
            if rng.random() < 0.2:  # moved: this allocation is declared to the other municipality
                toewijzing.gemeente = route["deventer" if gemeente == "zwolle" else "zwolle"]
                toewijzing.save(update_fields=["gemeente"])
            for maand in rng.sample(MAANDEN, rng.randint(1, 5)):
                _regel(
                    toewijzing,
                    f"{rng.randint(1, 900)}.00",
                    maand=maand,
                    product="44W05" if wonen else rng.choice(["45A03", "45A01", "41D01"]),
                    debet_credit=DebetCredit.CREDIT if rng.random() < 0.1 else DebetCredit.DEBET,
                )


def _verwacht(indicator, soort, dims) -> dict:
    rijen = indicator.bron.rijen(soort, VAN, TOT, dims)
    return {
        (
            rij["periode"],
            rij.get(KOLOM["gemeente"]),
            rij.get(KOLOM["aanbieder"]),
            rij.get(KOLOM["categorie"], ALLE),
        ): (Decimal(rij["teller"] or 0), Decimal(rij["noemer"] or 0))
        for rij in rijen
    }


def _opgeslagen(indicator, soort, dims) -> dict:
    cellen = Cijfer.objects.filter(
        indicator=indicator.code,
        periodesoort=soort,
        gemeente__isnull="gemeente" not in dims,
        aanbieder__isnull="aanbieder" not in dims,
    )
    cellen = cellen.exclude(categorie=ALLE) if "categorie" in dims else cellen.filter(categorie=ALLE)
    return {(c.periode, c.gemeente_id, c.aanbieder_id, c.categorie): (c.teller, c.noemer) for c in cellen}


def _vergelijk(indicator) -> int:
    cellen = 0
    for soort in Periodesoort:
        for dims in GROEPERINGEN:
            verwacht = _verwacht(indicator, soort, dims)
            assert _opgeslagen(indicator, soort, dims) == verwacht, (indicator.code, soort, dims)
            cellen += len(verwacht)
    return cellen


@pytest.mark.parametrize("code", ["KOS01", "KOS02", "CON07", "CON08"])
@pytest.mark.parametrize("seed", [6, 7])
def test_elke_cel_is_gelijk_aan_een_query_op_de_bron(route, code, seed):
    _wereld(route, seed)
    indicator = REGISTER[code]
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
    assert _vergelijk(indicator) > 50


def test_jeugdige_bij_twee_aanbieders_in_een_maand_telt_eenmaal_per_cel(route):
    """The deduplicated path: one young person with both providers and two categories in March
    counts once for the region, the municipality and the month, twice over the providers."""
    x = _jeugdige(route)
    for aanbieder, product in (("aanbieder", "45A03"), ("andere_aanbieder", "45A01"), ("aanbieder", "41D01")):
        _regel(_toewijzing(route, jeugdige=x, aanbieder=aanbieder, start=date(2025, 1, 13)), "100.00", product=product)
    indicator = REGISTER["KOS02"]
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[indicator])
    regio = Cijfer.objects.get(
        indicator="KOS02", periodesoort="maand", periode=date(2025, 3, 1), gemeente=None, aanbieder=None, categorie=ALLE
    )
    assert (regio.teller, regio.noemer) == (Decimal("300"), Decimal("1"))
    per_aanbieder = Cijfer.objects.filter(
        indicator="KOS02", periodesoort="jaar", gemeente=None, aanbieder__isnull=False, categorie=ALLE
    )
    assert sorted(c.noemer for c in per_aanbieder) == [Decimal("1"), Decimal("1")]
    _vergelijk(indicator)


def test_werk_bij_van_een_onderscheiden_telling_is_gelijk_aan_opnieuw_bouwen(route):
    """The incremental refresh of a distinct count recomputes the queued months' years from the
    source: afterwards every cell equals the query per cell again."""
    _wereld(route)
    rollup.bouw_opnieuw()
    x = _jeugdige(route)
    _regel(_toewijzing(route, jeugdige=x, start=date(2025, 1, 13)), "70.00", maand=(2025, 6))
    _regel(_toewijzing(route, jeugdige=x, aanbieder="andere_aanbieder", start=date(2025, 1, 13)), maand=(2025, 6))
    rollup.markeer([date(2025, 6, 30)])
    rollup.werk_bij()
    for code in ("KOS01", "KOS02", "CON07"):
        _vergelijk(REGISTER[code])


def test_reeksen_van_de_wachtrij_overspannen_nooit_het_gat_tussen_maanden():
    """Issue 18 §2: consecutive queued months form one range; a gap splits; a distinct count
    takes each year's queued months together (it reads that year anyway), never across years."""
    maanden = [date(2021, 3, 1), date(2025, 11, 1), date(2025, 12, 1), date(2025, 6, 1), date(2026, 1, 1)]
    assert rollup.reeksen(maanden, per_jaar=False) == [
        (date(2021, 3, 1), date(2021, 3, 31)),
        (date(2025, 6, 1), date(2025, 6, 30)),
        (date(2025, 11, 1), date(2026, 1, 31)),
    ]
    assert rollup.reeksen(maanden, per_jaar=True) == [
        (date(2021, 3, 1), date(2021, 3, 31)),
        (date(2025, 6, 1), date(2026, 1, 31)),
    ]


def test_late_correctie_jaren_terug_rekent_alleen_haar_eigen_maanden_door(route, monkeypatch):
    """Issue 18 §2: a correction for a month more than a year back plus a line in the current
    month: the refresh recomputes those two months (with their quarter and year; a distinct
    count their years), not the fourteen months between them; afterwards every cell equals the
    query per cell again."""
    _wereld(route)
    rollup.bouw_opnieuw()
    x = _jeugdige(route)
    oud = _toewijzing(route, jeugdige=x, start=date(2024, 9, 2))
    _regel(oud, "120.00", maand=(2024, 10), debet_credit=DebetCredit.CREDIT)
    _regel(_toewijzing(route, jeugdige=x, aanbieder="andere_aanbieder", start=date(2025, 1, 13)), maand=(2025, 12))
    rollup.markeer([date(2024, 10, 15), date(2025, 12, 31)])
    berekend = []
    echt = rollup._bereken
    monkeypatch.setattr(
        rollup, "_bereken", lambda i, van, tot: berekend.append((i.code, van, tot)) or echt(i, van, tot)
    )
    rollup.werk_bij()
    assert berekend and all(
        (van, tot) in {(date(2024, 10, 1), date(2024, 10, 31)), (date(2025, 12, 1), date(2025, 12, 31))}
        for _c, van, tot in berekend
    )
    for code in ("KOS01", "KOS02", "CON07"):
        _vergelijk(REGISTER[code])
