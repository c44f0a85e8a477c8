"""The permission matrix (R-P1, R-P4, STYLE.md §Writing 8): every page and endpoint that shows
personal data, for anonymous, another municipality, another provider, roles without personal
data, finance (declarations, not the client register), the right roles, and two columns of
relations that must grant nothing: "self-granted" (a provider that registered a GP's referral
for a child not allocated to it: a submission for the toegang) and "after the relation ended" (a provider whose
allocation ended longer ago than the region's period). ``test_elke_route_is_ingedeeld`` makes
sure a new route cannot be added without deciding whether it shows personal data."""

from contextlib import nullcontext
from datetime import date, timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .klok import op_de_dag

# route name -> (url template, kind); {zwolle} is the young person of Zwolle
PERSOONSGEGEVENS = {
    "jeugdigen:lijst": ("/jeugdigen/", "lijst"),
    "jeugdigen:detail": ("/jeugdigen/{zwolle}/", "detail"),
    "jeugdigen:nieuw": ("/jeugdigen/nieuw/", "formulier"),
    # issue 15 §2: the toegang of the child's municipality enters address and phone (others read
    # them on the detail; tests/test_jeugdigen_contact.py)
    "jeugdigen:contact": ("/jeugdigen/{zwolle}/contact/", "toegang"),
    "jeugdigen:verhuizing": ("/jeugdigen/{zwolle}/verhuizing/", "toegang"),  # issue 20 §5, R-D3
    # issue 19 §2: the child's dossier, scoped like the child's page (tests/test_dossier.py)
    "dossiers:jeugdige": ("/jeugdigen/{zwolle}/dossier/", "detail"),
    # issue 20 §4: the child's documents, scoped like the child's page; upload by role and kind,
    # download per document (tests/test_documenten.py)
    "documenten:lijst": ("/jeugdigen/{zwolle}/documenten/", "detail"),
    "documenten:nieuw": ("/jeugdigen/{zwolle}/documenten/nieuw/", "formulier"),
    "documenten:download": ("/jeugdigen/documenten/1/", "route"),
    # issue 20 §1/§4: the family, gezag and consents, read like the child; the toegang writes
    # (tests/test_gezin_paginas.py)
    "gezin:overzicht": ("/jeugdigen/{zwolle}/gezin/", "detail"),
    "gezin:lid_nieuw": ("/jeugdigen/{zwolle}/gezin/nieuw/", "toegang"),
    "gezin:lid_wijzigen": ("/jeugdigen/{zwolle}/gezin/1/wijzigen/", "toegang"),
    "gezin:lid_beeindigen": ("/jeugdigen/{zwolle}/gezin/1/beeindigen/", "toegang"),
    "gezin:contactvoorkeur": ("/jeugdigen/{zwolle}/gezin/contactvoorkeur/", "toegang"),
    "gezin:toestemming_nieuw": ("/jeugdigen/{zwolle}/toestemmingen/nieuw/", "toegang"),
    "gezin:toestemming_intrekken": ("/jeugdigen/{zwolle}/toestemmingen/1/intrekken/", "toegang"),
    "jeugdige-contactgegevens": ("/api/v1/jeugdigen/{zwolle}/contactgegevens/", "toegang"),
    "audit:lijst": ("/audit/", "audit"),
    "jeugdige-list": ("/api/v1/jeugdigen/", "lijst"),
    "jeugdige-detail": ("/api/v1/jeugdigen/{zwolle}/", "detail"),
    "auditregel-list": ("/api/v1/audit/", "audit"),
    "verwijzing-list": ("/api/v1/verwijzingen/", "route"),
    "verwijzing-detail": ("/api/v1/verwijzingen/1/", "route"),
    "toewijzen-screening": ("/api/v1/verwijzingen/1/screening/", "route"),
    "toewijzen-start": ("/api/v1/verwijzingen/1/start/", "route"),
    "toewijzen-aanpassing": ("/api/v1/verwijzingen/1/aanpassing/", "route"),
    "toewijzing-list": ("/api/v1/toewijzingen/", "route"),
    "toewijzing-detail": ("/api/v1/toewijzingen/1/", "route"),
    "toewijzing-stop": ("/api/v1/toewijzingen/1/stop/", "route"),
    "aanpassing-list": ("/api/v1/aanpassingen/", "route"),
    "aanpassing-detail": ("/api/v1/aanpassingen/1/", "route"),
    "aanpassing-besluit": ("/api/v1/aanpassingen/1/besluit/", "route"),
    "toewijzen-opvolging": ("/api/v1/verwijzingen/1/opvolging/", "route"),
    "wonen-wonen": ("/api/v1/toewijzingen/wonen/", "route"),
    "wonen-intensiteit": ("/api/v1/toewijzingen/1/intensiteit/", "route"),
    "wonen-matching": ("/api/v1/toewijzingen/1/matching/", "route"),
    "wonen-matching-afronden": ("/api/v1/toewijzingen/1/matching/afronden/", "route"),
    "wonen-bed": ("/api/v1/toewijzingen/1/bed/", "route"),
    "wonen-bed-plaatsing": ("/api/v1/toewijzingen/1/bed/plaatsing/", "route"),
    "toewijzing-resultaten": ("/api/v1/toewijzingen/1/resultaten/", "route"),
    "hulpverlening-plan": ("/api/v1/toewijzingen/1/plan/", "route"),
    "hulpverlening-voortgang": ("/api/v1/toewijzingen/1/voortgang/", "route"),
    "toewijzing-levering": ("/api/v1/toewijzingen/1/levering/", "route"),
    "toewijzing-prognose": ("/api/v1/toewijzingen/1/prognose/", "route"),
    "crisismelding-list": ("/api/v1/crisismeldingen/", "route"),
    "crisismelding-detail": ("/api/v1/crisismeldingen/1/", "route"),
    "crisismelding-beoordeling": ("/api/v1/crisismeldingen/1/beoordeling/", "route"),
    "crisismelding-crisisopvolging": ("/api/v1/crisismeldingen/1/crisisopvolging/", "route"),
    "crisisverzoek-list": ("/api/v1/crisisverzoeken/", "route"),
    "crisisverzoek-detail": ("/api/v1/crisisverzoeken/1/", "route"),
    "crisisverzoek-besluit": ("/api/v1/crisisverzoeken/1/besluit/", "route"),
    "hswvinzet-list": ("/api/v1/hswv/", "route"),
    "hswvinzet-detail": ("/api/v1/hswv/1/", "route"),
    "hswvinzet-afronden": ("/api/v1/hswv/1/afronden/", "route"),
    "route:verwijzingen": ("/route/", "pagina"),
    "verwijzingen:verwijzing_nieuw": ("/route/verwijzingen/nieuw/", "pagina"),
    "route:verwijzing": ("/route/verwijzingen/1/", "pagina"),
    # R-P4: a provider's or GI's own submissions; the toegang's queue (tests/test_aanmeldingen.py)
    "verwijzingen:aanmeldingen": ("/route/aanmeldingen/", "pagina"),
    "verwijzingen:aanmeldingen_werkvoorraad": ("/route/aanmeldingen/werkvoorraad/", "pagina"),
    "verwijzingen:aanmelding_honoreren": ("/route/aanmeldingen/1/honoreren/", "pagina"),
    "verwijzingen:aanmelding_afwijzen": ("/route/aanmeldingen/1/afwijzen/", "pagina"),
    # R-T10: the toegang records its consent to a second GP-route referral (tests/test_huisartsroute_toestemming.py)
    "verwijzingen:toestemming_huisartsroute": ("/route/jeugdigen/{zwolle}/toestemming-huisartsroute/", "toegang"),
    # issue 19 §1: a worklist's full page and the assignment of its items (tests/test_werkvoorraad_lijsten.py)
    "werk:lijst": ("/werk/te-screenen/", "pagina"),
    "werk:toewijzen": ("/werk/te-screenen/toewijzen/", "pagina"),
    "route:screening": ("/route/verwijzingen/1/screening/", "pagina"),
    "route:start": ("/route/verwijzingen/1/start/", "pagina"),
    "route:aanpassing_nieuw": ("/route/verwijzingen/1/aanpassing/", "pagina"),
    "route:opvolging": ("/route/verwijzingen/1/opvolging/", "pagina"),
    "route:stop": ("/route/toewijzingen/1/stop/", "pagina"),
    "route:intrekken": ("/route/toewijzingen/1/intrekken/", "pagina"),
    # issue 21 (R-T9): the toegang renews a duurzaam budget for the next year (tests/test_duurzaam_per_jaar.py)
    "route:verlengen": ("/route/toewijzingen/1/verlengen/", "pagina"),
    "hulpverlening:plan": ("/route/toewijzingen/1/plan/", "pagina"),
    "route:aanpassing": ("/route/aanpassingen/1/", "pagina"),
    "wonen:nieuw": ("/route/wonen/nieuw/", "pagina"),
    "crisis:overzicht": ("/route/crisis/", "pagina"),
    "crisis:verzoek": ("/route/crisis/verzoeken/1/", "pagina"),
    "crisis:melding": ("/route/crisis/meldingen/1/", "pagina"),
    # issue 20 §3, R-D2: bezwaar, the toegang of the municipality only (tests/test_bezwaar_paginas.py)
    "bezwaar:overzicht": ("/bezwaar/", "pagina"),
    "bezwaar:detail": ("/bezwaar/1/", "pagina"),
    "bezwaar:stap": ("/bezwaar/1/horen/", "pagina"),
    "bezwaar:registreren": ("/bezwaar/beschikking/1/", "pagina"),
    # issue 22 §4, R-R3: casusregie, the casusregisseur and the toegang of the municipality
    # (tests/test_casusregie.py); a provider sees only the contact, in the dossier
    "casusregie:overzicht": ("/casusregie/", "pagina"),
    "casusregie:detail": ("/casusregie/1/", "pagina"),
    "casusregie:actie": ("/casusregie/1/stap/", "pagina"),
    "casusregie:openen": ("/casusregie/jeugdige/{zwolle}/", "toegang"),
    # providers' requests for allocation (JW315) on the toegang's worklist
    "verzoeken:lijst": ("/route/verzoeken/", "pagina"),
    # issue 20 §5 (R-D3): the handover between municipalities, the toegang of either (tests/test_overdracht*.py)
    "overdracht:lijst": ("/route/overdrachten/", "pagina"),
    "overdracht:detail": ("/route/overdrachten/1/", "pagina"),
    "overdracht:beeindigen": ("/route/overdrachten/1/beeindigen/", "pagina"),
    "overdracht:bevestigen": ("/route/overdrachten/1/bevestigen/", "pagina"),
    "overdracht:afronden": ("/route/overdrachten/1/afronden/", "pagina"),
    "overdracht:geschil": ("/route/overdrachten/1/geschil/", "pagina"),
    "overdracht:uitkomst": ("/route/overdrachten/geschillen/1/uitkomst/", "pagina"),
    "verzoeken:verzoek": ("/route/verzoeken/1/", "pagina"),
    "verzoeken:onderzoek": ("/route/verzoeken/1/onderzoek/", "pagina"),
    "verzoeken:afwijzen": ("/route/verzoeken/1/afwijzen/", "pagina"),
    "verzoeken:honoreren": ("/route/verzoeken/1/honoreren/", "pagina"),
    "declaraties:lijst": ("/declaraties/", "pagina"),
    "declaraties:detail": ("/declaraties/1/", "pagina"),
    "declaraties:uploaden": ("/declaraties/uploaden/", "pagina"),
    "declaratie-list": ("/api/v1/declaraties/", "route"),
    "declaratie-detail": ("/api/v1/declaraties/1/", "route"),
    "verantwoording:productieregels": ("/verantwoording/productie/1/2026/regels/?gemeente=1&product=", "pagina"),
    "productieregel-list": ("/api/v1/productieregels/", "route"),
    # the XML of an outbound iJw message (BSN, names, products)
    "ijw:xml": ("/ijw/1/xml/", "pagina"),
    "bericht-xml": ("/api/v1/ijw/berichten/1/xml/", "route"),
    # R-P7 data-subject rights: the toegang's pages per young person (tests/test_bewaring*.py)
    "bewaring:rechten": ("/bewaring/jeugdigen/{zwolle}/", "toegang"),
    "bewaring:inzage": ("/bewaring/jeugdigen/{zwolle}/inzage.json", "toegang"),
    "bewaring:corrigeren": ("/bewaring/jeugdigen/{zwolle}/corrigeren/", "toegang"),
    "bewaring:langer_bewaren": ("/bewaring/jeugdigen/{zwolle}/langer-bewaren/", "toegang"),
    # issue 20 §2, R-D1: the letters of the toegang's municipality (tests/test_beschikkingen_paginas.py)
    # issue 22 §2, iJw IV096: the toegang refers a resident to a task-based assignment by BSN
    # (tests/test_taakgericht_paginas.py)
    "taakgericht:verwijzen": ("/taakgericht/verwijzen/", "toegang"),
    # issue 22 review F6, iJw IV096: the opdrachtnemer's start and stop screen, its own assignments
    # and the children it has sight of only (tests/test_taakgericht_zorgscherm.py)
    "taakgericht:zorg_opdrachten": ("/taakgericht/zorg/", "opdrachtnemer"),
    "taakgericht:zorg": ("/taakgericht/1/zorg/", "opdrachtnemer"),
    "taakgericht:zorg_stop": ("/taakgericht/zorg/1/stop/", "opdrachtnemer"),
    "taakgericht:stop_verwijderen": ("/taakgericht/zorg/1/stop-verwijderen/", "opdrachtnemer"),
    "taakgericht:start_verwijderen": ("/taakgericht/zorg/1/start-verwijderen/", "opdrachtnemer"),
    "beschikkingen:register": ("/beschikkingen/", "toegang"),
    "beschikkingen:wachtend": ("/beschikkingen/wachtend/", "toegang"),
    "beschikkingen:opnieuw": ("/beschikkingen/wachtend/1/opnieuw/", "toegang"),
    "beschikkingen:pdf": ("/beschikkingen/1/pdf/", "toegang"),
    "beschikkingen:verzenden": ("/beschikkingen/1/verzenden/", "toegang"),
    # R-P8 search by BSN in a POST body (a GET is refused before it reaches the handler)
    "jeugdige-zoeken": ("/api/v1/jeugdigen/zoeken/", "zoeken"),
}
# The iJw message log (issue 5 §6): the roles with personal data see their messages with keys and
# explanations; contract manager and beheerder the region's log without them; policy and board
# nothing. Matrix for these in tests/test_ijw_interfaces.py.
BERICHTENLOG = {"ijw:lijst", "ijw:bericht", "bericht-list", "bericht-detail"}
# The outbox's waiting messages (issue 15): the toegang of the municipality and the beheerder of
# the region, ids and rule codes only; every other role refused (tests/test_ijw_wachtrij.py).
UITBOXWACHTRIJ = {"ijw:wachtrij"}
# Login steps (R-P5, tests/test_inloggen_*.py): second factor, security keys, password reset, municipal SSO.
INLOGROUTES = {
    "tweefactor:verifieren",
    "tweefactor:instellen",
    "tweefactor:herstelcodes",
    # the user's own security keys (WebAuthn) and the JSON ceremonies: tests/test_inloggen_webauthn.py
    "tweefactor:sleutels",
    "tweefactor:sleutel_verwijderen",
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
    "otp_webauthn:afgebroken",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "oidc_authentication_init",
    "oidc_authentication_callback",
    "oidc_logout",
}
ZONDER_PERSOONSGEGEVENS = {
    "begrippen",  # issue 19 §6: the glossary of codes, for every logged-in user (tests/test_codes.py)
    "begroting:budgetbeheersing",  # aggregates per municipality (R-V3), tests/test_begroting.py
    "begroting:vaststellen",  # finance enters the begroting, tests/test_begroting.py
    "portaal:home",
    # issue 19 §3: the inbox of the organisation's notifications (ids only); its own matrix of
    # organisations and roles is tests/test_meldingen.py
    "meldingen:lijst",
    "meldingen:openen",
    "meldingen:alles_gelezen",
    "meldingen:voorkeuren",
    "login",
    "logout",
    *INLOGROUTES,
    "set_language",
    "catalogus:producten",
    "catalogus:functies",
    "catalogus:keuzebudgetten",
    "organisaties:gemeenten",
    "organisaties:aanbieders",
    "organisaties:aanbieder",
    "verwijzingen:keuzelijst",
    "api-schema",
    "api-docs",
    "api-root",
    "product-list",
    "product-detail",
    "functie-list",
    "functie-detail",
    "keuzebudgetniveau-list",
    "keuzebudgetniveau-detail",
    "gemeente-list",
    "gemeente-detail",
    "aanbieder-list",
    "aanbieder-detail",
    "contract-list",
    "contract-detail",
    "keuzelijst-list",
    # R-S6 waiting times: reported by a provider per product category, no young person
    # (tests/test_wachttijden.py has its own role checks)
    "organisaties:wachttijden",
    "organisaties:wachttijden_regio",
    "wachttijd-list",
    # payment batches: posts per provider, no young person in them (betalingen/querysets.py)
    "betalingen:lijst",
    "betalingen:nieuw",
    "betalingen:batch",
    "betalingen:goedkeuren",
    "betalingen:afwijzen",
    "betalingen:csv",
    "betalingen:sepa",
    "betaalbatch-list",
    "betaalbatch-detail",
    "betaalbatch-goedkeuren",
    "betaalbatch-afwijzen",
    "betaalbatch-aansluiting",
    "betaalbatch-csv",
    "betaalbatch-sepa",
    "betaalpost-list",
    "declaraties:sjabloon",
    "declaraties:budgetten",
    "budget-list",
    "verantwoording:crisisverdeling",
    "verantwoording:crisisinstellingen",
    "verantwoording:productie",
    "verantwoording:productieverantwoording",
    "verantwoording:indienen",
    "crisisverdeling-list",
    "productieverantwoording-list",
    # R-K4 municipality comparison and trends: aggregates per municipality (tests/test_beheersing_vergelijking.py)
    "beheersing:gemeenten",
    "beheersing:gemeenten_trend",
    # R-K2 norms and R-K3 scorecards: aggregates per provider; the drill-down shows pseudonyms only,
    # never a BSN or name (tests/test_beheersing_scorekaart.py)
    "beheersing:normen",
    "beheersing:scorekaarten",
    "beheersing:scorekaart",
    "beheersing:onderbouwing",
    # R-K5 signals (evidence pseudonymised) and R-K6 measures: the region's roles only
    # (tests/test_beheersing_signalen.py, tests/test_beheersing_maatregelen.py)
    "beheersing:signalen",
    "beheersing:maatregelen",
    "beheersing:maatregelen_aanbieder",
    "beheersing:maatregel",
    "beheersing:maatregel_nieuw",
    "beheersing:maatregel_uitkomst",
    "beheersing:maatregel_afronden",
    # issue 21 item 10: the half-yearly CBS export, one row per trajectory with the keyed
    # pseudonym (no BSN, no name), for beleid only, every export audit-logged with the children in
    # it (tests/test_beheersing_cbs.py); like the pseudonymised lines behind a figure above
    "beheersing:cbs_export",
    # R-P5 user management: accounts of the beheerder's region, no young person
    # (tests/test_gebruikersbeheer.py has its own matrix)
    "gebruikersbeheer:lijst",
    "gebruikersbeheer:nieuw",
    "gebruikersbeheer:wijzigen",
    "gebruikersbeheer:deactiveren",
    "gebruikersbeheer:activeren",
    "gebruikersbeheer:tweede_factor",
    # R-R1: the region's rule set, for its functioneel beheerder, no young person
    # (tests/test_regelset.py has its own role checks)
    "organisaties:regelsets",
    "organisaties:regelset_nieuw",
    # R-R1: the region's own tariffs and keuzebudgets (tests/test_regiocatalogus.py)
    "organisaties:regiotarieven",
    "organisaties:regiokeuzebudgetten",
    # R-R3: the purchasing level per product (tests/test_inkoopniveau.py)
    "organisaties:inkoopniveaus",
    # R-R1: the region's provider categories (tests/test_aanbiedercategorieen.py)
    "organisaties:aanbiedercategorieen",
    # issue 17: liveness, readiness and metrics, no login and no personal data (tests/test_gezondheid.py)
    "gezondheid:gezondheid",
    "gezondheid:gereedheid",
    "gezondheid:metrics",
    # issue 20 §2: the beheerder's letter templates per municipality, no young person in them
    # (tests/test_beschikkingen_paginas.py)
    "beschikkingen:sjablonen",
    "beschikkingen:sjabloon",
    # issue 22 §2, R-R2: task-based assignments, population-budget monitoring (counts of children,
    # never who) and finance's payment of a term; their own role matrix is tests/test_taakgericht.py
    "taakgericht:overzicht",
    "taakgericht:monitoring",
    "taakgericht:termijn_betalen",
    "taakgericht:nieuw",
    "taakgericht:bedrag",
    "taakgericht:betaalschema",
}

# who sees the young person of Zwolle (in the fixture: resident of Zwolle, with the provider
# "aanbieder" and the GP "huisarts" involved)
ZIET_ZWOLLE = {"toegang", "aanbieder", "huisarts"}
ZIET_NIET = {"toegang_andere_gemeente", "andere_aanbieder", "gi"}
GEEN_PERSOONSGEGEVENS = {"contractmanager", "beleid", "bestuurder", "beheerder"}


def _views(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _views(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            callback = entry.callback
            yield prefix + entry.name, getattr(callback, "view_class", None) or getattr(callback, "cls", None)


def test_elke_route_is_ingedeeld():
    namen = {n for n, _ in _views() if not n.startswith("admin:")}
    onbekend = namen - set(PERSOONSGEGEVENS) - ZONDER_PERSOONSGEGEVENS - BERICHTENLOG - UITBOXWACHTRIJ
    assert onbekend == set(), f"Deel deze routes in bij de permissiematrix: {sorted(onbekend)}"


def _url(naam, wereld):
    return PERSOONSGEGEVENS[naam][0].format(zwolle=wereld["jeugdige_zwolle"].pk)


@pytest.mark.parametrize("naam", sorted(PERSOONSGEGEVENS))
def test_anoniem_krijgt_geen_persoonsgegevens(client, wereld, naam):
    antwoord = client.get(_url(naam, wereld))
    if not PERSOONSGEGEVENS[naam][0].startswith("/api/"):
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
    else:
        assert antwoord.status_code in (401, 403)
    assert wereld["jeugdige_zwolle"].achternaam not in antwoord.content.decode()


@pytest.mark.parametrize("rol", sorted(GEEN_PERSOONSGEGEVENS - {"beheerder"}))
@pytest.mark.parametrize("naam", sorted(PERSOONSGEGEVENS))
def test_rollen_zonder_persoonsgegevens_worden_geweigerd(client, wereld, naam, rol):
    """R-P1: contract manager, policy and board work on aggregates and pseudonymised data."""
    client.force_login(wereld["gebruikers"][rol])
    antwoord = client.get(_url(naam, wereld))
    assert antwoord.status_code == 403
    assert wereld["jeugdige_zwolle"].achternaam not in antwoord.content.decode()


@pytest.mark.parametrize("naam", sorted(n for n, (_, soort) in PERSOONSGEGEVENS.items() if soort != "audit"))
def test_beheerder_ziet_geen_jeugdigen(client, wereld, naam):
    client.force_login(wereld["gebruikers"]["beheerder"])
    assert client.get(_url(naam, wereld)).status_code == 403


@pytest.mark.parametrize("rol", sorted(ZIET_NIET))
@pytest.mark.parametrize(
    "naam", sorted(n for n, (_, soort) in PERSOONSGEGEVENS.items() if soort in ("lijst", "detail"))
)
def test_andere_gemeente_of_aanbieder_ziet_jeugdige_niet(client, wereld, naam, rol):
    """R-P1: another municipality, another provider, an uninvolved referrer: not visible."""
    client.force_login(wereld["gebruikers"][rol])
    antwoord = client.get(_url(naam, wereld))
    if PERSOONSGEGEVENS[naam][1] == "detail":
        assert antwoord.status_code == 404
    else:
        assert antwoord.status_code == 200
    assert wereld["jeugdige_zwolle"].achternaam not in antwoord.content.decode()
    assert wereld["jeugdige_zwolle"].bsn not in antwoord.content.decode()


@pytest.mark.parametrize("rol", sorted(ZIET_ZWOLLE))
@pytest.mark.parametrize(
    "naam", sorted(n for n, (_, soort) in PERSOONSGEGEVENS.items() if soort in ("lijst", "detail"))
)
def test_juiste_rol_ziet_jeugdige(client, wereld, naam, rol):
    client.force_login(wereld["gebruikers"][rol])
    antwoord = client.get(_url(naam, wereld))
    assert antwoord.status_code == 200
    assert wereld["jeugdige_zwolle"].achternaam in antwoord.content.decode()
    assert wereld["jeugdige_deventer"].achternaam not in antwoord.content.decode()


def test_gi_ziet_alleen_eigen_bepaling(client, wereld):
    client.force_login(wereld["gebruikers"]["gi"])
    inhoud = client.get("/api/v1/jeugdigen/").json()
    assert [j["achternaam"] for j in inhoud["results"]] == [wereld["jeugdige_deventer"].achternaam]


# Finance reads declarations (lines name the child by masked BSN) and production lines of its
# municipality; every other page with personal data is refused (R-P1, R-P4), also the XML of the
# iJw messages, which carries the BSN (it keeps the message log without content).
FINANCIEEL_LEEST = {
    "declaraties:lijst",
    "declaraties:detail",
    "declaratie-list",
    "declaratie-detail",
    "verantwoording:productieregels",
    "productieregel-list",
}


@pytest.mark.parametrize("naam", sorted(n for n, (_, soort) in PERSOONSGEGEVENS.items() if soort != "audit"))
def test_financieel_leest_geen_clientregister(client, wereld, naam):
    """R-P1: finance reads declarations and payments of its municipality, not the client register
    or the client route; where it reads lines, the full BSN and the name do not appear (R-P3)."""
    client.force_login(wereld["gebruikers"]["financieel"])
    antwoord = client.get(_url(naam, wereld))
    if naam in FINANCIEEL_LEEST:
        assert antwoord.status_code in (200, 400, 404)  # 400: the production lines ask for a period
    else:
        assert antwoord.status_code == 403
    inhoud = antwoord.content.decode("utf-8", "replace")
    assert wereld["jeugdige_zwolle"].achternaam not in inhoud and wereld["jeugdige_zwolle"].bsn not in inhoud


# --- relations that must grant nothing (R-P4) ----------------------------------------------------

DATUM = date(2026, 3, 2)


def _gp_verwijzing(route, *, door, aanbieder):
    from jeugdregie.catalogus.constants import KeuzebudgetSoort
    from jeugdregie.toewijzingen.services import screen_verwijzing
    from jeugdregie.verwijzingen.services import registreer_verwijzing
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

    with op_de_dag(DATUM):
        verwijzing = registreer_verwijzing(
            jeugdige=route["jeugdige_zwolle"],
            aanbieder=route[aanbieder],
            resultaten=["Zara gaat weer naar school."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=DATUM,
            door=route["gebruikers"][door],
            verwijzer=route["huisarts"],
        )
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=route["gebruikers"][aanbieder])
    return verwijzing


@pytest.fixture
def zelf_aangemeld(route):
    """ "Self-granted": the other provider registered a GP's referral for the Zwolle child, who is
    not allocated to it (the attack path of issue 14). That is a submission for the toegang; it
    cannot make or accept a referral of its own. The pages with objects use the Zwolle child's
    referral and allocation (the toegang's, to the first provider)."""
    from jeugdregie.verwijzingen.services.aanmelden import meld_aan
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

    with op_de_dag(DATUM):
        meld_aan(
            bsn=route["jeugdige_zwolle"].bsn,
            aanbieder=route["andere_aanbieder"],
            resultaten=["Zara gaat weer naar school."],
            budget=BudgetKeuze(soort="herstel", niveau=2),
            datum=DATUM,
            door=route["gebruikers"]["andere_aanbieder"],
            verwijzer=route["huisarts"],
        )
    verwijzing = _gp_verwijzing(route, door="toegang", aanbieder="aanbieder")
    return route["gebruikers"]["andere_aanbieder"], verwijzing, None


@pytest.fixture
def relatie_beeindigd(route):
    """ "After the relation ended": the provider's allocation for the Zwolle child (on the toegang's
    referral) ended longer ago than the region's period; the matrix runs on the first day after."""
    from jeugdregie.jeugdigen.policies import relatietermijn_dagen

    verwijzing = _gp_verwijzing(route, door="toegang", aanbieder="aanbieder")
    gebruiker = route["gebruikers"]["aanbieder"]
    einde = verwijzing.toewijzingen.get().einddatum
    return gebruiker, verwijzing, einde + timedelta(days=relatietermijn_dagen(gebruiker) + 1)


def _url_met_objecten(naam, route, verwijzing):
    url = _url(naam, route)
    toewijzing = verwijzing.toewijzingen.get()
    for deel, pk in (("verwijzingen/1/", verwijzing.pk), ("toewijzingen/1/", toewijzing.pk)):
        url = url.replace(deel, deel.replace("/1/", f"/{pk}/"))
    return url


@pytest.mark.parametrize("kolom", ["zelf_aangemeld", "relatie_beeindigd"])
@pytest.mark.parametrize("naam", sorted(n for n, (_, soort) in PERSOONSGEGEVENS.items() if soort != "audit"))
def test_relatie_zonder_gemeentelijk_besluit_of_na_afloop_geeft_geen_zicht(client, route, request, kolom, naam):
    """R-P4: neither a referral a provider registered itself nor an allocation that ended longer
    ago than the period lets the provider read the child: no page or endpoint shows its name or
    full BSN (its own referral and allocation name the child by masked BSN only)."""
    gebruiker, verwijzing, dag = request.getfixturevalue(kolom)
    client.force_login(gebruiker)
    with op_de_dag(dag) if dag else nullcontext():
        antwoord = client.get(_url_met_objecten(naam, route, verwijzing))
    assert antwoord.status_code < 500
    inhoud = antwoord.content.decode("utf-8", "replace")
    assert route["jeugdige_zwolle"].achternaam not in inhoud
    assert route["jeugdige_zwolle"].bsn not in inhoud
    if PERSOONSGEGEVENS[naam][1] == "detail":
        assert antwoord.status_code == 404


def test_kolom_zelf_aangemeld_is_echt(route, zelf_aangemeld):
    """The "self-granted" column tests what it claims: the provider registered the GP's referral
    for the child (an open submission), cannot register one itself, and cannot read the child
    (R-P4)."""
    from jeugdregie.catalogus.constants import KeuzebudgetSoort
    from jeugdregie.common.errors import DomainError
    from jeugdregie.jeugdigen.models import Jeugdige
    from jeugdregie.verwijzingen.models import Aanmelding, Verwijzing
    from jeugdregie.verwijzingen.services import registreer_verwijzing
    from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

    gebruiker, verwijzing, _ = zelf_aangemeld
    aanmelding = Aanmelding.objects.get(indiener_aanbieder=gebruiker.aanbieder)
    assert (aanmelding.bsn, aanmelding.status, aanmelding.verwijzing) == (
        route["jeugdige_zwolle"].bsn,
        "ontvangen",
        None,
    )
    with op_de_dag(DATUM), pytest.raises(DomainError):
        registreer_verwijzing(
            jeugdige=route["jeugdige_zwolle"],
            aanbieder=route["andere_aanbieder"],
            resultaten=["Zara gaat weer naar school."],
            budget=BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2),
            datum=DATUM,
            door=gebruiker,
            verwijzer=route["huisarts"],
        )
    assert not Verwijzing.objects.filter(aanbieder=gebruiker.aanbieder).exists()
    assert verwijzing.aanbieder != gebruiker.aanbieder
    assert not Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=route["jeugdige_zwolle"].pk).exists()


def test_kolom_relatie_beeindigd_is_echt(route, relatie_beeindigd):
    """The "after the relation ended" column tests what it claims: the relation granted sight
    up to the last day of the period and not on the day the matrix runs (R-P4)."""
    from jeugdregie.jeugdigen.models import Jeugdige

    kind = route["jeugdige_zwolle"]
    gebruiker, _, dag = relatie_beeindigd
    with op_de_dag(dag - timedelta(days=1)):
        assert Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=kind.pk).exists()
    with op_de_dag(dag):
        assert not Jeugdige.objects.voor_gebruiker(gebruiker).filter(pk=kind.pk).exists()


@pytest.mark.parametrize("rol", ["aanbieder", "huisarts", "gi", "financieel", "toegang_andere_gemeente"])
def test_nieuwe_jeugdige_alleen_door_toegang(client, wereld, rol):
    client.force_login(wereld["gebruikers"][rol])
    pagina = client.get("/jeugdigen/nieuw/")
    api = client.post("/api/v1/jeugdigen/", {}, content_type="application/json")
    if rol == "toegang_andere_gemeente":
        assert pagina.status_code == 200
    else:
        assert pagina.status_code == 403 and api.status_code == 403


@pytest.mark.parametrize("rol", sorted(ZIET_ZWOLLE | ZIET_NIET | GEEN_PERSOONSGEGEVENS - {"beheerder"}))
def test_auditlog_alleen_voor_beheerder(client, wereld, rol):
    client.force_login(wereld["gebruikers"][rol])
    assert client.get("/audit/").status_code == 403
    assert client.get("/api/v1/audit/").status_code == 403


def test_token_authenticatie_volgt_dezelfde_scope(client, wereld):
    from jeugdregie.tokens.services import maak_token

    sleutel = maak_token(gebruiker=wereld["gebruikers"]["andere_aanbieder"], door=None).sleutel
    antwoord = client.get(f"/api/v1/jeugdigen/{wereld['jeugdige_zwolle'].pk}/", HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert antwoord.status_code == 404
    sleutel = maak_token(gebruiker=wereld["gebruikers"]["aanbieder"], door=None).sleutel
    antwoord = client.get(f"/api/v1/jeugdigen/{wereld['jeugdige_zwolle'].pk}/", HTTP_AUTHORIZATION=f"Token {sleutel}")
    assert antwoord.status_code == 200 and antwoord.json()["bsn"] == wereld["jeugdige_zwolle"].bsn


ZONDER_SCOPE = INLOGROUTES | {
    "portaal:home",
    "begrippen",
    "login",
    "logout",
    "set_language",
    "api-schema",
    "api-docs",
    "api-root",
}
# issue 17: probes and the metrics scrape read no domain data (tests/test_gezondheid.py)
ZONDER_SCOPE |= {"gezondheid:gezondheid", "gezondheid:gereedheid", "gezondheid:metrics"}


def test_elke_view_gebruikt_de_scoping_mixin():
    """STYLE.md §Writing 8: voor_gebruiker is applied by one mixin in every view and endpoint."""
    from jeugdregie.common.scoping import VoorGebruikerMixin

    zonder = sorted(
        naam
        for naam, klasse in _views()
        if not naam.startswith("admin:")
        and naam not in ZONDER_SCOPE
        and not (klasse and issubclass(klasse, VoorGebruikerMixin))
    )
    assert zonder == []


def test_home_zonder_persoonsgegevens_toont_alleen_aantal(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    inhoud = client.get("/").content.decode()
    assert "1 jeugdige in uw bereik" in inhoud
    assert wereld["jeugdige_zwolle"].achternaam not in inhoud


def test_beheerder_gebruikt_django_admin_en_overlap_wordt_gemeld(client, wereld, catalogus):
    from jeugdregie.catalogus.models import Product, Tarief
    from jeugdregie.synthese.demogebruikers import beheerdersgroep

    beheerder = wereld["gebruikers"]["beheerder"]
    beheerder.is_staff = True
    beheerder.save()
    beheerder.groups.add(beheerdersgroep())
    client.force_login(beheerder)
    assert client.get("/beheer/catalogus/product/").status_code == 200
    voor = Tarief.objects.count()
    antwoord = client.post(
        "/beheer/catalogus/tarief/add/",
        {"product": Product.objects.get(code="45A01").pk, "begindatum": "2024-01-01", "bedrag": "70.00"},
    )
    assert antwoord.status_code == 200
    assert "overlapt met het bestaande tarief" in antwoord.content.decode()
    assert Tarief.objects.count() == voor
    assert client.get("/beheer/jeugdigen/").status_code == 404  # personal data is not in the admin
