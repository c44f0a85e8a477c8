"""R-A3 (issue 21 correction): the 8-week prognosis of a keuzebudget corrects for the provider's
measured declaration lag (``toewijzingen.vertraging``, ``toewijzingen.prognose``)."""

from datetime import date
from decimal import Decimal

from jeugdregie.toewijzingen import vertraging
from jeugdregie.toewijzingen.prognose import prognose
from jeugdregie.toewijzingen.vertraging import declaratievertraging
from jeugdregie.toewijzingen.werkvoorraad import bij_8_wekenpunt

from .builders.beheersing import _declaratie, _regel, _toewijzing
from .builders.regelset import zet_regels
from .factories import GemeenteFactory, RegioFactory


def _gedeclareerd(toewijzing, maand, ingediend, bedrag="100.00"):
    """An approved line for ``maand`` in a declaration submitted on ``ingediend``."""
    begin = date(*maand, 1)
    einde = date(maand[0] + maand[1] // 12, maand[1] % 12 + 1, 1).toordinal() - 1
    declaratie = _declaratie(toewijzing, ingediend=ingediend, periode_einde=date.fromordinal(einde))
    assert begin <= date.fromordinal(einde)
    return _regel(toewijzing, bedrag, maand=maand, declaratie=declaratie)


def _regio(route, **velden):
    zet_regels(route["aanbieder"].regio, **velden)  # R-R1: the region's rule set
    route["aanbieder"].refresh_from_db()
    route["andere_aanbieder"].refresh_from_db()


def test_vertraging_per_aanbieder_met_regionale_terugval(route):
    """R-A3: the median days from the end of an approved line to its submission, per provider,
    over the lines submitted in the region's window; a provider with too few lines gets the
    region's median; a line submitted before the window does not count."""
    _regio(route, declaratievertraging_min_regels=3, declaratievertraging_venster_dagen=120)
    eigen = _toewijzing(route, start=date(2025, 1, 6))
    _gedeclareerd(eigen, (2025, 1), date(2025, 3, 2))  # 30 days
    _gedeclareerd(eigen, (2025, 2), date(2025, 4, 3))  # 34 days
    _gedeclareerd(eigen, (2025, 3), date(2025, 5, 10))  # 40 days
    _gedeclareerd(eigen, (2024, 10), date(2024, 11, 1))  # before the window (op − 120 days)
    ander = _toewijzing(route, aanbieder="andere_aanbieder", start=date(2025, 1, 6))
    _gedeclareerd(ander, (2025, 3), date(2025, 4, 10))  # 10 days
    op = date(2025, 5, 31)

    eigen_vertraging = declaratievertraging(route["aanbieder"], regio=route["aanbieder"].regio, op=op)
    assert (eigen_vertraging.dagen, eigen_vertraging.regels, eigen_vertraging.regionaal) == (34, 3, False)
    terugval = declaratievertraging(route["andere_aanbieder"], regio=route["aanbieder"].regio, op=op)
    assert (terugval.dagen, terugval.regels, terugval.regionaal) == (30, 4, True)  # median_low of 10, 30, 34, 40


def test_zonder_genoeg_regels_in_de_regio_geen_vertraging(route):
    """R-A3: a region with fewer lines than its minimum measures no lag (0 days)."""
    _regio(route, declaratievertraging_min_regels=5)
    eigen = _toewijzing(route, start=date(2025, 1, 6))
    _gedeclareerd(eigen, (2025, 1), date(2025, 3, 2))
    assert declaratievertraging(route["aanbieder"], regio=route["aanbieder"].regio, op=date(2025, 5, 31)).dagen == 0


def test_prognose_met_vertraging_voorziet_overschrijding_die_zonder_vertraging_verborgen_blijft(route):
    """R-A3: at the end of April only January and February are declared (60 days' lag). Ignoring
    the lag spreads € 1.200 over 120 days (€ 10/day) and predicts the € 4.000 budget lasts past
    the end date; corrected, € 1.200 covers 60 days (€ 20/day), the 60 undeclared days are
    estimated at € 1.200 and the budget runs out on 19-07-2025, 8-week point 24-05-2025."""
    toewijzing = _toewijzing(route, budget="4000", begindatum=date(2025, 1, 1), start=date(2025, 1, 1))
    _gedeclareerd(toewijzing, (2025, 1), date(2025, 4, 1), bedrag="600.00")  # 60 days after 31-01
    _gedeclareerd(toewijzing, (2025, 2), date(2025, 4, 29), bedrag="600.00")  # 60 days after 28-02
    op = date(2025, 4, 30)

    _regio(route, declaratievertraging_min_regels=100)  # too few lines anywhere: the lag is ignored
    zonder = prognose(toewijzing, op=op)
    assert (zonder.vertraging_dagen, zonder.per_dag, zonder.besteed_geschat) == (0, Decimal("10.00"), Decimal("1200"))
    assert zonder.uitgeput_op_geld == date(2026, 2, 4) and zonder.uitgeput_op == date(2025, 12, 31)

    _regio(route, declaratievertraging_min_regels=2)
    met = prognose(toewijzing, op=op)
    assert (met.vertraging_dagen, met.besteed, met.per_dag, met.besteed_geschat) == (
        60,
        Decimal("1200.00"),
        Decimal("20.00"),
        Decimal("2400.00"),
    )
    assert (met.uitgeput_op, met.achtwekenpunt) == (date(2025, 7, 19), date(2025, 5, 24))


def test_vroeg_en_snel_gedeclareerd_blaast_de_prognose_niet_op(route):
    """R-A3 (review of issue 21, finding 3): the provider's lag is 45 days, but this allocation
    started 46 days ago and its first month was declared two days after it ended. The declared
    spend covers at least up to the end of its latest approved line (31 days), not one day: the
    rate is € 800 / 31, and the budget is not foreseen as spent today (a request is not late)."""
    _regio(route, declaratievertraging_min_regels=3, declaratievertraging_venster_dagen=182)
    ander = _toewijzing(route, start=date(2024, 12, 2))
    for maand, ingediend in (((2024, 12), date(2025, 2, 14)), ((2025, 1), date(2025, 3, 17))):
        _gedeclareerd(ander, maand, ingediend)  # 45 days after the month's end
    _gedeclareerd(ander, (2025, 2), date(2025, 4, 14))  # 45 days
    toewijzing = _toewijzing(route, budget="4000", begindatum=date(2025, 3, 1), start=date(2025, 3, 1))
    _gedeclareerd(toewijzing, (2025, 3), date(2025, 4, 2), bedrag="800.00")  # 2 days
    op = date(2025, 4, 15)

    uitkomst = prognose(toewijzing, op=op)
    assert uitkomst.vertraging_dagen == 45
    assert uitkomst.per_dag == Decimal("25.81")  # 800 / 31, not 800 / (46 − 45)
    assert uitkomst.uitgeput_op > uitkomst.achtwekenpunt > op


def _in_andere_regio(toewijzing):
    """Moves the allocation to a municipality of another region (its provider's home region stays)."""
    regio = RegioFactory(code="twente", naam="Twente", declaratievertraging_min_regels=2)
    toewijzing.gemeente = GemeenteFactory(regio=regio, cbs_code="0153", naam="Enschede")
    toewijzing.save(update_fields=["gemeente"])
    return regio


def test_toewijzing_in_andere_regio_gebruikt_de_instellingen_en_regels_van_die_regio(route):
    """R-A3 (review of issue 21): the lag of an allocation is measured in the region of the
    allocation's municipality, with that region's window and minimum, not in the provider's home
    region. The provider's home region (IJsselland) asks 100 lines, so there it measures no lag;
    the allocation's region (Twente) asks 2 and has the two lines 60 days late: 60 days. The
    allocation's lines do not count for IJsselland."""
    _regio(route, declaratievertraging_min_regels=100)
    toewijzing = _toewijzing(route, budget="4000", begindatum=date(2025, 1, 1), start=date(2025, 1, 1))
    twente = _in_andere_regio(toewijzing)
    _gedeclareerd(toewijzing, (2025, 1), date(2025, 4, 1), bedrag="600.00")  # 60 days after 31-01
    _gedeclareerd(toewijzing, (2025, 2), date(2025, 4, 29), bedrag="600.00")  # 60 days after 28-02
    op = date(2025, 4, 30)

    assert prognose(toewijzing, op=op).vertraging_dagen == 60
    assert declaratievertraging(route["aanbieder"], regio=twente, op=op).regionaal is False
    _regio(route, declaratievertraging_min_regels=2)  # IJsselland's lines: none of this allocation
    ijsselland = declaratievertraging(route["aanbieder"], regio=route["aanbieder"].regio, op=op)
    assert (ijsselland.dagen, ijsselland.regels) == (0, 0)


def test_werkvoorraad_meet_de_vertraging_eenmaal_per_aanbieder_en_regio(route, monkeypatch):
    """R-A3 (review of issue 21): the 8-week worklist measures the lag once per provider and
    region on the day, not once per allocation: three allocations of one provider in one region
    and one in another region are two measurements."""
    gemeten = []
    echt = vertraging.declaratievertraging

    def tel(aanbieder, *, regio, op):
        gemeten.append((aanbieder.pk, regio.pk, op))
        return echt(aanbieder, regio=regio, op=op)

    monkeypatch.setattr(vertraging, "declaratievertraging", tel)
    toewijzingen = [_toewijzing(route, budget="4000", start=date(2025, 1, 6)) for _ in range(4)]
    _in_andere_regio(toewijzingen[3])
    bij_8_wekenpunt(type(toewijzingen[0]).objects.filter(pk__in=[t.pk for t in toewijzingen]), op=date(2025, 4, 30))
    assert sorted(gemeten) == sorted(
        {(route["aanbieder"].pk, t.gemeente.regio_id, date(2025, 4, 30)) for t in toewijzingen}
    )
    assert len(gemeten) == 2
