"""R-D3: the woonplaatsbeginsel (Jeugdwet 1.1 since 1-1-2022), implemented once in
``jeugdigen.woonplaatsbeginsel`` and used by every place that picks the municipality."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.services import registreer_verhuizing
from jeugdregie.jeugdigen.woonplaatsbeginsel import (
    Bewoning,
    Grond,
    Verblijf,
    bepaal,
    verantwoordelijke_gemeente,
)

from .builders.route import verwijs
from .builders.wonen import BEGIN, wonen
from .klok import op_de_dag

DAG = timedelta(days=1)
START = date(2022, 1, 1)


# --- the pure rule: a property test over random address histories and stays -----------------


@st.composite
def geschiedenissen(draw):
    """A contiguous residence history from START (the last row open), stays anywhere in it (some
    overlapping or adjacent), and a day to ask about."""
    rijen, begin = [], START
    for _ in range(draw(st.integers(1, 6))):
        gemeente = draw(st.integers(1, 4))
        if rijen and rijen[-1][0] == gemeente:
            gemeente = gemeente % 4 + 1
        lengte = draw(st.integers(1, 120))
        rijen.append((gemeente, begin, begin + timedelta(days=lengte - 1)))
        begin += timedelta(days=lengte)
    woonplaatsen = [Bewoning(g, b, e) for g, b, e in rijen[:-1]] + [Bewoning(rijen[-1][0], rijen[-1][1], None)]
    verblijven = [
        Verblijf(START + timedelta(days=o), START + timedelta(days=o + d))
        for o, d in draw(st.lists(st.tuples(st.integers(-10, 700), st.integers(0, 90)), max_size=5))
    ]
    op = START + timedelta(days=draw(st.integers(-5, 750)))
    return woonplaatsen, verblijven, op


def _in_verblijf(verblijven, dag):
    return any(v.begindatum <= dag <= v.einddatum for v in verblijven)


def _gemeente(woonplaatsen, dag):
    return next((w.gemeente_id for w in woonplaatsen if w.bevat(dag)), None)


def _orakel(woonplaatsen, verblijven, op):
    """The rule written as the law reads, day by day: outside a stay the address of the day;
    in a stay, walk back to the day before it began (stays without a free day between are one)
    and take the address then; without one, the address on the stay's first day."""
    if not _in_verblijf(verblijven, op):
        return _gemeente(woonplaatsen, op)
    dag = op
    while _in_verblijf(verblijven, dag - DAG):
        dag -= DAG
    return _gemeente(woonplaatsen, dag - DAG) or _gemeente(woonplaatsen, dag)


@settings(max_examples=400, deadline=None)
@given(geschiedenissen())
def test_woonplaatsbeginsel_volgt_het_adres_voor_het_verblijf(geval):
    """R-D3: on every random history and set of stays the rule names the municipality of the
    address of the day, or during a stay the address immediately before it."""
    woonplaatsen, verblijven, op = geval
    uitkomst = bepaal(woonplaatsen, verblijven, op)
    assert uitkomst.gemeente_id == _orakel(woonplaatsen, verblijven, op)
    assert uitkomst.met_verblijf == _in_verblijf(verblijven, op)
    if uitkomst.grond == Grond.VOOR_VERBLIJF:
        assert uitkomst.peildatum == uitkomst.verblijf_sinds - DAG
        assert not _in_verblijf(verblijven, uitkomst.peildatum)


@settings(max_examples=300, deadline=None)
@given(geschiedenissen(), st.integers(0, 200), st.integers(5, 9))
def test_een_verhuizing_tijdens_het_verblijf_verandert_de_gemeente_niet(geval, na, nieuwe_gemeente):
    """R-D3: a move registered during a stay (the BRP address at the institution) leaves the
    responsible municipality with the one of the address before the stay, for every day of it."""
    woonplaatsen, verblijven, op = geval
    voor = bepaal(woonplaatsen, verblijven, op)
    if not voor.met_verblijf or voor.grond != Grond.VOOR_VERBLIJF:
        return
    verhuisd = max(voor.verblijf_sinds, woonplaatsen[-1].begindatum + DAG) + timedelta(days=na)
    laatste = woonplaatsen[-1]
    na_verhuizing = [
        *woonplaatsen[:-1],
        Bewoning(laatste.gemeente_id, laatste.begindatum, verhuisd - DAG),
        Bewoning(nieuwe_gemeente, verhuisd, None),
    ]
    assert bepaal(na_verhuizing, verblijven, op).gemeente_id == voor.gemeente_id


@settings(max_examples=200, deadline=None)
@given(geschiedenissen())
def test_een_nieuw_verblijf_valt_onder_de_gemeente_van_de_dag_ervoor(geval):
    """R-D3: a Wonen/Verblijf allocation that starts on ``op`` (not yet recorded) is for the
    municipality of the day before, or of the stay it continues without a free day."""
    woonplaatsen, verblijven, op = geval
    verwacht = _orakel(woonplaatsen, [*verblijven, Verblijf(op, op)], op)
    assert bepaal(woonplaatsen, verblijven, op, nieuw_verblijf=True).gemeente_id == verwacht


def test_zonder_verblijf_het_woonadres_van_de_dag():
    """R-D3: without a stay the BRP address of the day counts, also on the moving day."""
    geschiedenis = [Bewoning(1, START, date(2026, 3, 31)), Bewoning(2, date(2026, 4, 1))]
    assert bepaal(geschiedenis, [], date(2026, 3, 31)).gemeente_id == 1
    assert bepaal(geschiedenis, [], date(2026, 4, 1)).gemeente_id == 2
    assert bepaal(geschiedenis, [], date(2021, 12, 31)).grond == Grond.ONBEKEND


def test_aansluitende_verblijven_tellen_als_een():
    """R-D3: a stay that follows another without a free day continues it; one free day ends it."""
    geschiedenis = [Bewoning(1, START, date(2026, 1, 31)), Bewoning(2, date(2026, 2, 1))]
    aansluitend = [Verblijf(date(2026, 1, 10), date(2026, 3, 1)), Verblijf(date(2026, 3, 2), date(2026, 6, 1))]
    assert bepaal(geschiedenis, aansluitend, date(2026, 5, 1)).gemeente_id == 1
    met_gat = [Verblijf(date(2026, 1, 10), date(2026, 3, 1)), Verblijf(date(2026, 3, 3), date(2026, 6, 1))]
    assert bepaal(geschiedenis, met_gat, date(2026, 5, 1)).gemeente_id == 2


# --- every place that picks the municipality uses the rule --------------------------------------


def _naar_deventer(route, per):
    jeugdige = route["jeugdige_zwolle"]
    registreer_verhuizing(jeugdige=jeugdige, gemeente=route["deventer"], per=per)
    return jeugdige


def test_wonen_na_inschrijving_bij_de_instelling_valt_onder_de_gemeente_van_daarvoor(route):
    """R-D3: the child is registered at the institution in Deventer on the day the stay begins;
    the Wonen allocation is Zwolle's (the address immediately before the stay), made by Zwolle's
    toegang; Deventer's toegang may not decide it."""
    jeugdige = _naar_deventer(route, BEGIN)
    with pytest.raises(DomainError):
        wonen(route, door="toegang_andere_gemeente")
    toewijzing = wonen(route)
    assert toewijzing.gemeente_id == route["zwolle"].pk
    assert toewijzing.verwijzing.gemeente_id == route["zwolle"].pk
    uitkomst = verantwoordelijke_gemeente(jeugdige, BEGIN + timedelta(days=30))
    assert (uitkomst.gemeente_id, uitkomst.grond, uitkomst.peildatum) == (
        route["zwolle"].pk,
        Grond.VOOR_VERBLIJF,
        BEGIN - DAG,
    )


def test_ambulante_hulp_tijdens_verblijf_blijft_bij_de_gemeente_van_voor_het_verblijf(route):
    """R-D3: during the stay (BRP address moved to Deventer) an ambulant referral is Zwolle's;
    Deventer's toegang may not make it."""
    wonen(route)
    jeugdige = _naar_deventer(route, date(2026, 4, 1))
    with pytest.raises(DomainError):
        verwijs(route, door="toegang_andere_gemeente", jeugdige=jeugdige, datum=date(2026, 5, 4))
    verwijzing = verwijs(route, jeugdige=jeugdige, datum=date(2026, 5, 4))
    assert verwijzing.gemeente_id == route["zwolle"].pk


def test_de_betalende_gemeente_blijft_de_jeugdige_zien_tijdens_het_verblijf(route):
    """R-D3 with R-P1: the toegang of the municipality that pays the stay keeps sight of the child
    after its BRP address moved to the institution's municipality; the new municipality sees it
    as a resident."""
    wonen(route)
    _naar_deventer(route, date(2026, 4, 1))
    pk = route["jeugdige_zwolle"].pk
    with op_de_dag(date(2026, 6, 1)):
        assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["toegang"]).filter(pk=pk).exists()
        assert Jeugdige.objects.voor_gebruiker(route["gebruikers"]["toegang_andere_gemeente"]).filter(pk=pk).exists()
    with op_de_dag(date(2027, 6, 1)):  # the stay ended (1-3-2027): Zwolle no longer responsible
        assert not Jeugdige.objects.voor_gebruiker(route["gebruikers"]["toegang"]).filter(pk=pk).exists()


def test_zonder_verblijf_ziet_de_nieuwe_gemeente_de_jeugdige_vanaf_de_verhuisdag(route):
    """R-D3: without a stay the new municipality becomes responsible (and sees the child) on the
    moving day, the old one until the day before."""
    _naar_deventer(route, date(2026, 4, 1))
    pk = route["jeugdige_zwolle"].pk
    zwolle, deventer = route["gebruikers"]["toegang"], route["gebruikers"]["toegang_andere_gemeente"]
    with op_de_dag(date(2026, 3, 31)):
        assert Jeugdige.objects.voor_gebruiker(zwolle).filter(pk=pk).exists()
        assert not Jeugdige.objects.voor_gebruiker(deventer).filter(pk=pk).exists()
    with op_de_dag(date(2026, 4, 1)):
        assert not Jeugdige.objects.voor_gebruiker(zwolle).filter(pk=pk).exists()
        assert Jeugdige.objects.voor_gebruiker(deventer).filter(pk=pk).exists()
    with pytest.raises(DomainError):
        verwijs(route, jeugdige=route["jeugdige_zwolle"], datum=date(2026, 5, 4))


def test_dossier_toont_de_adresgeschiedenis_die_de_gemeente_bepaalt(client, route):
    """R-D3: the dossier shows the residence history and the municipality the rule names, with
    its ground (during the stay: the address immediately before it)."""
    wonen(route)
    _naar_deventer(route, date(2026, 4, 1))
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 6, 1)):
        pagina = client.get(f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/").content.decode()
    sectie = pagina[pagina.index('id="dossier-woonplaats"') :]
    assert "Woonadres direct voor het verblijf" in sectie
    assert f"<strong>{route['zwolle'].naam}</strong>" in sectie
    assert route["deventer"].naam in sectie and "01-04-2026" in sectie
