"""Bezwaar and beroep against a beschikking (issue 20 §3, R-D2): registration with the Awb
deadlines, late objections (Awb 6:11), hearing, advice, one extension (Awb 7:10), the outcome and,
when gegrond, a new decision through the route's normal service."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.bezwaar import services
from jeugdregie.bezwaar.constants import Bezwaargebeurtenissoort, BezwaarStatus, Foutcode, Uitkomst
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis, Verwijzing

from .builders.bezwaar import ingetrokken_beschikking, toewijzing_beschikking
from .builders.route import screen
from .klok import op_de_dag

OP_TIJD = date(2026, 3, 20)
TE_LAAT = date(2026, 4, 20)  # the term of a letter sent 2 March 2026 ended 13 April


def registreer(route, beschikking, *, op=OP_TIJD, door="toegang", **extra):
    with op_de_dag(op):
        return services.registreer_bezwaar(
            beschikking=beschikking,
            indiener=extra.pop("indiener", "M. Zwolsma (moeder)"),
            gronden=extra.pop("gronden", "Zara heeft de hulp nog steeds nodig."),
            door=route["gebruikers"][door],
            **extra,
        )


def test_tijdig_bezwaar_krijgt_zijn_awb_termijnen(route):
    """R-D2, Awb 6:7/6:8/7:10: received 20 March against a letter sent 2 March: on time, the
    objection term ended 13 April, the decision term (6 weeks after it) ends Tuesday 26 May
    (Whit Monday moves it); an event row and an audit row."""
    bezwaar = registreer(route, ingetrokken_beschikking(route))
    assert (bezwaar.ontvangen_op, bezwaar.tijdig) == (OP_TIJD, True)
    assert bezwaar.einde_bezwaartermijn == date(2026, 4, 13)
    assert bezwaar.einde_beslistermijn == date(2026, 5, 26)
    assert bezwaar.nummer == f"BZ-2026-{bezwaar.pk:05d}"
    assert list(bezwaar.gebeurtenissen.values_list("soort", flat=True)) == [Bezwaargebeurtenissoort.ONTVANGEN]
    assert AuditRegel.objects.filter(objecttype="bezwaar.Bezwaar", object_id=str(bezwaar.pk), actie="aanmaken").exists()


def test_met_adviescommissie_twaalf_weken(route):
    """R-D2, Awb 7:10 lid 1 and 7:13: 12 weeks; no decision on the merits before the advice."""
    bezwaar = registreer(route, ingetrokken_beschikking(route), adviescommissie=True)
    assert bezwaar.einde_beslistermijn == date(2026, 7, 6)
    toegang = route["gebruikers"]["toegang"]
    services.registreer_hoorzitting(bezwaar=bezwaar, door=toegang)
    with pytest.raises(DomainError) as fout:
        services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Klopt.", door=toegang)
    assert fout.value.code == Foutcode.ADVIES
    bezwaar.refresh_from_db()
    assert (bezwaar.status, bezwaar.uitkomst) == (BezwaarStatus.IN_BEHANDELING, "")
    services.registreer_advies(bezwaar=bezwaar, advies="Ongegrond verklaren.", door=toegang)
    services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Zoals geadviseerd.", door=toegang)
    bezwaar.refresh_from_db()
    assert (bezwaar.status, bezwaar.uitkomst) == (BezwaarStatus.BESLOTEN, Uitkomst.ONGEGROND)


def test_te_laat_bezwaar_wordt_geregistreerd_en_is_niet_ontvankelijk_tenzij_verschoonbaar(route):
    """R-D2, Awb 6:11: a late objection is registered, marked late; only niet-ontvankelijk can
    follow, nothing changes on another outcome; once excusable it is handled on its merits."""
    toegang = route["gebruikers"]["toegang"]
    bezwaar = registreer(route, ingetrokken_beschikking(route), op=TE_LAAT)
    assert bezwaar.tijdig is False and bezwaar.pk is not None
    assert bezwaar.einde_beslistermijn == date(2026, 6, 1)  # from the day after receipt
    services.registreer_hoorzitting(bezwaar=bezwaar, door=toegang)
    with pytest.raises(DomainError) as fout:
        services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Nee.", door=toegang)
    assert fout.value.code == Foutcode.TE_LAAT and "13-04-2026" in fout.value.message
    bezwaar.refresh_from_db()
    assert bezwaar.status == BezwaarStatus.IN_BEHANDELING and not bezwaar.uitkomst
    services.verklaar_verschoonbaar(bezwaar=bezwaar, motivering="Brief kwam niet aan (verhuizing).", door=toegang)
    services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Besluit klopt.", door=toegang)
    bezwaar.refresh_from_db()
    assert bezwaar.uitkomst == Uitkomst.ONGEGROND


def test_te_laat_niet_ontvankelijk_verklaard(route):
    """R-D2, Awb 6:11: the Awb consequence of a late, inexcusable objection."""
    toegang = route["gebruikers"]["toegang"]
    bezwaar = registreer(route, ingetrokken_beschikking(route), op=TE_LAAT)
    with op_de_dag(date(2026, 4, 22)):
        services.beslis_op_bezwaar(
            bezwaar=bezwaar, uitkomst="niet_ontvankelijk", motivering="Te laat, niet verschoonbaar.", door=toegang
        )
    bezwaar.refresh_from_db()
    assert (bezwaar.uitkomst, bezwaar.besloten_op) == (Uitkomst.NIET_ONTVANKELIJK, date(2026, 4, 22))
    assert not Verwijzing.objects.filter(jeugdige=bezwaar.jeugdige).exclude(pk__in=[]).filter(datum=date(2026, 4, 22))


def test_per_post_binnen_de_termijn_verzonden_is_tijdig(route):
    """R-D2, Awb 6:9 lid 2: posted on the last day, received four days later."""
    bezwaar = registreer(route, ingetrokken_beschikking(route), op=date(2026, 4, 17), ter_post_op=date(2026, 4, 13))
    assert bezwaar.tijdig is True


def test_poststempel_na_vandaag_geweigerd(route):
    """R-D2, Awb 6:9: a postmark after today is impossible; nothing is saved."""
    beschikking = ingetrokken_beschikking(route)
    with pytest.raises(DomainError) as fout:
        registreer(route, beschikking, ter_post_op=date(2026, 3, 25))
    assert fout.value.code == Foutcode.POSTDATUM
    assert not Bezwaar.objects.exists()


def test_niet_verzonden_beschikking_geweigerd(route):
    """R-D2, Awb 6:8: the term starts the day after sending: no sending, no term."""
    with pytest.raises(DomainError) as fout:
        registreer(route, ingetrokken_beschikking(route, verzonden_op=None))
    assert fout.value.code == Foutcode.NIET_VERZONDEN
    assert not Bezwaar.objects.exists()


def test_zonder_gronden_geweigerd(route):
    """R-D2, Awb 6:5: an objection states its grounds."""
    with pytest.raises(DomainError) as fout:
        registreer(route, ingetrokken_beschikking(route), gronden="  ")
    assert (fout.value.code, fout.value.field) == (Foutcode.GRONDEN, "gronden")
    assert not Bezwaar.objects.exists()


def test_eenmaal_verdagen_binnen_de_termijn(route):
    """R-D2, Awb 7:10 lid 2: once, six weeks, only while the term runs."""
    toegang = route["gebruikers"]["toegang"]
    bezwaar = registreer(route, ingetrokken_beschikking(route))
    with op_de_dag(date(2026, 5, 20)):
        services.verdaag(bezwaar=bezwaar, motivering="Advies van de jeugdarts nodig.", door=toegang)
    bezwaar.refresh_from_db()
    assert (bezwaar.verdaagd_op, bezwaar.einde_beslistermijn) == (date(2026, 5, 20), date(2026, 7, 6))
    with pytest.raises(DomainError) as fout, op_de_dag(date(2026, 5, 21)):
        services.verdaag(bezwaar=bezwaar, motivering="Nog meer tijd.", door=toegang)
    assert fout.value.code == Foutcode.VERDAGING
    bezwaar.refresh_from_db()
    assert bezwaar.einde_beslistermijn == date(2026, 7, 6)


def test_verdagen_na_afloop_van_de_termijn_geweigerd(route):
    """R-D2, Awb 7:10 lid 2: after 26 May there is nothing left to extend."""
    bezwaar = registreer(route, ingetrokken_beschikking(route))
    with pytest.raises(DomainError) as fout, op_de_dag(date(2026, 5, 27)):
        services.verdaag(bezwaar=bezwaar, motivering="Te druk.", door=route["gebruikers"]["toegang"])
    assert fout.value.code == Foutcode.VERDAGING and "26-05-2026" in fout.value.message
    bezwaar.refresh_from_db()
    assert bezwaar.verdaagd_op is None and bezwaar.einde_beslistermijn == date(2026, 5, 26)


def test_ongegrond_zonder_horen_geweigerd(route):
    """R-D2, Awb 7:2: the objector is heard before the objection is rejected (or the reason why
    not, Awb 7:3, is recorded)."""
    toegang = route["gebruikers"]["toegang"]
    bezwaar = registreer(route, ingetrokken_beschikking(route))
    with pytest.raises(DomainError) as fout:
        services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Nee.", door=toegang)
    assert fout.value.code == Foutcode.HOREN
    services.zie_af_van_horen(bezwaar=bezwaar, reden="Indiener ziet af van horen.", door=toegang)
    services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Nee.", door=toegang)


def test_gegrond_tegen_intrekking_maakt_een_nieuwe_verwijzing_en_toewijzing(route):
    """R-D2: gegrond against a withdrawn allocation re-allocates through the route's normal
    service: the toegang's referral with the same results and budget for the same provider, which
    the provider screens; the allocation that follows is a new decision with its own event row (and
    so its own beschikking through the beschikkingen subscriber)."""
    toegang = route["gebruikers"]["toegang"]
    beschikking = ingetrokken_beschikking(route)
    oud = Toewijzing.objects.get(pk=beschikking.gebeurtenis.object_id)
    bezwaar = registreer(route, beschikking)
    with op_de_dag(date(2026, 4, 1)):
        services.beslis_op_bezwaar(
            bezwaar=bezwaar, uitkomst="gegrond", motivering="De intrekking was onterecht.", door=toegang
        )
    bezwaar.refresh_from_db()
    nieuw = bezwaar.nieuwe_verwijzing
    assert nieuw is not None and nieuw.pk != oud.verwijzing_id
    assert (nieuw.jeugdige_id, nieuw.aanbieder_id, nieuw.datum) == (oud.jeugdige_id, oud.aanbieder_id, date(2026, 4, 1))
    assert [r.omschrijving for r in nieuw.resultaten.all()] == [r.omschrijving for r in oud.verwijzing.resultaten.all()]
    assert (nieuw.keuzebudget.soort, nieuw.keuzebudget.niveau) == (
        oud.verwijzing.keuzebudget.soort,
        oud.verwijzing.keuzebudget.niveau,
    )
    assert not bezwaar.wacht_op_nieuw_besluit
    screen(route, nieuw, op=date(2026, 4, 2))
    toewijzing = Toewijzing.objects.get(verwijzing=nieuw)
    assert Gebeurtenis.objects.filter(
        objecttype="toewijzing", object_id=toewijzing.pk, gebeurtenis=Gebeurtenissoort.TOEWIJZING_AANGEMAAKT
    ).exists()


def test_gegrond_maar_route_weigert_dan_verandert_er_niets(route):
    """R-D2: a new decision the route refuses (here: no result) undoes the decision on the
    objection: still in behandeling, no referral."""
    from jeugdregie.bezwaar import herstel

    toegang = route["gebruikers"]["toegang"]
    beschikking = ingetrokken_beschikking(route)
    bezwaar = registreer(route, beschikking)
    voor = Verwijzing.objects.count()
    voorstel = herstel.met_wijzigingen(herstel.voorstel(beschikking), resultaten=[" "])
    with pytest.raises(DomainError) as fout, op_de_dag(date(2026, 4, 1)):
        services.beslis_op_bezwaar(
            bezwaar=bezwaar, uitkomst="gegrond", motivering="Terecht.", door=toegang, herverwijzing=voorstel
        )
    assert fout.value.field == "resultaten"
    bezwaar.refresh_from_db()
    assert (bezwaar.status, bezwaar.uitkomst, bezwaar.nieuwe_verwijzing_id) == (BezwaarStatus.IN_BEHANDELING, "", None)
    assert Verwijzing.objects.count() == voor


def test_gegrond_tegen_een_toewijzing_wacht_op_het_nieuwe_besluit(route):
    """R-D2: a gegrond objection against an allocation (e.g. too little budget) is re-made on the
    route's own page; until its new beschikking is linked the bezwaar waits for it."""
    from .builders.bezwaar import beschikking_voor, gebeurtenis_van, toegewezen

    toegang = route["gebruikers"]["toegang"]
    bezwaar = registreer(route, toewijzing_beschikking(route))
    with op_de_dag(date(2026, 4, 1)):
        services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="gegrond", motivering="Budget te laag.", door=toegang)
    bezwaar.refresh_from_db()
    assert bezwaar.wacht_op_nieuw_besluit
    andere = toegewezen(route, aanbieder="andere_aanbieder")
    nieuw = beschikking_voor(
        gebeurtenis_van(andere, Gebeurtenissoort.TOEWIJZING_AANGEMAAKT),
        jeugdige=andere.jeugdige,
        gemeente=andere.gemeente,
        verzonden_op=date(2026, 4, 3),
    )
    with pytest.raises(DomainError) as fout:
        services.koppel_nieuw_besluit(bezwaar=bezwaar, beschikking=bezwaar.beschikking, door=toegang)
    assert fout.value.code == Foutcode.HERSTEL
    services.koppel_nieuw_besluit(bezwaar=bezwaar, beschikking=nieuw, door=toegang)
    bezwaar.refresh_from_db()
    assert bezwaar.nieuwe_beschikking == nieuw and not bezwaar.wacht_op_nieuw_besluit


@pytest.mark.parametrize("wie", ["toegang_andere_gemeente", "aanbieder", "huisarts", "financieel", "beheerder"])
def test_alleen_de_toegang_van_de_gemeente_registreert(route, wie):
    """R-D2, R-P1: other municipality, provider, GP, finance, beheerder: refused, nothing saved."""
    with pytest.raises(DomainError) as fout:
        registreer(route, ingetrokken_beschikking(route), door=wie)
    assert fout.value.code == Foutcode.ROL
    assert not Bezwaar.objects.exists()


def test_alleen_de_eigen_gemeente_leest_bezwaren(route):
    """R-P1, R-D2: ``voor_gebruiker``."""
    bezwaar = registreer(route, ingetrokken_beschikking(route))
    g = route["gebruikers"]
    assert list(Bezwaar.objects.voor_gebruiker(g["toegang"])) == [bezwaar]
    for wie in ("toegang_andere_gemeente", "aanbieder", "huisarts", "gi", "financieel", "beheerder"):
        assert not Bezwaar.objects.voor_gebruiker(g[wie]).exists(), wie


def test_beroep_binnen_zes_weken_na_de_beslissing(route):
    """R-D2, Awb 6:7: decided 1 April, the appeal term ends 13 May; a later appeal is registered
    as late."""
    toegang = route["gebruikers"]["toegang"]
    bezwaar = registreer(route, ingetrokken_beschikking(route))
    services.zie_af_van_horen(bezwaar=bezwaar, reden="Afgezien.", door=toegang)
    with op_de_dag(date(2026, 4, 1)):
        services.beslis_op_bezwaar(bezwaar=bezwaar, uitkomst="ongegrond", motivering="Klopt.", door=toegang)
    bezwaar.refresh_from_db()
    assert bezwaar.einde_beroepstermijn == date(2026, 5, 13)
    with op_de_dag(date(2026, 5, 14)):
        beroep = services.registreer_beroep(bezwaar=bezwaar, rechtbank="Rechtbank Overijssel", door=toegang)
    assert beroep.tijdig is False
    with op_de_dag(date(2026, 9, 1)):
        beroep = services.registreer_uitspraak(beroep=beroep, uitkomst="ongegrond", toelichting="", door=toegang)
    assert (beroep.uitkomst, beroep.uitspraak_op) == (Uitkomst.ONGEGROND, date(2026, 9, 1))
