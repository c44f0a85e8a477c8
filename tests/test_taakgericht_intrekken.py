"""R-R2, iJw IV096 with IV008: under a task-based assignment the JW307 stop keeps its
RedenBeeindiging (codelist JZ588, validated, counted on the monitoring page), and the
opdrachtnemer deletes a start or stop it reported in error (StatusAanlevering 3) — through the
services ``trek_start_in`` / ``trek_stop_in`` and over iJw, the messages valid against the XSD and
the standard's stylesheet. Zwolle and Kampen play the sub-region (tests/builders/taakgericht.py)."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige
from jeugdregie.taakgericht.constants import Foutcode
from jeugdregie.taakgericht.models import Opdrachtgebeurtenis, Zorgperiode
from jeugdregie.taakgericht.services import (
    meld_start,
    meld_stop,
    trek_start_in,
    trek_stop_in,
    verwijs_naar_opdracht,
)

from .builders.taakgericht import geldig, mvs, retourcodes, start_stop
from .factories import JeugdigeFactory
from .klok import op_de_dag

MAART = date(2026, 3, 2)
SLEUTEL = {"productcode": "45A03", "begindatum": MAART}


@pytest.fixture
def gestart(route):
    """Mila of Zwolle referred to the assignment and started on 2 March by the opdrachtnemer."""
    opdracht = mvs(route)
    mila = JeugdigeFactory(gemeente=route["zwolle"], voornamen="Mila", achternaam="Maassluis")
    nemer = route["gebruikers"]["opdrachtnemer"]
    with op_de_dag(MAART):
        verwijs_naar_opdracht(opdracht=opdracht, jeugdige=mila, door=route["gebruikers"]["toegang"])
        meld_start(opdracht=opdracht, bsn=mila.bsn, door=nemer, **SLEUTEL)
    route.update(opdracht=opdracht, mila=mila, nemer=nemer)
    return route


def _stop(route, reden="32", einddatum=date(2026, 4, 30)):
    with op_de_dag(date(2026, 5, 6)):
        return meld_stop(
            opdracht=route["opdracht"],
            bsn=route["mila"].bsn,
            einddatum=einddatum,
            reden=reden,
            door=route["nemer"],
            **SLEUTEL,
        )


def _ziet(route) -> bool:
    return Jeugdige.objects.voor_gebruiker(route["nemer"]).filter(pk=route["mila"].pk).exists()


# --- JW307 RedenBeeindiging --------------------------------------------------------------------


def test_stop_bewaart_de_reden(gestart):
    """iJw JW307: the RedenBeeindiging is kept with the period, in the event and the audit row."""
    periode = _stop(gestart, reden="32")
    assert (periode.einddatum, periode.reden_beeindiging) == (date(2026, 4, 30), "32")
    assert Opdrachtgebeurtenis.objects.get(soort="gestopt").gegevens["reden"] == "32"
    assert "reden=32" in AuditRegel.objects.filter(objecttype="taakgericht.Zorgperiode").latest("pk").details


@pytest.mark.parametrize("reden", ["", "39", "99", "3"])
def test_stop_met_een_reden_buiten_jz588_wordt_geweigerd(gestart, reden):
    """JZ588: a reason not in the codelist (or none) is refused naming the codes; nothing stops."""
    with pytest.raises(DomainError) as fout:
        _stop(gestart, reden=reden)
    assert fout.value.code == Foutcode.REDEN_ONGELDIG
    assert "codelijst JZ588" in fout.value.message and "02, 20, 31" in fout.value.message
    assert Zorgperiode.objects.get().einddatum is None


def test_monitoring_telt_de_stops_per_reden(client, gestart):
    """The monitoring page counts the year's stops per JZ588 reason (aggregates, no child)."""
    _stop(gestart, reden="32")
    client.force_login(gestart["gebruikers"]["contractmanager"])
    pagina = client.get(f"/taakgericht/{gestart['opdracht'].pk}/?jaar=2026").content.decode()
    assert "Gestopte zorg per reden" in pagina
    assert "32 Voortijdig afgesloten, door cliënt" in pagina
    assert "Maassluis" not in pagina


# --- deleting a start or a stop (services) ---------------------------------------------------


def test_start_intrekken_beeindigt_het_zicht(gestart):
    """IV008: the opdrachtnemer deletes its start: the period goes, the sight the start granted
    ends, an event and an audit row (with the child) record it; the key is free for the right start."""
    assert _ziet(gestart)
    ingetrokken = trek_start_in(opdracht=gestart["opdracht"], bsn=gestart["mila"].bsn, door=gestart["nemer"], **SLEUTEL)
    assert ingetrokken.jeugdige_id == gestart["mila"].pk
    assert not Zorgperiode.objects.exists()
    assert not Betrokkenheid.objects.filter(bron="taakgericht").exists()
    assert not _ziet(gestart)
    assert Opdrachtgebeurtenis.objects.filter(soort="start_ingetrokken").count() == 1
    assert AuditRegel.objects.filter(
        objecttype="taakgericht.Zorgperiode", actie="verwijderen", client_id=gestart["mila"].pk
    ).exists()
    with op_de_dag(MAART):
        meld_start(opdracht=gestart["opdracht"], bsn=gestart["mila"].bsn, door=gestart["nemer"], **SLEUTEL)
    assert _ziet(gestart)


def test_start_met_stop_pas_na_de_stop_intrekken(gestart):
    """TR071: a start that has a stop is deleted after its stop; deleting the stop lets the care
    run again (and the sight with it), then the start can go."""
    _stop(gestart, reden="31")
    with pytest.raises(DomainError) as fout:
        trek_start_in(opdracht=gestart["opdracht"], bsn=gestart["mila"].bsn, door=gestart["nemer"], **SLEUTEL)
    assert fout.value.code == Foutcode.EERST_STOP_VERWIJDEREN
    assert "verwijder eerst de stop" in fout.value.message
    assert Zorgperiode.objects.get().einddatum == date(2026, 4, 30)

    periode = trek_stop_in(
        opdracht=gestart["opdracht"],
        bsn=gestart["mila"].bsn,
        einddatum=date(2026, 4, 30),
        reden="31",
        door=gestart["nemer"],
        **SLEUTEL,
    )
    assert (periode.einddatum, periode.stop_gemeld_op, periode.reden_beeindiging) == (None, None, "")
    assert _ziet(gestart)
    trek_start_in(opdracht=gestart["opdracht"], bsn=gestart["mila"].bsn, door=gestart["nemer"], **SLEUTEL)
    assert not Zorgperiode.objects.exists() and not _ziet(gestart)


@pytest.mark.parametrize(
    ("wie", "wijziging", "code"),
    [
        ("aanbieder", {}, Foutcode.ROL),  # another provider
        ("toegang", {}, Foutcode.ROL),  # the municipality does not delete the provider's report
        ("nemer", {"einddatum": date(2026, 4, 29)}, Foutcode.GEEN_AANLEVERING),  # another Einddatum
        ("nemer", {"reden": "33"}, Foutcode.GEEN_AANLEVERING),  # another reason
        ("nemer", {"begindatum": date(2026, 3, 3)}, Foutcode.GEEN_AANLEVERING),  # another key
    ],
)
def test_stop_intrekken_alleen_door_de_opdrachtnemer_met_dezelfde_stop(gestart, wie, wijziging, code):
    """IV008/TR063: only the opdrachtnemer deletes, and only the stop it reported (key, Einddatum,
    reason); a refusal changes nothing."""
    _stop(gestart, reden="31")
    door = gestart["nemer"] if wie == "nemer" else gestart["gebruikers"][wie]
    stop = {"einddatum": date(2026, 4, 30), "reden": "31", **SLEUTEL, **wijziging}
    with pytest.raises(DomainError) as fout:
        trek_stop_in(opdracht=gestart["opdracht"], bsn=gestart["mila"].bsn, door=door, **stop)
    assert fout.value.code == code
    assert Zorgperiode.objects.get().einddatum == date(2026, 4, 30)
    assert not Opdrachtgebeurtenis.objects.filter(soort="stop_ingetrokken").exists()


def test_start_intrekken_door_een_ander_of_zonder_start_geweigerd(gestart):
    with pytest.raises(DomainError) as fout:
        trek_start_in(
            opdracht=gestart["opdracht"], bsn=gestart["mila"].bsn, door=gestart["gebruikers"]["aanbieder"], **SLEUTEL
        )
    assert fout.value.code == Foutcode.ROL
    with pytest.raises(DomainError) as fout:
        trek_start_in(
            opdracht=gestart["opdracht"],
            bsn=gestart["mila"].bsn,
            door=gestart["nemer"],
            productcode="45A03",
            begindatum=date(2026, 3, 9),
        )
    assert fout.value.code == Foutcode.GEEN_AANLEVERING
    assert Zorgperiode.objects.count() == 1 and _ziet(gestart)


# --- over iJw, end to end ----------------------------------------------------------------------


def test_ijw_stop_en_start_verwijderen(gestart, klok):
    """iJw IV096 + IV008 end to end: a JW307 with reason 34 is kept; a JW305 deleting the start
    is refused with 9071 while the stop exists; a JW307 deleting the stop with another reason is
    9063 (TR063); the JW307 deleting the stop and then the JW305 deleting the start are accepted
    (0200) and end the sight. Every message and retour is valid against the XSD and the standard's
    stylesheet."""
    from jeugdregie.ijw.services.ontvangen import ontvang

    mila, nemer = gestart["mila"], gestart["nemer"]
    klok(date(2026, 5, 6))

    def stuur(berichttype, retourtype, **velden):
        data = start_stop(gestart, mila, begindatum=MAART, **velden)
        geldig(data, berichttype)
        ontvangst = ontvang(data, door=nemer)
        geldig(ontvangst.retour_xml, retourtype)
        return ontvangst

    stop = {"einddatum": date(2026, 4, 30)}
    assert set(retourcodes(stuur("JW307", "JW308", **stop, reden="34", identificatie="TG-S1"))) == {"0200"}
    assert Zorgperiode.objects.get().reden_beeindiging == "34"

    te_vroeg = stuur("JW305", "JW306", status="3", identificatie="TG-D1")
    assert "9071" in retourcodes(te_vroeg)
    assert "verwijder eerst de stop" in te_vroeg.bericht.fouten[0]["toelichting"]

    verkeerd = stuur("JW307", "JW308", **stop, reden="31", status="3", identificatie="TG-D2")
    assert "9063" in retourcodes(verkeerd)
    assert Zorgperiode.objects.get().einddatum == date(2026, 4, 30)

    assert set(retourcodes(stuur("JW307", "JW308", **stop, reden="34", status="3", identificatie="TG-D3"))) == {"0200"}
    assert Zorgperiode.objects.get().einddatum is None and _ziet(gestart)
    assert set(retourcodes(stuur("JW305", "JW306", status="3", identificatie="TG-D4"))) == {"0200"}
    assert not Zorgperiode.objects.exists() and not _ziet(gestart)
    assert list(Opdrachtgebeurtenis.objects.filter(soort__endswith="ingetrokken").values_list("soort", flat=True)) == [
        "stop_ingetrokken",
        "start_ingetrokken",
    ]
    nog_eens = stuur("JW305", "JW306", status="3", identificatie="TG-D5")
    assert "9063" in retourcodes(nog_eens)
