import pytest
from django.db import connection

from jeugdregie.accounts.constants import Rol

from . import leegmaken
from .catalogus_kopie import laad_catalogus_eenmaal
from .factories import (
    AanbiederFactory,
    BetrokkenheidFactory,
    GebruikerFactory,
    GemeenteFactory,
    JeugdigeFactory,
    VerwijzerFactory,
)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL; on SQLite they are skipped with the reason.
    The README test command runs the suite on both, so they always run somewhere.

    The browser tests (``e2e``, tests/e2e/) run once, in the PostgreSQL round, not in both
    (issue 16 §6): they drive the whole stack against a live server on committed data, so they
    belong on the production database; what they check does not depend on the database, and the
    SQLite round covers the same views through the test client."""
    from django.conf import settings

    # Slow tests first (stable within each group): pytest-xdist hands out tests in this order,
    # so the long ones start early on both workers instead of leaving one worker busy at the end.
    items.sort(key=_volgorde)
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="vraagt PostgreSQL; draait in de PostgreSQL-ronde van scripts/test")
    skip_browser = pytest.mark.skip(reason="browsertest; draait eenmaal, in de PostgreSQL-ronde van scripts/test")
    # By marker, not by keyword: keywords also hold the names of the folders above the test
    # (a checkout in a folder named "e2e" would skip every test).
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)
        elif item.get_closest_marker("e2e"):
            item.add_marker(skip_browser)


def _volgorde(item) -> int:
    """0: the multi-process proof (the longest, and it starts its own processes), 1: other
    ``slow`` tests, 2: the rest."""
    if "meerproces" in item.keywords:
        return 0
    return 1 if "slow" in item.keywords else 2


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database; after each flush (the teardown of a test with committed
    data) only the tables with rows are emptied, and the content types and permissions are kept
    or copied back instead of recreated by post_migrate (tests/leegmaken.py)."""
    from django.core.management.commands import flush

    with django_db_blocker.unblock():
        leegmaken.bewaar()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "emit_post_migrate_signal", leegmaken.na_leegmaken)
        patch.setattr(flush, "sql_flush", leegmaken.leeg_sql)
        yield


@pytest.fixture(autouse=True)
def _taal_van_de_site():
    """Every test starts in the site's language (Dutch): a request with another language (the
    English UI tests) leaves its activation on the thread otherwise."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client():
    """Django's test client; ``force_login`` also passes the second factor with the user's real
    TOTP app (R-P5, tests/inloggen.py). Enforcement stays on: see tests/test_inloggen_*.py."""
    from .inloggen import TweeFactorClient

    return TweeFactorClient()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def catalogus(db):
    """The catalogue of data/: the real loader's rows, copied after the process's first load
    (tests/catalogus_kopie.py)."""
    laad_catalogus_eenmaal()


@pytest.fixture
def zwolle(db):
    return GemeenteFactory()


@pytest.fixture
def deventer(db):
    return GemeenteFactory(cbs_code="0150", naam="Deventer", inwoners=101236, jeugdigen=19235)


@pytest.fixture
def wereld(db, zwolle, deventer):
    """Two municipalities, two providers, a GP and a GI, young people in each, and one user per
    role: the setting of the permission matrix (R-P1)."""
    aanbieder, andere_aanbieder = AanbiederFactory(), AanbiederFactory()
    huisarts, gi = VerwijzerFactory(), VerwijzerFactory(gi=True)
    jeugdige_zwolle = JeugdigeFactory(gemeente=zwolle, voornamen="Zara", achternaam="Zwolsma")
    jeugdige_deventer = JeugdigeFactory(gemeente=deventer, voornamen="Daan", achternaam="Deventenaar")
    BetrokkenheidFactory(jeugdige=jeugdige_zwolle, aanbieder=aanbieder)
    BetrokkenheidFactory(jeugdige=jeugdige_zwolle, verwijzer=huisarts, bron="verwijzing")
    BetrokkenheidFactory(jeugdige=jeugdige_deventer, verwijzer=gi, bron="verwijzing")
    gebruikers = {
        "toegang": GebruikerFactory(rol=Rol.TOEGANG, gemeente=zwolle),
        "toegang_andere_gemeente": GebruikerFactory(rol=Rol.TOEGANG, gemeente=deventer),
        "aanbieder": GebruikerFactory(aanbieder_rol=True, aanbieder=aanbieder),
        "andere_aanbieder": GebruikerFactory(aanbieder_rol=True, aanbieder=andere_aanbieder),
        "huisarts": GebruikerFactory(verwijzer_rol=True, verwijzer=huisarts),
        "gi": GebruikerFactory(gi_rol=True, verwijzer=gi),
        "financieel": GebruikerFactory(financieel_rol=True, gemeente=zwolle),
        "contractmanager": GebruikerFactory(regio_rol=True, rol=Rol.CONTRACTMANAGER),
        "beleid": GebruikerFactory(regio_rol=True, rol=Rol.BELEID),
        "bestuurder": GebruikerFactory(regio_rol=True, rol=Rol.BESTUURDER),
        "beheerder": GebruikerFactory(regio_rol=True, rol=Rol.BEHEERDER),
    }
    return {
        "zwolle": zwolle,
        "deventer": deventer,
        "aanbieder": aanbieder,
        "andere_aanbieder": andere_aanbieder,
        "huisarts": huisarts,
        "gi": gi,
        "jeugdige_zwolle": jeugdige_zwolle,
        "jeugdige_deventer": jeugdige_deventer,
        "gebruikers": gebruikers,
    }


@pytest.fixture
def route(wereld, catalogus):
    """The `wereld` plus contracts for both providers (TG1–TG5 and two intensities; the first
    provider registered on TG3 and Wonen licht), for the client-route tests."""
    from datetime import date

    from jeugdregie.organisaties.services import registreer_contract

    producten = ["45A01", "45A02", "45A03", "45A04", "45A05", "41D01", "44W04", "44W05"]
    registreer_contract(
        aanbieder=wereld["aanbieder"],
        nummer="C-A",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=producten,
        inschrijvingen=["45A03", "44W05"],
    )
    registreer_contract(
        aanbieder=wereld["andere_aanbieder"],
        nummer="C-B",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=producten,
    )
    return wereld


@pytest.fixture
def crisis(route):
    """The `route` plus a crisisdienst with a contract for the crisis products and its user."""
    from datetime import date

    from jeugdregie.organisaties.constants import AanbiederCategorie
    from jeugdregie.organisaties.services import registreer_contract

    dienst = AanbiederFactory(naam="Crisisdienst IJsselland", categorie=AanbiederCategorie.CRISIS)
    registreer_contract(
        aanbieder=dienst,
        nummer="C-CRISIS",
        begindatum=date(2022, 1, 1),
        einddatum=date(2027, 12, 31),
        productcodes=["46C01", "46C02", "46C03", "45A03"],
    )
    route["crisisdienst"] = dienst
    route["gebruikers"]["crisisdienst"] = GebruikerFactory(aanbieder_rol=True, aanbieder=dienst)
    return route


@pytest.fixture
def declaraties(route):
    """Three declarations of the provider to Zwolle: all approved (April), partly rejected
    (May, one negative line) and fully rejected (a Deventer line declared to Zwolle).
    Shared by tests/test_declaraties_paginas.py and tests/test_toegang_relaties.py."""
    from .builders.declaraties import NU, declareer, regel
    from .builders.route import gestart

    toewijzing = gestart(route)
    goed = declareer(route, [regel(toewijzing, "A1")], nummer="D-GOED", ingediend_op=NU)
    deels = declareer(
        route,
        [regel(toewijzing, "M1", maand=(2026, 5)), regel(toewijzing, "M2", maand=(2026, 6), uren="-1")],
        nummer="D-DEELS",
        ingediend_op=NU,
    )
    fout = declareer(
        route, [regel(toewijzing, "F1", maand=(2026, 7), product="99X99")], nummer="D-FOUT", ingediend_op=NU
    )
    return {"toewijzing": toewijzing, "goed": goed, "deels": deels, "fout": fout}


@pytest.fixture
def klok(monkeypatch):
    """The server's clock, frozen for the rest of the test (R-B9). ``klok(moment)`` takes an
    aware datetime, ``klok(dag)`` a date (noon in Amsterdam); see tests/klok.py."""
    from django.utils import timezone

    from .klok import moment

    def zet(wanneer):
        nu = moment(wanneer)
        monkeypatch.setattr(timezone, "now", lambda: nu)
        return nu

    return zet
