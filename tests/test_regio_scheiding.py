"""Issue 22 §5: two regions in one installation, every page and export scoped per region.

IJsselland and Rijnmond generated small side by side, with their demo users (one per role each).
Every user opens the home page, every page of its menu and every CSV export those pages offer;
a Rijnmond user then finds no IJsselland municipality, provider or child, and an IJsselland user
none of Rijnmond (R-P1, R-R3: a region's data is its own; R-R1: each its own rule set)."""

import re
from datetime import date
from html import unescape
from io import StringIO
from urllib.parse import urljoin

import pytest
from django.core.management import call_command

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.accounts.policies import regio_id_van
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.models import AuditRegel
from jeugdregie.audit.services import log
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige, Woonplaats
from jeugdregie.organisaties.models import Aanbieder, Contract, Gemeente, Regio, Verwijzer, Wachttijdmelding
from jeugdregie.portaal.navigatie import links_voor
from jeugdregie.synthese.demogebruikers import maak_demogebruikers

from .factories import (
    AanbiederFactory,
    GebruikerFactory,
    GemeenteFactory,
    JeugdigeFactory,
    RegioFactory,
    VerwijzerFactory,
)

RIJNMOND_GEBRUIKER = re.compile(r"rijnmond|rotterdam")
HREF = re.compile(r'href="([^"]*export=csv[^"]*)"')


def _verboden(code: str, eigen: str) -> list[tuple[str, re.Pattern]]:
    """What a user of region ``eigen`` must not see of region ``code``: its municipalities' and
    providers' names (those the own region has not as well) and links to its children."""
    namen = set(Gemeente.objects.filter(regio__code=code).values_list("naam", flat=True))
    namen |= set(Aanbieder.objects.filter(regio__code=code).values_list("naam", flat=True))
    namen -= set(Gemeente.objects.filter(regio__code=eigen).values_list("naam", flat=True))
    namen -= set(Aanbieder.objects.filter(regio__code=eigen).values_list("naam", flat=True))
    uit = [(naam, re.compile(rf"(?<![\w-]){re.escape(naam)}(?![\w-])")) for naam in sorted(namen)]
    kinderen = Jeugdige.objects.filter(woonplaatsen__gemeente__regio__code=code).values_list("pk", flat=True)
    uit.append(("kind", re.compile(rf"/jeugdigen/({'|'.join(map(str, kinderen))})/")))
    return uit


def _paginas(client, gebruiker) -> dict[str, str]:
    """The home page, the user's menu pages and the CSV exports they link to: url -> text."""
    client.force_login(gebruiker)
    urls = ["/", *(link.url for link in links_voor(gebruiker))]
    gezien: dict[str, str] = {}
    while urls:
        url = urls.pop(0)
        if url in gezien:
            continue
        antwoord = client.get(url)
        assert antwoord.status_code in (200, 302), (gebruiker.username, url, antwoord.status_code)
        if antwoord.status_code != 200 or getattr(antwoord, "streaming", False):
            gezien[url] = ""
            continue
        tekst = unescape(antwoord.content.decode("utf-8", errors="replace"))
        gezien[url] = tekst
        if "export=csv" not in url:
            urls.extend(urljoin(url, unescape(h)) for h in HREF.findall(antwoord.content.decode()))
    return gezien


@pytest.fixture
def twee_regios(catalogus):
    """Both regions, dated today as the demo (scripts/run), with declarations and the rollup."""
    uit = StringIO()
    call_command(
        "genereer_regio", "--schaal", "0.01", "--rijnmond-schaal", "0.01", "--seed", "7",
        "--peildatum", vandaag().isoformat(), stdout=uit,
    )  # fmt: skip
    maak_demogebruikers()
    # the scorecards, comparison and signals read the rollup: built outside a transaction
    call_command("beheersing", "ververs", "--volledig", stdout=uit)
    return {
        code: {"verboden": _verboden(ander, code)}
        for code, ander in (("ijsselland", "rijnmond"), ("rijnmond", "ijsselland"))
    }


def test_organisaties_en_auditlog_per_regio(wereld):
    """R-P1 with two regions: every role reads the municipalities, providers, contracts,
    referrers, waiting times and (the beheerder) audit rows of its own region only; a provider of
    another region that holds a contract here counts as one of this region's (R-R3)."""
    rijnmond = RegioFactory(code="rijnmond", naam="Rijnmond")
    rotterdam = GemeenteFactory(regio=rijnmond, cbs_code="0599", naam="Rotterdam")
    eigen = AanbiederFactory(regio=rijnmond)
    ook_hier = AanbiederFactory(regio=rijnmond)  # contracted in IJsselland as well
    Contract.objects.create(aanbieder=ook_hier, regio=rotterdam.regio, nummer="R-1", begindatum=date(2026, 1, 1))
    Contract.objects.create(aanbieder=ook_hier, regio=wereld["zwolle"].regio, nummer="I-1", begindatum=date(2026, 1, 1))
    VerwijzerFactory(regio=rijnmond)
    Wachttijdmelding.objects.create(aanbieder=eigen, productcategorie="ambulant", weken=3, gemeld_op=date(2026, 1, 5))
    toegang_rotterdam = GebruikerFactory(rol=Rol.TOEGANG, gemeente=rotterdam)
    beheerder_rijnmond = GebruikerFactory(rol=Rol.BEHEERDER, gemeente=None, regio=rijnmond)
    log(actie=Actie.LEZEN, objecttype="test", door=toegang_rotterdam)
    log(actie=Actie.LEZEN, objecttype="test", door=wereld["gebruikers"]["toegang"])
    ijsselland = wereld["zwolle"].regio

    for naam, gebruiker in wereld["gebruikers"].items():
        assert set(Regio.objects.voor_gebruiker(gebruiker)) == {ijsselland}, naam
        assert rotterdam not in Gemeente.objects.voor_gebruiker(gebruiker), naam
        assert set(Aanbieder.objects.voor_gebruiker(gebruiker)) == {
            wereld["aanbieder"],
            wereld["andere_aanbieder"],
            ook_hier,
        }, naam
        assert not Contract.objects.voor_gebruiker(gebruiker).filter(regio=rijnmond).exists(), naam
        assert not Verwijzer.objects.voor_gebruiker(gebruiker).filter(regio=rijnmond).exists(), naam
        assert not Wachttijdmelding.objects.voor_gebruiker(gebruiker).exists(), naam
    assert set(Gemeente.objects.voor_gebruiker(toegang_rotterdam)) == {rotterdam}
    assert set(Aanbieder.objects.voor_gebruiker(toegang_rotterdam)) == {eigen, ook_hier}
    assert Wachttijdmelding.objects.voor_gebruiker(toegang_rotterdam).count() == 1
    assert set(Contract.objects.voor_gebruiker(toegang_rotterdam).values_list("nummer", flat=True)) == {"R-1"}
    # R-P2: each region's beheerder reads the audit rows of its own region's users
    assert set(AuditRegel.objects.voor_gebruiker(beheerder_rijnmond).values_list("gebruiker_id", flat=True)) == {
        toegang_rotterdam.pk
    }
    ijsselland_rijen = AuditRegel.objects.voor_gebruiker(wereld["gebruikers"]["beheerder"])
    assert ijsselland_rijen.filter(gebruiker_id=wereld["gebruikers"]["toegang"].pk).exists()
    assert not ijsselland_rijen.filter(gebruiker_id=toegang_rotterdam.pk).exists()
    assert not AuditRegel.objects.voor_gebruiker(toegang_rotterdam).exists()  # not a beheerder


def test_regels_over_jeugdigen_in_het_auditlog_per_regio(wereld):
    """R-P2 with two regions (who else could read this?): a row about a young person is read by
    the beheerder of the region the young person lived in on the row's date — a system row (no
    user), and also a row of another region's provider (Rijnmond's privacy officer finds who opened
    its child) — and not by the other region's beheerder, unless its own user wrote it; a child who
    moved from Zwolle to Rotterdam before the row is Rijnmond's only; a system row about no young
    person is read by both."""
    rijnmond = RegioFactory(code="rijnmond", naam="Rijnmond")
    rotterdam = GemeenteFactory(regio=rijnmond, cbs_code="0599", naam="Rotterdam")
    beheerder = {
        "ijsselland": wereld["gebruikers"]["beheerder"],
        "rijnmond": GebruikerFactory(rol=Rol.BEHEERDER, gemeente=None, regio=rijnmond),
    }
    verhuisd = JeugdigeFactory(gemeente=rotterdam)
    verhuisd.woonplaatsen.update(begindatum=date(2024, 1, 1))
    Woonplaats.objects.create(
        jeugdige=verhuisd, gemeente=wereld["zwolle"], begindatum=date(2015, 1, 1), einddatum=date(2023, 12, 31)
    )
    rotterdammer = JeugdigeFactory(gemeente=rotterdam)
    aanbieder = wereld["gebruikers"]["aanbieder"]  # an IJsselland provider's employee
    rij = {
        "zwolle": log(actie=Actie.LEZEN, objecttype="test", jeugdige=wereld["jeugdige_zwolle"]).pk,
        "rotterdam": log(actie=Actie.LEZEN, objecttype="test", jeugdige=rotterdammer).pk,
        "verhuisd": log(actie=Actie.LEZEN, objecttype="test", jeugdige=verhuisd).pk,
        "geen": log(actie=Actie.WIJZIGEN, objecttype="test", details="nachtelijke taak").pk,
        "aanbieder_rotterdam": log(actie=Actie.LEZEN, objecttype="test", jeugdige=rotterdammer, door=aanbieder).pk,
    }
    verwacht = {
        "ijsselland": {rij["zwolle"], rij["geen"], rij["aanbieder_rotterdam"]},  # its own user's row
        "rijnmond": {rij["rotterdam"], rij["verhuisd"], rij["geen"], rij["aanbieder_rotterdam"]},
    }
    for regio, gebruiker in beheerder.items():
        zichtbaar = set(AuditRegel.objects.voor_gebruiker(gebruiker).values_list("pk", flat=True))
        assert zichtbaar & set(rij.values()) == verwacht[regio], regio


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_elke_pagina_en_export_toont_alleen_de_eigen_regio(twee_regios, client):
    lekken = []
    gebruikers = Gebruiker.objects.filter(is_active=True).exclude(username__startswith="synthese-").order_by("username")
    assert gebruikers.filter(username__regex="rijnmond|rotterdam").count() >= 10
    codes = dict(Regio.objects.values_list("pk", "code"))
    for gebruiker in gebruikers:
        eigen = codes[regio_id_van(gebruiker)]  # the region of the user's organisation
        paginas = _paginas(client, gebruiker)
        assert len(paginas) > 2, gebruiker.username
        for url, tekst in paginas.items():
            for wat, patroon in twee_regios[eigen]["verboden"]:
                if patroon.search(tekst):
                    lekken.append((gebruiker.username, url, wat))
        client.logout()
    per_pagina = sorted({(gebruiker, url): wat for gebruiker, url, wat in lekken}.items())
    assert per_pagina == [], "\n".join(f"{g} {u} {w}" for (g, u), w in per_pagina)
