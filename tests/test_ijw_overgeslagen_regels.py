"""Issue 15 §4: the iJw rules the first build knowingly skipped. The answer deadlines of OP274
(JW315) and OP346 (JW317) on the toegang's worklist; TR361 and TR375 on a JW317 (with
``tests/test_ijw_wijziging.py``); CS139 on what a provider sends. What the product leaves to the
standard's room is written down in docs/catalogus-ijw.md."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from lxml import etree

from jeugdregie.common.periods import plus_werkdagen
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzingsverzoek
from jeugdregie.toewijzingen.services.verzoek import zet_in_onderzoek
from jeugdregie.toewijzingen.werkvoorraad import ANTWOORD_WERKDAGEN, werkvoorraden

from . import test_ijw_start_stop as regie
from . import test_ijw_verzoek as jw315
from . import test_ijw_wijziging as jw317
from .klok import AMSTERDAM
from .test_screenen_en_zorg import gestart
from .test_wonen import wonen

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
    """OP274: the home page marks an overdue request (class ``verstreken``, bold) and links to it."""
    klok(date(2026, 4, 1))
    jw315.stuur(route)
    klok(date(2026, 4, 14))
    client.force_login(route["gebruikers"]["toegang"])
    thuis = client.get("/").content.decode()
    verzoek = Toewijzingsverzoek.objects.order_by("id").first()
    assert f'<li class="verstreken"><a href="{verzoek.get_absolute_url()}"><strong>JW315 40A12341234' in thuis


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
