"""Budget control per municipality (SPEC §14.2): begroting, commitments, realisation, accrual,
forecast (R-V3), back-test and signal (R-V4), and the Budgetbeheersing page."""

from datetime import date
from decimal import Decimal

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.begroting.models import Begroting
from jeugdregie.begroting.services.gegevens import Afgelopen, Gegevens, Realisatie, laad, vastleggingen_van
from jeugdregie.begroting.services.prognose import backtest, bereken, maandeinde
from jeugdregie.begroting.services.signalen import signalen_voor
from jeugdregie.begroting.services.vaststellen import stel_begroting_vast
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.common.tijd import vandaag

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .factories import GebruikerFactory

D = Decimal


def _r(maand, ingediend, netto, toewijzing_id=2, post="ambulant", aanbieder_id=1):
    return (toewijzing_id, Realisatie(post, aanbieder_id, maand, ingediend, D(netto)))


def _v(toewijzing_id, begin, einde, *boekingen, post="ambulant", aanbieder_id=1):
    return (toewijzing_id, post, aanbieder_id, begin, einde, tuple((d, D(b)) for d, b in boekingen))


def _gegevens(realisaties, vastleggingen) -> Gegevens:
    """The month figures ``laad`` would read for these lines (per allocation) and bookings."""
    vast, afgelopen = vastleggingen_van(
        (post, aanbieder, begin, einde, d, b) for _, post, aanbieder, begin, einde, bs in vastleggingen for d, b in bs
    )
    einde_van = {tw: einde for tw, _, _, _, einde, _ in vastleggingen}
    besteed = [
        Afgelopen(r.post, r.aanbieder_id, einde_van[tw].replace(day=1), r.ingediend, besteed=r.netto)
        for tw, r in realisaties
        if tw in einde_van
    ]
    return Gegevens(tuple(r for _, r in realisaties), tuple(vast), tuple(afgelopen + besteed))


# --- R-V3: entering the begroting ----------------------------------------------------------


@pytest.mark.parametrize(
    ("invoer", "code", "melding"),
    [
        ({"bedrag": "-1.00"}, "BEG001", "Een begrotingsbedrag kan niet negatief zijn."),
        ({"post": "jeugdzorgplus"}, "BEG002", "Onbekende begrotingspost 'jeugdzorgplus'."),
        ({"jaar": 2019}, "BEG003", "Voor 2019 zijn er geen gegevens."),
    ],
)
def test_ongeldige_begroting_wordt_geweigerd_en_niets_opgeslagen(route, invoer, code, melding):
    """R-V3: a negative amount, an unknown budget line or a year without data is refused with a
    Dutch message; no begroting and no audit row is written."""
    waarden = {"jaar": vandaag().year, "post": "ambulant", "bedrag": "1000.00", **invoer}
    with pytest.raises(DomainError) as fout:
        stel_begroting_vast(gemeente=route["zwolle"], door=route["gebruikers"]["financieel"], **waarden)
    assert fout.value.code == code
    assert fout.value.message.startswith(melding)
    assert Begroting.objects.count() == 0
    assert not AuditRegel.objects.filter(objecttype="begroting.Begroting").exists()


def test_alleen_financieel_van_de_eigen_gemeente_stelt_vast(route):
    """R-V3: finance of another municipality and the toegang are refused; nothing is saved."""
    andere = GebruikerFactory(financieel_rol=True, gemeente=route["deventer"])
    for door in (andere, route["gebruikers"]["toegang"]):
        with pytest.raises(DomainError) as fout:
            stel_begroting_vast(gemeente=route["zwolle"], jaar=vandaag().year, post="ambulant", bedrag="1", door=door)
        assert fout.value.code == "BEG004"
    assert Begroting.objects.count() == 0


def test_nieuwe_versie_telt_en_elke_wijziging_is_gelogd(route):
    """R-V3: every amount is a new version with who and when; the latest counts; audit-logged."""
    financieel, jaar = route["gebruikers"]["financieel"], vandaag().year
    stel_begroting_vast(gemeente=route["zwolle"], jaar=jaar, post="ambulant", bedrag="1000", door=financieel)
    tweede = stel_begroting_vast(
        gemeente=route["zwolle"], jaar=jaar, post="ambulant", bedrag="1200.50", door=financieel
    )
    assert (tweede.versie, tweede.bedrag, tweede.door) == (2, D("1200.50"), financieel)
    assert list(Begroting.objects.actueel().values_list("versie", "bedrag")) == [(2, D("1200.50"))]
    acties = list(
        AuditRegel.objects.filter(objecttype="begroting.Begroting").order_by("id").values_list("actie", flat=True)
    )
    assert acties == ["aanmaken", "wijzigen"]


# --- R-V3: the monthly figures -------------------------------------------------------------


def _dataset() -> Gegevens:
    """2025: allocation 1 (January, € 2.000 committed) realised € 1.000 for January, declared
    50% in the month, 30% one month and 20% two months after: lag F = 0,5 / 0,8 / 1 and
    utilisation 0,5. 2026: allocation 2, the whole year, € 3.650 committed (€ 10 a day)."""
    return _gegevens(
        (
            _r(date(2025, 1, 1), date(2025, 1, 20), "500", toewijzing_id=1),
            _r(date(2025, 1, 1), date(2025, 2, 10), "300", toewijzing_id=1),
            _r(date(2025, 1, 1), date(2025, 3, 5), "200", toewijzing_id=1),
            _r(date(2026, 1, 1), date(2026, 2, 10), "400"),
            _r(date(2026, 2, 1), date(2026, 2, 27), "150"),
            _r(date(2026, 2, 1), date(2026, 2, 27), "-30"),  # a credit
            _r(date(2026, 3, 1), date(2026, 3, 2), "999"),  # declared after the day of the forecast
        ),
        (
            _v(1, date(2025, 1, 1), date(2025, 1, 31), (date(2024, 12, 1), "2000")),
            _v(2, date(2026, 1, 1), date(2026, 12, 31), (date(2026, 1, 1), "3000"), (date(2026, 2, 15), "650")),
        ),
    )


def test_begroting_vastlegging_realisatie_nog_te_declareren_en_prognose(db):
    """R-V3: on 28-02-2026 January (one month past: F = 0,8) gets € 100 accrual on € 400,
    February (F = 0,5) € 120 on € 120 net of the credit; March–December are their commitment
    (€ 10 a day) × utilisation 0,5 = € 1.530. Forecast € 2.270."""
    prognose = bereken(_dataset(), jaar=2026, op=date(2026, 2, 28), begroting=D("2400.00"))
    assert prognose.benutting == D("0.5")
    assert prognose.vertraging == (D("0.5"), D("0.8"), D("1"), D("1"), D("1"), D("1"))
    jan, feb, mrt = prognose.maanden[:3]
    # January's commitment as the ledger stood on 31 January (€ 3.000 over 365 days).
    assert (jan.begroting, jan.vastgelegd, jan.gerealiseerd, jan.nog_te_declareren, jan.prognose) == (
        D("200.00"),
        D("254.79"),
        D("400.00"),
        D("100.00"),
        D("500.00"),
    )
    assert (feb.vastgelegd, feb.gerealiseerd, feb.nog_te_declareren, feb.prognose) == (
        D("280.00"),
        D("120.00"),
        D("120.00"),
        D("240.00"),
    )
    assert (mrt.verstreken, mrt.vastgelegd, mrt.gerealiseerd, mrt.nog_te_declareren, mrt.prognose) == (
        False,
        D("310.00"),
        D("0.00"),
        D("0.00"),
        D("155.00"),
    )
    assert prognose.totalen == {
        "begroting": D("2400.00"),
        "vastgelegd": D("3594.79"),
        "gerealiseerd": D("520.00"),
        "nog_te_declareren": D("220.00"),
        "prognose": D("2270.00"),
    }
    assert prognose.signaal().actief is False


def test_signaal_als_prognose_de_begroting_overschrijdt(db):
    """R-V4: forecast € 2.270 against a begroting of € 2.200 raises the signal, in Dutch."""
    signaal = bereken(_dataset(), jaar=2026, op=date(2026, 2, 28), begroting=D("2200")).signaal("Zwolle")
    assert signaal.actief is True
    assert signaal.tekst == (
        "Zwolle: de prognose voor 2026 (€ 2.270,00) overschrijdt de begroting (€ 2.200,00) met € 70,00."
    )


# --- R-V4: the back-test -------------------------------------------------------------------


def _twee_jaar() -> Gegevens:
    """2024 and 2025: each a whole-year allocation of € 10 a day, half of it realised
    (€ 5 a day), every month declared on its last day."""
    realisaties, vastleggingen = [], []
    for tw, jaar in ((1, 2024), (2, 2025)):
        dagen = (date(jaar, 12, 31) - date(jaar, 1, 1)).days + 1
        vastleggingen.append(_v(tw, date(jaar, 1, 1), date(jaar, 12, 31), (date(jaar - 1, 12, 15), 10 * dagen)))
        for maand in range(1, 13):
            einde = maandeinde(jaar, maand)
            realisaties.append(_r(date(jaar, maand, 1), einde, 5 * einde.day, toewijzing_id=tw))
    return _gegevens(realisaties, vastleggingen)


def test_backtest_fout_per_prognosemaand(db):
    """R-V4: 2024 has no history (utilisation 1), so at the end of month m it forecasts
    € 3.660 − 5 × days(m) against € 1.830 realised (error 1 − days/366); 2025 learns the
    utilisation 0,5 from 2024 and forecasts € 1.825 exactly. The mean is half the 2024 error."""
    terug = backtest(_twee_jaar(), jaar=2026, op=date(2026, 3, 31))
    assert terug.jaren == (2024, 2025)
    assert round(terug.fout[1], 6) == D("0.457650")  # (1 − 31/366) / 2
    assert round(terug.fout[6], 6) == D("0.251366")  # (1 − 182/366) / 2
    assert terug.fout[12] == D("0")


def test_backtest_band_rond_de_prognose(db):
    """R-V4: the band is the forecast ± the error of its month of forecast."""
    gegevens = _twee_jaar()
    prognose = bereken(gegevens, jaar=2025, op=date(2025, 12, 31))
    terug = backtest(gegevens, jaar=2025, op=date(2025, 12, 31))
    assert terug.jaren == (2024,)
    assert terug.fout[12] == D("0")
    assert terug.band(prognose) == (D("1825.00"), D("1825.00"))
    vroeg = bereken(gegevens, jaar=2025, op=date(2025, 1, 31))
    assert vroeg.jaarprognose == D("1825.00")
    laag, hoog = terug.band(vroeg)  # error 335/366 after January
    assert (laag, hoog) == (D("154.58"), D("3495.42"))


# --- through the real services ------------------------------------------------------------


def test_grootboek_en_declaraties_via_de_diensten(route):
    """R-V3: the commitment comes from the ledger and the realisation from approved lines."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing)])  # April 2026: 10 hours × € 86
    gegevens = laad([route["zwolle"].pk])
    assert {v.post for v in gegevens.vastleggingen} == {"ambulant"}
    assert euro(sum(v.bedrag for v in gegevens.vastleggingen)) == D("3000.00")  # spread over 2026 and 2027
    assert [(a.einde, a.vastgelegd) for a in gegevens.afgelopen if a.vastgelegd] == [(date(2027, 3, 1), D("3000.00"))]
    prognose = bereken(gegevens, jaar=2026, op=date(2026, 12, 31))
    assert prognose.maanden[3].gerealiseerd == D("860.00")
    # The ledger books the commitment on the day of the decision (the screening, on 2 March 2026 by
    # the server's clock); each month carries its share of the days: € 3.000 × days / 365.
    assert (toewijzing.begindatum, toewijzing.einddatum) == (date(2026, 3, 2), date(2027, 3, 1))
    dagen = [30, 30, 31, 30, 31, 31, 30, 31, 30, 31]  # 2–31 March, April … December
    assert [m.vastgelegd for m in prognose.maanden if m.vastgelegd] == [euro(D(3000) * d / 365) for d in dagen]
    assert laad([route["deventer"].pk]) == Gegevens()


def test_signalen_voor_gebruiker(route):
    """R-V4: the signals are computed by a job and stored; the municipality's at once when finance
    changes its begroting, the region's by the nightly run. Finance of Zwolle gets the signal of
    its municipality, the board that of Zwolle and the region; finance of Deventer and the
    provider get none."""
    from django.core.management import call_command

    gestart(route)
    jaar = vandaag().year
    stel_begroting_vast(
        gemeente=route["zwolle"], jaar=jaar, post="ambulant", bedrag="100", door=route["gebruikers"]["financieel"]
    )
    signalen = signalen_voor(route["gebruikers"]["financieel"])
    assert [s.actief for s in signalen] == [True]
    assert signalen[0].tekst.startswith(f"Zwolle: de prognose voor {jaar}")
    assert len(signalen_voor(route["gebruikers"]["bestuurder"])) == 1  # the region's: not computed yet
    call_command("begroting", "signalen", stdout=None)
    assert [s.gemeente_id for s in signalen_voor(route["gebruikers"]["bestuurder"])] == [route["zwolle"].pk, None]
    assert signalen_voor(GebruikerFactory(financieel_rol=True, gemeente=route["deventer"])) == []
    assert signalen_voor(route["gebruikers"]["aanbieder"]) == []


def test_opgeslagen_stand_is_de_berekening_cel_voor_cel(route):
    """R-V3/R-V4: the stored figures (Prognosestand) are the forecast computed from the ledger
    and the approved lines, cell for cell, and read back as they were stored; the begroting is
    added when they are read."""
    from jeugdregie.begroting.services.overzicht import overzicht, peildatum
    from jeugdregie.begroting.services.standen import bereken_stand, naar_json, uit_json

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing)])
    jaar, ids = vandaag().year, [route["zwolle"].pk]
    stel_begroting_vast(
        gemeente=route["zwolle"], jaar=jaar, post="ambulant", bedrag="1200", door=route["gebruikers"]["financieel"]
    )
    gegevens = laad(ids)
    live = bereken(gegevens, jaar=jaar, op=peildatum(jaar), begroting=D("1200"))
    pagina = overzicht(gemeenten=[route["zwolle"]], naam="Zwolle", jaar=jaar)
    assert pagina.prognose == live
    assert pagina.backtest == backtest(gegevens, jaar=jaar, op=peildatum(jaar))
    ambulant = next(r for r in pagina.per_post if r.naam == "Ambulant")
    assert ambulant.prognose == live and ambulant.signaal.actief == live.signaal().actief
    assert [r.naam for r in pagina.per_aanbieder] == [toewijzing.aanbieder.naam]
    assert pagina.per_aanbieder[0].prognose.totalen["prognose"] == live.jaarprognose
    stand = bereken_stand(gegevens, jaar=jaar, op=peildatum(jaar))
    assert uit_json(naar_json(stand), berekend_op=stand.berekend_op) == stand


def test_begroting_telt_direct_nieuwe_declaraties_na_de_nachtelijke_herberekening(route):
    """R-V3/R-V4: a changed begroting counts at once (no recomputation); a newly approved line
    counts after the nightly job (``manage.py begroting signalen``), and the page says when the
    figures were computed."""
    from django.core.management import call_command

    from jeugdregie.begroting.models import Prognosestand
    from jeugdregie.begroting.services.overzicht import overzicht

    toewijzing = gestart(route)
    jaar, zwolle = vandaag().year, route["zwolle"]
    eerst = overzicht(gemeenten=[zwolle], naam="Zwolle", jaar=jaar)
    assert eerst.prognose.totaal("gerealiseerd") == D("0.00")
    berekend = Prognosestand.objects.get(gemeente=zwolle, jaar=jaar).berekend_op
    stel_begroting_vast(
        gemeente=zwolle, jaar=jaar, post="ambulant", bedrag="2400", door=route["gebruikers"]["financieel"]
    )
    declareer(route, [regel(toewijzing)])  # € 860 approved
    daarna = overzicht(gemeenten=[zwolle], naam="Zwolle", jaar=jaar)
    assert daarna.prognose.begroting == D("2400.00")
    assert daarna.prognose.totaal("gerealiseerd") == D("0.00")  # not yet recomputed
    assert Prognosestand.objects.get(gemeente=zwolle, jaar=jaar).berekend_op == berekend
    call_command("begroting", "signalen", stdout=None)
    nacht = overzicht(gemeenten=[zwolle], naam="Zwolle", jaar=jaar)
    assert nacht.prognose.totaal("gerealiseerd") == D("860.00")
    assert nacht.berekend_op > berekend
    assert Prognosestand.objects.filter(gemeente=None, jaar=jaar).count() == 1  # the region too


# --- the page ------------------------------------------------------------------------------

URL = "/begroting/"


@pytest.mark.parametrize(
    ("gebruiker", "status"),
    [
        ("financieel", 200),
        ("toegang", 200),
        ("bestuurder", 200),
        ("beleid", 200),
        ("contractmanager", 200),
        ("aanbieder", 403),
        ("huisarts", 403),
        ("beheerder", 403),
    ],
)
def test_paginatoegang_per_rol(client, route, gebruiker, status):
    """R-V3/R-P1: finance and toegang see their municipality, the regional roles the region;
    providers and referrers are refused."""
    client.force_login(route["gebruikers"][gebruiker])
    assert client.get(URL).status_code == status


def test_anoniem_moet_inloggen(client, route):
    assert client.get(URL).status_code == 302


def test_financieel_van_andere_gemeente_ziet_niets_van_deze(client, route):
    """R-V3/R-P1: finance of Deventer cannot choose Zwolle and sees only Deventer."""
    gestart(route)
    client.force_login(GebruikerFactory(financieel_rol=True, gemeente=route["deventer"]))
    assert client.get(URL, {"gemeente": route["zwolle"].pk}).status_code == 404
    inhoud = client.get(URL).content.decode()
    assert "Deventer" in inhoud and "Zwolle" not in inhoud


def test_pagina_toont_bedragen_in_nederlandse_notatie(client, route):
    """R-V3: amounts as € 1.234,56; the finance form shows for finance of the municipality."""
    jaar = vandaag().year
    stel_begroting_vast(
        gemeente=route["zwolle"], jaar=jaar, post="ambulant", bedrag="12345.60", door=route["gebruikers"]["financieel"]
    )
    client.force_login(route["gebruikers"]["financieel"])
    inhoud = client.get(URL).content.decode()
    assert 'id="totaal-begroting">€ 12.345,60<' in inhoud
    assert "Begroting vaststellen" in inhoud and "<svg" in inhoud


def test_vaststellen_via_de_pagina(client, route):
    """R-V3: the form posts to the service; a negative amount shows the Dutch message."""
    client.force_login(route["gebruikers"]["financieel"])
    jaar = vandaag().year
    antwoord = client.post("/begroting/vaststellen/", {"jaar": jaar, "post": "crisis", "bedrag": "-5"}, follow=True)
    assert "Een begrotingsbedrag kan niet negatief zijn." in antwoord.content.decode()
    assert Begroting.objects.count() == 0
    client.post("/begroting/vaststellen/", {"jaar": jaar, "post": "crisis", "bedrag": "500"})
    assert list(Begroting.objects.values_list("post", "bedrag")) == [("crisis", D("500.00"))]


@pytest.mark.parametrize(
    ("formaat", "soort"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("pdf", "application/pdf"),
    ],
)
def test_export(client, route, formaat, soort):
    """R-V3: the monthly table as CSV, Excel or PDF."""
    client.force_login(route["gebruikers"]["bestuurder"])
    antwoord = client.get(URL, {"jaar": vandaag().year, "export": formaat})
    assert antwoord["Content-Type"] == soort
    if formaat == "csv":
        regels = antwoord.content.decode("utf-8-sig").splitlines()
        assert regels[0] == "Maand;Begroting;Vastgelegd;Gerealiseerd;Nog te declareren;Prognose;Foutmarge back-test (%)"
        assert len(regels) == 14


def test_startpagina_toont_het_budgetsignaal_aan_financieel(client, route):
    """R-V4 / issue 13 §5: finance sees on its home page that the forecast exceeds the begroting;
    a provider's home page has no budget card."""
    from jeugdregie.begroting.services.vaststellen import stel_begroting_vast

    from .builders.declaraties import declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")])  # € 860 approved
    financieel = route["gebruikers"]["financieel"]
    stel_begroting_vast(gemeente=route["zwolle"], jaar=vandaag().year, post="ambulant", bedrag="100", door=financieel)
    client.force_login(financieel)
    kaart = client.get("/").content.decode()
    assert 'id="budgetsignalen"' in kaart and "Signaal:" in kaart and "Zwolle" in kaart
    client.force_login(route["gebruikers"]["aanbieder"])
    assert 'id="budgetsignalen"' not in client.get("/").content.decode()


# --- issue 14 §7: aggregates that cannot identify a child ----------------------------------


def _stand_met_kinderen(route, jaar):
    """Stored figures of Zwolle with three providers behind 1, 7 and 9 children, and the budget
    lines ambulant (16 children) and crisis (2)."""
    from jeugdregie.begroting.models import Prognosestand
    from jeugdregie.begroting.services.gegevens import Kinderen
    from jeugdregie.begroting.services.standen import Jaartotalen, bereken_stand, naar_json
    from jeugdregie.common.tijd import nu

    gegevens = _gegevens(
        [
            _r(date(jaar, 1, 1), date(jaar, 1, 20), bedrag, aanbieder_id=a)
            for a, bedrag in ((1, "100"), (2, "700"), (3, "900"))
        ],
        [],
    )
    stand = bereken_stand(gegevens, jaar=jaar, op=date(jaar, 1, 31))
    rijen = tuple((a, f"Aanbieder {a}", Jaartotalen(D(0), D(b), D(0), D(b))) for a, b in ((3, 900), (2, 700), (1, 100)))
    kinderen = Kinderen(totaal=17, per_post={"ambulant": 16, "crisis": 2}, per_aanbieder={1: 1, 2: 7, 3: 9})
    stand = type(stand)(stand.op, stand.berekend_op, stand.prognose, stand.per_post, stand.backtest, rijen, kinderen)
    Prognosestand.objects.create(
        regio=route["zwolle"].regio, gemeente=route["zwolle"], jaar=jaar, berekend_op=nu(), inhoud=naar_json(stand)
    )


def test_kleine_aantallen_per_aanbieder_en_post_verborgen_voor_regiorollen(client, route):
    """Issue 14 §7 (R-P3): for the board, the provider behind 1 child shows "<5" and the smallest
    other provider "—" (else total minus the others gives it back); the crisis line (2 children)
    "<5" and ambulant "—". Finance of Zwolle sees the exact figures."""
    from jeugdregie.begroting.services.overzicht import overzicht

    jaar = vandaag().year
    _stand_met_kinderen(route, jaar)
    regio = overzicht(gemeenten=[route["zwolle"]], naam="Zwolle", jaar=jaar, onderdrukken=True)
    assert [(r.naam, r.verborgen) for r in regio.per_aanbieder] == [
        ("Aanbieder 3", None),
        ("Aanbieder 2", "—"),
        ("Aanbieder 1", "<5"),
    ]
    assert {r.naam: r.verborgen for r in regio.per_post}["Crisis"] == "<5"
    assert {r.naam: r.verborgen for r in regio.per_post}["Ambulant"] == "—"
    assert regio.toelichting.startswith("Cellen met minder dan 5 jeugdigen")
    exact = overzicht(gemeenten=[route["zwolle"]], naam="Zwolle", jaar=jaar)
    assert all(r.verborgen is None for r in (*exact.per_aanbieder, *exact.per_post)) and exact.toelichting == ""

    client.force_login(route["gebruikers"]["bestuurder"])
    inhoud = client.get(URL, {"gemeente": route["zwolle"].pk}).content.decode()
    assert "€ 100,00" not in inhoud and "€ 700,00" not in inhoud and "€ 900,00" in inhoud
    assert "&lt;5" in inhoud and 'id="onthulling"' in inhoud
    client.force_login(route["gebruikers"]["financieel"])
    inhoud = client.get(URL).content.decode()
    assert "€ 100,00" in inhoud and 'id="onthulling"' not in inhoud


def test_gebied_met_minder_dan_vijf_kinderen_toont_en_exporteert_geen_cijfers(client, route):
    """Issue 14 §7 (R-P3): a region view behind fewer than 5 children shows no figures to the
    board, and its export is refused with a Dutch message."""
    gestart(route)  # one child
    client.force_login(route["gebruikers"]["bestuurder"])
    inhoud = client.get(URL).content.decode()
    assert 'id="te-klein"' in inhoud and "<svg" not in inhoud and 'id="per-aanbieder"' not in inhoud
    antwoord = client.get(URL, {"export": "csv"}, follow=True)
    assert antwoord.redirect_chain and "Deze cijfers worden niet geëxporteerd" in antwoord.content.decode()
