"""R-P8 hardening: no BSN in URLs or logs, no-store on responses, throttled logins and API,
expiring API tokens, and the API schema only for logged-in users."""

import io
import logging
import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from jeugdregie.audit.models import AuditRegel
from jeugdregie.jeugdigen.bsn import bsn_reeks
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.tokens.models import ApiToken
from jeugdregie.tokens.services import maak_token, trek_in

from .factories import GebruikerFactory


@pytest.fixture
def logregels():
    """What the configured console handler (with the BSN filter) writes, for the whole test."""
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    uitvoer = io.StringIO()
    vorige = handler.setStream(uitvoer)
    niveau = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    yield uitvoer
    logging.getLogger().setLevel(niveau)
    handler.setStream(vorige)


def _urls(antwoord) -> list[str]:
    return [antwoord.request["PATH_INFO"] + "?" + antwoord.request.get("QUERY_STRING", "")] + [
        url for url, _ in getattr(antwoord, "redirect_chain", [])
    ]


# --- 1. No BSN in a URL or a log line -------------------------------------------------------------


def test_bsn_komt_nooit_in_een_url_of_logregel(client, wereld, logregels):
    """R-P8: every page and API call that takes a BSN (search, registration) gets it in the body;
    no URL (including redirects and the page's own links and forms) and no log line holds it."""
    toegang = wereld["gebruikers"]["toegang"]
    bekend = wereld["jeugdige_zwolle"]
    nieuw_bsn = next(b for b in bsn_reeks(71_000_000) if not Jeugdige.objects.filter(bsn=b).exists())
    client.force_login(toegang)
    geziene_urls, paginas = [], []

    lijst = client.get("/jeugdigen/")
    zoek = client.post("/jeugdigen/", {"q": bekend.bsn}, follow=True)
    export = client.post("/jeugdigen/", {"q": bekend.bsn, "export": "csv"})
    nieuw = client.post(
        "/jeugdigen/nieuw/",
        {
            "bsn": nieuw_bsn,
            "voornamen": "Nina",
            "achternaam": "Nieuw",
            "geboortedatum": "2015-02-03",
            "geslacht": "2",
            "gemeente": wereld["zwolle"].pk,
        },
        follow=True,
    )
    api_zoek = client.post("/api/v1/jeugdigen/zoeken/", {"q": bekend.bsn}, content_type="application/json")
    for antwoord in (lijst, zoek, export, nieuw, api_zoek):
        geziene_urls += _urls(antwoord)
        paginas.append(antwoord)

    assert zoek.status_code == 200 and bekend.achternaam in zoek.content.decode()
    assert bekend.bsn in export.content.decode("utf-8-sig")  # the export itself may hold it
    assert nieuw.redirect_chain and Jeugdige.objects.filter(bsn=nieuw_bsn).exists()
    assert api_zoek.status_code == 200 and [j["id"] for j in api_zoek.json()["results"]] == [bekend.pk]
    for url in geziene_urls:
        assert bekend.bsn not in url and nieuw_bsn not in url
    for antwoord in (lijst, zoek, nieuw):  # links and form targets the pages offer
        for url in re.findall(r'(?:href|action)="([^"]*)"', antwoord.content.decode()):
            assert bekend.bsn not in url and nieuw_bsn not in url
        assert 'method="get"' not in antwoord.content.decode().split('id="id_q"')[0].rsplit("<form", 1)[-1]
    assert AuditRegel.objects.filter(actie="zoeken", details__contains="criteria: q=…").exists()
    assert bekend.bsn not in logregels.getvalue() and nieuw_bsn not in logregels.getvalue()


def test_verwijzing_met_bsn_zet_het_bsn_niet_in_een_url_of_logregel(client, route, logregels):
    """R-P8: the referral form takes the BSN in the body; the redirect after it, the referral's
    page and the list name the referral by id, and no log line holds the BSN."""
    bsn = route["jeugdige_zwolle"].bsn
    client.force_login(route["gebruikers"]["toegang"])
    formulier = client.get(f"/route/verwijzingen/nieuw/?jeugdige={route['jeugdige_zwolle'].pk}")
    antwoord = client.post(
        "/route/verwijzingen/nieuw/",
        {
            "bsn": bsn,
            "aanbieder": route["aanbieder"].pk,
            "resultaten": "Weer naar school.",
            "soort": "herstel",
            "niveau": "3",
            "datum": timezone.localdate().isoformat(),
        },
        follow=True,
    )
    lijst = client.get("/route/")

    assert antwoord.redirect_chain and antwoord.status_code == 200
    assert bsn in formulier.content.decode()  # prefilled in the form body, by id in the URL
    for url in _urls(formulier) + _urls(antwoord) + _urls(lijst):
        assert bsn not in url
    for pagina in (formulier, antwoord, lijst):
        for url in re.findall(r'(?:href|action)="([^"]*)"', pagina.content.decode()):
            assert bsn not in url
    assert bsn not in logregels.getvalue()


def test_bsn_in_de_adresregel_wordt_niet_gezocht(client, wereld):
    """R-P8: a URL with a BSN as search term is refused (page and API), so no client is taught
    to send one; the name search by link keeps working."""
    bekend = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"]["toegang"])

    pagina = client.get(f"/jeugdigen/?q={bekend.bsn}").content.decode()
    api = client.get(f"/api/v1/jeugdigen/?q={bekend.bsn}")

    assert "een BSN hoort niet in de adresregel" in pagina and bekend.achternaam in pagina  # the unfiltered list
    assert api.status_code == 400
    assert api.json() == {"q": ["Zoek op BSN met POST /api/v1/jeugdigen/zoeken/: een BSN hoort niet in een URL."]}
    assert bekend.achternaam in client.get("/jeugdigen/?q=zwolsma").content.decode()


def test_toegangslog_van_de_server_maskeert_een_bsn(wereld, logregels):
    """R-P8: the development server's access log (logger django.server) passes the BSN filter."""
    bsn = wereld["jeugdige_zwolle"].bsn

    logging.getLogger("django.server").info('"%s %s HTTP/1.1" %s', "GET", f"/jeugdigen/?q={bsn}", 200)

    assert "/jeugdigen/?q=[BSN?]" in logregels.getvalue() and bsn not in logregels.getvalue()


# --- 2. Cache-Control: no-store -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/jeugdigen/",
        "/jeugdigen/{pk}/",
        "/jeugdigen/?export=csv",
        "/jeugdigen/?export=xlsx",
        "/route/",
        "/route/?export=csv",
        "/declaraties/",
        "/api/v1/jeugdigen/",
        "/api/v1/jeugdigen/{pk}/",
        "/api/v1/verwijzingen/",
        "/api/v1/declaraties/",
        "/api/schema/",
    ],
)
def test_antwoorden_met_persoonsgegevens_worden_niet_bewaard(client, wereld, url):
    """R-P8: pages, exports and API answers carry Cache-Control: no-store and Pragma: no-cache."""
    client.force_login(wereld["gebruikers"]["toegang"])

    antwoord = client.get(url.format(pk=wereld["jeugdige_zwolle"].pk))

    assert antwoord.status_code == 200, (url, antwoord.status_code)
    richtlijnen = {d.strip() for d in antwoord["Cache-Control"].split(",")}
    assert {"no-store", "private", "no-cache"} <= richtlijnen
    assert antwoord["Pragma"] == "no-cache"


# --- 3. Throttling ----------------------------------------------------------------------------------


def test_wachtwoord_sproeien_over_30_gebruikersnamen_vanaf_een_adres_wordt_geblokkeerd(client, wereld):
    """R-P8: one wrong password per username never reaches the per-account limit (5), but the
    address is locked after 20 failures over any usernames; a valid login from it is refused too."""
    echte = GebruikerFactory(username="echte.gebruiker")
    echte.set_password("juist-wachtwoord-123")
    echte.save()

    antwoorden = [
        client.post("/inloggen/", {"username": f"medewerker{i}", "password": "Zomer2026!"}, REMOTE_ADDR="203.0.113.9")
        for i in range(30)
    ]
    na_blokkade = client.post(
        "/inloggen/", {"username": "echte.gebruiker", "password": "juist-wachtwoord-123"}, REMOTE_ADDR="203.0.113.9"
    )
    ander_adres = client.post(
        "/inloggen/", {"username": "echte.gebruiker", "password": "juist-wachtwoord-123"}, REMOTE_ADDR="198.51.100.7"
    )

    assert [a.status_code for a in antwoorden[:19]] == [200] * 19
    assert {a.status_code for a in antwoorden[20:]} == {429}
    assert na_blokkade.status_code == 429
    assert ander_adres.status_code == 302  # only the spraying address is locked


def test_api_geeft_429_boven_de_limiet_per_gebruiker_en_per_adres(client, wereld, settings):
    """R-P8: the API refuses a user beyond its rate, and an address beyond its own rate whatever
    account it uses, refused and anonymous calls included."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "5/minute", "anon": "3/minute", "adres": "8/minute"},
    }
    caches["gedeeld"].clear()
    client.force_login(wereld["gebruikers"]["toegang"])
    per_gebruiker = [client.get("/api/v1/gemeenten/").status_code for _ in range(6)]
    client.force_login(wereld["gebruikers"]["aanbieder"])
    per_adres = [client.get("/api/v1/gemeenten/").status_code for _ in range(3)]
    client.logout()
    caches["gedeeld"].clear()
    anoniem = [client.get("/api/v1/gemeenten/", REMOTE_ADDR="192.0.2.1").status_code for _ in range(9)]
    geraden = [
        client.get("/api/v1/gemeenten/", REMOTE_ADDR="192.0.2.2", HTTP_AUTHORIZATION=f"Token geraden{i}").status_code
        for i in range(9)
    ]
    caches["gedeeld"].clear()

    assert per_gebruiker == [200] * 5 + [429]
    assert per_adres == [200, 200, 429]  # 8 per address: 5 + 1 refused + 2 of the second user
    assert anoniem == [403] * 8 + [429]  # refused calls count against the address too
    assert geraden == [401] * 8 + [429]  # guessing tokens is throttled


def test_api_limiet_telt_over_processen_heen(client, wereld, settings):
    """R-P8: the API counters live in the database every process shares, not in one process's
    memory. A cache object made afresh (as in another worker process) sees the calls counted
    here, and a limit reached here holds there."""
    from django.core.cache.backends.db import DatabaseCache

    from jeugdregie.common.throttling import AdresThrottle, GebruikerThrottle

    assert isinstance(GebruikerThrottle.cache, DatabaseCache) and GebruikerThrottle.cache is AdresThrottle.cache
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": "3/minute"}}
    caches["gedeeld"].clear()
    client.force_login(wereld["gebruikers"]["toegang"])
    assert [client.get("/api/v1/gemeenten/").status_code for _ in range(3)] == [200] * 3

    ander_proces = DatabaseCache(settings.CACHES["gedeeld"]["LOCATION"], {})
    sleutel = GebruikerThrottle.cache_format % {"scope": "user", "ident": wereld["gebruikers"]["toegang"].pk}
    assert len(ander_proces.get(sleutel)) == 3
    GebruikerThrottle.cache = ander_proces  # the next call is answered by "another process"
    try:
        assert client.get("/api/v1/gemeenten/").status_code == 429
    finally:
        GebruikerThrottle.cache = caches["gedeeld"]
        caches["gedeeld"].clear()


# --- 4. Expiring API tokens -------------------------------------------------------------------------


def test_api_token_werkt_tot_het_verloopt_en_wordt_dan_met_401_geweigerd(client, wereld, settings):
    """R-P8: a token expires after API_TOKEN_GELDIGHEID_DAGEN; then 401 with a Dutch message."""
    settings.API_TOKEN_GELDIGHEID_DAGEN = 90
    aanbieder = wereld["gebruikers"]["aanbieder"]
    nieuw = maak_token(gebruiker=aanbieder, door=wereld["gebruikers"]["beheerder"], omschrijving="iJw-koppeling")
    header = {"HTTP_AUTHORIZATION": f"Token {nieuw.sleutel}"}

    geldig = client.get("/api/v1/gemeenten/", **header)
    ApiToken.objects.filter(pk=nieuw.token.pk).update(verloopt_op=timezone.now() - timedelta(seconds=1))
    verlopen = client.get("/api/v1/gemeenten/", **header)

    assert nieuw.token.verloopt_op.date() == (timezone.now() + timedelta(days=90)).date()
    assert geldig.status_code == 200
    assert verlopen.status_code == 401 and verlopen["WWW-Authenticate"] == "Token"
    assert verlopen.json()["detail"].startswith("Dit API-token is verlopen op ")
    assert "Vraag de functioneel beheerder om een nieuw token." in verlopen.json()["detail"]
    assert not ApiToken.objects.filter(sleutel_hash__contains=nieuw.sleutel).exists()  # only the hash is kept


def test_api_token_intrekken_en_aanmaken_staan_in_het_auditlog(client, wereld):
    """R-P8 (and R-P5: changes to tokens are audit-logged): creation and revocation each write
    an audit row; a revoked token is refused with 401."""
    beheerder = wereld["gebruikers"]["beheerder"]
    nieuw = maak_token(gebruiker=wereld["gebruikers"]["toegang"], door=beheerder, geldig_dagen=30)
    trek_in(token=nieuw.token, door=beheerder)

    antwoord = client.get("/api/v1/gemeenten/", HTTP_AUTHORIZATION=f"Token {nieuw.sleutel}")

    assert antwoord.status_code == 401
    assert antwoord.json()["detail"] == (
        "Ongeldig of ingetrokken API-token. Vraag de functioneel beheerder om een nieuw token."
    )
    rijen = list(
        AuditRegel.objects.filter(objecttype="tokens.ApiToken").order_by("id").values_list("actie", "gebruikersnaam")
    )
    assert rijen == [("aanmaken", beheerder.username), ("wijzigen", beheerder.username)]
    vervalt = (timezone.now() + timedelta(days=30)).date()
    assert AuditRegel.objects.filter(details__contains=f"geldig tot {vervalt:%Y-%m-%d}").count() == 1


def test_token_langer_dan_de_instelling_wordt_geweigerd(wereld, settings):
    """R-P8: no token outlives the configured maximum; the refusal changes nothing."""
    from jeugdregie.common.errors import DomainError

    settings.API_TOKEN_GELDIGHEID_DAGEN = 90
    with pytest.raises(DomainError) as fout:
        maak_token(gebruiker=wereld["gebruikers"]["toegang"], door=None, geldig_dagen=365)
    assert fout.value.code == "TK002"
    assert not ApiToken.objects.exists() and not AuditRegel.objects.filter(objecttype="tokens.ApiToken").exists()


# --- 5. Schema and docs -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_schema_en_documentatie_alleen_voor_ingelogde_gebruikers(client, wereld, url):
    """R-P8: the OpenAPI schema and the API docs are refused to anonymous callers (401)."""
    anoniem = client.get(url)
    client.force_login(wereld["gebruikers"]["aanbieder"])
    ingelogd = client.get(url)

    assert anoniem.status_code == 401
    assert b"Jeugdregie" not in anoniem.content
    assert ingelogd.status_code == 200


def test_api_token_via_beheercommando_maken_en_intrekken(client, wereld):
    """R-P8: the command gives an iJw client a key once; it works until revoked; both steps are
    audit-logged on behalf of the command."""
    from django.core.management import call_command

    uit = io.StringIO()
    call_command("api_token", "maak", wereld["gebruikers"]["aanbieder"].username, "--dagen", "7", stdout=uit)
    kop, sleutel = uit.getvalue().splitlines()
    token = ApiToken.objects.get()
    werkt = client.get("/api/v1/gemeenten/", HTTP_AUTHORIZATION=f"Token {sleutel}").status_code
    call_command("api_token", "intrekken", str(token.pk), stdout=io.StringIO())
    ingetrokken = client.get("/api/v1/gemeenten/", HTTP_AUTHORIZATION=f"Token {sleutel}").status_code

    assert kop == f"Token {token.pk}, geldig tot {token.verloopt_op:%Y-%m-%d}:"
    assert (token.verloopt_op - token.aangemaakt_op) == timedelta(days=7)
    assert (werkt, ingetrokken) == (200, 401)
    assert list(
        AuditRegel.objects.filter(objecttype="tokens.ApiToken").order_by("id").values_list("actie", "namens")
    ) == [("aanmaken", "beheercommando api_token"), ("wijzigen", "beheercommando api_token")]
