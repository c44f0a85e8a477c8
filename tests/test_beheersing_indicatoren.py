"""The indicator registry of SPEC §11.3 (R-K1) and the freshness of its rollup (issue 6 §9).

Each indicator gets a small constructed world (rows created directly, dated in 2025) whose exact
value is asserted, with a row next to it that would change the value if the rule were broken
(a score 'deels behaald' counted as achieved, a young person counted twice, a withdrawn
allocation counted as closed, …). The rollup is filled by ``rollup.ververs`` as in production."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from jeugdregie import abonnementen
from jeugdregie.beheersing.constants import ALLE, Periodesoort, Richting
from jeugdregie.beheersing.indicatoren.register import INDICATOREN, REGISTER
from jeugdregie.beheersing.models import Cijfer, VerouderdePeriode
from jeugdregie.beheersing.services import cijfers, rollup
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.models import Product
from jeugdregie.crisis.constants import CrisisBron
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.declaraties.constants import Afkeur, DebetCredit, RegelStatus
from jeugdregie.declaraties.gebeurtenissen import Verwerkt
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.declaraties.services import intake
from jeugdregie.toewijzingen.constants import (
    AanpassingReden,
    AanpassingStatus,
    RedenBeeindiging,
    Resultaatscore,
    ScreeningUitkomst,
    ToewijzingSoort,
    ToewijzingStatus,
)
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Screening
from jeugdregie.wonen.models import Verblijfsverzoek

from .builders.beheersing import TZ, _declaratie, _jeugdige, _regel, _toewijzing, _verwijzing
from .builders.declaraties import declareer, regel
from .builders.route import gestart

# Issue 18: the rollup's engine reads committed data through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

MAART, APRIL = date(2025, 3, 1), date(2025, 4, 1)
LOPEND = date(2030, 12, 31)  # the end of a budget that is still running
MAAND, KWARTAAL = Periodesoort.MAAND, Periodesoort.KWARTAAL


# --- a small world, built row by row -------------------------------------------------------


def _gestopt(w, stop, **velden):
    return _toewijzing(w, start=velden.pop("start", date(2025, 1, 13)), stop=stop, **velden)


def _stand(toewijzing, vastgelegd=None, goedgekeurd="0", vrijgevallen="0"):
    """A ledger as given; without ``vastgelegd`` it commits exactly what was spent and released
    (R-B7: every allocation has a commitment)."""
    vastgelegd = Decimal(vastgelegd) if vastgelegd is not None else Decimal(goedgekeurd) + Decimal(vrijgevallen)
    return Budgetstand.objects.create(
        toewijzing=toewijzing,
        toegewezen=vastgelegd,
        vastgelegd=vastgelegd,
        goedgekeurd=Decimal(goedgekeurd),
        vrijgevallen=Decimal(vrijgevallen),
    )


def _cel(code, periode=MAART, soort=MAAND, **dims):
    """Fill the rollup for 2025 (the indicator alone) and read one cell."""
    indicator = REGISTER[code]
    rollup.ververs(van=date(2025, 1, 1), tot=date(2025, 12, 31), indicatoren=[indicator])
    return cijfers.cel(indicator, soort, periode, **dims)


def _waarde(code, periode=MAART, soort=MAAND, decimalen=2, **dims):
    waarde = _cel(code, periode, soort, **dims).waarde
    return None if waarde is None else waarde.quantize(Decimal(1).scaleb(-decimalen))


# --- the registry ------------------------------------------------------------------------------


def test_register_bevat_elke_indicator_van_het_minimum_eenmaal():
    """R-K1: the §11.3 minimum set, each once, with a code per pillar, and the one norm the
    seeds give (budget utilisation 70–80%) as default."""
    assert [i.code for i in INDICATOREN] == [
        *("KWA01", "KWA02", "KWA03"),
        *("KOS01", "KOS02", "KOS03", "KOS04", "KOS05", "KOS05O"),
        *("CON01", "CON02", "CON03", "CON04", "CON05", "CON06", "CON07", "CON08", "CON09"),
        *("WER01", "WER02", "WER03", "WER04", "WER05", "WER06", "WER07"),
    ]
    voorvoegsel = {"kwaliteit": "KWA", "kosten": "KOS", "continuiteit": "CON", "werkprocessen": "WER"}
    assert all(i.code.startswith(voorvoegsel[i.pijler]) for i in INDICATOREN)
    assert REGISTER["KOS05"].standaardnorm == (Decimal("70"), Decimal("80"))
    assert REGISTER["KOS05"].richting == Richting.BAND
    assert {i.code for i in INDICATOREN if i.per_1000} == {"KOS01", "CON01", "CON03", "CON05"}


def test_volgt_declaraties_zijn_de_indicatoren_op_regels_en_budgetgrootboek():
    """Issue 6 §9: the incremental refresh after an approval recomputes exactly these."""
    volgen = {i.code for i in INDICATOREN if rollup.volgt_declaraties(i)}
    assert volgen == {"KOS01", "KOS02", "KOS03", "KOS04", "KOS05", "KOS05O", "CON07", "CON08", "WER04", "WER05"}


# --- kwaliteit ----------------------------------------------------------------------------------


def test_kwa01_resultaat_behaald_onder_gestopte_met_score(route):
    """R-K1, R-H5: 'behaald' among the allocations stopped in the month with a score; 'deels
    behaald' is not achieved, a stop without score does not count, April's stop is April's."""
    for score in ("behaald", "behaald", "deels_behaald", "niet_behaald"):
        _gestopt(route, date(2025, 3, 14), resultaatscore=score)
    _gestopt(route, date(2025, 3, 20))
    _gestopt(route, date(2025, 4, 2), resultaatscore=Resultaatscore.BEHAALD)
    cel = _cel("KWA01")
    assert (cel.teller, cel.noemer, cel.waarde) == (Decimal("2"), Decimal("4"), Decimal("50"))


def test_kwa02_herinstroom_binnen_12_maanden(route):
    """R-K1: a new allocation of the same young person starting after the stop and at most 12
    months later is re-entry (the boundary day included); a later start, a renewal and the
    arranged follow-up care are not."""
    binnen = _gestopt(route, date(2025, 3, 10))
    _toewijzing(route, jeugdige=binnen.jeugdige, start=date(2025, 9, 1))
    grens = _gestopt(route, date(2025, 3, 31))
    _toewijzing(route, jeugdige=grens.jeugdige, start=date(2026, 3, 31))
    te_laat = _gestopt(route, date(2025, 3, 15))
    _toewijzing(route, jeugdige=te_laat.jeugdige, start=date(2026, 3, 16))
    verlengd = _gestopt(route, date(2025, 3, 20))
    _toewijzing(route, jeugdige=verlengd.jeugdige, start=date(2025, 3, 21), verlenging=True)
    vervolg = _toewijzing(route, start=date(2025, 3, 26))
    _gestopt(route, date(2025, 3, 25), jeugdige=vervolg.jeugdige, vervolgzorg=vervolg)
    cel = _cel("KWA02")
    assert (cel.teller, cel.noemer, cel.waarde) == (Decimal("2"), Decimal("5"), Decimal("40"))


def test_kwa03_volgens_plan_beeindigd(route):
    """R-K1: reason 31 among all allocations stopped in the month."""
    for reden in ("31", "31", "31", "32"):
        _gestopt(route, date(2025, 3, 5), reden_beeindiging=reden)
    _gestopt(route, date(2025, 2, 5), reden_beeindiging=RedenBeeindiging.VOORTIJDIG_CLIENT)
    assert _waarde("KWA03") == Decimal("75.00")


# --- kosten --------------------------------------------------------------------------------------


def test_kos01_uitgaven_per_aanbieder(route):
    """R-K1: spend per provider is KOS01 on the provider dimension: debit minus credit, rejected
    lines not counted."""
    eigen = _toewijzing(route, start=date(2025, 1, 13))
    ander = _toewijzing(route, start=date(2025, 1, 13), aanbieder="andere_aanbieder")
    _regel(eigen, "300.00")
    _regel(eigen, "100.00", debet_credit=DebetCredit.CREDIT)
    _regel(ander, "150.00")
    _regel(ander, "999.00", status=RegelStatus.AFGEKEURD, afkeur=Afkeur.BEDRAG_ONJUIST)
    _cel("KOS01")
    per_aanbieder = cijfers.per_dimensie(REGISTER["KOS01"], MAAND, MAART, dimensie="aanbieder")
    assert {a: c.waarde for a, c in per_aanbieder.items()} == {
        route["aanbieder"].pk: Decimal("200.00"),
        route["andere_aanbieder"].pk: Decimal("150.00"),
    }


def test_kos02_kosten_per_jeugdige_telt_elke_jeugdige_eenmaal(route):
    """R-K1: spend / distinct young people with an approved line: a young person with two
    providers, or in two months of the quarter, counts once."""
    x, y = _jeugdige(route), _jeugdige(route)
    x_eigen = _toewijzing(route, jeugdige=x, start=date(2025, 1, 13))
    x_ander = _toewijzing(route, jeugdige=x, start=date(2025, 1, 13), aanbieder="andere_aanbieder")
    _regel(x_eigen, "100.00")
    _regel(x_ander, "200.00")
    _regel(_toewijzing(route, jeugdige=y, start=date(2025, 1, 13)), "300.00")
    _regel(x_eigen, "100.00", maand=(2025, 2))
    assert _waarde("KOS02") == Decimal("300.00")  # 600 / 2
    assert _waarde("KOS02", date(2025, 2, 1)) == Decimal("100.00")
    assert _waarde("KOS02", date(2025, 1, 1), KWARTAAL) == Decimal("350.00")  # 700 / 2, not 700 / 3
    assert _waarde("KOS02", aanbieder=route["aanbieder"].pk) == Decimal("200.00")  # 400 / 2


def test_kos03_gemiddelde_clientprijs_per_afgesloten_traject(route):
    """R-K1: ledger spend per trajectory closed in the month; a trajectory without declarations
    counts (at zero), a never-started or withdrawn allocation does not."""
    _stand(_gestopt(route, date(2025, 3, 10)), goedgekeurd="1000.00")
    _stand(_toewijzing(route, start=date(2025, 1, 13), einddatum=date(2025, 3, 20)), goedgekeurd="2000.00")
    _gestopt(route, date(2025, 3, 28))
    _stand(_toewijzing(route, einddatum=date(2025, 3, 20)), goedgekeurd="0")
    _toewijzing(route, einddatum=date(2025, 3, 20), status=ToewijzingStatus.INGETROKKEN)
    cel = _cel("KOS03")
    assert (cel.teller, cel.noemer, cel.waarde) == (Decimal("3000"), Decimal("3"), Decimal("1000"))


def test_kos04_vrijgevallen_deel_van_vastgelegd(route):
    """R-K1, R-B5: released as a share of committed, over keuzebudgetten closed in the month;
    a running budget does not count."""
    _stand(_gestopt(route, date(2025, 3, 10), budget="1000"), "1000.00", "750.00", "250.00")
    _stand(_gestopt(route, date(2025, 3, 12), budget="3000"), "3000.00", "2250.00", "750.00")
    _stand(_toewijzing(route, start=date(2025, 1, 13), einddatum=LOPEND, budget="5000"), "5000.00", "100.00", "0")
    assert _waarde("KOS04") == Decimal("25.00")
    assert REGISTER["KOS04"].standaardnorm == (Decimal("20"), Decimal("30"))


def test_kos05_budgetbenutting_gesloten_keuzebudgetten(route):
    """R-K1, R-A1: approved spend as a share of the budget of keuzebudgetten closed in the month."""
    _stand(_gestopt(route, date(2025, 3, 10), budget="1000"), "1000.00", "700.00")
    _stand(_toewijzing(route, start=date(2025, 1, 13), einddatum=date(2025, 3, 31), budget="1000"), "1000.00", "900.00")
    _stand(_toewijzing(route, start=date(2025, 1, 13), einddatum=LOPEND, budget="1000"), "1000.00", "100.00")
    assert _waarde("KOS05") == Decimal("80.00")


def test_kos05_is_het_gemiddelde_per_standaardbudget_zonder_offertes(route):
    """R-K1 (KOS05 correction, SPEC §14.5) with R-A1 (001 §5.1: "gemiddeld 70 tot 80 procent van
    het budget" of the standard budgets): the mean of each closed standard budget's utilisation,
    not Σ spent / Σ budget, and never an offerte budget. A small budget at 90% and a budget ten
    times larger at 50%: the mean is 70%, weighted by size it would be 5900 / 11000 = 53.64%; an
    offerte used in full would lift either."""
    _stand(_gestopt(route, date(2025, 3, 10), budget="1000"), "1000.00", "900.00")
    _stand(_gestopt(route, date(2025, 3, 20), budget="10000"), "10000.00", "5000.00")
    _stand(_gestopt(route, date(2025, 3, 25), budget="20000", offerte=True), "20000.00", "20000.00")
    cel = _cel("KOS05")
    assert (cel.teller, cel.noemer) == (Decimal("1.4"), Decimal("2"))  # 0.90 + 0.50 over two budgets
    assert _waarde("KOS05") == Decimal("70.00")
    assert _waarde("KOS05", date(2025, 1, 1), KWARTAAL) == Decimal("70.00")


def test_kos05o_benutting_offertebudgetten_staat_er_apart_naast(route):
    """R-K1 (KOS05 correction, SPEC §14.5), R-A1: the offerte budgets are reported next to KOS05,
    by the same formula (mean per budget), as KOS05O, informative: no default norm band."""
    _stand(_gestopt(route, date(2025, 3, 10), budget="1000"), "1000.00", "900.00")
    _stand(_gestopt(route, date(2025, 3, 12), budget="2000", offerte=True), "2000.00", "2000.00")
    _stand(_gestopt(route, date(2025, 3, 14), budget="30000", offerte=True), "30000.00", "6000.00")
    _stand(_toewijzing(route, start=date(2025, 1, 13), einddatum=LOPEND, budget="5000", offerte=True), "5000.00")
    assert _waarde("KOS05O") == Decimal("60.00")  # (100% + 20%) / 2; weighted 8000 / 32000 = 25%
    assert _waarde("KOS05") == Decimal("90.00")
    offertes = REGISTER["KOS05O"]
    assert offertes.standaardnorm is None and offertes.pijler == REGISTER["KOS05"].pijler
    assert INDICATOREN.index(offertes) == INDICATOREN.index(REGISTER["KOS05"]) + 1


def test_kos05_benutting_per_budget_afgerond_op_honderdste_procentpunt(route):
    """R-K1, R-A1: a budget's share is rounded half up to 0.01 percentage point, in integers, so
    the rollup's engine and the source agree: 1/3 → 33.33%, 2/3 → 66.67%, 0.10 of 3200 =
    0.003125% → 0.00% (mean 33.33%)."""
    _stand(_gestopt(route, date(2025, 3, 10), budget="3"), "3.00", "1.00")
    _stand(_gestopt(route, date(2025, 3, 11), budget="3"), "3.00", "2.00")
    _stand(_gestopt(route, date(2025, 3, 12), budget="3200"), "3200.00", "0.10")
    cel = _cel("KOS05")
    assert (cel.teller, cel.noemer) == (Decimal("1.0000"), Decimal("3"))


# --- continuïteit -------------------------------------------------------------------------------


def test_con01_instroom_per_gemeente_en_per_1000(route):
    """R-K1, R-K4: allocations whose care started in the month, per municipality and per 1,000
    young inhabitants; an allocation not yet started is no inflow."""
    _toewijzing(route, start=date(2025, 3, 3))
    _toewijzing(route, start=date(2025, 3, 24))
    _toewijzing(route, start=date(2025, 3, 10), jeugdige=_jeugdige(route, "deventer"))
    _toewijzing(route)
    assert _waarde("CON01") == Decimal("3.00")
    zwolle = _cel("CON01", gemeente=route["zwolle"].pk)
    assert zwolle.waarde == Decimal("2")
    assert zwolle.per_1000(route["zwolle"].jeugdigen) == Decimal("2000") / Decimal("26617")


def test_con02_wachttijd_verwijzing_tot_start(route):
    """R-K1: days from referral (2025-01-06) to start, averaged over starts in the month."""
    _toewijzing(route, start=date(2025, 1, 13))
    _toewijzing(route, start=date(2025, 1, 19))
    _toewijzing(route, start=date(2025, 2, 6))
    assert _waarde("CON02", date(2025, 1, 1)) == Decimal("10.00")


def test_con03_uitstroom(route):
    """R-K1: allocations whose care stopped in the month."""
    _gestopt(route, date(2025, 3, 3))
    _gestopt(route, date(2025, 3, 31))
    _gestopt(route, date(2025, 4, 1))
    assert _waarde("CON03") == Decimal("2.00")


def _bedverzoek(toewijzing, aangevraagd: datetime, geplaatst: datetime | None):
    return Verblijfsverzoek.objects.create(toewijzing=toewijzing, aangevraagd_op=aangevraagd, geplaatst_op=geplaatst)


def test_con04_aanvraag_tot_plaatsing_in_uren(route):
    """R-K1, R-W6: hours from the bed request to placement, by the (local) day of placement; an
    open request does not count."""
    wonen = _toewijzing(route, soort=ToewijzingSoort.WONEN_VERBLIJF, start=date(2025, 3, 3), woonvorm="leefgroep")
    _bedverzoek(wonen, datetime(2025, 3, 3, 10, tzinfo=TZ), datetime(2025, 3, 4, 16, tzinfo=TZ))
    _bedverzoek(wonen, datetime(2025, 3, 10, 8, tzinfo=TZ), datetime(2025, 3, 10, 14, 30, tzinfo=TZ))
    _bedverzoek(wonen, datetime(2025, 3, 31, 20, tzinfo=TZ), datetime(2025, 4, 1, 0, 30, tzinfo=TZ))  # April
    _bedverzoek(wonen, datetime(2025, 3, 20, 8, tzinfo=TZ), None)
    assert _waarde("CON04") == Decimal("18.25")  # (30 + 6.5) / 2
    assert _waarde("CON04", APRIL) == Decimal("4.50")
    assert _cel("CON04", categorie="wonen_verblijf").waarde == Decimal("18.25")


def test_con05_en_con06_weigeringen_bij_screening(route):
    """R-K1, R-S2: refusals counted and as a share of the screenings the provider decided; the
    young person choosing another provider is neither."""
    for uitkomst in ("geaccepteerd", "te_zwaar", "zwaarwegend", "andere_aanbieder"):
        Screening.objects.create(verwijzing=_verwijzing(route), uitkomst=uitkomst, datum=date(2025, 3, 4))
    Screening.objects.create(
        verwijzing=_verwijzing(route, product="44W05"), uitkomst=ScreeningUitkomst.TE_LICHT, datum=date(2025, 3, 5)
    )
    assert _waarde("CON05") == Decimal("3.00")
    assert _waarde("CON06") == Decimal("75.00")  # 3 of 4
    assert _waarde("CON06", categorie="ambulant") == Decimal("66.67")  # 2 of 3
    assert _waarde("CON05", categorie="wonen_verblijf") == Decimal("1.00")


def test_con07_aandeel_jeugdigen_in_verblijf(route):
    """R-K1: distinct young people with a Wonen/Verblijf line among all with a line; a young
    person with both counts once, a credit line is no care."""
    x, y, z, v = (_jeugdige(route) for _ in range(4))
    _regel(_toewijzing(route, jeugdige=x, start=date(2025, 1, 13)))
    _regel(_toewijzing(route, jeugdige=x, start=date(2025, 1, 13), soort="wonen_verblijf"), product="44W05")
    _regel(_toewijzing(route, jeugdige=y, start=date(2025, 1, 13)))
    _regel(_toewijzing(route, jeugdige=z, start=date(2025, 1, 13), soort="wonen_verblijf"), product="44W05")
    credit = _toewijzing(route, jeugdige=v, start=date(2025, 1, 13), soort="wonen_verblijf")
    _regel(credit, product="44W05", debet_credit=DebetCredit.CREDIT)
    cel = _cel("CON07")
    assert (cel.teller, cel.noemer, cel.waarde.quantize(Decimal("0.01"))) == (
        Decimal("2"),
        Decimal("3"),
        Decimal("66.67"),
    )


def test_con07_telt_het_crisisbed_als_verblijf(route):
    """R-W7 with R-K1 (CON07): a young person with only crisis-bed nights is in Verblijf; one
    with hours of crisis follow-up is not."""
    bed, uren = _jeugdige(route), _jeugdige(route)
    _regel(_toewijzing(route, jeugdige=bed, start=date(2025, 1, 13), soort="crisisopvolging"), product="46C03")
    _regel(_toewijzing(route, jeugdige=uren, start=date(2025, 1, 13), soort="crisisopvolging"), product="46C02")
    cel = _cel("CON07")
    assert (cel.teller, cel.noemer) == (1, 2)


def test_con08_gezinsvormen_tegenover_residentieel(route):
    """R-K1, R-W10: young people in any pleegzorg form or a gezinshuis among those in Wonen
    (family forms and leefgroep/kamertraining), by the recorded form and not the intensity: all
    rows here are intensity 5. Respijtzorg and the Verblijf beds (crisis-, behandel-, GGZ-bed,
    drie-milieu, JeugdzorgPlus) are temporary stays (seed 001 §3.2.1): in neither side."""
    binnen = ("netwerkpleegzorg", "pleegzorg_lang", "gezinshuis", "leefgroep", "kamertraining")
    buiten = ("respijtzorg", "crisisbed", "behandelbed", "ggz_bed", "driemilieu", "jeugdzorg_plus")
    for woonvorm in (*binnen, *buiten):
        wonen = _toewijzing(route, soort="wonen_verblijf", start=date(2025, 1, 13), woonvorm=woonvorm)
        _regel(wonen, product="44W05")
    cel = _cel("CON08")
    assert (cel.teller, cel.noemer) == (3, 5)
    assert _waarde("CON08") == Decimal("60.00")


def test_con09_gemiddelde_gemelde_wachttijd_per_aanbieder_en_categorie(route):
    """R-S6, R-K1 (review of issue 21): the mean of the waiting times (weeks) the providers
    reported, counting per provider, category and month only the month's latest report (the rule
    of the choice list): provider A's 4 and 8 weeks for ambulant in March count as 8, once, so a
    provider that reports often does not weigh more. Σ weeks / number of (provider, category,
    month); a quarter is the mean over its months; April's report is April's. A report is for the
    region: there is no cell per municipality. It is about no child, so small-cell suppression
    (issue 14 §7) never hides it."""
    from jeugdregie.beheersing.services import kleine_aantallen
    from jeugdregie.organisaties.models import Wachttijdmelding

    a, b = route["aanbieder"], route["andere_aanbieder"]
    for aanbieder, categorie, weken, dag in (
        (a, "ambulant", 8, date(2025, 3, 24)),
        (a, "ambulant", 4, date(2025, 3, 3)),  # recorded later, but reported earlier: replaced
        (a, "wonen_verblijf", 12, date(2025, 3, 10)),
        (b, "ambulant", 20, date(2025, 3, 31)),
        (b, "ambulant", 0, date(2025, 3, 31)),  # the same day, recorded last: the latest
        (b, "ambulant", 30, date(2025, 4, 1)),
        (b, "ambulant", 10, date(2025, 2, 14)),
    ):
        Wachttijdmelding.objects.create(aanbieder=aanbieder, productcategorie=categorie, weken=weken, gemeld_op=dag)
    indicator = REGISTER["CON09"]
    assert (indicator.richting, indicator.aggregatie, indicator.standaardnorm) == (Richting.LAGER_BETER, "ratio", None)
    regio = _cel("CON09")
    assert (regio.teller, regio.noemer) == (Decimal("20"), Decimal("3"))  # 8 + 12 + 0
    assert _waarde("CON09", aanbieder=a.pk) == Decimal("10.00")  # (8 + 12) / 2
    assert _waarde("CON09", aanbieder=a.pk, categorie="ambulant") == Decimal("8.00")
    assert _waarde("CON09", aanbieder=b.pk, categorie="ambulant") == Decimal("0.00")  # 0 weeks is a value
    assert _waarde("CON09", categorie="ambulant") == Decimal("4.00")  # (8 + 0) / 2
    assert _waarde("CON09", APRIL) == Decimal("30.00")
    assert _waarde("CON09", date(2025, 1, 1), KWARTAAL, aanbieder=b.pk) == Decimal("5.00")  # (10 + 0) / 2 months
    assert not Cijfer.objects.filter(indicator="CON09", gemeente__isnull=False).exists()
    assert _cel("CON09", gemeente=route["zwolle"].pk).waarde is None  # "geen gegevens", never 0
    assert kleine_aantallen.kinderen(indicator, Decimal("6"), Decimal("1"), waarde=Decimal("6"), populatie=None) is None


# --- werkprocessen ----------------------------------------------------------------------------


def _aanvraag(toewijzing, *, status=AanpassingStatus.INGEDIEND, te_laat=False, datum=date(2025, 2, 3)):
    return Aanpassingsaanvraag.objects.create(
        verwijzing=toewijzing.verwijzing,
        toewijzing=toewijzing,
        reden=AanpassingReden.GEWIJZIGDE_OMSTANDIGHEDEN,
        toelichting="-",
        status=status,
        te_laat=te_laat,
        ingediend_op=datum,
    )


def test_wer01_aanpassingsaanvragen_per_100_gesloten_budgetten(route):
    """R-K1, R-A3: requests over the lifetime of the keuzebudgetten closed in the month, per 100
    budgets; requests on a running budget wait until it closes."""
    een, twee = _gestopt(route, date(2025, 3, 7), budget="1000"), _gestopt(route, date(2025, 3, 8), budget="1000")
    _gestopt(route, date(2025, 3, 9), budget="1000")
    _gestopt(route, date(2025, 3, 10), budget="1000")
    _aanvraag(een, status=AanpassingStatus.TOEGEKEND)
    _aanvraag(een)
    _aanvraag(twee, status=AanpassingStatus.AFGEWEZEN)
    _aanvraag(_toewijzing(route, start=date(2025, 1, 13), einddatum=LOPEND, budget="1000"))
    assert _waarde("WER01") == Decimal("75.00")


def test_wer02_aandeel_te_late_aanpassingsaanvragen(route):
    """R-K1, R-A3: late requests as a share of all requests, by the date of the request."""
    toewijzing = _toewijzing(route, start=date(2025, 1, 13), budget="1000")
    _aanvraag(toewijzing, te_laat=True, datum=date(2025, 3, 3))
    for _ in range(3):
        _aanvraag(toewijzing, datum=date(2025, 3, 17))
    _aanvraag(toewijzing, te_laat=True, datum=date(2025, 4, 1))
    assert _waarde("WER02") == Decimal("25.00")


def test_wer03_te_late_crisisopvolgingsverzoeken(crisis):
    """R-K1, R-C2: requests later than 3 working days as a share of all, by submission date."""
    melding = Crisismelding.objects.create(
        gemeente=crisis["zwolle"],
        crisisdienst=crisis["crisisdienst"],
        bron=CrisisBron.TOEGANG,
        gemeld_op=datetime(2025, 3, 1, 9, tzinfo=TZ),
    )
    for ingediend, te_laat in ((date(2025, 3, 4), False), (date(2025, 3, 12), True), (date(2025, 2, 27), True)):
        Crisisopvolgingsverzoek.objects.create(
            melding=melding,
            jeugdige=crisis["jeugdige_zwolle"],
            gemeente=crisis["zwolle"],
            aanbieder=crisis["crisisdienst"],
            product=Product.objects.get(code="46C02"),
            startdatum=date(2025, 2, 24),
            ingediend_op=ingediend,
            uiterlijk=date(2025, 3, 5),
            te_laat=te_laat,
        )
    assert _waarde("WER03") == Decimal("50.00")
    assert _waarde("WER03", categorie="crisis") == Decimal("50.00")


def test_wer04_tijdigheid_in_dagen_na_het_einde_van_de_regel(route):
    """R-K1, R-V2: days from a line's end to the submission of its declaration: one declaration
    of 10 April with a March and a February line is 10 days late for March and 41 for February."""
    toewijzing = _toewijzing(route, start=date(2025, 1, 13))
    declaratie = _declaratie(toewijzing, ingediend=date(2025, 4, 10), periode_einde=date(2025, 3, 31))
    _regel(toewijzing, declaratie=declaratie)
    _regel(toewijzing, maand=(2025, 2), declaratie=declaratie)
    assert (_waarde("WER04"), _waarde("WER04", date(2025, 2, 1))) == (Decimal("10.00"), Decimal("41.00"))
    assert _waarde("WER04", date(2025, 1, 1), KWARTAAL) == Decimal("25.50")


def test_wer05_aandeel_afgekeurde_regels(route):
    """R-K1, R-B2: rejected lines among all lines of the month; a rejected line without a known
    product takes its allocation's category."""
    toewijzing = _toewijzing(route, start=date(2025, 1, 13))
    for _ in range(3):
        _regel(toewijzing)
    _regel(toewijzing, product=None, status=RegelStatus.AFGEKEURD, afkeur=Afkeur.PRODUCT_ONBEKEND)
    assert _waarde("WER05") == Decimal("25.00")
    assert _waarde("WER05", categorie="ambulant") == Decimal("25.00")


def test_wer06_gemiddelde_trajectduur(route):
    """R-K1: days from start to stop, over the allocations stopped in the month."""
    _gestopt(route, date(2025, 3, 1), start=date(2025, 1, 1))
    _gestopt(route, date(2025, 3, 31), start=date(2024, 12, 1))
    _toewijzing(route, start=date(2024, 12, 1), einddatum=date(2025, 3, 15))
    assert _waarde("WER06") == Decimal("89.50")  # (59 + 120) / 2


def test_wer07_verlengingen_per_gesloten_budget(route):
    """R-K1: granted (also partly) adjustments per keuzebudget closed in the month; a refusal is
    no extension."""
    een = _gestopt(route, date(2025, 3, 7), budget="1000")
    _gestopt(route, date(2025, 3, 9), budget="1000")
    _aanvraag(een, status=AanpassingStatus.TOEGEKEND)
    _aanvraag(een, status=AanpassingStatus.DEELS_TOEGEKEND)
    _aanvraag(een, status=AanpassingStatus.AFGEWEZEN)
    assert _waarde("WER07") == Decimal("1.00")


# --- no data, and freshness --------------------------------------------------------------------


@pytest.mark.parametrize("code", ["KWA01", "CON01", "WER04"])
def test_periode_zonder_gegevens_heeft_geen_waarde(route, code):
    """Issue 6 bad input: a month without data is "geen gegevens" (None), never zero."""
    _gestopt(route, date(2025, 3, 10), resultaatscore=Resultaatscore.BEHAALD)
    _toewijzing(route, start=date(2025, 3, 10))
    _regel(_toewijzing(route, start=date(2025, 1, 13)))
    assert _cel(code, date(2025, 6, 1)).waarde is None
    assert _cel(code).waarde is not None


def test_goedkeuring_zet_de_maanden_in_de_wachtrij(route, django_capture_on_commit_callbacks):
    """Issue 6 §9: after an intake commits, the months of its lines are queued; the queue is
    then processed and empty again."""
    toewijzing = gestart(route)
    with django_capture_on_commit_callbacks(execute=True):
        declareer(
            route,
            [
                regel(toewijzing, "R1", uren="10"),
                regel(toewijzing, "R2", uren="2", maand=(2026, 3), begindatum=date(2026, 3, 9)),
            ],
        )
    intake = VerouderdePeriode.objects.filter(route=False)  # the route's own decisions queue route months
    assert sorted(intake.values_list("maand", flat=True)) == [date(2026, 3, 1), date(2026, 4, 1)]
    assert rollup.werk_bij() > 0
    assert not VerouderdePeriode.objects.exists()
    assert cijfers.cel(REGISTER["KOS01"], MAAND, date(2026, 4, 1)).waarde == Decimal("860.00")


def test_goedkeuring_op_gesloten_budget_zet_ook_de_maand_van_afsluiten_in_de_wachtrij(route):
    """Issue 6 §9: budget figures are dated at closing; a late line on a closed budget queues
    that month too."""
    toewijzing = _gestopt(route, date(2025, 5, 20), budget="1000")
    rollup.markeer_declaraties(
        intake.Verwerkt(dagen=frozenset({date(2025, 3, 1)}), toewijzingen=frozenset({toewijzing.pk}))
    )
    assert sorted(VerouderdePeriode.objects.values_list("maand", flat=True)) == [date(2025, 3, 1), date(2025, 5, 1)]


@pytest.mark.django_db(transaction=False)  # the commit callbacks are captured within the test's transaction
def test_falende_haak_maakt_de_goedkeuring_niet_ongedaan(route, django_capture_on_commit_callbacks, monkeypatch):
    """Issue 6 §9, STYLE.md §Writing 3, issue 16 §1: the subscribers run after commit only; one
    that fails is logged, the intake stays approved and the next one still queues the months."""

    def kapot(verwerkt):
        raise RuntimeError("kapot")

    monkeypatch.setitem(abonnementen.NA_COMMIT, Verwerkt, [kapot, rollup.markeer_declaraties])
    toewijzing = gestart(route)
    with django_capture_on_commit_callbacks(execute=False) as na_commit:
        declareer(route, [regel(toewijzing, "R1", uren="10")])
    assert not VerouderdePeriode.objects.exists()  # nothing before the commit
    for functie in na_commit:
        functie()
    assert Declaratieregel.objects.get().status == RegelStatus.GOEDGEKEURD
    assert list(VerouderdePeriode.objects.values_list("maand", flat=True)) == [date(2026, 4, 1)]


def test_lege_wachtrij_kost_een_query(route, django_assert_num_queries):
    """Issue 6 §9: werk_bij at the start of a page is a single query when nothing is queued."""
    with django_assert_num_queries(1):
        assert rollup.werk_bij() == 0


def test_werk_bij_herberekent_kwartaal_en_jaar_uit_de_maanden(route):
    """Issue 6 §9: after an incremental refresh of one month, its quarter and year include the
    stored months next to it; other indicators are left alone."""
    toewijzing = _toewijzing(route, start=date(2025, 1, 13))
    _regel(toewijzing, "100.00", maand=(2025, 2))
    rollup.bouw_opnieuw()
    _regel(toewijzing, "50.00")
    rollup.markeer([MAART])
    instroom = set(Cijfer.objects.filter(indicator="CON01").values_list("id", flat=True))
    rollup.werk_bij()
    uitgaven = REGISTER["KOS01"]
    assert cijfers.cel(uitgaven, MAAND, MAART).waarde == Decimal("50.00")
    assert cijfers.cel(uitgaven, KWARTAAL, date(2025, 1, 1)).waarde == Decimal("150.00")
    assert cijfers.cel(uitgaven, Periodesoort.JAAR, date(2025, 1, 1), categorie=ALLE).waarde == Decimal("150.00")
    assert set(Cijfer.objects.filter(indicator="CON01").values_list("id", flat=True)) == instroom


def test_commando_ververs_volledig_meldt_tot_wanneer(route, capsys):
    """Issue 6 §9: ``manage.py beheersing ververs --volledig`` rebuilds everything and states the
    date the data runs to; without --volledig it processes the (empty) queue."""
    _regel(_toewijzing(route, start=date(2025, 1, 13)))
    call_command("beheersing", "ververs", "--volledig")
    uit = capsys.readouterr().out
    assert f"{len(INDICATOREN)} indicatoren" in uit and "Gegevens tot en met: 31-03-2025" in uit
    call_command("beheersing", "ververs")
    assert "geen gewijzigde maanden" in capsys.readouterr().out
