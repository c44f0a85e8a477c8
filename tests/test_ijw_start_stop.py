"""iJw JW305 start zorg and JW307 stop zorg, answered with JW306/JW308 (R-M1, R-H1, R-H3…R-H5;
issue 5 §2, §4): end to end through the receiver, with the retour codes per class, the domain
state, and for every rejection that nothing changed."""

from datetime import date

import pytest

from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.services.zorgcorrectie import vul_stop_aan
from jeugdregie.toewijzingen.werkvoorraad import werkvoorraden
from jeugdregie.verwijzingen.models import Gebeurtenis, Melding

from .builders.declaraties import declareer, regel
from .builders.ijw.start_stop import (
    EINDE,
    GESTART,
    NIET_GESTART,
    START,
    bericht,
    codes,
    product,
    staat,
    stop,
    stuur,
    toegewezen,
)


def test_start_met_jw305_start_de_toewijzing_en_geeft_0200(route):
    """R-H1, TR019: a start related to the provider's allocation starts care; every class 0200."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk, code="45A03")]))
    assert codes(ontvangst) == {"Header": ["0200"], "Client": ["0200"], "Product": [["0200"]]}
    assert staat(toewijzing) == GESTART
    assert (ontvangst.bericht.status, ontvangst.bericht.toewijzing_id) == ("verwerkt", toewijzing.pk)
    assert ontvangst.retour.jeugdige_id == route["jeugdige_zwolle"].pk
    assert Gebeurtenis.objects.filter(object_id=toewijzing.pk, gebeurtenis="zorg_gestart").count() == 1


def test_onbekend_toewijzingnummer_geeft_9019(route):
    """TR019: a start that relates to no allocation is rejected with 9019; nothing changes."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(999999)]))
    assert codes(ontvangst) == {"Header": ["0200"], "Client": ["0200"], "Product": [["9019"]]}
    assert ontvangst.bericht.status == "afgekeurd"
    assert ontvangst.bericht.fouten == [
        {
            "klasse": "StartProduct",
            "sleutel": "999999/2026-04-01",
            "codes": ["9019"],
            "toelichting": "Toewijzing 999999 bestaat niet of is niet aan u toegewezen (TR019).",
        }
    ]
    assert staat(toewijzing) == NIET_GESTART


def test_toewijzing_van_een_andere_aanbieder_geeft_9019(route):
    """TR019: the allocation must be this provider's; another provider's stays untouched."""
    andere = toegewezen(route, aanbieder="andere_aanbieder")
    ontvangst = stuur(route, bericht(route, [product(andere.pk)]))
    assert codes(ontvangst)["Product"] == [["9019"]]
    assert ontvangst.bericht.toewijzing_id is None
    assert staat(andere) == NIET_GESTART


def test_bsn_van_een_andere_client_geeft_9019(route):
    """TR019: the allocation must be this client's."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk)], bsn=route["jeugdige_deventer"].bsn))
    assert codes(ontvangst)["Product"] == [["9019"]]
    assert staat(toewijzing) == NIET_GESTART


def test_start_buiten_de_toewijzing_geeft_9019_met_de_domeinregel(route):
    """R-H1 via the service: a start before the allocation begins; the DomainError (TW015) is a
    failure on that class, mapped to 9019, with the Dutch explanation kept."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk, begindatum=date(2026, 3, 1))]))
    assert codes(ontvangst)["Product"] == [["9019"]]
    [fout] = ontvangst.bericht.fouten
    assert fout["toelichting"] == (
        "De startdatum moet binnen de toewijzing liggen: 02-03-2026 tot en met 01-03-2027. (TW015)"
    )
    assert staat(toewijzing) == NIET_GESTART


def test_productcode_die_niet_bij_de_toewijzing_past_geeft_s329_of_9019(route):
    """TR381: a code outside its category is S329 (a category the code does not have)."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk, code="45Z99")]))
    assert codes(ontvangst)["Product"] == [["S329"]]
    assert staat(toewijzing) == NIET_GESTART


def test_een_fout_in_een_van_twee_startproducten_keurt_het_hele_bericht_af(route):
    """IV032 level 3: the failing class gets its code, the other 0200, and the whole message is
    rolled back: the good start is not kept either."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk), product(999999)]))
    assert codes(ontvangst) == {"Header": ["0200"], "Client": ["0200"], "Product": [["0200"], ["9019"]]}
    assert staat(toewijzing) == NIET_GESTART
    assert not Gebeurtenis.objects.filter(gebeurtenis="zorg_gestart").exists()


def test_tweede_start_met_andere_begindatum_geeft_9326_en_dezelfde_sleutel_9074(route):
    """TR326: no new start while the current one is not stopped; TR074: a key only once."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    andere = stuur(route, bericht(route, [product(toewijzing.pk, begindatum=date(2026, 4, 8))], identificatie="S-2"))
    dezelfde = stuur(route, bericht(route, [product(toewijzing.pk)], identificatie="S-3"))
    assert (codes(andere)["Product"], codes(dezelfde)["Product"]) == ([["9326"]], [["9074"]])
    assert staat(toewijzing) == GESTART


def test_verwijderen_van_een_eerdere_start_zet_de_toewijzing_terug(route):
    """IV008/TR063: StatusAanlevering 3 with the key of an earlier start withdraws it."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk, status="3")], identificatie="S-2"))
    assert codes(ontvangst)["Product"] == [["0200"]]
    assert staat(toewijzing) == NIET_GESTART
    assert Gebeurtenis.objects.get(object_id=toewijzing.pk, gebeurtenis="start_zorg_ingetrokken").gegevens == {
        "startdatum": "2026-04-01"
    }


def test_correctie_van_de_begindatum_in_een_bericht(route):
    """IV008: the deletion and its replacement in one message; deletions are handled first."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    nieuw = date(2026, 4, 6)
    correctie = [product(toewijzing.pk, begindatum=nieuw), product(toewijzing.pk, status="3")]
    ontvangst = stuur(route, bericht(route, correctie, identificatie="S-2"))
    assert codes(ontvangst)["Product"] == [["0200"], ["0200"]]
    assert staat(toewijzing) == ("gestart", nieuw, None, "")


def test_verwijderen_zonder_eerdere_start_geeft_9063(route):
    """TR063: a deletion needs an earlier delivery with the same key."""
    toewijzing = toegewezen(route)
    zonder = stuur(route, bericht(route, [product(toewijzing.pk, status="3")]))
    stuur(route, bericht(route, [product(toewijzing.pk)], identificatie="S-2"))
    andere_datum = stuur(
        route, bericht(route, [product(toewijzing.pk, begindatum=date(2026, 4, 2), status="3")], identificatie="S-3")
    )
    assert (codes(zonder)["Product"], codes(andere_datum)["Product"]) == ([["9063"]], [["9063"]])
    assert staat(toewijzing) == GESTART


def test_herhaald_bericht_geeft_dezelfde_retour_en_verandert_niets(route):
    """TR056, issue 5 §5: a replay returns the original retour and changes nothing."""
    toewijzing = toegewezen(route)
    data = bericht(route, [product(toewijzing.pk)])
    eerste = stuur(route, data)
    gebeurtenissen = Gebeurtenis.objects.count()
    tweede = stuur(route, data)
    assert tweede.herhaald and tweede.retour_xml == eerste.retour_xml
    assert staat(toewijzing) == GESTART
    assert Gebeurtenis.objects.count() == gebeurtenissen


def test_ongeldig_bsn_geeft_alleen_de_header_met_0001(route):
    """CS002 (IV032 level 2): an invalid BSN is a rule inside the message: header-only 0001."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk)], bsn="123456789"))
    assert codes(ontvangst) == {"Header": ["0001"], "Client": [], "Product": []}
    assert ontvangst.bericht.fouten[0]["klasse"] == "Header"
    assert staat(toewijzing) == NIET_GESTART


def test_status_aanlevering_2_geeft_0001(route):
    """CS058/OP033x2: only 1 (first delivery) or 3 (delete) in a StartProduct."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, bericht(route, [product(toewijzing.pk, status="2")]))
    assert codes(ontvangst)["Header"] == ["0001"]
    assert "CS058" in ontvangst.bericht.fouten[0]["toelichting"]
    assert staat(toewijzing) == NIET_GESTART


def test_stop_na_start_stopt_de_zorg_met_resultaat_op_de_werkvoorraad(route):
    """JW307 after JW305 (TR382): care stops with its JZ588 reason; the result score (R-H5) and the
    consultation (R-H3) are completed on screen, meanwhile on the provider's worklist."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, reden="31")]))
    assert codes(ontvangst) == {"Header": ["0200"], "Client": ["0200"], "Product": [["0200"]]}
    assert staat(toewijzing) == ("gestopt", START, EINDE, "31")
    assert toewijzing.resultaatscore == ""
    assert Melding.objects.filter(onderwerp=f"Zorg gestopt voor toewijzing {toewijzing.pk}").count() == 1
    lijsten = {str(w.titel): w.items for w in werkvoorraden(route["gebruikers"]["aanbieder"], op=date(2026, 7, 1))}
    assert lijsten["Gestopte zorg: resultaat en overleg vastleggen"] == [toewijzing]
    aanbieder = route["gebruikers"]["aanbieder"]
    with pytest.raises(DomainError, match="Overleg eerst met de verwijzer"):
        vul_stop_aan(toewijzing=toewijzing, resultaatscore="behaald", door=aanbieder)
    vul_stop_aan(toewijzing=toewijzing, resultaatscore="behaald", overleg_met_verwijzer=True, door=aanbieder)
    toewijzing.refresh_from_db()
    assert toewijzing.resultaatscore == "behaald"
    lijsten = {str(w.titel) for w in werkvoorraden(aanbieder, op=date(2026, 7, 1))}
    assert "Gestopte zorg: resultaat en overleg vastleggen" not in lijsten


def test_tussentijdse_stop_meldt_ook_de_toegang(route):
    """R-H4: a mid-trajectory stop by iJw (consultation not confirmed) is reported to the toegang."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    stuur(route, stop(route, [product(toewijzing.pk, reden="33")]))
    assert staat(toewijzing) == ("gestopt", START, EINDE, "33")
    assert Melding.objects.filter(aan_gemeente=route["zwolle"], onderwerp__contains="tussentijds").count() == 1


def test_stop_zonder_start_geeft_9069(route):
    """TR382/OP072: a stop relates to an earlier start with the same key."""
    toewijzing = toegewezen(route)
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk)]))
    assert codes(ontvangst)["Product"] == [["9069"]]
    assert staat(toewijzing) == NIET_GESTART
    assert not Melding.objects.exists()


def test_stop_met_andere_begindatum_dan_de_start_geeft_9069(route):
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, begindatum=date(2026, 4, 2))]))
    assert codes(ontvangst)["Product"] == [["9069"]]
    assert staat(toewijzing) == GESTART


def test_reden_die_het_domein_niet_kent_geeft_9019(route):
    """JZ588 39 (uitstroom naar ander domein) is valid iJw but not yet a domain reason: refused."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, reden="39")]))
    assert codes(ontvangst)["Product"] == [["9019"]]
    assert staat(toewijzing) == GESTART


def test_einddatum_voor_begindatum_geeft_0001(route):
    """TR018 (in the message): the end of a stop is not before its begin."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, einddatum=date(2026, 3, 31))]))
    assert codes(ontvangst)["Header"] == ["0001"]
    assert staat(toewijzing) == GESTART


def test_tweede_definitieve_stop_geeft_9415(route):
    """TR415: no second stop once care is stopped definitively."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    stuur(route, stop(route, [product(toewijzing.pk)]))
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, einddatum=date(2026, 7, 1))], identificatie="T-2"))
    assert codes(ontvangst)["Product"] == [["9415"]]
    assert staat(toewijzing) == ("gestopt", START, EINDE, "31")


def test_na_tijdelijke_stop_alleen_een_latere_definitieve_stop(route):
    """OP378, TR413 (no second temporary stop), TR414 (not before the temporary stop)."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    stuur(route, stop(route, [product(toewijzing.pk, reden="20", einddatum=date(2026, 5, 31))]))
    tweede_tijdelijk = stuur(route, stop(route, [product(toewijzing.pk, reden="20")], identificatie="T-2"))
    eerder = stuur(route, stop(route, [product(toewijzing.pk, einddatum=date(2026, 5, 30))], identificatie="T-3"))
    assert (codes(tweede_tijdelijk)["Product"], codes(eerder)["Product"]) == ([["9413"]], [["9414"]])
    assert staat(toewijzing) == ("gestopt", START, date(2026, 5, 31), "20")
    definitief = stuur(route, stop(route, [product(toewijzing.pk)], identificatie="T-4"))
    assert codes(definitief)["Product"] == [["0200"]]
    assert staat(toewijzing) == ("gestopt", START, EINDE, "31")


def test_verwijderen_van_een_stop_laat_de_zorg_weer_lopen(route):
    """IV008/TR063: deleting the stop puts care back to started; back to the temporary stop when
    the definitive one followed it."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    stuur(route, stop(route, [product(toewijzing.pk, reden="20", einddatum=date(2026, 5, 31))]))
    stuur(route, stop(route, [product(toewijzing.pk)], identificatie="T-2"))
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, status="3")], identificatie="T-3"))
    assert codes(ontvangst)["Product"] == [["0200"]]
    assert staat(toewijzing) == ("gestopt", START, date(2026, 5, 31), "20")
    tijdelijk = product(toewijzing.pk, status="3", reden="20", einddatum=date(2026, 5, 31))
    stuur(route, stop(route, [tijdelijk], identificatie="T-4"))
    assert staat(toewijzing) == GESTART


def test_verwijderen_van_een_onbekende_stop_geeft_9063_en_start_na_stop_9071(route):
    """TR063 for a stop that was not delivered; TR071: a start cannot be deleted once stopped."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk)]))
    onbekend = stuur(route, stop(route, [product(toewijzing.pk, status="3")]))
    stuur(route, stop(route, [product(toewijzing.pk)], identificatie="T-2"))
    start_weg = stuur(route, bericht(route, [product(toewijzing.pk, status="3")], identificatie="S-2"))
    assert (codes(onbekend)["Product"], codes(start_weg)["Product"]) == ([["9063"]], [["9071"]])
    assert staat(toewijzing) == ("gestopt", START, EINDE, "31")


def test_stop_van_verblijf_zonder_vervolgzorg_wordt_afgewezen(route):
    """R-W9 stays a hard rule: JW307 cannot carry the follow-up, so Verblijf ends on screen."""
    from .builders.wonen import wonen

    toewijzing = wonen(route)
    stuur(route, bericht(route, [product(toewijzing.pk, begindatum=toewijzing.begindatum)]))
    assert staat(toewijzing)[0] == "gestart"
    ontvangst = stuur(route, stop(route, [product(toewijzing.pk, begindatum=toewijzing.begindatum)]))
    assert codes(ontvangst)["Product"] == [["9019"]]
    assert "(TW020)" in ontvangst.bericht.fouten[0]["toelichting"]
    assert staat(toewijzing)[0] == "gestart"


def test_declaratie_zonder_of_na_afgekeurde_start_wordt_goedgekeurd(route):
    """OP364: start and stop are no condition for payment: a declaration for an allocation
    without any JW305, and after a rejected JW305, is approved."""
    toewijzing = toegewezen(route)
    zonder_start = declareer(route, [regel(toewijzing, "R1")], nummer="D-1")
    afgekeurd = stuur(route, bericht(route, [product(toewijzing.pk, begindatum=date(2026, 3, 1))]))
    assert codes(afgekeurd)["Product"] == [["9019"]]
    maart = regel(toewijzing, "R2", maand=(2026, 3), uren="5", begindatum=date(2026, 3, 2))
    na_afkeur = declareer(route, [maart], nummer="D-2")
    uitkomsten = [(r.status, r.afkeur) for d in (zonder_start, na_afkeur) for r in d.regels.all()]
    assert uitkomsten == [("goedgekeurd", ""), ("goedgekeurd", "")]
    assert staat(toewijzing) == NIET_GESTART


def test_declaratie_voor_de_gemelde_startdatum_wordt_goedgekeurd(route):
    """OP364: the start date in a JW305 is no ground to reject a declaration within the allocation."""
    toewijzing = toegewezen(route)
    stuur(route, bericht(route, [product(toewijzing.pk, begindatum=date(2026, 4, 15))]))
    declaratie = declareer(route, [regel(toewijzing, "R1")])
    assert [(r.status, r.afkeur) for r in declaratie.regels.all()] == [("goedgekeurd", "")]
