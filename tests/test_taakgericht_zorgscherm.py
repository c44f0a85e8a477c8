"""iJw IV096 with R-R2 (issue 22 review F6): the opdrachtnemer of a task-based assignment that sends
no JW305/JW307 reports the start and stop of care on a screen, and withdraws a start or stop it
reported in error — thin pages over ``meld_start``, ``meld_stop``, ``trek_start_in`` and
``trek_stop_in``, whose refusals show in Dutch. Only the opdrachtnemer; the referral shows it no
child (R-P4), the start does (R-P1). The server sets the reporting date (R-B9)."""

from __future__ import annotations

from datetime import date

import pytest

from jeugdregie.taakgericht.models import Zorgperiode
from jeugdregie.taakgericht.services import meld_start, meld_stop, verwijs_naar_opdracht

from .builders.taakgericht import mvs
from .factories import JeugdigeFactory
from .klok import op_de_dag

VANDAAG = date(2026, 6, 30)
MAART = date(2026, 3, 2)


@pytest.fixture
def verwezen(route):
    """Mila of Zwolle referred to the MVS assignment (45A03) by the toegang of Zwolle."""
    opdracht = mvs(route)
    mila = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Mila", achternaam="Maassluis")
    with op_de_dag(MAART):
        verwijs_naar_opdracht(opdracht=opdracht, jeugdige=mila, door=route["gebruikers"]["toegang"])
    route.update(opdracht=opdracht, mila=mila, nemer=route["gebruikers"]["opdrachtnemer"])
    return route


@pytest.fixture
def gestart(verwezen):
    with op_de_dag(MAART):
        periode = meld_start(
            opdracht=verwezen["opdracht"],
            bsn=verwezen["mila"].bsn,
            productcode="45A03",
            begindatum=MAART,
            door=verwezen["nemer"],
        )
    verwezen["periode"] = periode
    return verwezen


def _perioden():
    return list(Zorgperiode.objects.values_list("begindatum", "einddatum", "reden_beeindiging", "stop_gemeld_op"))


def _meldingen(antwoord) -> str:
    return " ".join(str(m) for m in antwoord.context["messages"]) if antwoord.context else ""


def test_opdrachtnemer_meldt_de_start_op_het_scherm(client, verwezen):
    """iJw IV096, R-P4, R-B9: the screen lists the provider's assignment; before the start the
    referred child is not on it; a start (BSN, product of the assignment, day care began) is
    recorded with the server's reporting date and the child then shows."""
    r = verwezen
    client.force_login(r["nemer"])
    with op_de_dag(VANDAAG):
        lijst = client.get("/taakgericht/zorg/").content.decode()
        assert "Jeugdmodel MVS" in lijst and f"/taakgericht/{r['opdracht'].pk}/zorg/" in lijst
        pagina = client.get(f"/taakgericht/{r['opdracht'].pk}/zorg/").content.decode()
        assert "Maassluis" not in pagina and r["mila"].bsn not in pagina
        assert '<option value="45A03">' in pagina
        antwoord = client.post(
            f"/taakgericht/{r['opdracht'].pk}/zorg/",
            {"bsn": r["mila"].bsn, "productcode": "45A03", "begindatum": "2026-06-15"},
            follow=True,
        )
    assert "De start van 45A03 op 15-06-2026 is gemeld." in _meldingen(antwoord)
    assert _perioden() == [(date(2026, 6, 15), None, "", None)]
    assert Zorgperiode.objects.get().start_gemeld_op == VANDAAG
    assert "Maassluis" in antwoord.content.decode()


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ({"bsn": "000000000"}, "niet door de toegang naar deze opdracht verwezen"),
        ({"productcode": "45A04"}, "valt niet onder de opdracht"),
        ({"begindatum": "2026-07-01"}, "Meld een start pas als de zorg begonnen is"),
        ({"begindatum": "2025-12-31"}, "valt daarbuiten"),
        ({"begindatum": ""}, 'class="melding fout"'),  # the form's own "required"
    ],
)
def test_een_geweigerde_start_toont_de_reden_en_legt_niets_vast(client, verwezen, invoer, melding):
    """iJw IV096 (TKG012, TKG014, TKG004, TKG013): the service's refusal on the form, in Dutch;
    nothing recorded."""
    r = verwezen
    client.force_login(r["nemer"])
    gegevens = {"bsn": r["mila"].bsn, "productcode": "45A03", "begindatum": "2026-06-15", **invoer}
    with op_de_dag(VANDAAG):
        antwoord = client.post(f"/taakgericht/{r['opdracht'].pk}/zorg/", gegevens)
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert _perioden() == []


def test_dezelfde_start_tweemaal_wordt_geweigerd(client, gestart):
    """iJw IV096 (TKG015): the key (child, product, begindatum) is reported once."""
    r = gestart
    client.force_login(r["nemer"])
    with op_de_dag(VANDAAG):
        antwoord = client.post(
            f"/taakgericht/{r['opdracht'].pk}/zorg/",
            {"bsn": r["mila"].bsn, "productcode": "45A03", "begindatum": "2026-03-02"},
        )
    assert "is al gemeld voor deze jeugdige" in antwoord.content.decode()
    assert Zorgperiode.objects.count() == 1


def test_stop_melden_met_een_reden_uit_jz588(client, gestart):
    """iJw JW307, JZ588: the stop form offers the codelist; a stop is recorded with its reason and
    the server's reporting date."""
    r = gestart
    client.force_login(r["nemer"])
    with op_de_dag(VANDAAG):
        pagina = client.get(f"/taakgericht/{r['opdracht'].pk}/zorg/").content.decode()
        assert "Maassluis" in pagina and '<option value="31">' in pagina and '<option value="38">' in pagina
        antwoord = client.post(
            f"/taakgericht/zorg/{r['periode'].pk}/stop/", {"einddatum": "2026-06-12", "reden": "31"}, follow=True
        )
    assert "De stop van 45A03 op 12-06-2026 is gemeld." in _meldingen(antwoord)
    assert _perioden() == [(MAART, date(2026, 6, 12), "31", VANDAAG)]


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ({"reden": "99"}, "staat niet in codelijst JZ588"),
        ({"einddatum": "2026-03-01"}, "De einddatum moet tussen de begindatum (02-03-2026) en vandaag liggen."),
        ({"einddatum": "2026-07-01"}, "De einddatum moet tussen de begindatum (02-03-2026) en vandaag liggen."),
        ({"einddatum": ""}, "Vul de einddatum in en kies een reden beëindiging."),
    ],
)
def test_een_geweigerde_stop_toont_de_reden_en_verandert_niets(client, gestart, invoer, melding):
    """iJw JW307 (TKG021, TKG004): the refusal as a message in Dutch; the care still runs."""
    r = gestart
    client.force_login(r["nemer"])
    with op_de_dag(VANDAAG):
        antwoord = client.post(
            f"/taakgericht/zorg/{r['periode'].pk}/stop/",
            {"einddatum": "2026-06-12", "reden": "31", **invoer},
            follow=True,
        )
    assert melding in _meldingen(antwoord)
    assert _perioden() == [(MAART, None, "", None)]


def test_stop_en_start_verwijderen(client, gestart):
    """iJw IV008 (StatusAanlevering 3), TR071: a start with a stop is not removed (remove the stop
    first); the stop is removed and the care runs again; then the start is removed."""
    r = gestart
    with op_de_dag(VANDAAG):
        meld_stop(
            opdracht=r["opdracht"],
            bsn=r["mila"].bsn,
            productcode="45A03",
            begindatum=MAART,
            einddatum=date(2026, 6, 12),
            reden="32",
            door=r["nemer"],
        )
        client.force_login(r["nemer"])
        pk = r["periode"].pk
        eerst = client.post(f"/taakgericht/zorg/{pk}/start-verwijderen/", follow=True)
        assert "verwijder eerst de stop, dan de start" in _meldingen(eerst)
        assert _perioden() == [(MAART, date(2026, 6, 12), "32", VANDAAG)]
        stop = client.post(f"/taakgericht/zorg/{pk}/stop-verwijderen/", follow=True)
        assert "De stop is verwijderd; de zorg loopt weer." in _meldingen(stop)
        assert _perioden() == [(MAART, None, "", None)]
        geen_stop = client.post(f"/taakgericht/zorg/{pk}/stop-verwijderen/", follow=True)
        assert "er is geen stop om te verwijderen" in _meldingen(geen_stop)
        start = client.post(f"/taakgericht/zorg/{pk}/start-verwijderen/", follow=True)
        assert "De start is verwijderd." in _meldingen(start)
    assert _perioden() == []


@pytest.mark.parametrize("wie", ["toegang", "financieel", "contractmanager", "beleid", "beheerder", "huisarts"])
def test_gemeente_en_anderen_krijgen_403_en_er_verandert_niets(client, gestart, wie):
    """R-R2, iJw IV096: only a provider uses the screen; every other role gets 403 on each page
    and action, and nothing changes."""
    r = gestart
    client.force_login(r["gebruikers"][wie])
    pk, opdracht = r["periode"].pk, r["opdracht"].pk
    with op_de_dag(VANDAAG):
        assert client.get("/taakgericht/zorg/").status_code == 403
        assert client.get(f"/taakgericht/{opdracht}/zorg/").status_code == 403
        start = {"bsn": r["mila"].bsn, "productcode": "45A03", "begindatum": "2026-06-15"}
        assert client.post(f"/taakgericht/{opdracht}/zorg/", start).status_code == 403
        assert (
            client.post(f"/taakgericht/zorg/{pk}/stop/", {"einddatum": "2026-06-12", "reden": "31"}).status_code == 403
        )
        assert client.post(f"/taakgericht/zorg/{pk}/start-verwijderen/").status_code == 403
    assert _perioden() == [(MAART, None, "", None)]


def test_een_andere_aanbieder_ziet_de_opdracht_niet_en_verandert_niets(client, gestart):
    """R-R2, R-P4: a provider that is not the opdrachtnemer has no assignment on its list, gets
    404 on the assignment and on its care periods, and changes nothing."""
    r = gestart
    client.force_login(r["gebruikers"]["aanbieder"])
    pk, opdracht = r["periode"].pk, r["opdracht"].pk
    with op_de_dag(VANDAAG):
        assert (
            "U bent geen opdrachtnemer van een taakgerichte opdracht."
            in client.get("/taakgericht/zorg/").content.decode()
        )
        assert client.get(f"/taakgericht/{opdracht}/zorg/").status_code == 404
        start = {"bsn": r["mila"].bsn, "productcode": "45A03", "begindatum": "2026-06-15"}
        assert client.post(f"/taakgericht/{opdracht}/zorg/", start).status_code == 404
        assert (
            client.post(f"/taakgericht/zorg/{pk}/stop/", {"einddatum": "2026-06-12", "reden": "31"}).status_code == 404
        )
        assert client.post(f"/taakgericht/zorg/{pk}/stop-verwijderen/").status_code == 404
        assert client.post(f"/taakgericht/zorg/{pk}/start-verwijderen/").status_code == 404
    assert _perioden() == [(MAART, None, "", None)]


def test_anoniem_wordt_naar_inloggen_gestuurd(client, gestart):
    for url in ("/taakgericht/zorg/", f"/taakgericht/{gestart['opdracht'].pk}/zorg/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")
    antwoord = client.post(f"/taakgericht/zorg/{gestart['periode'].pk}/start-verwijderen/")
    assert antwoord.status_code == 302 and Zorgperiode.objects.count() == 1


def test_de_opdrachtnemer_vindt_het_scherm_in_het_menu(gestart):
    from jeugdregie.portaal.navigatie import links_voor

    def titels(wie):
        return [str(link.titel) for link in links_voor(gestart["gebruikers"][wie])]

    assert "Taakgerichte zorg" in titels("opdrachtnemer")
    assert "Taakgerichte zorg" not in titels("toegang") and "Taakgerichte zorg" not in titels("financieel")
