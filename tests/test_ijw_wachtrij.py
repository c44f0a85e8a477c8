"""Issue 15 §1/§2: every outbound message that waits is visible. A JW301 held back for want of
an address (also a withdrawal, after the address ended) is on the toegang's worklist until the
address is entered; a message the outbound gate refuses (XSD, the standard's stylesheet) or that
fails to build is recorded with its rules, shown to the toegang and the beheerder, and tried
again by the beheerder after the repair. Ids and rule codes only; the retry is audit-logged."""

from __future__ import annotations

import pytest
from django.urls import reverse
from lxml import etree

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.ijw.constants import Wachtreden
from jeugdregie.ijw.models import Uitboxverwerking, Uitboxwacht
from jeugdregie.ijw.services.uitbox import verzamel
from jeugdregie.ijw.services.wachtrij import probeer_opnieuw
from jeugdregie.ijw.uitgaand import jw301
from jeugdregie.ijw.werkvoorraad import adres_ontbreekt, technisch_wachtend
from jeugdregie.jeugdigen.models import Adres
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.intrekken import trek_toewijzing_in
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.contact import NS, jw301s, stylesheetfouten, wijzig
from .builders.route import screen, verwijs

TOELICHTING_TECHNISCH = "De fout zit in Jeugdregie"


def _toewijzen(route, capture):
    with capture(execute=True):
        screen(route, verwijs(route))
    return Toewijzing.objects.get()


@pytest.fixture
def kapotte_jw301(monkeypatch):
    """Our JW301 builder with a bug: the Contact loses its address and phone (TR006, CD034)."""
    echte = jw301.bouw

    def bouw(**kwargs):
        root = echte(**kwargs)
        for contact in root.iterfind("jw301:Client/jw301:Contactgegevens/jw301:Contact", NS):
            for kind in list(contact)[1:]:
                contact.remove(kind)
        return root

    monkeypatch.setattr(jw301, "bouw", bouw)
    return monkeypatch


def test_ingetrokken_toewijzing_zonder_adres_staat_op_de_werkvoorraad_tot_het_adres_er_is(
    route, django_capture_on_commit_callbacks
):
    """Review finding of stop 15: the toegang ends the address, then withdraws the allocation;
    the withdrawal JW301 (RedenWijziging 13) waits. The worklist used to list running allocations
    only; it now lists every allocation with a waiting message, marked as such."""
    toewijzing = _toewijzen(route, django_capture_on_commit_callbacks)
    assert len(jw301s()) == 1
    Adres.objects.filter(jeugdige=route["jeugdige_zwolle"]).delete()
    with django_capture_on_commit_callbacks(execute=True):
        trek_toewijzing_in(toewijzing=toewijzing, door=route["gebruikers"]["toegang"])
    assert len(jw301s()) == 1
    wacht = Uitboxwacht.objects.get()
    assert (wacht.reden, wacht.berichttype, wacht.toewijzing_id, wacht.jeugdige_id, wacht.gemeente_id) == (
        Wachtreden.CONTACT_ONTBREEKT,
        "JW301",
        toewijzing.pk,
        toewijzing.jeugdige_id,
        toewijzing.gemeente_id,
    )
    (item,) = adres_ontbreekt(route["gebruikers"]["toegang"], op=vandaag())
    assert item.toewijzing == toewijzing and item.wacht
    assert "(ingetrokken)" in str(item) and "het bericht wacht" in str(item)
    assert verzamel() == [] and Uitboxwacht.objects.get().pogingen == 2  # the catch-up tried again

    with django_capture_on_commit_callbacks(execute=True):
        wijzig(route)
    _eerste, intrekking = jw301s()
    redenen = [e.text for e in etree.fromstring(bytes(intrekking.inhoud)).iterfind(".//{*}RedenWijziging")]
    assert redenen == ["13"] and stylesheetfouten(bytes(intrekking.inhoud)) == []
    assert not Uitboxwacht.objects.exists()
    assert adres_ontbreekt(route["gebruikers"]["toegang"], op=vandaag()) == []


def test_bericht_dat_de_poort_weigert_wordt_zichtbaar_en_na_herstel_opnieuw_geprobeerd(
    client, route, kapotte_jw301, django_capture_on_commit_callbacks
):
    toewijzing = _toewijzen(route, django_capture_on_commit_callbacks)
    assert jw301s() == []
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_aangemaakt")
    assert not Uitboxverwerking.objects.filter(gebeurtenis=gebeurtenis).exists()
    wacht = Uitboxwacht.objects.get()
    assert wacht.reden == Wachtreden.STANDAARD and wacht.berichttype == "JW301"
    assert {"TR006", "CD034"} <= set(wacht.regels) and wacht.toewijzing_id == toewijzing.pk
    sinds = wacht.sinds

    # the toegang of the municipality and the beheerder of the region see it; others do not
    for wie in ("toegang", "beheerder"):
        (item,) = technisch_wachtend(route["gebruikers"][wie])
        assert "TR006" in str(item) and f"toewijzing {toewijzing.pk}" in str(item)
        client.force_login(route["gebruikers"][wie])
        home = client.get("/").content.decode()
        assert "Berichten die de iJw-standaard niet halen" in home and TOELICHTING_TECHNISCH in home
        pagina = client.get(reverse("ijw:wachtrij"))
        assert pagina.status_code == 200 and "TR006" in pagina.content.decode()
    assert technisch_wachtend(route["gebruikers"]["toegang_andere_gemeente"]) == []
    for wie in ("aanbieder", "huisarts", "gi", "financieel", "contractmanager", "beleid", "bestuurder"):
        client.force_login(route["gebruikers"][wie])
        assert client.get(reverse("ijw:wachtrij")).status_code == 403
        assert "Berichten die de iJw-standaard niet halen" not in client.get("/").content.decode()

    # the toegang cannot have it retried; the beheerder can, and while the bug stands it still waits
    with pytest.raises(DomainError):
        probeer_opnieuw(wacht=wacht, door=route["gebruikers"]["toegang"])
    client.force_login(route["gebruikers"]["toegang"])
    assert client.post(reverse("ijw:wachtrij"), {"wacht": wacht.pk}).status_code == 403
    client.force_login(route["gebruikers"]["beheerder"])
    antwoord = client.post(reverse("ijw:wachtrij"), {"wacht": wacht.pk}, follow=True)
    assert "Het bericht wacht nog" in antwoord.content.decode()
    wacht.refresh_from_db()
    assert wacht.pogingen == 2 and wacht.sinds == sinds and jw301s() == []

    kapotte_jw301.undo()  # the repair
    antwoord = client.post(reverse("ijw:wachtrij"), {"wacht": wacht.pk}, follow=True)
    assert "Het bericht is gemaakt" in antwoord.content.decode()
    (bericht,) = jw301s()
    assert stylesheetfouten(bytes(bericht.inhoud)) == []
    assert Uitboxverwerking.objects.get(gebeurtenis=gebeurtenis).bericht == bericht
    assert not Uitboxwacht.objects.exists() and technisch_wachtend(route["gebruikers"]["beheerder"]) == []
    regel = AuditRegel.objects.filter(objecttype="ijw.Uitboxwacht", actie="wijzigen").latest("id")
    assert regel.gebruikersnaam == route["gebruikers"]["beheerder"].username and "afgehandeld" in regel.details


def test_technische_fout_bij_het_bouwen_wacht_ook_zichtbaar(route, monkeypatch, django_capture_on_commit_callbacks):
    def stuk(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(jw301, "bouw", stuk)
    toewijzing = _toewijzen(route, django_capture_on_commit_callbacks)
    wacht = Uitboxwacht.objects.get()
    assert (wacht.reden, wacht.regels, wacht.toewijzing_id) == (Wachtreden.FOUT, [], toewijzing.pk)
    monkeypatch.undo()
    (bericht,) = verzamel()
    assert bericht.toewijzing == toewijzing and not Uitboxwacht.objects.exists()
    assert Toewijzing.objects.get().status == ToewijzingStatus.TOEGEWEZEN


def test_een_late_wachtregel_na_een_gemaakt_bericht_blijft_weg(route, django_capture_on_commit_callbacks):
    """Review finding: run A fails (no address) while run B, after the address was entered, makes
    the message; A's record of the wait, written after B, must not leave a row that waits for ever."""
    from jeugdregie.ijw.services import uitbox

    _toewijzen(route, django_capture_on_commit_callbacks)
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_aangemaakt")
    assert Uitboxverwerking.objects.filter(gebeurtenis=gebeurtenis).exists()
    uitbox._wacht(gebeurtenis, Wachtreden.CONTACT_ONTBREEKT, berichttype="JW301")
    assert not Uitboxwacht.objects.exists()
