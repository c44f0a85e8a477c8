"""R-D2: the Awb deadlines of a bezwaar as pure functions (``bezwaar.termijnen``): hand-checked
dates on a 2026 calendar and properties over random letter dates, receipts and extensions."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from jeugdregie.bezwaar.termijnen import (
    atw_einde,
    begin_beslistermijn,
    einde_beroepstermijn,
    einde_beslistermijn,
    einde_bezwaartermijn,
    is_atw_werkdag,
    is_tijdig,
    mag_verdagen,
    termijnen,
)

datums = st.dates(min_value=date(2015, 1, 1), max_value=date(2060, 12, 31))


def test_bezwaartermijn_zes_weken_vanaf_de_dag_na_verzending():
    """R-D2, Awb 6:7/6:8: sent Monday 2 March 2026, the term starts on the 3rd and its last day is
    Monday 13 April; the 14th is too late."""
    assert einde_bezwaartermijn(date(2026, 3, 2)) == date(2026, 4, 13)
    assert is_tijdig(verzonden_op=date(2026, 3, 2), ontvangen_op=date(2026, 4, 13))
    assert not is_tijdig(verzonden_op=date(2026, 3, 2), ontvangen_op=date(2026, 4, 14))


def test_laatste_dag_op_feestdag_of_weekend_schuift_door_volgens_atw():
    """R-D2, Atw 1 and 3: 5 May counts every year (the holidays package lists it only every fifth
    year), King's Day, Christmas plus the weekend moves to Monday, Ascension Day to Friday; Good Friday is no
    Atw feast day, so a term ending then ends then."""
    assert einde_bezwaartermijn(date(2026, 3, 24)) == date(2026, 5, 6)  # Tue 5 May 2026
    assert einde_bezwaartermijn(date(2026, 11, 13)) == date(2026, 12, 28)  # Fri 25 Dec
    assert einde_bezwaartermijn(date(2026, 4, 2)) == date(2026, 5, 15)  # Ascension Thu 14 May
    assert einde_bezwaartermijn(date(2026, 2, 20)) == date(2026, 4, 3)  # Good Friday
    assert einde_bezwaartermijn(date(2027, 3, 16)) == date(2027, 4, 28)  # King's Day Tue 27 April 2027
    assert is_atw_werkdag(date(2027, 4, 26))


def test_per_post_tijdig_verzonden_telt_tot_een_week_na_de_termijn():
    """R-D2, Awb 6:9 lid 2: posted by the last day and received within a week after it."""
    verzonden = date(2026, 3, 2)  # term ends 13 April
    assert is_tijdig(verzonden_op=verzonden, ontvangen_op=date(2026, 4, 20), ter_post_op=date(2026, 4, 13))
    assert not is_tijdig(verzonden_op=verzonden, ontvangen_op=date(2026, 4, 21), ter_post_op=date(2026, 4, 13))
    assert not is_tijdig(verzonden_op=verzonden, ontvangen_op=date(2026, 4, 15), ter_post_op=date(2026, 4, 14))


def test_beslistermijn_zes_of_twaalf_weken_na_afloop_van_de_bezwaartermijn_eenmaal_verdaagbaar():
    """R-D2, Awb 7:10: counted from the day after the objection term ended (14 April 2026), not
    from receipt; 6 weeks end on Whit Monday 25 May, so Tuesday 26 May; 12 weeks with an advisory
    committee; once 6 weeks more."""
    feiten = {"verzonden_op": date(2026, 3, 2), "ontvangen_op": date(2026, 3, 20)}
    assert begin_beslistermijn(**feiten) == date(2026, 4, 14)
    assert einde_beslistermijn(**feiten) == date(2026, 5, 26)
    assert einde_beslistermijn(**feiten, adviescommissie=True) == date(2026, 7, 6)
    assert einde_beslistermijn(**feiten, verdaagd=True) == date(2026, 7, 6)
    assert einde_beslistermijn(**feiten, adviescommissie=True, verdaagd=True) == date(2026, 8, 17)


def test_beslistermijn_van_een_te_laat_bezwaar_loopt_vanaf_de_ontvangst():
    """R-D2, Awb 7:10: received 20 April after a term that ended 13 April: from 21 April."""
    feiten = {"verzonden_op": date(2026, 3, 2), "ontvangen_op": date(2026, 4, 20)}
    assert begin_beslistermijn(**feiten) == date(2026, 4, 21)
    assert einde_beslistermijn(**feiten) == date(2026, 6, 1)
    assert not termijnen(**feiten).tijdig


def test_verdagen_kan_eenmaal_en_alleen_binnen_de_termijn():
    """R-D2, Awb 7:10 lid 2."""
    einde = date(2026, 5, 26)
    assert mag_verdagen(op=einde, einde=einde, al_verdaagd=False)
    assert not mag_verdagen(op=einde + timedelta(days=1), einde=einde, al_verdaagd=False)
    assert not mag_verdagen(op=date(2026, 5, 1), einde=einde, al_verdaagd=True)
    assert (
        termijnen(verzonden_op=date(2026, 3, 2), ontvangen_op=date(2026, 3, 20), verdaagd=True).einde_na_verdaging
        is None
    )


def test_beroepstermijn_zes_weken_na_de_beslissing_op_bezwaar():
    """R-D2, Awb 6:7: the same reckoning for the appeal to the court."""
    assert einde_beroepstermijn(date(2026, 6, 1)) == date(2026, 7, 13)


@given(verzonden=datums)
def test_eigenschap_bezwaartermijn_eindigt_op_de_eerste_werkdag_vanaf_zes_weken(verzonden):
    """R-D2, Awb 6:8 with Atw 1: the last day is a working day, at least 42 days after sending,
    and every day between day 42 and it is a weekend or Atw feast day (at most four)."""
    einde = einde_bezwaartermijn(verzonden)
    assert is_atw_werkdag(einde)
    assert verzonden + timedelta(days=42) <= einde <= verzonden + timedelta(days=46)
    dag = verzonden + timedelta(days=42)
    while dag < einde:
        assert not is_atw_werkdag(dag)
        dag += timedelta(days=1)


@given(verzonden=datums, na=st.integers(min_value=-10, max_value=120), post=st.integers(min_value=-10, max_value=60))
def test_eigenschap_tijdig_precies_tot_de_laatste_dag_of_de_postweek(verzonden, na, post):
    """R-D2, Awb 6:9: on time exactly when received by the last day, or posted by it and received
    within seven days after it; never depends on anything else."""
    einde = einde_bezwaartermijn(verzonden)
    ontvangen = einde + timedelta(days=na)
    ter_post = min(ontvangen, einde + timedelta(days=post))
    verwacht = na <= 0 or (ter_post <= einde and na <= 7)
    assert is_tijdig(verzonden_op=verzonden, ontvangen_op=ontvangen, ter_post_op=ter_post) == verwacht
    assert is_tijdig(verzonden_op=verzonden, ontvangen_op=ontvangen) == (na <= 0)


@given(
    verzonden=datums,
    na=st.integers(min_value=0, max_value=150),
    adviescommissie=st.booleans(),
    verdaagd=st.booleans(),
)
def test_eigenschap_beslistermijn(verzonden, na, adviescommissie, verdaagd):
    """R-D2, Awb 7:10: starts after the objection term and after receipt; lasts 6 weeks, 12 with
    a committee, 6 more when extended, ending on an Atw working day at most four days later; an
    extension or a committee never shortens it; once extended, no second extension is offered."""
    ontvangen = verzonden + timedelta(days=na)
    begin = begin_beslistermijn(verzonden_op=verzonden, ontvangen_op=ontvangen)
    assert begin > einde_bezwaartermijn(verzonden) and begin > ontvangen
    assert begin == max(einde_bezwaartermijn(verzonden), ontvangen) + timedelta(days=1)
    einde = einde_beslistermijn(
        verzonden_op=verzonden, ontvangen_op=ontvangen, adviescommissie=adviescommissie, verdaagd=verdaagd
    )
    weken = (12 if adviescommissie else 6) + (6 if verdaagd else 0)
    kaal = begin - timedelta(days=1) + timedelta(weeks=weken)
    assert einde == atw_einde(kaal) and kaal <= einde <= kaal + timedelta(days=4)
    basis = einde_beslistermijn(verzonden_op=verzonden, ontvangen_op=ontvangen)
    assert einde >= basis
    t = termijnen(verzonden_op=verzonden, ontvangen_op=ontvangen, adviescommissie=adviescommissie, verdaagd=verdaagd)
    assert t.einde_beslistermijn == einde
    assert (t.einde_na_verdaging is None) == verdaagd
    if t.einde_na_verdaging is not None:
        assert t.einde_na_verdaging >= einde + timedelta(days=38)


@given(
    dagen_voor_einde=st.integers(min_value=-30, max_value=120),
    tijdig=st.booleans(),
    verschoonbaar=st.booleans(),
    gehoord=st.booleans(),
    afgezien=st.booleans(),
    commissie=st.booleans(),
    advies=st.booleans(),
    verdaagd=st.booleans(),
)
def test_eigenschap_werkvoorraadstap(
    dagen_voor_einde, tijdig, verschoonbaar, gehoord, afgezien, commissie, advies, verdaagd
):
    """R-D2: the worklist's next step is always due on the decision term's last day and overdue
    exactly after it (Awb 7:10); a late, unexcused objection asks for niet-ontvankelijk or an
    excuse (6:11) before anything else; no decision is offered before the hearing (7:2) or, with
    a committee, its advice (7:13); the extension is offered only once and in the last two weeks."""
    from jeugdregie.bezwaar.models import Bezwaar
    from jeugdregie.bezwaar.werkvoorraad import stap

    einde = date(2026, 5, 26)
    op = einde - timedelta(days=dagen_voor_einde)
    b = Bezwaar(
        tijdig=tijdig,
        verschoonbaar=verschoonbaar and not tijdig,
        gehoord_op=date(2026, 4, 20) if gehoord else None,
        horen_afgezien_reden="afgezien" if afgezien else "",
        adviescommissie=commissie,
        advies_op=date(2026, 4, 21) if advies else None,
        verdaagd_op=date(2026, 5, 1) if verdaagd else None,
        einde_beslistermijn=einde,
    )
    s = stap(b, op=op)
    assert s.uiterlijk == einde and s.verstreken == (op > einde)
    if op > einde:
        assert s.soort == "verstreken"
        return
    if not (tijdig or verschoonbaar):
        assert s.soort == "termijn"
        return
    if not (gehoord or afgezien):
        assert s.soort == "horen"
    elif commissie and not advies:
        assert s.soort == "advies"
    else:
        assert s.soort == ("verdagen" if not verdaagd and dagen_voor_einde <= 14 else "beslissen")
