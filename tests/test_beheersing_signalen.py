"""The three named signals (R-K5): continuous extension requests, results not reached, doing more
than needed — per provider for a quarter, against its category, each with its evidence
(pseudonymised). Each signal fires on a constructed world and stays silent on a normal one.

The worlds are built directly in the tables (the allocation route itself is tested elsewhere):
four providers of one category, each with trajectories in the first quarter of 2026."""

from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing.services.signalen import signalen
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing

from .factories import AanbiederFactory, JeugdigeFactory

KWARTAAL = date(2026, 1, 1)


@pytest.fixture(autouse=True)
def _geen_onderdrukking(settings):
    """These tests check the signal rules and their figures on a handful of young people; with
    the default threshold their figures would read "<5". Small-cell suppression of signals is
    tested in tests/test_beheersing_onthulling.py (issue 14 §7)."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1


START, STOP = date(2026, 1, 5), date(2026, 3, 20)  # 74 days


def traject(aanbieder, gemeente, *, start=START, stop=None, score="", besteed=None, bedrag="3000"):
    """One keuzebudget allocation running 2025-12-01 … 2026-12-31 (care stopped on ``stop``)."""
    jeugdige = JeugdigeFactory(gemeente=gemeente)
    begin = min(start, date(2025, 12, 1))
    verwijzing = Verwijzing.objects.create(
        jeugdige=jeugdige,
        gemeente=gemeente,
        verwijzer_type="01",
        aanbieder=aanbieder,
        datum=begin,
        status="geaccepteerd",
    )
    budget = Keuzebudget.objects.create(
        verwijzing=verwijzing,
        soort="herstel",
        niveau=3,
        bedrag=Decimal(bedrag),
        begindatum=begin,
        einddatum=date(2026, 12, 31),
    )
    toewijzing = Toewijzing.objects.create(
        verwijzing=verwijzing,
        jeugdige=jeugdige,
        gemeente=gemeente,
        aanbieder=aanbieder,
        soort="keuzebudget",
        keuzebudget=budget,
        begindatum=begin,
        einddatum=date(2026, 12, 31),
        status="gestopt" if stop else "gestart",
        startdatum_zorg=start,
        stopdatum_zorg=stop,
        reden_beeindiging="31" if stop else "",
        resultaatscore=score,
    )
    if besteed is not None:
        Budgetstand.objects.create(
            toewijzing=toewijzing, toegewezen=budget.bedrag, vastgelegd=budget.bedrag, goedgekeurd=Decimal(besteed)
        )
    return toewijzing


def aanvraag(toewijzing, dag=date(2026, 2, 10), te_laat=False):
    return Aanpassingsaanvraag.objects.create(
        verwijzing=toewijzing.verwijzing,
        toewijzing=toewijzing,
        reden="3",
        toelichting="Meer uren nodig.",
        ingediend_op=dag,
        te_laat=te_laat,
    )


@pytest.fixture
def aanbieders(wereld):
    """The fixture's two providers plus two more, all "jeugd- en opvoedhulp"; the first is the
    one under scrutiny (X), the others are the category's normal."""
    return [wereld["aanbieder"], wereld["andere_aanbieder"], AanbiederFactory(), AanbiederFactory()]


def _van(lijst, code):
    return [s for s in lijst if s.code == code]


def _kwartaal(wereld):
    return signalen(periodesoort="kwartaal", periode=KWARTAAL, regio=wereld["zwolle"].regio)


# --- SIG01: continuous extension requests -------------------------------------------------------


def _verlengwereld(wereld, aanbieders, aanvragen_x):
    for nummer, aanbieder in enumerate(aanbieders):
        trajecten = [traject(aanbieder, wereld["zwolle"]) for _ in range(10)]
        for t in trajecten[: aanvragen_x if nummer == 0 else 1]:
            aanvraag(t, te_laat=nummer == 0)


def test_verlengingen_signaal_met_onderbouwing(wereld, aanbieders):
    """R-K5 SIG01: 4 requests per 10 budgets = 40 per 100, above 1.5 × the category median of 10;
    the evidence lists the four requests with the young people's pseudonyms."""
    _verlengwereld(wereld, aanbieders, aanvragen_x=4)
    [signaal] = _van(_kwartaal(wereld), "SIG01")
    assert (signaal.aanbieder, signaal.vergeleken_met) == (aanbieders[0], "categorie Jeugd- en opvoedhulp")
    assert signaal.cijfers == {
        "aanvragen": 4,
        "budgetten": 10,
        "per 100 budgetten": Decimal("40.0"),
        "mediaan per 100": Decimal("10.0"),
        "trajecten met herhaalde aanvragen": 0,
    }
    assert signaal.redenen == ["40,0 aanvragen per 100 budgetten, meer dan 1,5 × de mediaan (10,0)"]
    onderliggend = Aanpassingsaanvraag.objects.filter(verwijzing__aanbieder=aanbieders[0]).order_by("id")
    assert [o.object_id for o in signaal.onderbouwing] == [a.pk for a in onderliggend]
    assert [o.pseudoniem for o in signaal.onderbouwing] == [a.verwijzing.jeugdige.pseudoniem for a in onderliggend]
    assert signaal.onderbouwing[0].omschrijving == (
        "aanpassingsaanvraag ‘Gewijzigde omstandigheden’, ingediend, te laat"
    )


def test_verlengingen_normale_wereld_geeft_geen_signaal(wereld, aanbieders):
    """R-K5 SIG01: 2 requests per 10 budgets (20 per 100) is above 1.5 × the median (15) but
    fewer than MIN_AANVRAGEN (3) requests: no signal; nor when every provider asks once."""
    _verlengwereld(wereld, aanbieders, aanvragen_x=2)
    assert _van(_kwartaal(wereld), "SIG01") == []
    Aanpassingsaanvraag.objects.filter(verwijzing__aanbieder=aanbieders[0]).order_by("id").first().delete()
    assert _kwartaal(wereld) == []


def test_herhaalde_aanvragen_per_traject(wereld, aanbieders):
    """R-K5 SIG01: two trajectories with a second request (the first in 2025) fire the signal,
    although the rate (2 per 20 budgets = 10 per 100) equals the median."""
    _verlengwereld(wereld, aanbieders[1:], aanvragen_x=1)
    trajecten = [traject(aanbieders[0], wereld["zwolle"]) for _ in range(20)]
    for t in trajecten[:2]:
        aanvraag(t, dag=date(2025, 12, 15))
        aanvraag(t)
    [signaal] = _van(_kwartaal(wereld), "SIG01")
    assert signaal.aanbieder == aanbieders[0]
    assert signaal.redenen == ["2 trajecten met 2 of meer aanvragen"]
    assert (signaal.cijfers["aanvragen"], signaal.cijfers["trajecten met herhaalde aanvragen"]) == (2, 2)
    assert len(signaal.onderbouwing) == 2  # the requests in the quarter


# --- SIG02: results not reached --------------------------------------------------------------


def _resultaatwereld(wereld, aanbieders, scores_x):
    for nummer, aanbieder in enumerate(aanbieders):
        scores = scores_x if nummer == 0 else ["behaald"] * 4 + ["niet_behaald"]
        for score in scores:
            traject(aanbieder, wereld["zwolle"], stop=STOP, score=score)


def test_resultaten_signaal_met_onderbouwing(wereld, aanbieders):
    """R-K5 SIG02: 4 of 5 ended not or partly reached (80%), more than 20 points above the
    category median (20%); the evidence lists those four allocations."""
    _resultaatwereld(wereld, aanbieders, ["behaald", "niet_behaald", "niet_behaald", "deels_behaald", "deels_behaald"])
    [signaal] = _van(_kwartaal(wereld), "SIG02")
    assert signaal.aanbieder == aanbieders[0]
    assert signaal.cijfers == {
        "beëindigd met score": 5,
        "niet of deels behaald": 4,
        "aandeel %": Decimal("80.0"),
        "mediaan %": Decimal("20.0"),
    }
    verwacht = Toewijzing.objects.filter(aanbieder=aanbieders[0]).exclude(resultaatscore="behaald").order_by("id")
    assert [o.toewijzing_id for o in signaal.onderbouwing] == [t.pk for t in verwacht]
    assert signaal.onderbouwing[0].omschrijving == "Niet behaald; Levering is volgens plan beëindigd"
    assert signaal.onderbouwing[0].datum == STOP


def test_resultaten_normale_wereld_geeft_geen_signaal(wereld, aanbieders):
    """R-K5 SIG02: 40% not reached is 20 points above the median — not more: no signal."""
    _resultaatwereld(wereld, aanbieders, ["behaald"] * 3 + ["niet_behaald", "deels_behaald"])
    assert _kwartaal(wereld) == []


# --- SIG03: doing more than needed ------------------------------------------------------------


def _meerwereld(wereld, aanbieders, besteed_x, lang=False):
    for nummer, aanbieder in enumerate(aanbieders):
        for besteed in besteed_x if nummer == 0 else ["2250"] * 5:  # 75%: within the 70–80% norm
            start = date(2025, 1, 6) if lang and nummer == 0 else START
            traject(aanbieder, wereld["zwolle"], start=start, stop=STOP, besteed=besteed)


def test_meer_dan_nodig_budgetten_vol_gedeclareerd(wereld, aanbieders):
    """R-K5 SIG03, R-A1: 3 of 5 closed budgets declared to ≥ 95% (norm 70–80% on average)."""
    _meerwereld(wereld, aanbieders, ["2900", "2900", "2900", "2100", "2100"])
    [signaal] = _van(_kwartaal(wereld), "SIG03")
    assert signaal.aanbieder == aanbieders[0]
    assert signaal.redenen == ["3 van 5 gesloten budgetten ≥ 95% gedeclareerd (norm 70–80%)"]
    assert (signaal.cijfers["gesloten budgetten"], signaal.cijfers["≥ 95% benut"]) == (5, 3)
    assert signaal.cijfers["gem. benutting %"] == Decimal("86.0")
    assert [o.omschrijving for o in signaal.onderbouwing] == [
        "keuzebudget € 3.000,00, gedeclareerd € 2.900,00 (96,7%)"
    ] * 3


def test_meer_dan_nodig_gemiddelde_benutting_boven_90(wereld, aanbieders):
    """R-K5 SIG03: every budget at 93.3% — none ≥ 95%, but the average is above 90%."""
    _meerwereld(wereld, aanbieders, ["2800"] * 5)
    [signaal] = _van(_kwartaal(wereld), "SIG03")
    assert signaal.redenen == ["gemiddelde benutting 93,3%, boven 90% (norm 70–80%)"]
    assert signaal.onderbouwing == []  # no budget ≥ 95%: the figures are the evidence


def test_meer_dan_nodig_gemiddelde_per_standaardbudget_zonder_offertes(wereld, aanbieders):
    """R-K5 SIG03 with R-K1 (KOS05 correction, SPEC §14.5) and R-A1: the average utilisation is
    the mean per standard budget, as KOS05. Four budgets of € 1,000 at 94% and one of € 10,000 at
    80%: mean 91.2% (fires), weighted by size 84.0% (would not); a closed offerte budget used in
    full does not count among the closed budgets."""
    _meerwereld(wereld, aanbieders, [])
    for besteed, bedrag in [("940", "1000")] * 4 + [("8000", "10000")]:
        traject(aanbieders[0], wereld["zwolle"], stop=STOP, besteed=besteed, bedrag=bedrag)
    offerte = traject(aanbieders[0], wereld["zwolle"], stop=STOP, besteed="3000", bedrag="3000")
    Keuzebudget.objects.filter(pk=offerte.keuzebudget_id).update(is_offerte=True, niveau=None)
    [signaal] = _van(_kwartaal(wereld), "SIG03")
    assert signaal.redenen == ["gemiddelde benutting 91,2%, boven 90% (norm 70–80%)"]
    assert (signaal.cijfers["gesloten budgetten"], signaal.cijfers["≥ 95% benut"]) == (5, 0)
    assert signaal.cijfers["gem. benutting %"] == Decimal("91.2")


def test_meer_dan_nodig_trajecten_langer_dan_de_categorie(wereld, aanbieders):
    """R-K5 SIG03: trajectories of 438 days against a category median of 74 days."""
    _meerwereld(wereld, aanbieders, ["2250"] * 5, lang=True)
    [signaal] = _van(_kwartaal(wereld), "SIG03")
    assert signaal.redenen == ["trajecten gemiddeld 438,0 dagen, meer dan 1,5 × de mediaan"]
    assert (signaal.cijfers["gem. duur (dagen)"], signaal.cijfers["mediaan duur (dagen)"]) == (
        Decimal("438.0"),
        Decimal("74.0"),
    )
    assert len(signaal.onderbouwing) == 5
    assert signaal.onderbouwing[0].omschrijving == "traject van 438 dagen (06-01-2025 – 20-03-2026)"


def test_meer_dan_nodig_normale_wereld_geeft_geen_signaal(wereld, aanbieders):
    """R-K5 SIG03: budgets at 75–80% and ordinary durations: nothing."""
    _meerwereld(wereld, aanbieders, ["2400"] * 5)
    assert _kwartaal(wereld) == []


def test_signaal_hoort_bij_zijn_periode(wereld, aanbieders):
    """R-K5: the next quarter has none of the first quarter's signals."""
    _resultaatwereld(wereld, aanbieders, ["niet_behaald"] * 5)
    assert len(_kwartaal(wereld)) == 1
    assert signalen(periodesoort="kwartaal", periode=date(2026, 4, 1), regio=wereld["zwolle"].regio) == []
    assert len(signalen(periodesoort="jaar", periode=date(2026, 1, 1), regio=wereld["zwolle"].regio)) == 1


# --- The page ----------------------------------------------------------------------------------


def test_signalenpagina_voor_contractmanager_gepseudonimiseerd_en_gelogd(client, wereld, aanbieders):
    """R-K5, R-P1, R-P2: the contract manager sees the signal with its evidence by pseudonym —
    never a name or BSN — and the reading and the export are audit-logged."""
    _resultaatwereld(wereld, aanbieders, ["niet_behaald"] * 5)
    jeugdige = Toewijzing.objects.filter(aanbieder=aanbieders[0]).first().jeugdige
    client.force_login(wereld["gebruikers"]["contractmanager"])
    pagina = client.get("/beheersing/signalen/", {"periodesoort": "kwartaal", "periode": "2026-02-15"}).content.decode()
    assert "SIG02" in pagina and aanbieders[0].naam in pagina and jeugdige.pseudoniem in pagina
    assert jeugdige.bsn not in pagina and jeugdige.achternaam not in pagina
    assert "Maatregel vastleggen" in pagina and "indicator=SIG02" in pagina
    export = client.get(
        "/beheersing/signalen/", {"periodesoort": "kwartaal", "periode": "2026-02-15", "export": "csv"}
    ).content.decode("utf-8-sig")
    regels = export.splitlines()
    assert regels[0].startswith("Signaal;Omschrijving;AGB-code;Aanbieder;Categorie")
    assert len(regels) == 6 and all(r.startswith("SIG02;") for r in regels[1:])
    assert jeugdige.pseudoniem in export and jeugdige.bsn not in export
    acties = list(
        AuditRegel.objects.zonder_inloggen()
        .filter(rol="contractmanager")
        .values_list("actie", flat=True)
        .order_by("id")
    )
    assert acties == ["lezen", "exporteren"]


@pytest.mark.parametrize("rol", ["beleid", "bestuurder", "beheerder"])
def test_signalen_voor_beleid_en_bestuur_alleen_lezen(client, wereld, rol):
    client.force_login(wereld["gebruikers"][rol])
    assert client.get("/beheersing/signalen/").status_code == 200  # the previous quarter by default
    pagina = client.get("/beheersing/signalen/", {"periodesoort": "jaar", "periode": "2026-01-01"})
    assert pagina.status_code == 200 and "Maatregel vastleggen" not in pagina.content.decode()
    assert "Geen signalen in deze periode." in pagina.content.decode()


@pytest.mark.parametrize("rol", ["toegang", "aanbieder", "financieel", "huisarts", "gi"])
def test_signalen_niet_voor_andere_rollen(client, wereld, rol):
    client.force_login(wereld["gebruikers"][rol])
    assert client.get("/beheersing/signalen/").status_code == 403
