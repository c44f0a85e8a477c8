"""The home page of every role (issue 19 §4): finance, contract manager, policy and board,
referrer and GI, beheerder each find their own section with the figures of their scope, and no
placeholder card for a list that was announced but not built remains."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing.services.maatregelen import registreer_maatregel
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.taken.models import Taakuitvoering, Uitkomst
from jeugdregie.verwijzingen.models import Aanmelding, Verwijzing
from jeugdregie.verwijzingen.services.verwijzen import BudgetKeuze

from .builders.audit import zonder_triggers
from .builders.betalingen import NA_MEI, TZ, betaalwereld, declaraties_mei, mei
from .builders.route import verwijs
from .factories import AanbiederFactory, GebruikerFactory, RegioFactory, VerwijzerFactory
from .klok import op_de_dag

pytestmark = pytest.mark.django_db


@pytest.fixture
def betalen(route):
    """The payment tests' world (tests/test_betalingen.py): Zwolle with two finance users, Deventer
    with one, three running allocations."""
    return betaalwereld(route)


ROLLEN_MET_SECTIE = {
    "financieel": "start-tweede-beoordelaar",
    "contractmanager": "start-maatregelen",
    "beleid": "start-kerncijfers",
    "bestuurder": "start-kerncijfers",
    "huisarts": "start-verwijzer",
    "gi": "start-verwijzer",
    "beheerder": "start-taken",
}

HERSTEL_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)  # a GP's choice (R-T6)


def _thuis(client, gebruiker) -> str:
    client.force_login(gebruiker)
    antwoord = client.get("/")
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def _sectie(pagina: str, id_: str) -> str:
    """The text of one home-page card, tags stripped and spaces collapsed."""
    gevonden = re.search(rf'<section class="kaart[^"]*" id="{id_}">(.*?)</section>', pagina, flags=re.S)
    assert gevonden, f"geen sectie {id_}"
    tekst = re.sub(r"</?(?:h2|p|ul|li|div|table|thead|tbody|tr|th|td)\b[^>]*>", " ", gevonden.group(1))
    return " ".join(re.sub(r"<[^>]+>", "", tekst).split())


def test_elke_rol_heeft_een_eigen_sectie_en_geen_aangekondigde_lege_kaart(client, wereld):
    """Issue 19 §4: every role's home page has its own section; the placeholder cards of lists
    announced but not built ("Bepalingen jeugdhulp", "Rapportages", … "Geen openstaande items.")
    are gone. Roles without the section do not get it (R-P1)."""
    for rol, gebruiker in wereld["gebruikers"].items():
        pagina = _thuis(client, gebruiker)
        for titel in ("Bepalingen jeugdhulp", "Rapportages", "Catalogus en tarieven", "Contracten</h2>"):
            assert titel not in pagina
        for andere_rol, sectie in ROLLEN_MET_SECTIE.items():
            assert (f'id="{sectie}"' in pagina) == (andere_rol == rol or sectie == ROLLEN_MET_SECTIE.get(rol)), (
                rol,
                sectie,
            )


# --- finance ------------------------------------------------------------------------------------


def test_financieel_ziet_maanden_klaar_voor_batch_en_batch_wacht_op_tweede_beoordelaar(client, betalen, klok):
    """Issue 19 §4, SPEC §8: finance of Zwolle sees the ended months with approved lines in no
    batch (April: the line submitted 30 April 23:30; May: 4 lines, € 1.290,00 net; June has not
    ended), then, once May is prepared, that batch waiting for a second approver: the preparer is
    told a colleague judges it, the colleague that he may. Finance of Deventer sees neither."""
    declaraties_mei(betalen)
    klok(datetime(2026, 6, 15, 10, 0, tzinfo=TZ))
    g = betalen["gebruikers"]
    klaar = _sectie(_thuis(client, g["financieel"]), "start-batchmaanden")
    assert "Maand 04-2026: € 430,00 (1 regel)" in klaar
    assert "Maand 05-2026: € 1.290,00 (4 regels)" in klaar
    assert "06-2026" not in klaar
    assert "Geen betaalbatch wacht op goedkeuring." in _sectie(
        _thuis(client, g["financieel"]), "start-tweede-beoordelaar"
    )

    batch = mei(betalen, nu=NA_MEI)
    pagina = _thuis(client, g["financieel"])
    assert "05-2026" not in _sectie(pagina, "start-batchmaanden")  # in a batch now
    wacht = _sectie(pagina, "start-tweede-beoordelaar")
    assert f"{batch.referentie}: € 1.290,00" in wacht and "door u voorbereid" in wacht
    wacht = _sectie(_thuis(client, g["financieel_2"]), "start-tweede-beoordelaar")
    assert f"{batch.referentie}: € 1.290,00" in wacht and "u kunt goedkeuren of afwijzen" in wacht
    deventer = _thuis(client, g["financieel_deventer"])
    assert batch.referentie not in deventer
    assert "Geen afgelopen maand wacht op een betaalbatch." not in deventer  # Deventer's May line waits
    assert "Maand 05-2026: € 860,00 (1 regel)" in _sectie(deventer, "start-batchmaanden")


def test_financieel_ziet_afgekeurde_regels_naar_oorzaak_van_eigen_gemeente(client, betalen, klok):
    """R-B2: the refused lines of the municipality's declarations per cause, with count and
    amount; another municipality's finance does not see them (R-P1)."""
    declaraties_mei(betalen)
    klok(datetime(2026, 6, 15, 10, 0, tzinfo=TZ))
    g = betalen["gebruikers"]
    afkeur = _sectie(_thuis(client, g["financieel"]), "start-afkeur")
    assert "Volume ongeldig 1 € -172,00" in afkeur
    assert "Geen afgekeurde regels in deze periode." in _sectie(
        _thuis(client, g["financieel_deventer"]), "start-afkeur"
    )


# --- contract manager ---------------------------------------------------------------------------


def test_contractmanager_ziet_op_te_volgen_maatregelen_van_eigen_regio(client, wereld, klok):
    """R-K6: open measures whose follow-up date is within two weeks or passed (passed ones
    marked); one further ahead and one on a provider of another region are not shown."""
    klok(date(2026, 6, 15))
    cm = wereld["gebruikers"]["contractmanager"]
    cm.regio = wereld["aanbieder"].regio
    cm.save()

    def maatregel(aanbieder, opvolgdatum):
        return registreer_maatregel(
            aanbieder=aanbieder,
            soort="leveranciersgesprek",
            indicator="KWA01",
            periodesoort="kwartaal",
            periode=date(2026, 1, 1),
            besluit="Gesprek over de resultaten.",
            besluit_op=date(2026, 5, 1),
            opvolgdatum=opvolgdatum,
            door=cm,
        )

    verstreken = maatregel(wereld["aanbieder"], date(2026, 6, 1))
    binnenkort = maatregel(wereld["andere_aanbieder"], date(2026, 6, 20))
    maatregel(wereld["aanbieder"], date(2026, 8, 1))
    anders = AanbiederFactory(regio=RegioFactory(code="elders", naam="Elders"))
    buiten = GebruikerFactory(regio_rol=True, rol=Rol.CONTRACTMANAGER, regio=anders.regio)
    registreer_maatregel(
        aanbieder=anders,
        soort="leveranciersgesprek",
        indicator="KWA01",
        periodesoort="kwartaal",
        periode=date(2026, 1, 1),
        besluit="Elders.",
        besluit_op=date(2026, 5, 1),
        opvolgdatum=date(2026, 6, 2),
        door=buiten,
    )
    pagina = _thuis(client, cm)
    sectie = _sectie(pagina, "start-maatregelen")
    assert sectie.startswith("Maatregelen op te volgen (2)")
    assert f"{verstreken.aanbieder.naam}: Leveranciersgesprek opvolgen op 01-06-2026" in sectie
    assert f"{binnenkort.aanbieder.naam}: Leveranciersgesprek opvolgen op 20-06-2026" in sectie
    assert f'<li class="verstreken"><a href="{verstreken.get_absolute_url()}">' in pagina
    assert "Elders" not in sectie
    assert "Geen aanbieder heeft een rood licht." in _sectie(pagina, "start-rode-lichten")
    assert "Geen signalen in deze periode." in _sectie(pagina, "start-signalen")


# --- referrer (GP route) and GI -----------------------------------------------------------------

DATUM = date(2026, 3, 2)


def _huisartsverwijzing(route, bsn):
    return {
        "bsn": bsn,
        "aanbieder": route["andere_aanbieder"].pk,
        "resultaten": "Weer naar school.",
        "soort": "herstel",
        "niveau": "2",
        "datum": DATUM.isoformat(),
    }


def test_huisarts_verwijst_via_de_huisartsroute_en_ziet_eigen_verwijzingen(client, route):
    """R-T6, issue 19 §4: the GP opens the referral form from its home page and submits a
    referral by the GP route (herstel 2) for a known child; it becomes a referral with the GP as
    referrer, and the GP's home page counts it as received. Another GP sees nothing of it."""
    huisarts = route["gebruikers"]["huisarts"]
    pagina = _thuis(client, huisarts)
    assert 'href="/route/verwijzingen/nieuw/">Nieuwe verwijzing via de huisartsroute</a>' in pagina
    formulier = client.get("/route/verwijzingen/nieuw/")
    assert formulier.status_code == 200 and "Verwijzing via de huisartsroute" in formulier.content.decode()
    with op_de_dag(DATUM):
        antwoord = client.post("/route/verwijzingen/nieuw/", _huisartsverwijzing(route, route["jeugdige_zwolle"].bsn))
    assert antwoord.status_code == 302 and antwoord["Location"] == "/route/aanmeldingen/"
    verwijzing = Verwijzing.objects.get()
    assert (verwijzing.jeugdige, verwijzing.verwijzer, verwijzing.aanbieder) == (
        route["jeugdige_zwolle"],
        route["huisarts"],
        route["andere_aanbieder"],
    )
    assert (verwijzing.keuzebudget.soort, verwijzing.keuzebudget.niveau) == ("herstel", 2)
    assert Aanmelding.objects.get().verwijzing == verwijzing
    sectie = _sectie(_thuis(client, huisarts), "start-verwijzer")
    assert "Ontvangen: 1" in sectie
    # R-P4: until the toegang decides it is a submission, not yet a referral on the card
    assert f"Verwijzing {verwijzing.pk} van" not in sectie

    # a referral of this GP the toegang registered (the GP route, the GP as referrer) is in the
    # GP's overview: the newest own referrals with status and provider, linked to their page
    verwijzing = verwijs(
        route,
        verwijzer=route["huisarts"],
        budget=HERSTEL_2,
        motivering_afwijking="Tweede verwijzing na overleg met de huisarts.",
    )
    pagina = _thuis(client, huisarts)
    sectie = _sectie(pagina, "start-verwijzer")
    assert f"Verwijzing {verwijzing.pk} van {verwijzing.datum:%d-%m-%Y}: Te screenen" in sectie
    assert f'<a href="/route/verwijzingen/{verwijzing.pk}/">Verwijzing {verwijzing.pk} van' in pagina
    assert verwijzing.get_status_display() in sectie and route["aanbieder"].naam in sectie
    assert route["jeugdige_zwolle"].achternaam not in sectie and route["jeugdige_zwolle"].bsn not in sectie

    andere = GebruikerFactory(verwijzer_rol=True, verwijzer=VerwijzerFactory())
    sectie = _sectie(_thuis(client, andere), "start-verwijzer")
    assert "U heeft nog niets ingediend." in sectie and f"Verwijzing {verwijzing.pk} van" not in sectie


def test_huisartsroute_buiten_herstel_2_of_4_wordt_geweigerd(client, route):
    """R-T6: the GP route offers herstel 2 or 4 only: level 5 is refused with a message, and no
    referral is made."""
    client.force_login(route["gebruikers"]["huisarts"])
    with op_de_dag(DATUM):
        antwoord = client.post(
            "/route/verwijzingen/nieuw/", {**_huisartsverwijzing(route, route["jeugdige_zwolle"].bsn), "niveau": "5"}
        )
    assert antwoord.status_code == 200 and not Verwijzing.objects.exists()


def test_gi_ziet_eigen_bepalingen(client, route):
    """Issue 19 §4, R-T7: the GI's home page is about its bepalingen, with a link to a new one."""
    pagina = _thuis(client, route["gebruikers"]["gi"])
    sectie = _sectie(pagina, "start-verwijzer")
    assert sectie.startswith("Mijn bepalingen") and "Nieuwe bepaling" in sectie


# --- policy and board ---------------------------------------------------------------------------


def test_beleid_en_bestuurder_zien_kerncijfers_van_de_regio(client, wereld):
    """R-K4: the policy trends of the region on the home page, each linking to its trend page."""
    for rol in ("beleid", "bestuurder"):
        pagina = _thuis(client, wereld["gebruikers"][rol])
        sectie = _sectie(pagina, "start-kerncijfers")
        assert "Uitgaven per jeugdige inwoner" in sectie and "Wachttijd verwijzing tot start" in sectie
        assert 'href="/beheersing/gemeenten/trends/uitgaven/"' in pagina


# --- beheerder ----------------------------------------------------------------------------------


def test_beheerder_ziet_gebruikers_auditcontrole_en_mislukte_taken(client, wereld, klok):
    """R-P5, R-P2, issue 17: the accounts of the region (an inactive one counted), refused reads
    in the audit log, and a failed background task of the last week (an older one not)."""
    klok(datetime(2026, 6, 15, 10, 0, tzinfo=TZ))
    beheerder = wereld["gebruikers"]["beheerder"]
    inactief = wereld["gebruikers"]["toegang_andere_gemeente"]
    inactief.is_active = False
    inactief.save()
    nu = datetime(2026, 6, 15, 10, 0, tzinfo=TZ)
    Taakuitvoering.objects.create(
        taak="beheersing.rollup_wachtrij", begonnen=nu - timedelta(hours=3), uitkomst=Uitkomst.MISLUKT
    )
    Taakuitvoering.objects.create(taak="ijw.uitbox", begonnen=nu - timedelta(days=9), uitkomst=Uitkomst.MISLUKT)
    Taakuitvoering.objects.create(taak="ijw.uitbox", begonnen=nu - timedelta(hours=1), uitkomst=Uitkomst.KLAAR)
    pagina = _thuis(client, beheerder)
    gebruikers = _sectie(pagina, "start-gebruikers")
    assert "Gedeactiveerd: 1" in gebruikers
    taken = _sectie(pagina, "start-taken")
    assert taken.startswith("Mislukte achtergrondtaken (1)")
    assert "beheersing.rollup_wachtrij: 1 keer mislukt, laatst op 15-06-2026 07:00" in taken
    assert "ijw.uitbox" not in taken
    audit = _sectie(pagina, "start-audit")
    assert "Geweigerde toegang" in audit and re.search(r"Auditketen klopt over de laatste \d+ regels", audit)
    # R-P6: a changed row breaks the chain, and the home page says so at once
    regel = AuditRegel.objects.order_by("id").first()
    with connection.cursor() as cursor:
        zonder_triggers(cursor)
        cursor.execute("UPDATE audit_auditregel SET details = 'gewijzigd' WHERE id = %s", [regel.pk])
    audit = _sectie(_thuis(client, beheerder), "start-audit")
    assert f"Auditketen verbroken bij auditregel {regel.pk}" in audit
    # another role never sees the beheer sections
    assert 'id="start-taken"' not in _thuis(client, wereld["gebruikers"]["contractmanager"])


@pytest.mark.parametrize(
    ("op", "data_tot", "verwacht"),
    [
        (date(2026, 12, 6), None, date(2026, 7, 1)),  # the quarter before today's
        (date(2026, 12, 6), date(2025, 12, 31), date(2025, 10, 1)),  # the data ends in an ended quarter
        (date(2026, 1, 15), date(2026, 1, 10), date(2025, 10, 1)),  # the data's quarter still runs
        (date(2026, 4, 1), date(2026, 3, 31), date(2026, 1, 1)),
    ],
)
def test_signalen_van_het_laatste_afgesloten_kwartaal_met_gegevens(op, data_tot, verwacht):
    """R-K5: the home page shows the signals of the last quarter that has ended and has data."""
    from jeugdregie.beheersing.startpagina import laatste_afgesloten_kwartaal

    assert laatste_afgesloten_kwartaal(op, data_tot) == verwacht


def test_rode_lichten_eenmaal_per_stand_van_de_cijfers(client, wereld, monkeypatch):
    """R-K3: the red lights rest on a scorecard per provider: computed once per run of the figures
    and norm version (the worker fills the shared cache), not on every home page."""
    from jeugdregie.beheersing import startpagina
    from jeugdregie.beheersing.services.normen import stel_norm_vast

    cm = wereld["gebruikers"]["contractmanager"]
    cm.regio = wereld["aanbieder"].regio
    cm.save()
    berekend, perioden = [], set()
    echt = startpagina.scorekaart
    monkeypatch.setattr(startpagina, "scorekaart", lambda a, p: berekend.append(a.pk) or perioden.add(p) or echt(a, p))
    _thuis(client, cm)
    assert sorted(berekend) == sorted([wereld["aanbieder"].pk, wereld["andere_aanbieder"].pk])
    # judged on the last ended quarter, the signals' one: a running quarter has too little data
    from jeugdregie.common.tijd import vandaag as server_vandaag

    vandaag = server_vandaag()
    assert perioden == {startpagina.laatste_afgesloten_kwartaal(vandaag, None)}
    assert perioden == {startpagina.signalen_van_regio(cm, op=vandaag)[0]}
    _thuis(client, cm)
    assert len(berekend) == 2  # from the cache
    stel_norm_vast(door=cm, indicator="KWA01", soort="absoluut", geldig_vanaf=date(2025, 1, 1), ondergrens=50)
    _thuis(client, cm)
    assert len(berekend) == 4  # a new norm: computed again
