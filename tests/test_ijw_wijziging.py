"""Inbound JW317 verzoek om wijziging, answered with JW318 (R-M1, SPEC §6 R-A2/R-A4, issue 5 §2):
through the receiver, as a provider delivers it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.toewijzingen.services import besluit_aanpassing
from jeugdregie.verwijzingen.models import Gebeurtenis, Keuzebudget, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek

from .builders.ijw.wijziging import NU, codes, jw317, stuur, wijziging
from .builders.route import gestart, screen, verwijs
from .builders.wonen import wonen
from .factories import JeugdigeFactory


@pytest.fixture(autouse=True)
def nu(monkeypatch):
    """Receipt on 1 May 2026: inside 6 months after the start of care on 9 March 2026 (R-A4 reason 2)."""
    monkeypatch.setattr(timezone, "now", lambda: NU)


def _niets_opgeslagen(ontvangst, bedrag="3000.00"):
    assert not Aanpassingsaanvraag.objects.exists()
    assert not Gebeurtenis.objects.filter(gebeurtenis="aanpassing_ingediend").exists()
    assert [str(b.bedrag) for b in Keuzebudget.objects.all()] == [bedrag] * Keuzebudget.objects.count()
    assert ontvangst.bericht.status == "afgekeurd"


def test_verzoek_om_wijziging_maakt_aanpassingsaanvraag(route):
    """R-A2/R-M1: a valid JW317 files the adjustment request (WJ758 2 -> R-A4 reason 2) with its
    ReferentieAanbieder, the Budget in eurocents as the new keuzebudget total; JW318 with 0200."""
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    aanvraag = Aanpassingsaanvraag.objects.get()
    assert (aanvraag.referentie_aanbieder, aanvraag.reden, aanvraag.gevraagd_bedrag) == ("VOW-1", "2", Decimal("4500"))
    assert (aanvraag.gevraagde_einddatum, aanvraag.status, aanvraag.toewijzing) == (None, "ingediend", toewijzing)
    assert (aanvraag.ingediend_op, aanvraag.ingediend_door) == (date(2026, 5, 1), route["gebruikers"]["aanbieder"])
    assert aanvraag.toelichting == (
        "Verzoek om wijziging via iJw (JW317, ReferentieAanbieder VOW-1), reden wijziging zorgplan. "
        "Gevraagd: keuzebudget € 4.500,00."
    )
    assert (ontvangst.retour.berichttype, ontvangst.retour.retourcodes) == ("JW318", ["0200"])
    assert [codes(ontvangst, k) for k in ("Client", "Verzoek", "TeWijzigenProduct")] == [[["0200"]]] * 3
    assert (ontvangst.bericht.status, ontvangst.bericht.toewijzing_id) == ("verwerkt", toewijzing.pk)


def test_alleen_een_latere_einddatum_vragen(route):
    """IV092: an unchanged Budget is not asked again; only the new end date is requested."""
    toewijzing = gestart(route)
    stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing, budget=300000, einde=date(2027, 6, 30))]))
    aanvraag = Aanpassingsaanvraag.objects.get()
    assert (aanvraag.gevraagd_bedrag, aanvraag.gevraagde_einddatum) == (None, date(2027, 6, 30))
    assert aanvraag.toelichting.endswith("Gevraagd: einddatum 30-06-2027.")


def test_verzoek_zonder_alle_actuele_toewijzingen_wordt_afgekeurd(route):
    """TR349: all current allocations of the client at this provider must be in the message."""
    toewijzing = gestart(route)
    tweede = wonen(route, begindatum=date(2026, 4, 1))  # Wonen next to the keuzebudget (R-W4)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    assert (codes(ontvangst, "Verzoek"), codes(ontvangst, "TeWijzigenProduct")) == ([["9349"]], [["0200"]])
    assert codes(ontvangst, "Client") == [["0200"]]
    nummer = tweede.pk
    assert ontvangst.bericht.fouten == [
        {
            "klasse": "Verzoek",
            "sleutel": "VOW-1",
            "codes": ["9349"],
            "toelichting": "Neem alle actuele toewijzingen op als OngewijzigdProduct of TeWijzigenProduct; "
            f"ontbrekend: {nummer} (TR349).",
        }
    ]
    _niets_opgeslagen(ontvangst)


def test_verlopen_toewijzing_hoeft_niet_mee(route):
    """TR349: an allocation whose Einddatum lies before the day of receipt is not current."""
    oud = verwijs(route, datum=date(2025, 1, 6))
    screen(route, oud, op=date(2025, 1, 6))
    assert oud.toewijzingen.get().einddatum == date(2026, 1, 5)
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    assert codes(ontvangst, "Verzoek") == [["0200"]]
    assert Aanpassingsaanvraag.objects.get().toewijzing == toewijzing


def test_tweede_verzoek_terwijl_er_een_onderhanden_is(route):
    """TR374/OP350: no request while one is in progress for this client at this provider."""
    toewijzing = gestart(route)
    stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    tweede = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)], identificatie="317-2", referentie="VOW-2"))
    assert codes(tweede, "Verzoek") == [["9374"]]
    assert Aanpassingsaanvraag.objects.get().referentie_aanbieder == "VOW-1"
    assert tweede.bericht.status == "afgekeurd"


def test_open_verzoek_om_toewijzing_blokkeert_wijziging(route):
    """TR374: an open JW315 request of the same provider for the client is also in progress."""
    toewijzing = gestart(route)
    Toewijzingsverzoek.objects.create(
        jeugdige=route["jeugdige_zwolle"],
        gemeente=route["zwolle"],
        aanbieder=route["aanbieder"],
        referentie_aanbieder="VOT-1",
        productcategorie="45",
        ingangsdatum=date(2026, 6, 1),
        ontvangen_op=NU,
    )
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    assert codes(ontvangst, "Verzoek") == [["9374"]]
    _niets_opgeslagen(ontvangst)


def test_onbekend_toewijzingnummer(route):
    """TR351/TR350: every product refers to a current allocation by its ToewijzingNummer."""
    toewijzing = gestart(route)
    onbekend = wijziging(toewijzing) | {"nummer": 999999}
    ontvangst = stuur(route, jw317(route, ongewijzigd=[toewijzing.pk], te_wijzigen=[onbekend]))
    assert (codes(ontvangst, "TeWijzigenProduct"), codes(ontvangst, "OngewijzigdProduct")) == ([["9351"]], [["0200"]])
    assert codes(ontvangst, "Verzoek") == [["0200"]]
    _niets_opgeslagen(ontvangst)
    ongewijzigd = stuur(
        route, jw317(route, ongewijzigd=[999999], te_wijzigen=[wijziging(toewijzing)], identificatie="2")
    )
    assert (codes(ongewijzigd, "OngewijzigdProduct"), codes(ongewijzigd, "TeWijzigenProduct")) == (
        [["9350"]],
        [["0200"]],
    )
    _niets_opgeslagen(ongewijzigd)


def test_toewijzing_van_andere_aanbieder(route):
    """TR351: another provider's allocation of the same client is not this provider's to change;
    the explanation does not reveal whose it is."""
    toewijzing = gestart(route)
    ander = verwijs(route, aanbieder="andere_aanbieder", datum=date(2026, 4, 1))
    screen(route, ander, door="andere_aanbieder", op=date(2026, 4, 1))
    andere = ander.toewijzingen.get()
    ontvangst = stuur(route, jw317(route, ongewijzigd=[toewijzing.pk], te_wijzigen=[wijziging(andere)]))
    assert codes(ontvangst, "TeWijzigenProduct") == [["9351"]]
    assert "andere aanbieder" not in ontvangst.bericht.fouten[0]["toelichting"]
    _niets_opgeslagen(ontvangst)


def test_toewijzing_van_andere_client(route):
    """TR304: the provider's own allocation of another client does not belong to this Bsn."""
    toewijzing = gestart(route)
    broer = verwijs(route, jeugdige=JeugdigeFactory(gemeente=route["zwolle"]), datum=date(2026, 4, 1))
    screen(route, broer, op=date(2026, 4, 1))
    ontvangst = stuur(
        route, jw317(route, ongewijzigd=[toewijzing.pk], te_wijzigen=[wijziging(broer.toewijzingen.get())])
    )
    assert codes(ontvangst, "TeWijzigenProduct") == [["8187"]]
    _niets_opgeslagen(ontvangst)


def test_onbekende_client(route):
    """TR304: a valid Bsn without a client at the municipality."""
    gestart(route)
    bsn = JeugdigeFactory.build().bsn
    assert not Jeugdige.objects.filter(bsn=bsn).exists()
    ontvangst = stuur(route, jw317(route, ongewijzigd=[999999], nieuw=True, bsn=bsn))
    assert (codes(ontvangst, "Client"), codes(ontvangst, "OngewijzigdProduct")) == ([["8187"]], [["9350"]])
    _niets_opgeslagen(ontvangst)


def test_ongeldig_bsn_geeft_alleen_header_met_0001(route):
    """CS002 (issue 5 §7), IV032 level 2: the retour is the header with 0001."""
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)], bsn="123456789"))
    assert ontvangst.retour.retourcodes == ["0001"]
    assert codes(ontvangst, "Client") == []
    assert "CS002" in ontvangst.bericht.fouten[0]["toelichting"]  # the standard's stylesheet judges it
    _niets_opgeslagen(ontvangst)


def test_herhaald_bericht_geeft_zelfde_retour_en_een_aanvraag(route):
    """TR056 / issue 5 §5: a replay returns the original retour and changes nothing."""
    toewijzing = gestart(route)
    data = jw317(route, te_wijzigen=[wijziging(toewijzing)])
    eerste, tweede = stuur(route, data), stuur(route, data)
    assert (tweede.herhaald, tweede.retour.pk, tweede.retour_xml) == (True, eerste.retour.pk, eerste.retour_xml)
    assert Aanpassingsaanvraag.objects.count() == 1


def test_referentie_aanbieder_is_uniek(route):
    """TR347/OP361: a ReferentieAanbieder is used once per provider, also after the answer."""
    toewijzing = gestart(route)
    stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)]))
    besluit_aanpassing(
        aanvraag=Aanpassingsaanvraag.objects.get(),
        besluit="afgewezen",
        motivering="Past niet.",
        door=route["gebruikers"]["toegang"],
    )
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)], identificatie="317-2"))
    assert codes(ontvangst, "Verzoek") == [["9347"]]
    assert Aanpassingsaanvraag.objects.count() == 1


def test_budget_wijzigt_over_de_hele_looptijd(route):
    """TR373/IV092: a budget change has the allocation's Ingangsdatum as GewensteIngangsdatum."""
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing, ingang=date(2026, 6, 1))]))
    assert codes(ontvangst, "TeWijzigenProduct") == [["9373"]]
    _niets_opgeslagen(ontvangst)


def test_omvang_op_een_keuzebudget(route):
    """TR375/TR412: an allocation without Product (a keuzebudget: our JW301 carries none) takes no
    Omvang; both rules apply, each with its own code."""
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing, budget=None, omvang=True)]))
    assert codes(ontvangst, "TeWijzigenProduct") == [["9375", "9412"]]
    _niets_opgeslagen(ontvangst)


def test_verandering_clientsituatie_zonder_bespreking_wordt_geweigerd(route):
    """R-A4 reason 3: WJ758 1 is 'gewijzigde omstandigheden', which must be discussed with the
    toegang first; the message cannot say so, so the service refuses it on the Verzoek class."""
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, te_wijzigen=[wijziging(toewijzing)], reden="1"))
    assert codes(ontvangst, "Verzoek") == [["0001"]]
    assert ontvangst.bericht.fouten[0]["toelichting"] == (
        "Bespreek gewijzigde omstandigheden eerst met de toegang, voordat u handelt. (TW013)"
    )
    _niets_opgeslagen(ontvangst)


def test_nieuw_product_loopt_via_verzoek_om_toewijzing(route):
    """SPEC §6: a JW317 adjusts a running keuzebudget; a new product is requested with a JW315."""
    toewijzing = gestart(route)
    na_het_budget = (toewijzing.einddatum + timedelta(days=1), toewijzing.einddatum + timedelta(days=90))
    ontvangst = stuur(route, jw317(route, ongewijzigd=[toewijzing.pk], nieuw=na_het_budget))
    assert (codes(ontvangst, "NieuwProduct"), codes(ontvangst, "Verzoek")) == ([["0001"]], [["0200"]])
    _niets_opgeslagen(ontvangst)


def test_nieuw_product_naast_een_keuzebudget_overlapt(route):
    """TR361 (9361): a keuzebudget is allocated without Product, so no requested product may overlap
    it; both the OngewijzigdProduct and the NieuwProduct get the code, nothing is filed."""
    toewijzing = gestart(route)
    ontvangst = stuur(route, jw317(route, ongewijzigd=[toewijzing.pk], nieuw=True))
    assert (codes(ontvangst, "NieuwProduct"), codes(ontvangst, "OngewijzigdProduct")) == ([["9361"]], [["9361"]])
    assert codes(ontvangst, "Verzoek") == [["0200"]]
    assert {f["toelichting"] for f in ontvangst.bericht.fouten} == {
        f"toewijzing {toewijzing.pk} overlapt in de tijd met NieuwProduct 45A03 van hetzelfde product (of een "
        "toewijzing zonder product): een product mag alleen vaker in het verzoek voorkomen als de zorgperiodes "
        "elkaar niet overlappen (TR361).",
        f"NieuwProduct 45A03 overlapt in de tijd met toewijzing {toewijzing.pk} van hetzelfde product (of een "
        "toewijzing zonder product): een product mag alleen vaker in het verzoek voorkomen als de zorgperiodes "
        "elkaar niet overlappen (TR361).",
    }
    _niets_opgeslagen(ontvangst)


def test_einddatum_voor_ingangsdatum_is_inhoudsfout(route):
    """CS003, IV032 level 2: header-only retour 0001."""
    toewijzing = gestart(route)
    fout = wijziging(toewijzing, einde=date(2026, 3, 1))
    ontvangst = stuur(route, jw317(route, te_wijzigen=[fout]))
    assert (ontvangst.retour.retourcodes, codes(ontvangst, "Verzoek")) == (["0001"], [])
    _niets_opgeslagen(ontvangst)


def test_een_keuzebudget_per_verzoek(route):
    """One decision per ReferentieAanbieder (TR365 on the answer): a second keuzebudget in the same
    request gets 0001 on its class."""
    toewijzing = gestart(route)
    # Two running keuzebudgetten at one provider, as data from before TW026 (issue 15 §3) may hold:
    # made at the other provider and moved, since the domain now refuses a second one there.
    tweede = verwijs(route, datum=date(2026, 4, 1), aanbieder="andere_aanbieder")
    screen(route, tweede, op=date(2026, 4, 1), door="andere_aanbieder")
    Verwijzing.objects.filter(pk=tweede.pk).update(aanbieder=route["aanbieder"])
    Toewijzing.objects.filter(verwijzing=tweede).update(aanbieder=route["aanbieder"])
    beide = [wijziging(toewijzing), wijziging(tweede.toewijzingen.get(), budget=200000)]
    ontvangst = stuur(route, jw317(route, te_wijzigen=beide))
    assert codes(ontvangst, "TeWijzigenProduct") == [["0200"], ["0001"]]
    _niets_opgeslagen(ontvangst)


def test_wonen_wijzigen_loopt_via_verwijzer_en_toegang(route):
    """TR411: a product allocation needs its Omvang; R-W8: a change of Wonen intensity is not a
    keuzebudget adjustment, so the JW317 gets 0001 on that product."""
    toewijzing = gestart(route)
    verblijf = wonen(route, begindatum=date(2026, 3, 2))
    zonder_omvang = wijziging(verblijf, budget=None)
    ontvangst = stuur(route, jw317(route, ongewijzigd=[toewijzing.pk], te_wijzigen=[zonder_omvang]))
    assert codes(ontvangst, "TeWijzigenProduct") == [["9411"]]
    met_omvang = zonder_omvang | {"omvang": True}
    tweede = stuur(route, jw317(route, ongewijzigd=[toewijzing.pk], te_wijzigen=[met_omvang], identificatie="2"))
    assert codes(tweede, "TeWijzigenProduct") == [["0001"]]
    assert "vraagt u aan bij de verwijzer en de toegang" in tweede.bericht.fouten[0]["toelichting"]
    _niets_opgeslagen(tweede)
