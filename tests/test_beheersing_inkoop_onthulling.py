"""Small-cell suppression of the split page (issue 22, R-R3/R-R2; issue 14 §7, R-P3) together
with the municipal comparison, which publishes the same totals (review findings F4 and F5).

F5: TAA01/TAA02 count care periods, but a cell's children are distinct young people: six care
periods of three children are three children, so the cell is hidden.

F4: a total of the split page is also a cell of the comparison (per 1,000 young inhabitants; with
the population known, the absolute figure). Whatever either page shows is known; the checker below
takes every visible number of both pages and tries every derivation (a total minus its visible
parts, the region minus its visible municipalities, repeated; and, stronger, any linear
combination of the published sums) — no hidden cell of either page may follow."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdregie.beheersing.constants import ALLE, Periodesoort
from jeugdregie.beheersing.indicatoren.register import REGISTER
from jeugdregie.beheersing.models import Cijfer
from jeugdregie.beheersing.services import rollup
from jeugdregie.beheersing.services.splitsing import INKOOP, TAAKGERICHT, TOTAAL, VARIANT, splits
from jeugdregie.beheersing.services.vergelijking import TREND, Tijdvak, trend, vergelijk
from jeugdregie.catalogus.models import Product

from .builders.beheersing import _jeugdige
from .builders.rollup import TOT, VAN
from .factories import GemeenteFactory

JAAR = date(2025, 1, 1)
TIJDVAK = Tijdvak(Periodesoort.JAAR, JAAR)
LOKAAL, REGIONAAL = INKOOP


# --- F5: TAA01/TAA02 count distinct young people ---


def _zorgperioden(route, *, kinderen: int, perioden: int) -> None:
    """A task-based assignment for Zwolle with ``perioden`` care periods started in 2025 (some
    stopped in 2025), spread over ``kinderen`` young people of Zwolle."""
    from jeugdregie.taakgericht.models import TaakgerichteOpdracht, Zorgperiode

    from .factories import AanbiederFactory

    opdracht = TaakgerichteOpdracht.objects.create(
        regio=route["zwolle"].regio, aanbieder=AanbiederFactory(), naam="Jeugdmodel", begindatum=date(2024, 10, 1)
    )
    opdracht.gemeenten.set([route["zwolle"]])
    product = Product.objects.get(code="45A03")
    opdracht.producten.set([product])
    jeugdigen = [_jeugdige(route, "zwolle") for _ in range(kinderen)]
    for n in range(perioden):
        begin = date(2025, 1 + n, 3)
        Zorgperiode.objects.create(
            opdracht=opdracht,
            jeugdige=jeugdigen[n % kinderen],
            gemeente=route["zwolle"],
            product=product,
            begindatum=begin,
            einddatum=begin + timedelta(days=20),
            start_gemeld_op=begin,
        )


def _taakgericht(resultaat, code: str, gemeente_id: int):
    rij = next(r for r in resultaat.rijen if r.indicator.code == code and r.deel == TAAKGERICHT)
    return next(m for m in rij.metingen if m.gebied.gemeente_id == gemeente_id)


def _vergeleken(resultaat, code: str, gemeente_id: int):
    rij = next(r for r in resultaat.rijen if r.indicator.code == code)
    return next(m for m in rij.metingen if m.gebied.gemeente_id == gemeente_id)


@pytest.mark.django_db(transaction=True)
def test_zes_zorgperioden_van_drie_kinderen_zijn_drie_kinderen_en_verborgen(route):
    """Issue 22 review F5 (issue 14 §7, R-P3): Zwolle's TAA01 and TAA02 count 6 care periods of 3
    young people; the rollup's denominator holds the 3 distinct young people, and the split page
    (the only page that shows the task-based figures) shows "<5" for Zwolle."""
    _zorgperioden(route, kinderen=3, perioden=6)
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[REGISTER["TAA01"], REGISTER["TAA02"]])
    zwolle = route["zwolle"].pk
    for code in ("TAA01", "TAA02"):
        cel = Cijfer.objects.get(
            indicator=code, periodesoort="jaar", periode=JAAR, gemeente_id=zwolle, aanbieder=None, categorie=ALLE
        )
        assert (cel.teller, cel.noemer) == (6, 3), code
        regio = route["zwolle"].regio
        assert _taakgericht(splits(regio=regio, tijdvak=TIJDVAK), code, zwolle).verborgen == "<5", code


@pytest.mark.django_db(transaction=True)
def test_zes_zorgperioden_van_vijf_kinderen_worden_getoond(route):
    """Issue 22 review F5 (issue 14 §7, R-P3): 6 care periods of 5 young people: 5 children, so
    Zwolle's TAA01 (6 periods) is shown on the split page."""
    _zorgperioden(route, kinderen=5, perioden=6)
    rollup.ververs(van=VAN, tot=TOT, indicatoren=[REGISTER["TAA01"]])
    zwolle, regio = route["zwolle"].pk, route["zwolle"].regio
    meting = _taakgericht(splits(regio=regio, tijdvak=TIJDVAK), "TAA01", zwolle)
    assert (meting.verborgen, meting.waarde) == (None, Decimal(6))


# --- F4: the split page and the comparison together ---

NAMEN = ("Zwolle", "Deventer", "Kampen")
DELEN = (LOKAAL, REGIONAAL)


@pytest.fixture
def drie_gemeenten(db):
    return [
        GemeenteFactory(),
        GemeenteFactory(cbs_code="0150", naam="Deventer", jeugdigen=19235),
        GemeenteFactory(cbs_code="0166", naam="Kampen", jeugdigen=12000),
    ]


def _cijfers(gemeenten, stand: dict[tuple[str, str], tuple[int, int]]) -> None:
    """The rollup's cells of 2025 for CON01 (inflow: allocations) and CON07 (the young people in
    care, the population behind a cell), per municipality and region, per purchasing level and in
    total; ``stand``: (municipality, level) -> (young people, allocations). No data, no cell."""
    Cijfer.alle.all().delete()
    bij_naam = {g.naam: g.pk for g in gemeenten}
    for gebied in (*NAMEN, None):
        for niveau in ("lokaal", "regionaal", ALLE):
            namen = NAMEN if gebied is None else (gebied,)
            niveaus = ("lokaal", "regionaal") if niveau == ALLE else (niveau,)
            kinderen = sum(stand[(n, i)][0] for n in namen for i in niveaus)
            inflow = sum(stand[(n, i)][1] for n in namen for i in niveaus)
            basis = {
                "periodesoort": Periodesoort.JAAR,
                "periode": JAAR,
                "gemeente_id": bij_naam.get(gebied),
                "categorie": ALLE,
                "inkoop": niveau,
            }
            if kinderen:
                Cijfer.alle.create(indicator="CON07", teller=0, noemer=kinderen, **basis)
            if inflow:
                Cijfer.alle.create(indicator="CON01", teller=inflow, noemer=inflow, **basis)


def _waarheid(gemeenten, stand) -> dict:
    """Every cell's true figure, keyed (part, municipality id | None)."""
    waar = {}
    for g in [*gemeenten, None]:
        namen = NAMEN if g is None else (g.naam,)
        for deel in DELEN:
            waar[(deel, g and g.pk)] = sum(stand[(n, deel[1])][1] for n in namen)
        waar[(TOTAAL, g and g.pk)] = sum(stand[(n, i)][1] for n in namen for i in ("lokaal", "regionaal"))
    return waar


def _openbaar(regio) -> tuple[dict, set]:
    """Every number of CON01 the two pages publish, and every cell either hides; keyed (part,
    municipality id | None). The comparison's per 1,000 times the population gives the absolute
    inflow back; "geen gegevens" reads as zero."""
    bekend, verborgen = {}, set()
    vergelijking = vergelijk(regio=regio, tijdvak=TIJDVAK)
    rij = next(r for r in vergelijking.rijen if r.indicator.code == "CON01")
    for m in rij.metingen:
        sleutel = (TOTAAL, m.gebied.gemeente_id)
        if m.verborgen:
            verborgen.add(sleutel)
        else:
            bekend[sleutel] = 0 if m.waarde is None else round(m.waarde * m.gebied.jeugdigen / 1000)
    splitsing = splits(regio=regio, tijdvak=TIJDVAK)
    for rij in (r for r in splitsing.rijen if r.indicator.code == "CON01"):
        for m in rij.metingen:
            sleutel = (rij.deel, m.gebied.gemeente_id)
            if m.verborgen:
                verborgen.add(sleutel)
            else:
                getal = 0 if m.waarde is None else int(m.waarde)
                assert bekend.setdefault(sleutel, getal) == getal, sleutel  # the pages agree
    return bekend, verborgen - set(bekend)


def _sommen(gemeenten) -> list[tuple[list, tuple]]:
    """The additive relations: per area lokaal + regionaal = totaal; per part the municipalities
    add up to the region."""
    ids = [g.pk for g in gemeenten]
    sommen = [([(d, g) for d in DELEN], (TOTAAL, g)) for g in [*ids, None]]
    sommen += [([(d, g) for g in ids], (d, None)) for d in (*DELEN, TOTAAL)]
    return sommen


def _verschillen(bekend: dict, sommen) -> dict:
    """The differencing attack: a sum with one unknown gives it (total minus the visible parts,
    region minus the visible municipalities), repeated until nothing new follows."""
    bekend = dict(bekend)
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for leden, totaal in sommen:
            onbekend = [c for c in [*leden, totaal] if c not in bekend]
            if len(onbekend) != 1:
                continue
            (c,) = onbekend
            rest = sum(bekend[x] for x in leden if x != c)
            bekend[c] = rest if c == totaal else bekend[totaal] - rest
            gewijzigd = True
    return bekend


def _rang(rijen: list[list[Fraction]]) -> int:
    rijen = [list(r) for r in rijen]
    rang, kolommen = 0, len(rijen[0]) if rijen else 0
    for k in range(kolommen):
        spil = next((i for i in range(rang, len(rijen)) if rijen[i][k] != 0), None)
        if spil is None:
            continue
        rijen[rang], rijen[spil] = rijen[spil], rijen[rang]
        for i in range(len(rijen)):
            if i != rang and rijen[i][k] != 0:
                factor = rijen[i][k] / rijen[rang][k]
                rijen[i] = [a - factor * b for a, b in zip(rijen[i], rijen[rang], strict=True)]
        rang += 1
    return rang


def _lineair_afleidbaar(bekend: dict, verborgen: set, sommen) -> set:
    """The strongest attack on sums: a hidden cell is exact when its unit vector lies in the span
    of the sums' coefficients over the unknown cells (any linear combination of the equations)."""
    onbekend = sorted(verborgen, key=str)
    index = {c: i for i, c in enumerate(onbekend)}
    rijen = []
    for leden, totaal in sommen:
        rij = [Fraction(0)] * len(onbekend)
        for c, teken in [*((x, 1) for x in leden), (totaal, -1)]:
            if c in index:
                rij[index[c]] += teken
        if any(rij):
            rijen.append(rij)
    basis = _rang(rijen) if rijen else 0
    uit = set()
    for c, i in index.items():
        eenheid = [Fraction(int(j == i)) for j in range(len(onbekend))]
        if _rang([*rijen, eenheid]) == basis:
            uit.add(c)
    return uit


def _lek(gemeenten, stand) -> tuple[set, set]:
    """The hidden cells that follow from the two pages: by differencing, and by any linear combination."""
    regio = gemeenten[0].regio
    bekend, verborgen = _openbaar(regio)
    waar = _waarheid(gemeenten, stand)
    assert all(waar[c] == v for c, v in bekend.items()), "a page shows a wrong figure"
    sommen = _sommen(gemeenten)
    afgeleid = _verschillen(bekend, sommen)
    return verborgen & set(afgeleid), _lineair_afleidbaar(bekend, verborgen, sommen)


def _stand(uitzonderingen: dict) -> dict:
    stand = {(n, d[1]): (20, 20) for n in NAMEN for d in DELEN}
    stand.update(uitzonderingen)
    return stand


def test_checker_vindt_het_lek_van_f4_als_de_splitsing_de_vergelijking_negeert(drie_gemeenten, monkeypatch):
    """Issue 22 review F4: the checker has teeth. With the split page deciding on its own, as before
    the fix (the comparison's cells neither known nor hidden there): Deventer's lokaal inflow (7
    allocations of 2 young people) is hidden, its regionaal part has no inflow ("geen gegevens"),
    so the split page hides Deventer's total as the complement — which the comparison shows. Total
    minus zero gives lokaal back."""
    from jeugdregie.beheersing.services.vergelijking import Vergelijking

    monkeypatch.setattr(Vergelijking, "openbaar", lambda self: (frozenset(), frozenset()))
    stand = _stand({("Deventer", "lokaal"): (2, 7), ("Deventer", "regionaal"): (6, 0)})
    _cijfers(drie_gemeenten, stand)
    verschil, lineair = _lek(drie_gemeenten, stand)
    deventer = drie_gemeenten[1].pk
    assert (LOKAAL, deventer) in verschil and (LOKAAL, deventer) in lineair


def test_kleine_lokale_instroom_bij_getoond_totaal_blijft_verborgen(drie_gemeenten):
    """Issue 22 review F4 (issue 14 §7, R-P3): Deventer's lokaal inflow rests on 3 children, its
    regionaal on 20, and the comparison shows Deventer's CON01 total. The split page shows that
    total as well (it is public), hides lokaal "<5" and its complement among the parts only
    (regionaal of Deventer, and a second one in the rows), and nothing hidden follows from both
    pages together."""
    stand = _stand({("Deventer", "lokaal"): (3, 3)})
    _cijfers(drie_gemeenten, stand)
    regio, deventer = drie_gemeenten[0].regio, drie_gemeenten[1].pk
    vergelijking = _vergeleken(vergelijk(regio=regio, tijdvak=TIJDVAK), "CON01", deventer)
    assert vergelijking.verborgen is None and vergelijking.waarde is not None
    rijen = {r.deel: r for r in splits(regio=regio, tijdvak=TIJDVAK).rijen if r.indicator.code == "CON01"}
    cel = {deel: next(m for m in r.metingen if m.gebied.gemeente_id == deventer) for deel, r in rijen.items()}
    assert (cel[TOTAAL].verborgen, cel[TOTAAL].waarde) == (None, Decimal(23))
    assert (cel[LOKAAL].verborgen, cel[REGIONAAL].verborgen) == ("<5", "—")
    assert _lek(drie_gemeenten, stand) == (set(), set())


def test_wat_de_vergelijking_verbergt_verbergt_de_splitsing_ook(drie_gemeenten):
    """Issue 22 review F4, the reverse (issue 14 §7, R-P3): Deventer's total rests on 4 children, so
    the comparison hides it ("<5") and a complement (another total, "—"). The split page hides both
    totals too, and so many parts that neither total follows from lokaal + regionaal, nor
    Deventer's from the region minus the others."""
    stand = _stand({("Deventer", "lokaal"): (2, 2), ("Deventer", "regionaal"): (2, 2)})
    _cijfers(drie_gemeenten, stand)
    regio = drie_gemeenten[0].regio
    deventer = drie_gemeenten[1].pk
    rij = next(r for r in vergelijk(regio=regio, tijdvak=TIJDVAK).rijen if r.indicator.code == "CON01")
    elders = {m.gebied.gemeente_id: m.verborgen for m in rij.metingen if m.verborgen}
    assert elders[deventer] == "<5" and list(elders.values()).count("—") == 1
    splitsing = splits(regio=regio, tijdvak=TIJDVAK)
    totaal = next(r for r in splitsing.rijen if r.indicator.code == "CON01" and r.deel == TOTAAL)
    assert {m.gebied.gemeente_id: m.verborgen for m in totaal.metingen if m.verborgen} == elders
    assert _lek(drie_gemeenten, stand) == (set(), set())


def test_onderdeel_zonder_gegevens_wordt_het_complement(drie_gemeenten):
    """Issue 22 review F4 (issue 14 §7): Deventer's lokaal inflow (7 allocations) rests on 2 young
    people, its regionaal part has children in care but no inflow ("geen gegevens", read as zero),
    and the comparison shows Deventer's total of 7. Shown as "geen gegevens", regionaal would give
    lokaal = total away; it is hidden as "—" instead."""
    stand = _stand({("Deventer", "lokaal"): (2, 7), ("Deventer", "regionaal"): (6, 0)})
    _cijfers(drie_gemeenten, stand)
    regio, deventer = drie_gemeenten[0].regio, drie_gemeenten[1].pk
    rijen = {r.deel: r for r in splits(regio=regio, tijdvak=TIJDVAK).rijen if r.indicator.code == "CON01"}
    cel = {deel: next(m for m in r.metingen if m.gebied.gemeente_id == deventer) for deel, r in rijen.items()}
    assert (cel[TOTAAL].waarde, cel[LOKAAL].verborgen, cel[REGIONAAL].verborgen) == (Decimal(7), "<5", "—")
    assert _lek(drie_gemeenten, stand) == (set(), set())


AANTAL = st.integers(0, 9)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(getallen=st.lists(st.tuples(AANTAL, AANTAL), min_size=6, max_size=6))
def test_uit_beide_paginas_samen_is_geen_verborgen_cel_af_te_leiden(drie_gemeenten, getallen):
    """Issue 22 review F4 as a property (issue 14 §7, R-P3): for random small numbers of young
    people and allocations per municipality and purchasing level, no cell hidden on the split page
    or the comparison follows from every number both pages show — neither by differencing nor by
    any linear combination of the published sums."""
    stand = dict(zip([(n, d[1]) for n in NAMEN for d in DELEN], getallen, strict=True))
    _cijfers(drie_gemeenten, stand)
    assert _lek(drie_gemeenten, stand) == (set(), set())


# --- both splits of KOS01 at once: lokaal + regionaal = inspanningsgericht + outputgericht = totaal ---

KRUIS = [(n, i, b) for n in NAMEN for i in ("lokaal", "regionaal") for b in ("inspanningsgericht", "outputgericht")]


def _kos01_cijfers(gemeenten, stand: dict[tuple[str, str, str], tuple[int, int]]) -> dict:
    """KOS01 (spend) and CON07 (young people) per municipality and region, per purchasing level, per
    funding variant and in total; ``stand``: (municipality, level, variant) -> (young people, euros).
    Returns every cell's true spend keyed (part, municipality id | None)."""
    Cijfer.alle.all().delete()
    bij_naam = {g.naam: g.pk for g in gemeenten}
    waar = {}
    for gebied in (*NAMEN, None):
        for deel in (TOTAAL, *INKOOP, *VARIANT):
            dimensie, waarde = deel
            cellen = [
                stand[k]
                for k in KRUIS
                if (gebied is None or k[0] == gebied)
                and (dimensie != "inkoop" or k[1] == waarde)
                and (dimensie != "bekostiging" or k[2] == waarde)
            ]
            kinderen, euro = sum(c for c, _e in cellen), sum(e for _c, e in cellen)
            waar[(deel, bij_naam.get(gebied))] = euro
            basis = {
                "periodesoort": Periodesoort.JAAR,
                "periode": JAAR,
                "gemeente_id": bij_naam.get(gebied),
                "categorie": ALLE,
                "inkoop": waarde if dimensie == "inkoop" else ALLE,
                "bekostiging": waarde if dimensie == "bekostiging" else ALLE,
            }
            if kinderen:
                Cijfer.alle.create(indicator="CON07", teller=0, noemer=kinderen, **basis)
                Cijfer.alle.create(indicator="KOS01", teller=euro, noemer=kinderen, **basis)
    return waar


def _kos01_openbaar(regio) -> tuple[dict, set]:
    bekend, verborgen = {}, set()
    rij = next(r for r in vergelijk(regio=regio, tijdvak=TIJDVAK).rijen if r.indicator.code == "KOS01")
    for m in rij.metingen:
        if m.verborgen:
            verborgen.add((TOTAAL, m.gebied.gemeente_id))
        else:
            bekend[(TOTAAL, m.gebied.gemeente_id)] = (
                0 if m.waarde is None else round(m.waarde * m.gebied.jeugdigen / 1000)
            )
    for rij in (r for r in splits(regio=regio, tijdvak=TIJDVAK).rijen if r.indicator.code == "KOS01"):
        for m in rij.metingen:
            sleutel = (rij.deel, m.gebied.gemeente_id)
            if m.verborgen:
                verborgen.add(sleutel)
            else:
                bekend.setdefault(sleutel, 0 if m.waarde is None else int(m.waarde))
    return bekend, verborgen - set(bekend)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(getallen=st.lists(st.tuples(st.integers(0, 7), st.integers(1, 900)), min_size=12, max_size=12))
def test_kos01_met_beide_splitsingen_geeft_uit_beide_paginas_niets_prijs(drie_gemeenten, getallen):
    """Issue 22 review F4 as a property on spend (issue 14 §7, R-P3): KOS01 split two ways at once
    (lokaal + regionaal and inspanningsgericht + outputgericht, both adding up to the total shown on
    the comparison), random small numbers of young people: no hidden cell of either page follows
    from both pages' visible figures, by differencing or by any linear combination."""
    stand = {k: (c, e * c) for k, (c, e) in zip(KRUIS, getallen, strict=True)}
    waar = _kos01_cijfers(drie_gemeenten, stand)
    bekend, verborgen = _kos01_openbaar(drie_gemeenten[0].regio)
    assert all(waar[c] == v for c, v in bekend.items())
    ids = [g.pk for g in drie_gemeenten]
    sommen = [([(d, g) for d in reeks], (TOTAAL, g)) for g in [*ids, None] for reeks in (INKOOP, VARIANT)]
    sommen += [([(d, g) for g in ids], (d, None)) for d in (TOTAAL, *INKOOP, *VARIANT)]
    assert verborgen & set(_verschillen(bekend, sommen)) == set()
    assert _lineair_afleidbaar(bekend, verborgen, sommen) == set()
    # The spend trend (R-K4) publishes the same KOS01 cells of 2025 and hides exactly what the
    # comparison hides, so taking the comparison as "published elsewhere" covers it too.
    regio = drie_gemeenten[0].regio
    uitgaven = trend(TREND["uitgaven"], regio=regio, tijdvak=TIJDVAK)
    rij = next(r for r in vergelijk(regio=regio, tijdvak=TIJDVAK).rijen if r.indicator.code == "KOS01")
    assert {r.gebied.gemeente_id: r.metingen[-1].verborgen for r in uitgaven.rijen} == {
        m.gebied.gemeente_id: m.verborgen for m in rij.metingen
    }
