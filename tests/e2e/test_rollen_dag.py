"""Issue 19: the main day of every demo role, in a real browser, on a small synthetic region that is
generated through the domain services relative to today (as ``./scripts/run`` does) with the
nightly commands run after it.

Each role logs in as a person does (password, then the code of its authenticator app) and walks
its day: home page → an item of its work (a worklist item, or the page its home section points
to) → an action there → back home; the roles that read the register open a child's dossier and
the referral form prefilled from it; the roles with an inbox open their notifications. Every page
is screenshotted under ``var/screenshots/rollen_dag-<rol>-NN-<stap>.png`` and scanned
(``builders.paginacontrole``): no amount outside the Dutch notation, no SPEC rule ID."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.betalingen.models import Betaalbatch
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.portaal.models import Werktoewijzing
from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from ..builders.browser import csp_fouten
from ..builders.paginacontrole import fouten
from ..inloggen import code_van
from .conftest import SCREENSHOT_DIR, vereis_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture
def demo(transactional_db, catalogus):
    """The demo region at a small scale, dated today, with the demo users and the nightly work."""
    call_command("genereer_regio", "--schaal", "0.02", "--seed", "42", stdout=_Stil())  # dated today, as scripts/run
    logins = {login.gebruikersnaam: login for login in maak_demogebruikers()}
    for opdracht in (
        ("ijw_demo",),
        ("budgetten", "vrijgeven"),
        ("begroting", "signalen"),
        ("beheersing", "ververs", "--volledig"),
    ):
        call_command(*opdracht, stdout=_Stil(), stderr=_Stil())
    return logins


class _Stil:
    def write(self, _tekst: str) -> None:
        pass

    def flush(self) -> None:
        pass


class Dag:
    """One role's walk: each page visited is screenshotted and scanned."""

    def __init__(self, page: Page, live_server, rol: str) -> None:
        self.page, self.basis, self.rol = page, live_server.url, rol
        self.stap = 0
        self.fouten: list[str] = []
        self.bedragen = 0
        self.schermen: list[Path] = []

    def bekijk(self, naam: str) -> None:
        expect(self.page.locator("main, body").first).to_be_visible()
        self.stap += 1
        pad = SCREENSHOT_DIR / f"rollen_dag-{self.rol}-{self.stap:02d}-{naam}.png"
        self.page.screenshot(path=str(pad), full_page=True)
        self.schermen.append(pad)
        gevonden, gezien = fouten(f"{self.rol} {self.page.url.removeprefix(self.basis)}", self.page.content())
        self.fouten += gevonden
        self.bedragen += gezien

    def inloggen(self, gebruikersnaam: str, wachtwoord: str) -> None:
        page = self.page
        page.goto(f"{self.basis}/inloggen/")
        page.fill("#id_username", gebruikersnaam)
        page.fill("#id_password", wachtwoord)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Tweede factor")
        page.fill("#id_code", code_van(Gebruiker.objects.get(username=gebruikersnaam)))
        page.get_by_role("button", name="Controleren").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
        self.bekijk("start")

    def naar_huis(self) -> None:
        self.page.goto(f"{self.basis}/")
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Welkom")

    def open_link(self, houder: str, naam: str | re.Pattern | None = None) -> None:
        """Clicks the first link in ``houder`` (a CSS selector), or the one named ``naam``."""
        links = self.page.locator(houder).get_by_role("link", name=naam) if naam else self.page.locator(f"{houder} a")
        expect(links.first).to_be_visible()
        links.first.click()
        self.page.wait_for_load_state()


def werkitem_en_toewijzen(dag: Dag, gebruikersnaam: str) -> None:
    """A worklist item of the home page, then the worklist's full page, where the item is assigned
    to the user with a note: the note shows on the item afterwards."""
    page = dag.page
    kaart = page.locator("section.werkvoorraad", has=page.locator("li")).first
    expect(kaart).to_be_visible()
    kaart.locator("li a").first.click()
    page.wait_for_load_state()
    dag.bekijk("werkitem")
    page.go_back()
    kaart = page.locator("section.werkvoorraad", has=page.locator("li")).first
    kaart.get_by_role("link", name=re.compile(r"^Alle .* tonen$")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    dag.bekijk("werklijst")
    formulier = page.locator("form.toewijzen").first
    gebruiker = Gebruiker.objects.get(username=gebruikersnaam)
    formulier.locator("select[name=toegewezen_aan]").select_option(str(gebruiker.pk))
    formulier.locator("input[name=notitie]").fill("Morgen bellen met de aanbieder")
    formulier.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("form.toewijzen input[name=notitie]").first).to_be_visible()
    assert Werktoewijzing.objects.filter(toegewezen_aan=gebruiker, notitie="Morgen bellen met de aanbieder").exists()
    dag.bekijk("toegewezen")
    dag.naar_huis()


def dossier_en_verwijzing(dag: Dag, *, verwijst: bool) -> None:
    """The dossier of a child with a running keuzebudget in the user's scope (opened from the
    child's page) shows the budget and the timeline; for the referring roles the referral form
    opens prefilled from it."""
    page = dag.page
    gebruiker = Gebruiker.objects.get(username=dag.rol)
    lopend = (
        Toewijzing.objects.voor_gebruiker(gebruiker)
        .filter(status=ToewijzingStatus.GESTART, soort=ToewijzingSoort.KEUZEBUDGET)
        # a child in the user's register: after the demo's move (issue 20, R-D3) the old
        # municipality still ends its allocation but no longer reads the child's dossier
        .filter(jeugdige__in=Jeugdige.objects.voor_gebruiker(gebruiker))
        .order_by("pk")
        .first()
    )
    page.get_by_role("navigation").get_by_role("link", name="Jeugdigen").click()
    dag.bekijk("jeugdigen")
    if lopend is None:  # a referrer's young people: the first of its register
        page.locator("table tbody a").first.click()
    else:
        page.goto(f"{dag.basis}/jeugdigen/{lopend.jeugdige_id}/")
    page.get_by_role("link", name=re.compile("^Dossier")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier van")
    tijdlijn = page.locator("table", has=page.get_by_role("columnheader", name="Omschrijving"))
    expect(tijdlijn.locator("tbody tr").first).to_be_visible()
    if lopend is not None:
        expect(tijdlijn).to_contain_text(f"toewijzing {lopend.pk}")
        expect(page.locator("main")).to_contain_text("8-wekenpunt")
    dag.bekijk("dossier")
    if verwijst:
        page.get_by_role("link", name="Nieuwe verwijzing voor deze jeugdige").click()
        expect(page.locator("#id_bsn")).not_to_have_value("")
        dag.bekijk("verwijzing-voorgevuld")
    dag.naar_huis()


def meldingen(dag: Dag) -> None:
    page = dag.page
    page.locator("header").get_by_role("link", name=re.compile("^Meldingen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meldingen")
    dag.bekijk("meldingen")
    dag.naar_huis()


def sectie(dag: Dag, kaart: str, naam: str | re.Pattern | None, stap: str) -> None:
    """The home section ``kaart`` (its id) leads to the page its link names."""
    expect(dag.page.locator(f"#{kaart}")).to_be_visible()
    dag.open_link(f"#{kaart}", naam)
    dag.bekijk(stap)
    dag.naar_huis()


def _toegang(dag: Dag) -> None:
    werkitem_en_toewijzen(dag, dag.rol)
    dossier_en_verwijzing(dag, verwijst=True)
    meldingen(dag)


def _aanbieder(dag: Dag) -> None:
    werkitem_en_toewijzen(dag, dag.rol)
    dossier_en_verwijzing(dag, verwijst=True)
    meldingen(dag)


def _huisarts(dag: Dag) -> None:
    sectie(dag, "start-verwijzer", "Nieuwe verwijzing via de huisartsroute", "huisartsroute")
    dossier_en_verwijzing(dag, verwijst=True)
    meldingen(dag)


def _gi(dag: Dag) -> None:
    sectie(dag, "start-verwijzer", "Nieuwe bepaling", "bepaling")
    dossier_en_verwijzing(dag, verwijst=True)
    meldingen(dag)


def _financieel(dag: Dag) -> None:
    """The maker: the ended month waiting on its home page becomes a prepared batch."""
    page = dag.page
    expect(page.locator("#start-batchmaanden li").first).to_be_visible()
    dag.open_link("#start-batchmaanden", re.compile(r"^Maand \d\d-\d{4}$"))
    dag.bekijk("batch-voorbereiden")
    page.get_by_role("button", name="Batch voorbereiden").click()
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)  # not the preparer's to approve
    dag.bekijk("batch-voorbereid")
    dag.naar_huis()
    expect(page.locator("#start-tweede-beoordelaar li")).to_contain_text("door u voorbereid")
    sectie(dag, "budgetsignalen", "Naar budgetbeheersing", "budgetbeheersing")


def _financieel_2(dag: Dag) -> None:
    """The checker: the batch the colleague prepared waits on its home page and is approved."""
    page = dag.page
    wachtend = page.locator("#start-tweede-beoordelaar li").first
    expect(wachtend).to_contain_text("u kunt goedkeuren of afwijzen")
    batch = Betaalbatch.objects.get(status=BatchStatus.VOORBEREID)
    wachtend.get_by_role("link").click()
    dag.bekijk("batch-beoordelen")
    page.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("button", name="Goedkeuren")).to_have_count(0)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.GOEDGEKEURD and batch.beoordeeld_door.username == "financieel-2"
    dag.bekijk("batch-goedgekeurd")
    dag.naar_huis()
    expect(page.locator("#start-tweede-beoordelaar")).to_contain_text("Geen betaalbatch wacht op goedkeuring.")


def _contractmanager(dag: Dag) -> None:
    expect(dag.page.locator("#start-rode-lichten li").first).to_be_visible()
    sectie(dag, "start-rode-lichten", None, "scorekaart")
    sectie(dag, "start-signalen", "Naar signalen", "signalen")


def _kerncijfers(dag: Dag) -> None:
    expect(dag.page.locator("#start-kerncijfers tbody tr").first).to_be_visible()
    sectie(dag, "start-kerncijfers", None, "trend")


def _beheerder(dag: Dag) -> None:
    page = dag.page
    dag.open_link("#start-gebruikers", "Naar gebruikers")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers van uw regio")
    dag.bekijk("gebruikers")
    page.locator("table tbody a").first.click()
    dag.bekijk("gebruiker-wijzigen")
    naam = page.get_by_role("heading", level=1).inner_text().rsplit(": ", 1)[1]
    page.fill("#id_email", f"{naam}.nieuw@demo.jeugdregie.example")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers van uw regio")
    assert Gebruiker.objects.get(username=naam).email == f"{naam}.nieuw@demo.jeugdregie.example"
    dag.naar_huis()
    sectie(dag, "start-audit", "Naar auditlog", "auditlog")
    if page.locator("#start-taken a").count():
        sectie(dag, "start-taken", None, "taken")


DAGEN: dict[str, Callable[[Dag], None]] = {
    "toegang": _toegang,
    "toegang-deventer": _toegang,
    "aanbieder": _aanbieder,
    "aanbieder-2": _aanbieder,
    "huisarts": _huisarts,
    "gi": _gi,
    "financieel": _financieel,
    "financieel-2": _financieel_2,
    "contractmanager": _contractmanager,
    "beleid": _kerncijfers,
    "bestuurder": _kerncijfers,
    "beheerder": _beheerder,
}


def test_elke_rol_loopt_haar_dag(browser, live_server, demo):
    vereis_chromium()
    assert set(DAGEN) == set(demo), "elke demogebruiker heeft een dag in deze wandeling"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for oud in SCREENSHOT_DIR.glob("rollen_dag-*.png"):
        oud.unlink()
    alle_fouten: list[str] = []
    schermen: list[Path] = []
    bedragen = 0
    for rol, dag_van in DAGEN.items():
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.console_fouten = []
        page.on("console", lambda m, p=page: p.console_fouten.append(m.text) if m.type == "error" else None)
        dag = Dag(page, live_server, rol)
        try:
            dag.inloggen(rol, demo[rol].wachtwoord)
            dag_van(dag)
            assert csp_fouten(page) == [], (rol, csp_fouten(page))
        finally:
            context.close()
        alle_fouten += dag.fouten
        schermen += dag.schermen
        bedragen += dag.bedragen
    assert all(pad.stat().st_size > 0 for pad in schermen)
    assert len(schermen) >= 3 * len(DAGEN) and bedragen > 10, (len(schermen), bedragen)
    assert not alle_fouten, "\n".join(alle_fouten)
