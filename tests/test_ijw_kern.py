"""The iJw receiver's contract, independent of any one message type (R-M1; issue 5 §4, §5):
exactly once by the message identity (TR056), control levels (IV032), the stored retour.
A stand-in handler replaces the real one so the core is tested on its own."""

import threading

import pytest
from django.db import connection
from lxml import etree

from jeugdregie.ijw.constants import Berichtstatus, Richting
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services import ontvangen
from jeugdregie.ijw.services.ontvangen import ontvang
from jeugdregie.ijw.xml.schemas import is_geldig
from jeugdregie.ijw.xml.veilig import Berichtweigering
from jeugdregie.verwijzingen.models import Melding

from .builders.ijw.kern import Stand, jw305


@pytest.fixture
def stand(monkeypatch):
    def maak(**opties):
        handler = Stand(**opties)
        monkeypatch.setattr(ontvangen, "verwerker", lambda berichttype: handler)
        return handler

    return maak


def _codes(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [el.text for el in root.iter("{*}RetourCode")]


def test_bericht_wordt_verwerkt_en_retour_klaargezet(wereld, stand):
    """R-M1: a valid message is processed and answered with its retour (0200 per class), which is
    schema-valid and stored for pick-up, linked to the inbound message."""
    handler = stand()
    ontvangst = ontvang(jw305(wereld), door=wereld["gebruikers"]["aanbieder"])
    assert handler.aanroepen == 1 and not ontvangst.herhaald
    assert ontvangst.bericht.status == Berichtstatus.VERWERKT
    assert (ontvangst.retour.berichttype, ontvangst.retour.status, ontvangst.retour.richting) == (
        "JW306",
        "klaar",
        "uit",
    )
    assert ontvangst.retour.antwoord_op == ontvangst.bericht
    assert (ontvangst.retour.afzender, ontvangst.retour.ontvanger) == (
        wereld["zwolle"].cbs_code,
        wereld["aanbieder"].agb_code,
    )
    assert _codes(ontvangst.retour_xml) == ["0200", "0200", "0200", "0200"]
    assert is_geldig(etree.fromstring(ontvangst.retour_xml), "JW306")


def test_herhaald_bericht_geeft_de_oorspronkelijke_retour_en_verandert_niets(wereld, stand):
    """R-M1, TR056: the identity (sender + type + identificatie) is processed once; a replay
    returns the original retour byte for byte and does not run the handler again."""
    handler = stand()
    eerste = ontvang(jw305(wereld), door=wereld["gebruikers"]["aanbieder"])
    tweede = ontvang(jw305(wereld), door=wereld["gebruikers"]["aanbieder"])
    assert tweede.herhaald and tweede.bericht == eerste.bericht and tweede.retour_xml == eerste.retour_xml
    assert handler.aanroepen == 1
    assert Melding.objects.filter(onderwerp="door handler").count() == 1
    assert Bericht.objects.filter(richting=Richting.IN).count() == 1


def test_andere_identificatie_is_een_nieuw_bericht(wereld, stand):
    handler = stand()
    ontvang(jw305(wereld, "B-1"), door=wereld["gebruikers"]["aanbieder"])
    ontvang(jw305(wereld, "B-2"), door=wereld["gebruikers"]["aanbieder"])
    assert handler.aanroepen == 2


def test_berichtoverstijgende_fout_keurt_het_hele_bericht_af(wereld, stand):
    """IV032 level 3/4: the failing class gets its code, the others 0200, and nothing the
    handler did is kept."""
    stand(bewaar=False, fout_op=0)
    ontvangst = ontvang(jw305(wereld), door=wereld["gebruikers"]["aanbieder"])
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD
    assert _codes(ontvangst.retour_xml) == ["0200", "9019", "0200", "0200"]
    assert not Melding.objects.filter(onderwerp="door handler").exists()
    assert ontvangst.bericht.fouten[0]["codes"] == ["9019"]


def test_fout_binnen_het_bericht_geeft_alleen_header_met_0001(wereld, stand):
    """IV032 level 2: an in-message rule failure is answered with a header-only retour 0001;
    nothing is kept."""
    stand(inhoudsfout=True)
    ontvangst = ontvang(jw305(wereld), door=wereld["gebruikers"]["aanbieder"])
    root = etree.fromstring(ontvangst.retour_xml)
    assert [etree.QName(el).localname for el in root] == ["Header"]
    assert _codes(ontvangst.retour_xml) == ["0001"]
    assert ontvangst.bericht.fouten == [
        {"klasse": "Header", "sleutel": "", "codes": ["0001"], "toelichting": "Interne regel geschonden."}
    ]
    assert not Melding.objects.filter(onderwerp="door handler").exists()


def test_schemafout_wordt_geweigerd_zonder_retour(wereld, stand):
    """IV032 level 1: a schema failure is refused without a retour; the sender gets the error
    naming the element, and the refusal is logged without taking the identity."""
    handler = stand()
    slecht = jw305(wereld).replace(b"<jw305:StatusAanlevering>1<", b"<jw305:StatusAanlevering>7<")
    with pytest.raises(Berichtweigering, match="StatusAanlevering") as fout:
        ontvang(slecht, door=wereld["gebruikers"]["aanbieder"])
    assert fout.value.code == "IJW005"
    assert handler.aanroepen == 0
    geweigerd = Bericht.objects.get()
    assert (geweigerd.status, geweigerd.identificatie) == ("geweigerd", "B-1")
    # The identity is still free: the corrected message is processed.
    assert ontvang(jw305(wereld), door=wereld["gebruikers"]["aanbieder"]).bericht.status == "verwerkt"


def test_afzender_moet_de_ingelogde_aanbieder_zijn(wereld, stand):
    handler = stand()
    with pytest.raises(Berichtweigering, match="alleen eigen berichten") as fout:
        ontvang(jw305(wereld), door=wereld["gebruikers"]["andere_aanbieder"])
    assert fout.value.code == "IJW006" and handler.aanroepen == 0


def test_onbekende_ontvanger_wordt_geweigerd(wereld, stand):
    handler = stand()
    with pytest.raises(Berichtweigering, match="geen gemeente in Jeugdregie"):
        ontvang(jw305(wereld, ontvanger="9999"), door=wereld["gebruikers"]["aanbieder"])
    assert handler.aanroepen == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_levering_van_hetzelfde_bericht_wordt_eenmaal_verwerkt(wereld, stand):
    """Issue 5 §5: two concurrent deliveries of the same message: the unique identity key lets
    one through; the other waits for its commit and returns the same retour."""
    handler = stand(wacht=0.5)
    data, start, retouren = jw305(wereld), threading.Barrier(2), []

    def lever():
        try:
            start.wait()
            retouren.append(ontvang(data, door=wereld["gebruikers"]["aanbieder"]).retour_xml)
        finally:
            connection.close()

    threads = [threading.Thread(target=lever) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert handler.aanroepen == 1 and len(retouren) == 2 and retouren[0] == retouren[1]
    assert Melding.objects.filter(onderwerp="door handler").count() == 1
    assert Bericht.objects.filter(richting=Richting.IN).count() == 1


def test_dagtekening_na_ontvangst_krijgt_8848_en_verandert_niets(wereld, stand, monkeypatch):
    """TR135 (8848): a Dagtekening after the day of receipt rejects the message; the header
    carries the code and the handler never runs."""
    handler = stand()
    data = jw305(wereld).replace(b"2026-04-15", b"2099-01-01")
    ontvangst = ontvang(data, door=wereld["gebruikers"]["aanbieder"])
    assert _codes(ontvangst.retour_xml) == ["8848"]
    assert ontvangst.bericht.status == Berichtstatus.AFGEKEURD and handler.aanroepen == 0
