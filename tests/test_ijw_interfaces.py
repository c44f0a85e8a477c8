"""The interfaces of the iJw exchange (issue 5 §6, R-M1): the HTTP endpoint (one message or a
zip), replay, the scoped message log in the API and on screen (R-P1, audit R-P2), the download
of outbound XML with its delivery status, and ``manage.py ijw verwerk`` / ``maak``."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from jeugdregie.audit.models import AuditRegel
from jeugdregie.ijw.constants import Berichttype, namespace
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.ijw.interfaces import API, jw305, toegewezen

XML = "application/xml"
NS306 = {"m": namespace(Berichttype.JW306)}
ZW, DV = "ZWOLLE000001", "DEVENTER0001"  # identificaties in the log of Zwolle and Deventer


heeft_jw305 = pytest.mark.skipif(
    importlib.util.find_spec("jeugdregie.ijw.berichten.jw305") is None, reason="JW305-verwerker nog niet aanwezig"
)


def _post(client, route, data: bytes, *, wie="aanbieder", content_type=XML):
    client.force_login(route["gebruikers"][wie])
    return client.post(API, data=data, content_type=content_type)


def _retourcodes(xml: bytes) -> list[str]:
    return etree.fromstring(xml).xpath("m:Header/m:RetourCodes/m:RetourCode/text()", namespaces=NS306)


# --- HTTP endpoint ---------------------------------------------------------------------------


@heeft_jw305
def test_endpoint_verwerkt_jw305_en_antwoordt_met_jw306(client, route):
    """R-M1, issue 5 §6: a provider posts a JW305 and gets the JW306 back; care has started."""
    toewijzing = toegewezen(route)
    antwoord = _post(client, route, jw305(route, toewijzing))
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == XML, antwoord.content.decode()
    retour = etree.fromstring(antwoord.content)
    assert etree.QName(retour).namespace == namespace(Berichttype.JW306)
    assert _retourcodes(antwoord.content) == ["0200"]
    inkomend = Bericht.objects.get(richting="in")
    assert antwoord["X-Ijw-Bericht"] == str(inkomend.pk) and antwoord["X-Ijw-Herhaling"] == "false"
    assert (inkomend.berichttype, inkomend.status, inkomend.toewijzing_id) == ("JW305", "verwerkt", toewijzing.pk)
    assert inkomend.inhoud is None  # inbound content holds BSNs: only its fingerprint is kept
    uitgaand = Bericht.objects.get(richting="uit")
    assert (uitgaand.berichttype, uitgaand.status, uitgaand.antwoord_op) == ("JW306", "opgehaald", inkomend)
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.startdatum_zorg) == ("gestart", date(2026, 3, 9))


@heeft_jw305
def test_herhaald_bericht_geeft_dezelfde_retour_en_wijzigt_niets(client, route):
    """Issue 5 §5, TR056: a replay returns the original retour and changes nothing."""
    toewijzing = toegewezen(route)
    data = jw305(route, toewijzing)
    eerste = _post(client, route, data)
    gebeurtenissen, berichten = Gebeurtenis.objects.count(), Bericht.objects.count()
    tweede = _post(client, route, data)
    assert tweede.status_code == 200 and tweede.content == eerste.content
    assert tweede["X-Ijw-Herhaling"] == "true" and tweede["X-Ijw-Bericht"] == eerste["X-Ijw-Bericht"]
    assert (Gebeurtenis.objects.count(), Bericht.objects.count()) == (gebeurtenissen, berichten)


@pytest.mark.parametrize("wie", ["toegang", "financieel", "contractmanager", "beheerder"])
def test_alleen_een_aanbieder_dient_berichten_in(client, route, wie):
    """Issue 5 §6: the municipality sends through its outbox; nothing is read or stored."""
    antwoord = _post(client, route, b"<x/>", wie=wie)
    assert antwoord.status_code == 403
    assert not Bericht.objects.exists()


def test_anoniem_wordt_geweigerd(client, route):
    assert client.post(API, data=b"<x/>", content_type=XML).status_code in (401, 403)
    assert client.get(API).status_code in (401, 403)
    assert not Bericht.objects.exists()


def test_ander_formaat_dan_xml_of_zip_wordt_geweigerd(client, route):
    antwoord = _post(client, route, b"{}", content_type="application/json")
    assert antwoord.status_code == 415
    assert not Bericht.objects.exists()


@heeft_jw305
def test_zip_geeft_retouren_en_samenvatting_per_bestand(client, route):
    """Issue 5 §6/§10: a batch as zip; each entry processed on its own, refusals listed."""
    toewijzing = toegewezen(route)
    bron = io.BytesIO()
    with zipfile.ZipFile(bron, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("start.xml", jw305(route, toewijzing))
        z.writestr("kapot.xml", b"<geen xml")
    antwoord = _post(client, route, bron.getvalue(), content_type="application/zip")
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(antwoord.content)) as z:
        assert sorted(z.namelist()) == ["samenvatting.csv", "samenvatting.json", "start.JW306.xml"]
        assert _retourcodes(z.read("start.JW306.xml")) == ["0200"]
        rijen = {r["bestand"]: r for r in json.loads(z.read("samenvatting.json"))}
        csv_rijen = list(csv.DictReader(io.StringIO(z.read("samenvatting.csv").decode()), delimiter=";"))
    assert (rijen["start.xml"]["status"], rijen["start.xml"]["retourcodes"]) == ("verwerkt", "0200")
    assert (rijen["kapot.xml"]["status"], rijen["kapot.xml"]["foutcode"]) == ("geweigerd", "IJW003")
    assert [r["bestand"] for r in csv_rijen] == ["start.xml", "kapot.xml"]
    assert sorted(Bericht.objects.filter(richting="in").values_list("status", flat=True)) == ["geweigerd", "verwerkt"]


# --- The message log in the API: scoping (R-P1) ----------------------------------------------


def _log(route):
    """One message exchange per provider and municipality, created as the receiver does."""
    bsn = route["jeugdige_zwolle"].bsn
    zwolle = Bericht.objects.create(
        richting="in", berichttype="JW305", afzender=route["aanbieder"].agb_code, ontvanger="0193",
        identificatie=ZW, status="afgekeurd", aanbieder=route["aanbieder"], gemeente=route["zwolle"],
        jeugdige=route["jeugdige_zwolle"], retourcodes=["0200"],
        fouten=[{"klasse": "Client", "sleutel": bsn, "codes": ["9019"], "toelichting": "Stop"}],
    )  # fmt: skip
    deventer = Bericht.objects.create(
        richting="in", berichttype="JW323", afzender=route["andere_aanbieder"].agb_code, ontvanger="0150",
        identificatie=DV, status="verwerkt", aanbieder=route["andere_aanbieder"], gemeente=route["deventer"],
    )  # fmt: skip
    return zwolle, deventer


@pytest.mark.parametrize(
    ("wie", "ziet"),
    [
        ("aanbieder", [ZW]),
        ("andere_aanbieder", [DV]),
        ("toegang", [ZW]),
        ("financieel", [ZW]),
        ("toegang_andere_gemeente", [DV]),
        ("contractmanager", [DV, ZW]),
        ("beheerder", [DV, ZW]),
    ],
)
def test_berichtenlog_api_per_rol(client, route, wie, ziet):
    """R-P1: a provider its own messages, a municipality its own, the region (no content) all."""
    _log(route)
    client.force_login(route["gebruikers"][wie])
    antwoord = client.get(API)
    assert antwoord.status_code == 200
    assert sorted(b["identificatie"] for b in antwoord.json()["results"]) == ziet
    assert AuditRegel.objects.filter(actie="zoeken", objecttype="ijw.Bericht").count() == 1


@pytest.mark.parametrize("wie", ["beleid", "bestuurder", "huisarts", "gi"])
def test_berichtenlog_niet_voor_andere_rollen(client, route, wie):
    zwolle, _ = _log(route)
    client.force_login(route["gebruikers"][wie])
    assert client.get(API).status_code == 403
    assert client.get(f"{API}{zwolle.pk}/").status_code == 403
    assert client.get("/ijw/").status_code == 403


def test_detail_met_sleutel_alleen_voor_rollen_met_persoonsgegevens(client, route):
    """R-P1/R-P3: the class key is a BSN; the contract manager sees codes only."""
    zwolle, deventer = _log(route)
    bsn = route["jeugdige_zwolle"].bsn
    client.force_login(route["gebruikers"]["toegang"])
    detail = client.get(f"{API}{zwolle.pk}/").json()
    assert detail["fouten"] == [{"klasse": "Client", "sleutel": bsn, "codes": ["9019"], "toelichting": "Stop"}]
    assert "inhoud" not in detail
    assert client.get(f"{API}{deventer.pk}/").status_code == 404
    client.force_login(route["gebruikers"]["contractmanager"])
    detail = client.get(f"{API}{zwolle.pk}/").json()
    assert detail["fouten"] == [{"klasse": "Client", "sleutel": "", "codes": ["9019"], "toelichting": ""}]
    assert bsn not in json.dumps(detail)


def test_filters_op_richting_type_en_status(client, route):
    _log(route)
    client.force_login(route["gebruikers"]["beheerder"])
    assert [b["identificatie"] for b in client.get(API, {"berichttype": "JW323"}).json()["results"]] == [DV]
    assert [b["identificatie"] for b in client.get(API, {"status": "afgekeurd"}).json()["results"]] == [ZW]
    assert client.get(API, {"richting": "uit"}).json()["count"] == 0


# --- Download of outbound XML: delivery status (issue 5 §3) ----------------------------------


@heeft_jw305
def test_download_door_ontvangende_aanbieder_markeert_opgehaald(client, route):
    toewijzing = toegewezen(route)
    ontvangst = ontvang(jw305(route, toewijzing), door=route["gebruikers"]["aanbieder"])
    retour = ontvangst.retour
    assert retour.status == "klaar"
    # the municipality reads it: not delivered
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.get(f"{API}{retour.pk}/xml/")
    assert antwoord.status_code == 200 and antwoord.content == bytes(retour.inhoud)
    retour.refresh_from_db()
    assert (retour.status, retour.opgehaald) == ("klaar", None)
    # another provider: not found, nothing changes
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    assert client.get(f"{API}{retour.pk}/xml/").status_code == 404
    # the receiving provider: delivered
    client.force_login(route["gebruikers"]["aanbieder"])
    antwoord = client.get(f"{API}{retour.pk}/xml/")
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == XML
    assert antwoord["Content-Disposition"] == f'attachment; filename="JW306_{retour.identificatie}.xml"'
    retour.refresh_from_db()
    assert retour.status == "opgehaald" and retour.opgehaald is not None
    # inbound content is not stored: no download
    assert client.get(f"{API}{ontvangst.bericht.pk}/xml/").status_code == 404
    assert (
        AuditRegel.objects.filter(actie="exporteren", objecttype="ijw.Bericht", object_id=str(retour.pk)).count() == 2
    )
    # the regional roles see the log, not the content
    client.force_login(route["gebruikers"]["contractmanager"])
    assert client.get(f"{API}{retour.pk}/xml/").status_code == 403
    assert client.get(f"/ijw/{retour.pk}/xml/").status_code == 403


# --- The message-log screen ------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["aanbieder", "toegang", "financieel", "contractmanager", "beheerder"])
def test_logscherm_per_rol(client, route, wie):
    """Issue 5 §6: in/out, status, retourcodes, a link to the client for roles that see content;
    finance sees the log without content, BSN or link to the client register (R-P1, R-P4)."""
    zwolle, _ = _log(route)
    client.force_login(route["gebruikers"][wie])
    antwoord = client.get("/ijw/")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert (ZW in inhoud) == (wie != "andere_aanbieder")
    link = f'href="/jeugdigen/{route["jeugdige_zwolle"].pk}/"'
    assert (link in inhoud) == (wie in ("aanbieder", "toegang"))
    detail = client.get(f"/ijw/{zwolle.pk}/")
    assert detail.status_code == 200
    assert (route["jeugdige_zwolle"].bsn in detail.content.decode()) == (wie in ("aanbieder", "toegang"))
    assert AuditRegel.objects.filter(actie="lezen", objecttype="ijw.Bericht", object_id=str(zwolle.pk)).count() == 1
    assert AuditRegel.objects.filter(actie="zoeken", objecttype="ijw.Bericht").count() == 1


@pytest.mark.parametrize("wie", ["andere_aanbieder", "toegang_andere_gemeente"])
def test_logscherm_bericht_van_ander_is_niet_gevonden(client, route, wie):
    zwolle, _ = _log(route)
    client.force_login(route["gebruikers"][wie])
    assert client.get(f"/ijw/{zwolle.pk}/").status_code == 404
    assert ZW not in client.get("/ijw/").content.decode()
    assert AuditRegel.objects.filter(uitkomst="geweigerd", objecttype="ijw.Bericht").count() == 1


def test_logscherm_anoniem_naar_inloggen(client, route):
    zwolle, _ = _log(route)
    for pad in ("/ijw/", f"/ijw/{zwolle.pk}/", f"/ijw/{zwolle.pk}/xml/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_logscherm_filter_en_csv_export(client, route):
    _log(route)
    client.force_login(route["gebruikers"]["beheerder"])
    inhoud = client.get("/ijw/", {"berichttype": "JW323"}).content.decode()
    assert DV in inhoud and ZW not in inhoud
    antwoord = client.get("/ijw/", {"status": "afgekeurd", "export": "csv"})
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:5] == ["id", "datum", "richting", "berichttype", "identificatie"]
    assert [(r[3], r[4], r[7], r[8], r[9]) for r in rijen[1:]] == [
        ("JW305", ZW, "Afgekeurd (retourcodes)", "0200", "1")
    ]
    assert AuditRegel.objects.filter(actie="exporteren", objecttype="ijw.Bericht").count() == 1


def test_menu_toont_berichten_voor_de_juiste_rollen(route):
    from jeugdregie.portaal.navigatie import links_voor

    for wie, verwacht in [("aanbieder", True), ("toegang", True), ("financieel", True), ("beheerder", True),
                          ("contractmanager", True), ("beleid", False), ("huisarts", False)]:  # fmt: skip
        titels = [str(link.titel) for link in links_voor(route["gebruikers"][wie])]
        assert ("iJw-berichten" in titels) == verwacht, wie


# --- manage.py ijw ---------------------------------------------------------------------------


@heeft_jw305
def test_commando_verwerk_schrijft_retouren_en_meldt_weigeringen(route, tmp_path):
    """Issue 5 §6: files processed as the sending provider's technical user; exit code 1 on a refusal."""
    toewijzing = toegewezen(route)
    (tmp_path / "start.xml").write_bytes(jw305(route, toewijzing))
    (tmp_path / "vreemd.xml").write_bytes(jw305(route, toewijzing, identificatie="305000000002", afzender="99999999"))
    with zipfile.ZipFile(tmp_path / "partij.zip", "w") as z:
        z.writestr("map/opnieuw.xml", jw305(route, toewijzing))  # the same message again: a replay
    uit = io.StringIO()
    with pytest.raises(CommandError, match="1 bericht"):
        call_command(
            "ijw", "verwerk", str(tmp_path / "start.xml"), str(tmp_path / "vreemd.xml"), str(tmp_path / "partij.zip"),
            "--uitvoer", str(tmp_path / "retour"), stdout=uit,
        )  # fmt: skip
    regels = uit.getvalue().splitlines()
    assert regels[0].startswith("JW305 305000000001 verwerkt: retour JW306 codes 0200, 0 afgekeurd -> start.JW306.xml")
    assert regels[1].startswith("GEWEIGERD vreemd.xml: IJW006")
    assert "herhaling" in regels[2] and regels[2].endswith("-> map/opnieuw.JW306.xml")
    assert regels[3] == "2 verwerkt, 1 geweigerd."
    assert _retourcodes((tmp_path / "retour" / "start.JW306.xml").read_bytes()) == ["0200"]
    assert (tmp_path / "retour" / "map" / "opnieuw.JW306.xml").read_bytes() == (
        tmp_path / "retour" / "start.JW306.xml"
    ).read_bytes()
    technisch = Bericht.objects.get(richting="in", status="verwerkt").door
    assert (technisch.username, technisch.rol, technisch.aanbieder) == (
        f"ijw-{route['aanbieder'].agb_code}",
        "aanbieder",
        route["aanbieder"],
    )
    assert not technisch.has_usable_password()
    toewijzing.refresh_from_db()
    assert toewijzing.status == "gestart"


def test_commando_verwerk_weigert_slechte_zip_geheel(route, tmp_path):
    pad = tmp_path / "slecht.zip"
    with zipfile.ZipFile(pad, "w") as z:
        z.writestr("../ontsnapt.xml", b"<x/>")
    uit = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ijw", "verwerk", str(pad), stdout=uit)
    assert "GEWEIGERD slecht.zip: IJW009" in uit.getvalue()
    assert list(Bericht.objects.values_list("status", "melding")) == [
        ("geweigerd", "IJW009: Het zip-bestand is geweigerd: '../ontsnapt.xml' is geen veilige bestandsnaam "
         "(geen absolute paden, '..', ':' of '\\').")
    ]  # fmt: skip
    assert not (tmp_path.parent / "ontsnapt.xml").exists()


heeft_uitbox = pytest.mark.skipif(
    importlib.util.find_spec("jeugdregie.ijw.services.uitbox") is None, reason="uitbox.verzamel nog niet aanwezig"
)


@heeft_uitbox
def test_commando_maak_schrijft_berichten_klaar_voor_ophalen(route, tmp_path):
    """Issue 5 §6: ``ijw maak`` writes every outbound message ready for pick-up."""
    toewijzing = toegewezen(route)
    ontvang(jw305(route, toewijzing), door=route["gebruikers"]["aanbieder"])  # a JW306 ready for pick-up
    uit = io.StringIO()
    call_command("ijw", "maak", "--uitvoer", str(tmp_path), stdout=uit)
    klaar = Bericht.objects.filter(richting="uit", status="klaar")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{b.berichttype}_{b.identificatie}.xml" for b in klaar)
    retour = Bericht.objects.get(berichttype="JW306")
    assert (tmp_path / f"JW306_{retour.identificatie}.xml").read_bytes() == bytes(retour.inhoud)
    assert f"{klaar.count()} klaar om op te halen" in uit.getvalue()


@heeft_jw305
def test_retour_die_de_standaard_breekt_wordt_een_nette_weigering(client, route, monkeypatch):
    """Issue 15 §1: if the retour we build breaks a rule of the standard (our fault), the gate
    stops it; the provider gets a Dutch refusal (IJW011, not a server error), the message log
    shows it, nothing of the message stands and its identity stays free, so the same message is
    processed once the fault is repaired."""
    from jeugdregie.ijw.services import ontvangen
    from jeugdregie.ijw.services.postvak import Uitgaandefout
    from jeugdregie.ijw.xml.inhoud import Regelfout

    echt = ontvangen.controleer_uitgaand

    def kapotte_retour(root, berichttype):
        raise Uitgaandefout(berichttype, [Regelfout("TR006", ("/Bericht/Client",), "testfout")])

    toewijzing = toegewezen(route)
    data = jw305(route, toewijzing)
    monkeypatch.setattr(ontvangen, "controleer_uitgaand", kapotte_retour)
    antwoord = _post(client, route, data)
    assert antwoord.status_code == 400 and antwoord["Content-Type"] == "application/json"
    (fout,) = antwoord.json()["fouten"]
    assert fout["code"] == "IJW011" and "niet verwerkt" in fout["melding"] and "TR006" in fout["melding"]
    geweigerd = Bericht.objects.get(richting="in")
    assert (geweigerd.status, geweigerd.berichttype) == ("geweigerd", "JW305")
    assert geweigerd.melding.startswith("IJW011")
    toewijzing.refresh_from_db()
    assert toewijzing.startdatum_zorg is None and not Bericht.objects.filter(richting="uit").exists()

    monkeypatch.setattr(ontvangen, "controleer_uitgaand", echt)
    antwoord = _post(client, route, data)
    assert antwoord.status_code == 200 and _retourcodes(antwoord.content) == ["0200"]
    toewijzing.refresh_from_db()
    assert toewijzing.startdatum_zorg == date(2026, 3, 9)
