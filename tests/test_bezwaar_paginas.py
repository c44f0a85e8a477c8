"""The bezwaar pages (issue 20 §3, R-D2): the toegang registers an objection against a sent
letter, follows its steps and decides; every other party is refused; reads are audit-logged;
bad input shows a Dutch message and saves nothing."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.bezwaar import services
from jeugdregie.bezwaar.constants import BezwaarStatus, Uitkomst
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.bezwaar.werkvoorraad import stap, werkvoorraden
from jeugdregie.portaal.werkvoorraden import werkvoorraden as alle_werkvoorraden

from .builders.bezwaar import ingetrokken_beschikking
from .klok import op_de_dag


def _registreer(route, beschikking, op=date(2026, 3, 20)):
    with op_de_dag(op):
        return services.registreer_bezwaar(
            beschikking=beschikking, indiener="Moeder", gronden="Oneens.", door=route["gebruikers"]["toegang"]
        )


def test_toegang_registreert_bezwaar_via_het_formulier(client, route):
    """R-D2: the form takes who and why (and a postmark); the server sets the receipt date."""
    beschikking = ingetrokken_beschikking(route)
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 3, 20)):
        antwoord = client.post(
            f"/bezwaar/beschikking/{beschikking.pk}/",
            {"indiener": "M. Zwolsma (moeder)", "gronden": "De hulp is nog nodig.", "ontvangen_op": "2026-01-01"},
        )
    bezwaar = Bezwaar.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/bezwaar/{bezwaar.pk}/"
    assert (bezwaar.ontvangen_op, bezwaar.tijdig, bezwaar.einde_beslistermijn) == (
        date(2026, 3, 20),
        True,
        date(2026, 5, 26),
    )
    with op_de_dag(date(2026, 3, 20)):
        pagina = client.get(antwoord["Location"]).content.decode()
    assert "26-05-2026" in pagina and "13-04-2026" in pagina and "Indiener horen" in pagina


def test_te_laat_bezwaar_via_het_formulier_krijgt_de_awb_gevolgen_te_zien(client, route):
    """R-D2, Awb 6:11: registered as late, and the page says it will be niet-ontvankelijk unless
    excusable."""
    beschikking = ingetrokken_beschikking(route)
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 4, 20)):
        antwoord = client.post(
            f"/bezwaar/beschikking/{beschikking.pk}/", {"indiener": "Vader", "gronden": "Oneens."}, follow=True
        )
    inhoud = antwoord.content.decode()
    assert Bezwaar.objects.get().tijdig is False
    assert "te laat" in inhoud and "niet-ontvankelijk" in inhoud and "13-04-2026" in inhoud


def test_te_laat_bezwaar_gegrond_verklaren_geeft_melding_en_slaat_niets_op(client, route):
    """R-D2, Awb 6:11, issue 20 bad input: a late objection that is not declared excusable cannot be
    declared gegrond. The page answers in Dutch with the end of the term, and nothing is saved: no
    decision on the objection, no new referral, no event or audit row of a decision. Only
    niet-ontvankelijk is open to it."""
    from jeugdregie.bezwaar.constants import Bezwaargebeurtenissoort
    from jeugdregie.verwijzingen.models import Verwijzing

    beschikking = ingetrokken_beschikking(route)
    bezwaar = _registreer(route, beschikking, op=date(2026, 4, 20))
    assert bezwaar.tijdig is False
    verwijzingen = Verwijzing.objects.count()
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 4, 22)):
        antwoord = client.post(
            f"/bezwaar/{bezwaar.pk}/beslissen/",
            {"uitkomst": "gegrond", "motivering": "De hulp is nog nodig.", "resultaten": "Zara gaat naar school."},
        )
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Dit bezwaar kwam te laat (de termijn liep tot en met 13-04-2026)" in inhoud
    assert "niet-ontvankelijk" in inhoud
    bezwaar.refresh_from_db()
    assert (bezwaar.status, bezwaar.uitkomst, bezwaar.besloten_op) == (BezwaarStatus.IN_BEHANDELING, "", None)
    assert bezwaar.nieuwe_verwijzing is None and Verwijzing.objects.count() == verwijzingen
    assert not bezwaar.gebeurtenissen.filter(
        soort__in=[Bezwaargebeurtenissoort.BESLOTEN, Bezwaargebeurtenissoort.NIEUW_BESLUIT]
    ).exists()
    assert not AuditRegel.objects.filter(details__startswith="beslissing op bezwaar").exists()

    with op_de_dag(date(2026, 4, 22)):
        client.post(
            f"/bezwaar/{bezwaar.pk}/beslissen/",
            {"uitkomst": "niet_ontvankelijk", "motivering": "Te laat en niet verschoonbaar."},
        )
    bezwaar.refresh_from_db()
    assert (bezwaar.status, bezwaar.uitkomst) == (BezwaarStatus.BESLOTEN, Uitkomst.NIET_ONTVANKELIJK)
    assert Verwijzing.objects.count() == verwijzingen


def test_formulier_zonder_gronden_slaat_niets_op(client, route):
    """R-D2: bad input: a Dutch message, nothing saved."""
    beschikking = ingetrokken_beschikking(route)
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.post(f"/bezwaar/beschikking/{beschikking.pk}/", {"indiener": "Vader", "gronden": ""})
    assert antwoord.status_code == 200 and "Dit veld is vereist" in antwoord.content.decode()
    assert not Bezwaar.objects.exists()


def test_gegrond_via_de_pagina_maakt_de_nieuwe_verwijzing(client, route):
    """R-D2: deciding gegrond on the page re-makes the withdrawn allocation as a referral with the
    proposed results."""
    bezwaar = _registreer(route, ingetrokken_beschikking(route))
    client.force_login(route["gebruikers"]["toegang"])
    formulier = client.get(f"/bezwaar/{bezwaar.pk}/beslissen/").content.decode()
    assert "Zara gaat weer vijf dagen per week naar school." in formulier  # the proposal
    with op_de_dag(date(2026, 4, 1)):
        antwoord = client.post(
            f"/bezwaar/{bezwaar.pk}/beslissen/",
            {"uitkomst": "gegrond", "motivering": "Onterecht ingetrokken.", "resultaten": "Zara gaat naar school."},
        )
    assert antwoord.status_code == 302
    bezwaar.refresh_from_db()
    assert (bezwaar.status, bezwaar.uitkomst) == (BezwaarStatus.BESLOTEN, Uitkomst.GEGROND)
    assert [r.omschrijving for r in bezwaar.nieuwe_verwijzing.resultaten.all()] == ["Zara gaat naar school."]


def test_weigering_door_de_dienst_staat_op_het_formulier(client, route):
    """R-D2: a rule broken in the service (no hearing before ongegrond) shows its Dutch message and
    changes nothing."""
    bezwaar = _registreer(route, ingetrokken_beschikking(route))
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.post(f"/bezwaar/{bezwaar.pk}/beslissen/", {"uitkomst": "ongegrond", "motivering": "Nee."})
    assert antwoord.status_code == 200 and "Hoor de indiener eerst" in antwoord.content.decode()
    bezwaar.refresh_from_db()
    assert bezwaar.status == BezwaarStatus.IN_BEHANDELING


def test_lezen_wordt_gelogd(client, route):
    """R-P2: opening an objection writes an audit row naming it and the child."""
    bezwaar = _registreer(route, ingetrokken_beschikking(route))
    client.force_login(route["gebruikers"]["toegang"])
    client.get(f"/bezwaar/{bezwaar.pk}/")
    regel = AuditRegel.objects.filter(actie="lezen", objecttype="bezwaar.Bezwaar", object_id=str(bezwaar.pk)).get()
    assert regel.gebruiker_id == route["gebruikers"]["toegang"].pk


@pytest.mark.parametrize(
    ("rol", "status"),
    [("toegang_andere_gemeente", 404), ("aanbieder", 403), ("andere_aanbieder", 403), ("huisarts", 403), ("gi", 403)],
)
def test_andere_partijen_zien_het_bezwaar_niet(client, route, rol, status):
    """R-D2, R-P1: another municipality (out of scope: 404), a provider, a GP, a GI (403)."""
    beschikking = ingetrokken_beschikking(route)
    bezwaar = _registreer(route, beschikking)
    client.force_login(route["gebruikers"][rol])
    for url in (f"/bezwaar/{bezwaar.pk}/", f"/bezwaar/{bezwaar.pk}/horen/", f"/bezwaar/beschikking/{beschikking.pk}/"):
        antwoord = client.get(url)
        assert antwoord.status_code == status, url
        assert bezwaar.gronden not in antwoord.content.decode()
    antwoord = client.post(f"/bezwaar/{bezwaar.pk}/horen/", {})
    assert antwoord.status_code == status
    bezwaar.refresh_from_db()
    assert bezwaar.gehoord_op is None
    if status == 404:
        assert route["jeugdige_zwolle"].achternaam not in client.get("/bezwaar/").content.decode()


def test_anoniem_naar_inloggen(client, route):
    assert client.get("/bezwaar/")["Location"].startswith("/inloggen/")


def test_onbekende_stap_is_404(client, route):
    bezwaar = _registreer(route, ingetrokken_beschikking(route))
    client.force_login(route["gebruikers"]["toegang"])
    assert client.get(f"/bezwaar/{bezwaar.pk}/verwijderen/").status_code == 404


def test_werkvoorraad_noemt_de_volgende_stap_met_de_awb_datum(route):
    """R-D2: hear first; then decide by the decision term; two weeks before its end: decide or
    extend; after it: overdue, first on the list."""
    toegang = route["gebruikers"]["toegang"]
    bezwaar = _registreer(route, ingetrokken_beschikking(route))
    assert stap(bezwaar, op=date(2026, 3, 21)).soort == "horen"
    services.registreer_hoorzitting(bezwaar=bezwaar, door=toegang)
    bezwaar.refresh_from_db()
    assert stap(bezwaar, op=date(2026, 4, 1)).soort == "beslissen"
    assert stap(bezwaar, op=date(2026, 5, 12)).soort == "verdagen"
    te_laat = stap(bezwaar, op=date(2026, 5, 27))
    assert (te_laat.soort, te_laat.uiterlijk, te_laat.verstreken) == ("verstreken", date(2026, 5, 26), True)
    lijsten = werkvoorraden(toegang, op=date(2026, 5, 27))
    items = lijsten[0].werkitems(toegang)
    assert [(i.pk, i.uiterlijk, i.verstreken) for i in items] == [(bezwaar.pk, date(2026, 5, 26), True)]
    assert any(w.slug == "bezwaren" for w in alle_werkvoorraden(toegang, op=date(2026, 5, 27)))
    assert werkvoorraden(route["gebruikers"]["toegang_andere_gemeente"], op=date(2026, 5, 27))[0].aantal == 0
    assert werkvoorraden(route["gebruikers"]["aanbieder"], op=date(2026, 5, 27)) == []


def test_dossier_toont_bezwaar_alleen_aan_de_toegang(client, route):
    """R-D2, R-P1: the dossier's bezwaar section with the letter and a registration link for the
    toegang; nothing of it for the provider."""
    beschikking = ingetrokken_beschikking(route)
    bezwaar = _registreer(route, beschikking)
    url = f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/"
    client.force_login(route["gebruikers"]["toegang"])
    inhoud = client.get(url).content.decode()
    assert bezwaar.nummer in inhoud and f"/bezwaar/beschikking/{beschikking.pk}/" in inhoud
    client.force_login(route["gebruikers"]["aanbieder"])
    inhoud = client.get(url).content.decode()
    assert bezwaar.nummer not in inhoud and "dossier-bezwaren" not in inhoud


def test_een_stap_openen_is_een_leesregel(client, route):
    """R-P2: a step page reads the objection once: one audit row, not one per internal lookup."""
    bezwaar = _registreer(route, ingetrokken_beschikking(route))
    client.force_login(route["gebruikers"]["toegang"])
    voor = AuditRegel.objects.filter(actie="lezen", objecttype="bezwaar.Bezwaar").count()
    assert client.get(f"/bezwaar/{bezwaar.pk}/afzien/").status_code == 200
    assert AuditRegel.objects.filter(actie="lezen", objecttype="bezwaar.Bezwaar").count() == voor + 1
