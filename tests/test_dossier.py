"""Issue 19 §2: the child's dossier. One page per child with the timeline of the route, the budget
and forecast of each running allocation and the actions that fit role and state; every row
scoped by its app's policies (R-P1, R-P4), its opening audit-logged (R-P2)."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.opmaak import euro, procent
from jeugdregie.dossiers.services import GeenToegangTotDossier, stel_dossier_samen
from jeugdregie.toewijzingen.prognose import prognose

from .builders.route import verwijs
from .klok import op_de_dag

OP = date(2026, 6, 1)


def _url(jeugdige) -> str:
    return f"/jeugdigen/{jeugdige.pk}/dossier/"


@pytest.fixture
def twee_aanbieders(declaraties, route):
    """The Zwolle child with care started at the first provider (and its declarations: April
    approved, May partly) and a referral by the toegang to the other provider, still to screen."""
    with op_de_dag(date(2026, 3, 2)):
        andere = verwijs(route, aanbieder="andere_aanbieder")
    return {"toewijzing": declaraties["toewijzing"], "andere_verwijzing": andere, **declaraties}


def _dossier(route, rol, jeugdige="jeugdige_zwolle"):
    with op_de_dag(OP):
        return stel_dossier_samen(gebruiker=route["gebruikers"][rol], jeugdige=route[jeugdige], op=OP)


def _verwijzing_ids(dossier) -> set[int]:
    return {int(r.tekst.split(",")[0].split()[-1]) for r in dossier.tijdlijn if r.soort == "Verwijzing"}


def test_toegang_ziet_alle_verwijzingen_van_de_gemeente(route, twee_aanbieders):
    """R-P1: the toegang of the child's municipality reads every referral, allocation, start and
    declaration of the child, newest first."""
    eigen = twee_aanbieders["toewijzing"]
    dossier = _dossier(route, "toegang")

    assert _verwijzing_ids(dossier) == {eigen.verwijzing_id, twee_aanbieders["andere_verwijzing"].pk}
    soorten = [r.soort for r in dossier.tijdlijn]
    assert {"Verwijzing", "Screening", "Toewijzing", "Start zorg", "Declaratie"} <= set(soorten)
    assert [r.datum for r in dossier.tijdlijn] == sorted((r.datum for r in dossier.tijdlijn), reverse=True)
    start = next(r for r in dossier.tijdlijn if r.soort == "Start zorg")
    assert start.datum == date(2026, 3, 9) and start.url == f"/route/verwijzingen/{eigen.verwijzing_id}/"


def test_aanbieder_ziet_niet_de_verwijzing_van_een_andere_aanbieder(route, twee_aanbieders):
    """R-P4: each provider sees its own referral of the child, never the other's (nor its
    declarations); both may read the child, on the toegang's decision."""
    eigen = twee_aanbieders["toewijzing"]
    andere = twee_aanbieders["andere_verwijzing"]

    voor_a = _dossier(route, "aanbieder")
    voor_b = _dossier(route, "andere_aanbieder")

    assert _verwijzing_ids(voor_a) == {eigen.verwijzing_id}
    assert _verwijzing_ids(voor_b) == {andere.pk}
    assert not [r for r in voor_b.tijdlijn if r.soort in ("Toewijzing", "Start zorg", "Declaratie")]
    assert all(f"/route/verwijzingen/{eigen.verwijzing_id}/" != r.url for r in voor_b.tijdlijn)
    assert voor_b.budgetten == []
    assert [s.toewijzing.pk for s in voor_a.budgetten] == [eigen.pk]


def test_declaraties_alleen_voor_aanbieder_en_gemeente(route, twee_aanbieders):
    """R-P1: declaration lines are the provider's and the municipality's; the GP who referred
    reads the child but not its declarations."""
    assert [r for r in _dossier(route, "aanbieder").tijdlijn if r.soort == "Declaratie"]
    huisarts = _dossier(route, "huisarts")
    assert not [r for r in huisarts.tijdlijn if r.soort == "Declaratie"]


def test_declaratieregel_toont_bedragen_in_nederlandse_opmaak(route, twee_aanbieders):
    goed = twee_aanbieders["goed"]
    regel = next(r for r in _dossier(route, "toegang").tijdlijn if "D-GOED" in r.tekst)
    bedrag = sum(r.bedrag for r in goed.regels.all())
    assert f"{euro(bedrag)} gedeclareerd, {euro(bedrag)} goedgekeurd" in regel.tekst
    assert regel.url == f"/declaraties/{goed.pk}/"


def test_buiten_bereik_geeft_geen_dossier(route, twee_aanbieders):
    """R-P1: another municipality's toegang, or finance, gets no dossier from the service."""
    for rol in ("toegang_andere_gemeente", "financieel", "beleid"):
        with pytest.raises(GeenToegangTotDossier):
            _dossier(route, rol)


def test_lopend_keuzebudget_volgt_de_prognose(client, route, twee_aanbieders):
    """R-A3: the running allocation's budget, spend, use, exhaustion and 8-week point on the page
    are those of ``toewijzingen.prognose``, formatted Dutch."""
    toewijzing = twee_aanbieders["toewijzing"]
    verwacht = prognose(toewijzing, op=OP)
    stand = _dossier(route, "aanbieder").budgetten[0]
    assert stand.prognose == verwacht and verwacht.besteed > 0

    client.force_login(route["gebruikers"]["aanbieder"])
    with op_de_dag(OP):
        inhoud = client.get(_url(route["jeugdige_zwolle"])).content.decode()
    budgetten = inhoud.split('id="dossier-budgetten"')[1].split("</table>")[0]
    for tekst in (
        euro(verwacht.budget),
        euro(verwacht.besteed),
        procent(verwacht.benutting),
        f"{verwacht.uitgeput_op:%d-%m-%Y}",
        f"{verwacht.achtwekenpunt:%d-%m-%Y}",
    ):
        assert tekst in budgetten


@pytest.mark.parametrize(
    ("rol", "status"),
    [("toegang", 200), ("aanbieder", 200), ("huisarts", 200), ("toegang_andere_gemeente", 404), ("gi", 404)],
)
def test_pagina_per_rol(client, wereld, rol, status):
    """R-P1/R-P4: who reads the child reads its dossier; another municipality or an uninvolved
    GI gets 404, as on the child's own page."""
    client.force_login(wereld["gebruikers"][rol])
    antwoord = client.get(_url(wereld["jeugdige_zwolle"]))
    assert antwoord.status_code == status
    assert (wereld["jeugdige_zwolle"].achternaam in antwoord.content.decode()) == (status == 200)


@pytest.mark.parametrize("rol", ["financieel", "contractmanager", "beheerder"])
def test_rollen_zonder_register_worden_geweigerd(client, wereld, rol):
    client.force_login(wereld["gebruikers"][rol])
    assert client.get(_url(wereld["jeugdige_zwolle"])).status_code == 403


def test_anoniem_naar_inloggen(client, wereld):
    antwoord = client.get(_url(wereld["jeugdige_zwolle"]))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_openen_wordt_gelogd(client, wereld):
    """R-P2: opening the dossier is a read of the child in the audit log; a refused one too."""
    jeugdige = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"]["toegang"])
    client.get(_url(jeugdige))
    regel = AuditRegel.objects.get(actie="lezen", objecttype="jeugdigen.Jeugdige", uitkomst="gelukt")
    assert (regel.object_id, regel.client_id, regel.gebruiker_id) == (
        str(jeugdige.pk),
        jeugdige.pk,
        wereld["gebruikers"]["toegang"].pk,
    )
    assert regel.doel.startswith("toegang tot jeugdhulp: dossier van de jeugdige (")

    client.force_login(wereld["gebruikers"]["toegang_andere_gemeente"])
    client.get(_url(jeugdige))
    geweigerd = AuditRegel.objects.get(actie="lezen", uitkomst="geweigerd")
    assert geweigerd.gebruiker_id == wereld["gebruikers"]["toegang_andere_gemeente"].pk


def test_acties_passen_bij_rol_en_stand(client, route, twee_aanbieders):
    """The toegang refers again for this child (prefilled) and may withdraw nothing started; the
    provider whose care runs stops it or asks to adjust; the other provider screens its referral."""
    toewijzing = twee_aanbieders["toewijzing"]
    andere = twee_aanbieders["andere_verwijzing"]
    jeugdige = route["jeugdige_zwolle"]

    toegang = {a.label: a.url for a in _dossier(route, "toegang").acties}
    aanbieder = {a.label: a.url for a in _dossier(route, "aanbieder").acties}
    andere_aanbieder = {a.label: a.url for a in _dossier(route, "andere_aanbieder").acties}

    assert toegang["Nieuwe verwijzing voor deze jeugdige"] == f"/route/verwijzingen/nieuw/?jeugdige={jeugdige.pk}"
    assert not any("intrekken" in label or "stoppen" in label for label in toegang)
    assert aanbieder[f"Zorg stoppen op toewijzing {toewijzing.pk}"] == f"/route/toewijzingen/{toewijzing.pk}/stop/"
    assert f"Verwijzing {andere.pk} screenen" not in aanbieder
    assert andere_aanbieder[f"Verwijzing {andere.pk} screenen"] == f"/route/verwijzingen/{andere.pk}/screening/"
    assert not any("stoppen" in label for label in andere_aanbieder)

    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(OP):
        inhoud = client.get(_url(jeugdige)).content.decode()
    assert f'href="/route/verwijzingen/nieuw/?jeugdige={jeugdige.pk}"' in inhoud


def test_huisarts_ziet_geen_verwijsknop_zonder_verwijsformulier(route, twee_aanbieders):
    """The action is shown exactly when the referral form's policy admits the user."""
    from jeugdregie.verwijzingen.views.nieuw import VerwijzingNieuw

    gebruiker = route["gebruikers"]["huisarts"]
    labels = [a.label for a in _dossier(route, "huisarts").acties]
    assert ("Nieuwe verwijzing voor deze jeugdige" in labels) == VerwijzingNieuw.mag_gebruiken(gebruiker)


def test_kindpagina_linkt_naar_dossier(client, wereld):
    jeugdige = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"]["toegang"])
    assert f'href="{_url(jeugdige)}"' in client.get(f"/jeugdigen/{jeugdige.pk}/").content.decode()


# --- the referral form prefilled from the dossier ----------------------------------------------


def test_verwijsformulier_vult_de_jeugdige_in(client, route):
    """The BSN comes from the dossier's link (by id, never in the URL); the read is logged."""
    jeugdige = route["jeugdige_zwolle"]
    client.force_login(route["gebruikers"]["toegang"])
    inhoud = client.get(f"/route/verwijzingen/nieuw/?jeugdige={jeugdige.pk}").content.decode()
    assert f'value="{jeugdige.bsn}"' in inhoud
    assert "Zara Zwolsma" in inhoud.split('id="gekozen-jeugdige"')[1].split("</p>")[0]
    assert AuditRegel.objects.filter(
        actie="lezen", objecttype="jeugdigen.Jeugdige", object_id=str(jeugdige.pk), client_id=jeugdige.pk
    ).exists()


@pytest.mark.parametrize("waarde", ["deventer", "abc", "-1", "999999"])
def test_verwijsformulier_lekt_geen_jeugdige_buiten_bereik(client, route, waarde):
    """R-P4: an id out of the user's scope (or no id) is ignored: no BSN, no name, no audit read,
    the same page as without the parameter."""
    deventer = route["jeugdige_deventer"]
    parameter = str(deventer.pk) if waarde == "deventer" else waarde
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.get(f"/route/verwijzingen/nieuw/?jeugdige={parameter}")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert deventer.bsn not in inhoud and deventer.achternaam not in inhoud
    assert 'id="gekozen-jeugdige"' not in inhoud
    assert not AuditRegel.objects.filter(actie="lezen", objecttype="jeugdigen.Jeugdige").exists()


def test_aanbieder_krijgt_geen_jeugdige_van_een_ander_voorgevuld(client, route):
    """R-P4: a provider's form is prefilled only with a child it may read (not the Deventer one)."""
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    inhoud = client.get(f"/route/verwijzingen/nieuw/?jeugdige={route['jeugdige_zwolle'].pk}").content.decode()
    assert route["jeugdige_zwolle"].bsn not in inhoud and route["jeugdige_zwolle"].achternaam not in inhoud


# --- event log and deliveries -------------------------------------------------------------------


def test_ingetrokken_toewijzing_uit_het_gebeurtenissenlog(route, twee_aanbieders):
    """The event log adds what no domain date shows: the toegang's withdrawal of the other
    provider's allocation, seen by the toegang and that provider, not by the first provider."""
    from jeugdregie.toewijzingen.services import trek_toewijzing_in

    from .builders.route import screen

    andere = twee_aanbieders["andere_verwijzing"]
    screen(route, andere, door="andere_aanbieder", op=date(2026, 3, 4))
    toewijzing = andere.toewijzingen.get()
    acties = {a.label: a.url for a in _dossier(route, "toegang").acties}
    assert acties[f"Toewijzing {toewijzing.pk} intrekken"] == f"/route/toewijzingen/{toewijzing.pk}/intrekken/"

    trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])

    for rol, ziet in (("toegang", True), ("andere_aanbieder", True), ("aanbieder", False)):
        rijen = [r for r in _dossier(route, rol).tijdlijn if r.soort == "Toewijzing ingetrokken"]
        assert [r.tekst for r in rijen] == ([f"toewijzing {toewijzing.pk}"] if ziet else [])
    assert not [a for a in _dossier(route, "toegang").acties if "intrekken" in a.label]


def test_levering_in_de_tijdlijn(route, twee_aanbieders):
    """A month of delivered volume, with volume and amount formatted Dutch, for the provider and
    the toegang; not for the other provider."""
    from decimal import Decimal

    from jeugdregie.catalogus.models import Product
    from jeugdregie.toewijzingen.services.levering import registreer_levering

    toewijzing = twee_aanbieders["toewijzing"]
    levering = registreer_levering(
        toewijzing=toewijzing,
        product=Product.objects.get(code="45A03"),
        maand=date(2026, 3, 1),
        volume=Decimal("12.5"),
        door=route["gebruikers"]["aanbieder"],
    )
    for rol in ("aanbieder", "toegang"):
        regel = next(r for r in _dossier(route, rol).tijdlijn if r.soort == "Levering")
        assert regel.datum == date(2026, 3, 1)
        assert regel.tekst.endswith(f"12,50, {euro(levering.bedrag)}")
    assert not [r for r in _dossier(route, "andere_aanbieder").tijdlijn if r.soort == "Levering"]


def test_crisismelding_voor_de_toegang(crisis):
    """A crisis report on the child (linked by BSN for the toegang) shows in the toegang's dossier
    with a link to the report; the crisisdienst, without a relation to the child, gets no dossier
    (R-P4: its report grants it no sight)."""
    from .builders.crisis import GEMELD, meld

    melding = meld(crisis)
    regels = [r for r in _dossier(crisis, "toegang").tijdlijn if r.soort == "Crisismelding"]
    assert [(r.datum, r.url) for r in regels] == [(GEMELD.date(), f"/route/crisis/meldingen/{melding.pk}/")]
    with pytest.raises(GeenToegangTotDossier):
        _dossier(crisis, "crisisdienst")
