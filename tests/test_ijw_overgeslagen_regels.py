"""Issue 15 §4: the iJw rules the first build knowingly skipped. The answer deadlines of OP274
(JW315) and OP346 (JW317) on the toegang's worklist; TR361 and TR375 on a JW317 (with
``tests/test_ijw_wijziging.py``); CS139 on what a provider sends; OP379, a start after a stop.
What the product leaves to the standard's room is written down in docs/catalogus-ijw.md."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from lxml import etree

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import plus_werkdagen
from jeugdregie.portaal.werkvoorraden import route_werkvoorraden as werkvoorraden
from jeugdregie.toewijzingen.constants import AanpassingReden, AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, EerdereZorgperiode, Toewijzing
from jeugdregie.toewijzingen.services import dien_aanpassing_in, start_zorg, stop_zorg
from jeugdregie.toewijzingen.services.levering import registreer_levering
from jeugdregie.toewijzingen.werkvoorraad import ANTWOORD_WERKDAGEN
from jeugdregie.verwijzingen.models import Gebeurtenis, Melding, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import zet_in_onderzoek

from .builders import aanpassen
from .builders.ijw import start_stop as regie
from .builders.ijw import verzoek as jw315
from .builders.ijw import wijziging as jw317
from .builders.route import gestart
from .builders.wonen import wonen
from .klok import AMSTERDAM, op_de_dag

JW315_LIJST = "Verzoeken om toewijzing (JW315)"
JW317_LIJST = "Verzoeken om wijziging (JW317)"


def _lijst(gebruiker, titel: str, op: date) -> list:
    return next((w.items for w in werkvoorraden(gebruiker, op=op) if str(w.titel) == titel), [])


# --- OP274 / OP346: the answer deadlines on the toegang's worklist -------------------------------------


def test_op274_verzoek_om_toewijzing_met_termijn_van_5_werkdagen(route, klok):
    """OP274: per requested product the municipality answers a JW315 within 5 working days (Dutch
    public holidays do not count: Good Friday and Easter Monday 2026). The worklist item carries
    the request, its age in working days and the deadline; overdue the day after."""
    klok(datetime(2026, 4, 1, 23, 30, tzinfo=AMSTERDAM))  # receipt late in the evening, Amsterdam time
    jw315.stuur(route)
    toegang = route["gebruikers"]["toegang"]
    uiterlijk = plus_werkdagen(date(2026, 4, 1), ANTWOORD_WERKDAGEN)
    assert ANTWOORD_WERKDAGEN == 5 and uiterlijk == date(2026, 4, 10)

    items = _lijst(toegang, JW315_LIJST, op=date(2026, 4, 9))
    assert [i.verzoek for i in items] == list(Toewijzingsverzoek.objects.order_by("id"))
    eerste = items[0]
    assert (eerste.berichttype, eerste.ontvangen, eerste.uiterlijk) == ("JW315", date(2026, 4, 1), uiterlijk)
    assert (eerste.leeftijd, eerste.in_onderzoek, eerste.verstreken) == (4, False, False)
    assert str(eerste) == (
        f"JW315 40A12341234 van {route['aanbieder']}, ontvangen 01-04-2026 (4 werkdagen): antwoord uiterlijk 10-04-2026"
    )
    assert not any(i.verstreken for i in _lijst(toegang, JW315_LIJST, op=uiterlijk))

    te_laat = _lijst(toegang, JW315_LIJST, op=date(2026, 4, 13))
    assert all(i.verstreken for i in te_laat) and str(te_laat[0]).endswith("antwoord uiterlijk 10-04-2026 — te laat")


def test_op274_in_onderzoek_binnen_8_weken_en_overschreden_bovenaan(route, klok):
    """OP274: after "in onderzoek" (JW319 VerzoekAntwoord 2) the final answer is due within 8 weeks;
    overdue requests come first on the list."""
    klok(date(2026, 4, 1))
    jw315.stuur(route)
    eerste, tweede = Toewijzingsverzoek.objects.order_by("id")
    zet_in_onderzoek(verzoek=eerste, door=route["gebruikers"]["toegang"])
    items = _lijst(route["gebruikers"]["toegang"], JW315_LIJST, op=date(2026, 4, 20))
    assert [(i.verzoek, i.in_onderzoek, i.uiterlijk, i.verstreken) for i in items] == [
        (tweede, False, date(2026, 4, 10), True),
        (eerste, True, date(2026, 4, 1) + timedelta(weeks=8), False),
    ]
    assert "(in onderzoek)" in str(items[1])


def test_op346_verzoek_om_wijziging_met_termijn_van_5_werkdagen(route, monkeypatch):
    """OP346: a JW317 is answered within 5 working days; an adjustment request filed in the portal
    (no ReferentieAanbieder) is not an iJw request and is not on this list. Another municipality's
    toegang does not see it."""
    monkeypatch.setattr(jw317.timezone, "now", lambda: jw317.NU)
    toewijzing = gestart(route)
    jw317.stuur(route, jw317.jw317(route, te_wijzigen=[jw317.wijziging(toewijzing)]))
    aanvraag = Aanpassingsaanvraag.objects.get()
    toegang = route["gebruikers"]["toegang"]
    items = _lijst(toegang, JW317_LIJST, op=date(2026, 5, 8))
    assert [(i.verzoek, i.berichttype, i.uiterlijk, i.verstreken) for i in items] == [
        (aanvraag, "JW317", date(2026, 5, 8), False)
    ]
    assert str(items[0]).startswith(f"JW317 VOW-1 van {route['aanbieder']}, ontvangen 01-05-2026 (5 werkdagen)")
    assert _lijst(toegang, JW317_LIJST, op=date(2026, 5, 11))[0].verstreken
    assert _lijst(route["gebruikers"]["toegang_andere_gemeente"], JW317_LIJST, op=date(2026, 5, 11)) == []

    Aanpassingsaanvraag.objects.update(referentie_aanbieder="")
    assert _lijst(toegang, JW317_LIJST, op=date(2026, 5, 11)) == []


def test_op274_overschreden_termijn_valt_op_op_de_startpagina(client, route, klok):
    """OP274: the home page marks an overdue request (class ``verstreken`` and the words "te laat",
    issue 19 §1) and links to it."""
    klok(date(2026, 4, 1))
    jw315.stuur(route)
    klok(date(2026, 4, 14))
    client.force_login(route["gebruikers"]["toegang"])
    thuis = client.get("/").content.decode()
    verzoek = Toewijzingsverzoek.objects.order_by("id").first()
    assert (
        f'<li class="verstreken"><a href="{verzoek.get_absolute_url()}">'
        "Verzoek om toewijzing 40A12341234 beantwoorden</a> "
        '<strong class="te-laat">te laat</strong>'
    ) in thuis


# --- TR361 / TR375: a JW317 against the allocations it names --------------------------------------------


def test_tr361_verlengd_keuzebudget_overlapt_nieuw_product(route, monkeypatch):
    """TR361 (9361): the period of a TeWijzigenProduct is the allocation's with the requested end; a
    keuzebudget (no Product) extended over a NieuwProduct that follows its current end overlaps it."""
    monkeypatch.setattr(jw317.timezone, "now", lambda: jw317.NU)
    toewijzing = gestart(route)
    na = (toewijzing.einddatum + timedelta(days=1), toewijzing.einddatum + timedelta(days=90))
    verlengd = jw317.wijziging(toewijzing, einde=toewijzing.einddatum + timedelta(days=30))
    ontvangst = jw317.stuur(route, jw317.jw317(route, te_wijzigen=[verlengd], nieuw=na))
    assert (jw317.codes(ontvangst, "TeWijzigenProduct"), jw317.codes(ontvangst, "NieuwProduct")) == (
        [["9361"]],
        [["9361"]],
    )
    assert not Aanpassingsaanvraag.objects.exists()


def test_tr361_keuzebudget_naast_wonen_zoals_toegewezen_is_geen_overlap_van_het_verzoek(route, monkeypatch):
    """TR361 with R-W4: a keuzebudget next to Wonen at one provider overlaps as the municipality
    allocated it (TR349 makes the provider name both); that pair is not the request's overlap, so the
    budget adjustment is filed."""
    monkeypatch.setattr(jw317.timezone, "now", lambda: jw317.NU)
    toewijzing = gestart(route)
    verblijf = wonen(route, begindatum=date(2026, 3, 2))
    ontvangst = jw317.stuur(
        route, jw317.jw317(route, ongewijzigd=[verblijf.pk], te_wijzigen=[jw317.wijziging(toewijzing)])
    )
    assert jw317.codes(ontvangst, "OngewijzigdProduct") == [["0200"]]
    assert Aanpassingsaanvraag.objects.get().toewijzing == toewijzing


def test_tr375_omvang_bij_toewijzing_zonder_product(route, monkeypatch):
    """TR375 (9375): the keuzebudget's JW301 carries no Product, so a TeWijzigenProduct for it takes
    no Omvang; nothing is filed (the TR412 code comes with it: tests/test_ijw_wijziging.py)."""
    monkeypatch.setattr(jw317.timezone, "now", lambda: jw317.NU)
    toewijzing = gestart(route)
    omvang = jw317.wijziging(toewijzing, budget=None, omvang=True)
    ontvangst = jw317.stuur(route, jw317.jw317(route, te_wijzigen=[omvang]))
    assert "9375" in jw317.codes(ontvangst, "TeWijzigenProduct")[0]
    assert any("(TR375)" in f["toelichting"] for f in ontvangst.bericht.fouten)
    assert not Aanpassingsaanvraag.objects.exists()


# --- CS139: DatumGebruik and Datum of the birth date agree ------------------------------------------------


def _met_datumgebruik(data: bytes, datum: str, gebruik: str) -> bytes:
    root = etree.fromstring(data)
    element = next(root.iter("{*}Geboortedatum"))
    element[0].text = datum
    etree.SubElement(element, f"{{{etree.QName(element[0]).namespace}}}DatumGebruik").text = gebruik
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_cs139_geboortedatum_met_datumgebruik_dat_niet_klopt(route):
    """CS139: DatumGebruik 2 (only the year known) asks Datum 01-01-EEJJ; a JW305 with 01-05-2012 is
    refused at level 2 (header-only retour 0001, the stylesheet's rule), nothing starts. With
    01-01-2012 it is accepted."""
    toewijzing = regie.toegewezen(route)
    fout = _met_datumgebruik(regie.bericht(route, [regie.product(toewijzing.pk)]), "2012-05-01", "2")
    ontvangst = regie.stuur(route, fout)
    assert (ontvangst.retour.retourcodes, ontvangst.bericht.status) == (["0001"], "afgekeurd")
    assert "CS139" in str(ontvangst.bericht.fouten)
    assert regie.staat(toewijzing) == regie.NIET_GESTART

    tweede = regie.bericht(route, [regie.product(toewijzing.pk)], identificatie="S-2")
    goed = _met_datumgebruik(tweede, "2012-01-01", "2")
    assert regie.stuur(route, goed).retour.retourcodes == ["0200"]
    assert regie.staat(toewijzing) == regie.GESTART


# --- OP379: a start after a stop, on the same allocation ---------------------------------------------------


def _gestopt(route, reden: str, einde: date = date(2026, 5, 31)):
    toewijzing = regie.toegewezen(route)
    regie.stuur(route, regie.bericht(route, [regie.product(toewijzing.pk)]))
    regie.stuur(route, regie.stop(route, [regie.product(toewijzing.pk, reden=reden, einddatum=einde)]))
    assert regie.staat(toewijzing) == ("gestopt", regie.START, einde, reden)
    return toewijzing


def _start(route, toewijzing, dag: date, identificatie: str, status: str = "1"):
    product = regie.product(toewijzing.pk, begindatum=dag, status=status)
    return regie.stuur(route, regie.bericht(route, [product], identificatie=identificatie))


def test_op379_start_na_tijdelijke_stop_hervat_de_zorg(route):
    """OP379 (with TR326): after a temporary stop a JW305 starts care again on the same allocation;
    the stopped period is kept with its reason, the allocation's stop is cleared, the event says it
    was a restart."""
    toewijzing = _gestopt(route, "20")
    ontvangst = _start(route, toewijzing, date(2026, 6, 15), "S-2")
    assert (regie.codes(ontvangst)["Product"], ontvangst.bericht.status) == ([["0200"]], "verwerkt")
    assert regie.staat(toewijzing) == ("gestart", date(2026, 6, 15), None, "")
    eerder = EerdereZorgperiode.objects.get(toewijzing=toewijzing)
    assert (eerder.startdatum_zorg, eerder.stopdatum_zorg, eerder.reden_beeindiging, eerder.herstart_op) == (
        regie.START,
        date(2026, 5, 31),
        "20",
        date(2026, 6, 15),
    )
    gebeurtenis = Gebeurtenis.objects.filter(object_id=toewijzing.pk, gebeurtenis="zorg_gestart").latest("id")
    assert gebeurtenis.gegevens == {
        "startdatum": "2026-06-15",
        "herstart": True,
        "eerdere_zorgperiode": eerder.pk,
        "vorige_startdatum": "2026-04-01",
        "vorige_stopdatum": "2026-05-31",
        "vorige_reden": "20",
    }
    # and it can stop again: the new period's stop
    weer = regie.stuur(route, regie.stop(route, [regie.product(toewijzing.pk, begindatum=date(2026, 6, 15))], "T-2"))
    assert regie.codes(weer)["Product"] == [["0200"]]
    assert regie.staat(toewijzing) == ("gestopt", date(2026, 6, 15), regie.EINDE, "31")


def test_op379_start_na_definitieve_stop_mag_ook_maar_niet_op_of_voor_de_stopdag(route):
    """OP379: also after a definitive stop; not on or before the stop day (the periods of care do
    not overlap): 9019 with the Dutch explanation, nothing changes."""
    toewijzing = _gestopt(route, "31")
    te_vroeg = _start(route, toewijzing, date(2026, 5, 31), "S-2")
    assert regie.codes(te_vroeg)["Product"] == [["9019"]]
    assert te_vroeg.bericht.fouten[0]["toelichting"].startswith(
        "De zorg is gestopt op 31-05-2026: een nieuwe start ligt na die datum (OP379)."
    )
    assert regie.staat(toewijzing) == ("gestopt", regie.START, date(2026, 5, 31), "31")
    assert not EerdereZorgperiode.objects.exists()
    assert regie.codes(_start(route, toewijzing, date(2026, 6, 1), "S-3"))["Product"] == [["0200"]]
    assert regie.staat(toewijzing) == ("gestart", date(2026, 6, 1), None, "")


def test_op379_geen_herstart_na_overlijden(route):
    """OP379 leaves the domain this one: after a stop for death (JZ588 02) care cannot start again."""
    toewijzing = _gestopt(route, "02")
    ontvangst = _start(route, toewijzing, date(2026, 6, 15), "S-2")
    assert regie.codes(ontvangst)["Product"] == [["9019"]]
    assert "overlijden" in ontvangst.bericht.fouten[0]["toelichting"]
    assert regie.staat(toewijzing) == ("gestopt", regie.START, date(2026, 5, 31), "02")


def test_op379_verwijderen_van_de_herstart_zet_de_stop_terug(route):
    """OP379 with IV008: deleting the restart (StatusAanlevering 3) makes the stopped period current
    again, result score included; the earlier start key now gives TR071 as before."""
    toewijzing = _gestopt(route, "20")
    Toewijzing.objects.filter(pk=toewijzing.pk).update(resultaatscore="deels_behaald")
    _start(route, toewijzing, date(2026, 6, 15), "S-2")
    toewijzing.refresh_from_db()
    assert toewijzing.resultaatscore == ""
    weg = _start(route, toewijzing, date(2026, 6, 15), "S-3", status="3")
    assert regie.codes(weg)["Product"] == [["0200"]]
    assert regie.staat(toewijzing) == ("gestopt", regie.START, date(2026, 5, 31), "20")
    assert toewijzing.resultaatscore == "deels_behaald" and not EerdereZorgperiode.objects.exists()
    assert regie.codes(_start(route, toewijzing, regie.START, "S-4", status="3"))["Product"] == [["9071"]]


def test_op379_herstart_in_het_domein_bewaart_score_en_vervolg(route):
    """OP379 in the domain (``start_zorg``, the portal's way too): the stopped period's result score
    and explanation move to the kept period; outside the allocation the start is refused."""
    toewijzing = regie.toegewezen(route)
    aanbieder = route["gebruikers"]["aanbieder"]
    start_zorg(toewijzing=toewijzing, startdatum=date(2026, 4, 1), door=aanbieder)
    stop_zorg(
        toewijzing=toewijzing,
        stopdatum=date(2026, 5, 31),
        reden="31",
        resultaatscore="behaald",
        resultaat_toelichting="Doelen gehaald.",
        overleg_met_verwijzer=True,
        door=aanbieder,
    )
    with pytest.raises(DomainError, match="De startdatum moet binnen de toewijzing liggen"):
        start_zorg(toewijzing=toewijzing, startdatum=toewijzing.einddatum + timedelta(days=1), door=aanbieder)
    start_zorg(toewijzing=toewijzing, startdatum=date(2026, 9, 1), door=aanbieder)
    eerder = EerdereZorgperiode.objects.get()
    assert (eerder.resultaatscore, eerder.resultaat_toelichting) == ("behaald", "Doelen gehaald.")
    assert regie.staat(toewijzing) == ("gestart", date(2026, 9, 1), None, "")


def test_op379_herstart_opent_geen_nieuw_venster_voor_reden_2_en_houdt_eerdere_maanden_open(route):
    """OP379 against R-A4 reason 2 and delivery registration: "hulp slaat niet aan" stays bound to 6
    months after the first start, and the months before the restart can still be registered."""
    toewijzing = gestart(route)  # started 9 March 2026
    aanbieder = route["gebruikers"]["aanbieder"]
    stop_zorg(
        toewijzing=toewijzing,
        stopdatum=date(2026, 4, 30),
        reden="20",
        resultaatscore="deels_behaald",
        overleg_met_verwijzer=True,
        door=aanbieder,
    )
    start_zorg(toewijzing=toewijzing, startdatum=date(2026, 6, 1), door=aanbieder)
    toewijzing.refresh_from_db()
    assert toewijzing.eerste_startdatum_zorg == date(2026, 3, 9)
    with op_de_dag(date(2026, 9, 15)), pytest.raises(DomainError, match="09-09-2026"):
        dien_aanpassing_in(
            verwijzing=toewijzing.verwijzing,
            reden=AanpassingReden.HULP_SLAAT_NIET_AAN,
            toelichting="Werkt niet.",
            gevraagd_bedrag="4500",
            door=aanbieder,
        )
    maart = registreer_levering(
        toewijzing=toewijzing,
        product=Product.objects.get(code="45A03"),
        maand=date(2026, 3, 1),
        volume=2,
        door=aanbieder,
    )
    assert maart.maand == date(2026, 3, 1)
    with pytest.raises(DomainError, match="valt buiten de zorgperiode 09-03-2026"):
        registreer_levering(
            toewijzing=toewijzing,
            product=Product.objects.get(code="45A03"),
            maand=date(2026, 2, 1),
            volume=2,
            door=aanbieder,
        )


# --- "OP346" of the issue: a granted reason-4 request and the first provider ---------------------------------


def test_reden_4_toegekend_eerste_aanbieder_krijgt_bericht(route):
    """Issue 15 §4 (filed there as OP346): when the toegang grants a reason-4 request (R-A4: a second
    provider with its own keuzebudget), the first provider is told; its own allocation is unchanged.
    A refused one adds no notification (the requester sees the decision on its request)."""
    toewijzing = gestart(route)
    tweede = route["andere_aanbieder"]
    vraag = aanpassen.aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.MEERDERE_AANBIEDERS,
        tweede_aanbieder=tweede,
        gevraagd_bedrag="1500",
    )
    aanpassen.besluit(route, vraag, AanpassingStatus.TOEGEKEND)
    nieuw = Verwijzing.objects.get(aanbieder=tweede)
    melding = Melding.objects.get(aan_aanbieder=route["aanbieder"])
    assert (melding.jeugdige_id, melding.onderwerp) == (
        toewijzing.jeugdige_id,
        f"Aanpassing {vraag.pk} (reden 4) toegekend: {tweede.naam} krijgt een eigen keuzebudget "
        f"(verwijzing {nieuw.pk}); uw toewijzing blijft ongewijzigd",
    )
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.keuzebudget.bedrag) == ("gestart", Decimal("3000.00"))

    Melding.objects.all().delete()
    afgewezen = aanpassen.aanvraag(
        route,
        toewijzing.verwijzing,
        AanpassingReden.MEERDERE_AANBIEDERS,
        tweede_aanbieder=tweede,
        gevraagd_bedrag="1500",
        op=date(2026, 5, 9),
    )
    aanpassen.besluit(route, afgewezen, AanpassingStatus.AFGEWEZEN, op=date(2026, 5, 10))
    assert not Melding.objects.filter(aan_aanbieder=route["aanbieder"]).exists()
