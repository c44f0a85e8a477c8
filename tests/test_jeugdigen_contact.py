"""Contact data of the young person (issue 15 §2): BRP-style woonadres, correspondence address
and phone numbers with history; the JW301 Contact that satisfies TR006 and CD034 (XSD and the
standard's validation stylesheet); a JW301 held back while no address or phone is known, with
the toegang's worklist item, and sent once the address is entered."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from lxml import etree

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.common.tijd import vandaag
from jeugdregie.ijw.constants import Berichttype
from jeugdregie.ijw.models import Uitboxverwerking
from jeugdregie.ijw.services.uitbox import verzamel
from jeugdregie.ijw.werkvoorraad import adres_ontbreekt
from jeugdregie.ijw.xml.schemas import is_geldig
from jeugdregie.ijw.xml.veilig import lees
from jeugdregie.jeugdigen.constants import AdresSoort, Foutcode
from jeugdregie.jeugdigen.models import Adres, Telefoonnummer
from jeugdregie.jeugdigen.services_contact import controleer_adres, controleer_telefoon
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Gebeurtenis

from .builders.contact import NS, WOONADRES, jw301s, stylesheetfouten, wijzig
from .builders.route import screen, verwijs

POSTADRES = {"straatnaam": "Postweg", "huisnummer": "3", "postcode": "7411AB", "plaatsnaam": "Deventer"}


def contacten(bericht) -> list[dict]:
    root = lees(bytes(bericht.inhoud))
    assert is_geldig(root, Berichttype.JW301)
    gevonden = []
    for contact in root.iterfind("jw301:Client/jw301:Contactgegevens/jw301:Contact", NS):
        gevonden.append(
            {kind.tag.split("}")[1]: kind.text for kind in contact.iter() if kind is not contact and len(kind) == 0}
        )
    return gevonden


# --- the checks: what to fix, in Dutch ---


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("postcode", "801 AB", "Postcode moet vier cijfers en twee letters zijn, bijvoorbeeld 8011 AB."),
        ("postcode", "0123AB", "Postcode moet vier cijfers en twee letters zijn"),  # CS089: no leading 0
        ("huisnummer", "12a", "Het huisnummer is een getal van hoogstens vijf cijfers"),
        ("huisnummer", "", "Het huisnummer is een getal"),
        ("huisletter", "ab", "De huisletter is één letter"),
        ("huisnummertoevoeging", "boven", "De toevoeging mag hoogstens 4 tekens zijn"),
        ("straatnaam", "Burgemeester van Roijensingel", "hoogstens 24 tekens"),
        ("straatnaam", "", "Vul de straatnaam in."),
        ("plaatsnaam", "", "Vul de woonplaats in"),
        ("land", "XX", "Kies een land uit de lijst."),
    ],
)
def test_adres_fouten_zeggen_wat_te_verbeteren(veld, waarde, melding):
    with pytest.raises(DomainError) as fout:
        controleer_adres({**WOONADRES, veld: waarde}, prefix="woon_")
    assert fout.value.code == Foutcode.ADRES_ONGELDIG
    assert fout.value.field == f"woon_{veld}"
    assert melding in fout.value.message


def test_adres_wordt_genormaliseerd_ook_in_het_buitenland():
    assert controleer_adres(WOONADRES) == {
        "straatnaam": "Assendorperstraat",
        "huisnummer": 12,
        "huisletter": "A",
        "huisnummertoevoeging": "bis",
        "aanduiding": "",
        "postcode": "8012DH",  # iJw CS089 form
        "plaatsnaam": "Zwolle",
        "land": "NL",
    }
    buitenland = controleer_adres(
        {"straatnaam": "Rue Haute", "huisnummer": "7", "postcode": "B-1000", "plaatsnaam": "Brussel", "land": "be"}
    )
    assert (buitenland["postcode"], buitenland["land"]) == ("B-1000", "BE")
    with pytest.raises(DomainError, match="buitenlandse postcode"):
        controleer_adres({**buitenland, "postcode": ""})
    woonboot = controleer_adres({**WOONADRES, "straatnaam": "", "aanduiding": "AB"})  # BRP 11.50: aan boord
    assert woonboot["aanduiding"] == "AB"


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("06-12345678", ("0612345678", "0031")),
        ("+31 6 1234 5678", ("0612345678", "0031")),
        ("+31 (0)38 123 45 67", ("0381234567", "0031")),
        ("0031 38 1234567", ("0381234567", "0031")),
        ("038 - 123 45 67", ("0381234567", "0031")),
        ("+32 470 12 34 56", ("470123456", "0032")),
        ("+352 621 123 456", ("621123456", "+352")),
    ],
)
def test_telefoonnummer_wordt_genormaliseerd(invoer, verwacht):
    assert controleer_telefoon(invoer) == verwacht


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [
        ("06-1234567", "tien cijfers en begint met 0"),
        ("612345678", "tien cijfers en begint met 0"),
        ("bel mama", "bestaat uit cijfers"),
        ("0612345678x", "bestaat uit cijfers"),
    ],
)
def test_telefoonnummer_fouten(invoer, melding):
    with pytest.raises(DomainError) as fout:
        controleer_telefoon(invoer, veld="telefoon_1")
    assert (fout.value.code, fout.value.field) == (Foutcode.TELEFOON_ONGELDIG, "telefoon_1")
    assert melding in fout.value.message


# --- history, scope and audit ---


def test_verhuizing_houdt_historie_en_datums_komen_van_de_server(route, klok):
    jeugdige = route["jeugdige_zwolle"]
    klok(date(2026, 6, 1))
    wijzig(route, telefoonnummers=["06-12345678"])
    eerste = Adres.objects.get(jeugdige=jeugdige, soort=AdresSoort.WOONADRES, einddatum__isnull=True)
    assert eerste.begindatum == date(2026, 6, 1)
    factory_adres = Adres.objects.get(jeugdige=jeugdige, einddatum=date(2026, 5, 31))  # closed the day before
    assert factory_adres.begindatum < eerste.begindatum
    klok(date(2026, 9, 15))
    wijzig(route, woonadres={**WOONADRES, "huisnummer": "14"}, telefoonnummers=["06-12345678"])
    rijen = list(Adres.objects.filter(jeugdige=jeugdige).order_by("begindatum").values_list("begindatum", "einddatum"))
    assert rijen[-2:] == [(date(2026, 6, 1), date(2026, 9, 14)), (date(2026, 9, 15), None)]
    assert Telefoonnummer.objects.filter(jeugdige=jeugdige).count() == 1  # the phone did not change
    # a second change the same day replaces that day's row: no period that ends before it starts
    wijzig(route, woonadres={**WOONADRES, "huisnummer": "16"}, telefoonnummers=[])
    assert jeugdige.adres_op(date(2026, 9, 15)).huisnummer == 16
    assert Adres.objects.filter(jeugdige=jeugdige, begindatum=date(2026, 9, 15)).count() == 1
    assert Telefoonnummer.objects.get(jeugdige=jeugdige).einddatum == date(2026, 9, 14)
    assert jeugdige.telefoonnummers_op(date(2026, 9, 15)) == []


def test_correspondentieadres_alleen_waar_het_afwijkt(route):
    jeugdige = route["jeugdige_zwolle"]
    wijzig(route, correspondentieadres=dict(WOONADRES))
    assert not Adres.objects.filter(jeugdige=jeugdige, soort=AdresSoort.CORRESPONDENTIEADRES).exists()
    wijzig(route, correspondentieadres=POSTADRES)
    post = jeugdige.adres_op(vandaag(), AdresSoort.CORRESPONDENTIEADRES)
    assert str(post) == "Postweg 3, 7411 AB Deventer"
    with pytest.raises(DomainError, match="niets gewijzigd"):
        wijzig(route, correspondentieadres=POSTADRES)


def test_alles_wordt_gecontroleerd_voor_er_iets_geschreven_wordt(route):
    jeugdige = route["jeugdige_zwolle"]
    voor = list(Adres.objects.filter(jeugdige=jeugdige).values_list("pk", "einddatum"))
    with pytest.raises(DomainError) as fout:
        wijzig(route, telefoonnummers=["06-12345678", "nee"])
    assert fout.value.field == "telefoon_2"
    assert list(Adres.objects.filter(jeugdige=jeugdige).values_list("pk", "einddatum")) == voor
    with pytest.raises(DomainError, match="hoogstens twee"):
        wijzig(route, telefoonnummers=["0612345678", "0612345679", "0381234567"])


@pytest.mark.parametrize("door", ["aanbieder", "toegang_andere_gemeente", "financieel", "huisarts"])
def test_alleen_de_toegang_van_de_jeugdige_wijzigt(route, door):
    with pytest.raises(DomainError) as fout:
        wijzig(route, door=door)
    assert fout.value.code == Foutcode.GEEN_TOEGANG


def test_wijziging_wordt_gelogd_zonder_de_waarden(route):
    jeugdige = route["jeugdige_zwolle"]
    wijzig(route, telefoonnummers=["06-12345678"])
    regel = AuditRegel.objects.filter(client_id=jeugdige.pk, actie="wijzigen").latest("id")
    assert regel.objecttype == "jeugdigen.Adres"
    assert regel.details == "gewijzigd: woonadres, telefoonnummers"
    assert "Assendorper" not in regel.details and "0612345678" not in regel.details


# --- screens and API ---


def test_pagina_toegang_voert_adres_in_met_nederlandse_foutmelding(client, route):
    jeugdige = route["jeugdige_zwolle"]
    client.force_login(route["gebruikers"]["toegang"])
    url = reverse("jeugdigen:contact", args=[jeugdige.pk])
    assert "Woonadres (BRP-adres)" in client.get(url).content.decode()
    velden = {f"woon_{k}": v for k, v in WOONADRES.items()} | {"woon_land": "NL", "telefoon_1": "06-12345678"}
    fout = client.post(url, {**velden, "woon_postcode": "8012"})
    assert fout.status_code == 200
    assert "Postcode moet vier cijfers en twee letters zijn, bijvoorbeeld 8011 AB." in fout.content.decode()
    assert client.post(url, velden).status_code == 302
    detail = client.get(reverse("jeugdigen:detail", args=[jeugdige.pk])).content.decode()
    assert "Assendorperstraat 12A-bis, 8012 DH Zwolle" in detail and "06-12345678" in detail


def test_pagina_aanbieder_ziet_adres_maar_wijzigt_niet_financien_ziet_niets(client, route):
    jeugdige = route["jeugdige_zwolle"]
    client.force_login(route["gebruikers"]["aanbieder"])  # a relation: needs the address for care
    detail = client.get(reverse("jeugdigen:detail", args=[jeugdige.pk])).content.decode()
    assert "Assendorperstraat" in detail and reverse("jeugdigen:contact", args=[jeugdige.pk]) not in detail
    assert client.get(reverse("jeugdigen:contact", args=[jeugdige.pk])).status_code == 403
    client.force_login(route["gebruikers"]["financieel"])
    assert client.get(reverse("jeugdigen:detail", args=[jeugdige.pk])).status_code == 403
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert client.get(reverse("jeugdigen:contact", args=[jeugdige.pk])).status_code == 404


def test_api_contactgegevens(client, route):
    jeugdige = route["jeugdige_zwolle"]
    url = f"/api/v1/jeugdigen/{jeugdige.pk}/contactgegevens/"
    body = {"woonadres": WOONADRES, "correspondentieadres": POSTADRES, "telefoonnummers": ["+31 6 12345678"]}
    client.force_login(route["gebruikers"]["aanbieder"])
    assert client.put(url, body, content_type="application/json").status_code == 403
    client.force_login(route["gebruikers"]["toegang"])
    fout = client.put(url, {**body, "telefoonnummers": ["12"]}, content_type="application/json")
    assert fout.status_code == 400
    assert fout.json()["fouten"][0]["veld"] == "telefoon_1"
    antwoord = client.put(url, body, content_type="application/json")
    assert antwoord.status_code == 200
    actueel = [a for a in antwoord.json()["adressen"] if a["einddatum"] is None]
    assert {(a["soort"], a["postcode"]) for a in actueel} == {("01", "8012DH"), ("02", "7411AB")}
    assert [t["nummer"] for t in antwoord.json()["telefoonnummers"]] == ["0612345678"]
    client.force_login(route["gebruikers"]["aanbieder"])
    gelezen = client.get(f"/api/v1/jeugdigen/{jeugdige.pk}/").json()
    assert any(a["straatnaam"] == "Assendorperstraat" for a in gelezen["adressen"])


# --- JW301: TR006 and CD034 through the standard's stylesheet ---


def _toewijzen(route, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        screen(route, verwijs(route))


@pytest.mark.parametrize(
    ("contact", "verwacht"),
    [
        ({"woonadres": WOONADRES}, [("01", "8012DH")]),
        (
            {
                "woonadres": WOONADRES,
                "correspondentieadres": POSTADRES,
                "telefoonnummers": ["0612345678", "+32 470 12 34 56"],
            },
            [("01", "8012DH"), ("02", "7411AB")],
        ),
        ({"woonadres": None, "telefoonnummers": ["038-1234567"]}, [("02", None)]),
        ({"woonadres": None, "correspondentieadres": POSTADRES}, [("02", "7411AB")]),
        (
            {
                "woonadres": {
                    "straatnaam": "Rue Haute",
                    "huisnummer": "7",
                    "postcode": "1000",
                    "plaatsnaam": "Brussel",
                    "land": "BE",
                }
            },
            [("01", "1000")],
        ),
        ({"woonadres": {**WOONADRES, "straatnaam": "", "aanduiding": "WW"}}, [("01", "8012DH")]),
    ],
)
def test_jw301_contact_voldoet_aan_tr006_cd034_xsd_en_stylesheet(
    route, django_capture_on_commit_callbacks, contact, verwacht
):
    """Issue 15 §2: every Contact holds Huis with Postcode or a Telefoon (TR006), a Soort 01 a
    Postcode (CD034); the standard's stylesheet finds no fault at all in the message."""
    wijzig(route, **contact)
    _toewijzen(route, django_capture_on_commit_callbacks)
    (bericht,) = jw301s()
    gevonden = contacten(bericht)
    assert [(c["Soort"], c.get("Postcode")) for c in gevonden] == verwacht
    for c in gevonden:
        assert ("Huisnummer" in c and "Postcode" in c) or "Telefoonnummer" in c  # TR006
        assert c["Soort"] != "01" or c.get("Postcode")  # CD034
    assert stylesheetfouten(bytes(bericht.inhoud)) == []


def test_jw301_voorbeeld_van_een_volledig_contact(route, django_capture_on_commit_callbacks):
    wijzig(route, correspondentieadres=POSTADRES, telefoonnummers=["06-12345678"])
    _toewijzen(route, django_capture_on_commit_callbacks)
    (bericht,) = jw301s()
    assert contacten(bericht) == [
        {
            "Soort": "01",
            "Huisnummer": "12",
            "Huisletter": "A",
            "HuisnummerToevoeging": "bis",
            "Postcode": "8012DH",
            "Straatnaam": "Assendorperstraat",
            "Plaatsnaam": "Zwolle",
            "LandCode": "NL",
            "Telefoonnummer": "0612345678",
            "Landnummer": "0031",
        },
        {
            "Soort": "02",
            "Huisnummer": "3",
            "Postcode": "7411AB",
            "Straatnaam": "Postweg",
            "Plaatsnaam": "Deventer",
            "LandCode": "NL",
        },
    ]


def test_stylesheet_vindt_tr006_in_een_contact_zonder_adres_en_telefoon(route, django_capture_on_commit_callbacks):
    """The check is real: the old Contact (only a Soort) fails TR006 in the same stylesheet."""
    _toewijzen(route, django_capture_on_commit_callbacks)
    (bericht,) = jw301s()
    root = lees(bytes(bericht.inhoud))
    contact = root.find("jw301:Client/jw301:Contactgegevens/jw301:Contact", NS)
    for kind in list(contact)[1:]:
        contact.remove(kind)
    regels = {regel for regel, _ in stylesheetfouten(etree.tostring(root))}
    assert "TR006" in regels and "CD034" in regels


# --- a child without any address or phone: held back, worklist, sent when entered ---


def test_zonder_contact_wacht_de_jw301_en_gaat_na_invoer_van_het_adres(
    client, route, django_capture_on_commit_callbacks
):
    """Issue 15 §2: the allocation is made (care is not blocked), its JW301 is not: the outbox
    leaves the event unhandled and the toegang's home page says what to do; once the address is
    entered, the waiting JW301 goes out, exactly once."""
    jeugdige = route["jeugdige_zwolle"]
    Adres.objects.filter(jeugdige=jeugdige).delete()
    _toewijzen(route, django_capture_on_commit_callbacks)
    toewijzing = Toewijzing.objects.get()
    gebeurtenis = Gebeurtenis.objects.get(gebeurtenis="toewijzing_aangemaakt")
    assert jw301s() == [] and not Uitboxverwerking.objects.filter(gebeurtenis=gebeurtenis).exists()
    assert verzamel() == []  # the catch-up holds it back too

    (item,) = adres_ontbreekt(route["gebruikers"]["toegang"], op=vandaag())
    assert item.toewijzing == toewijzing and item.get_absolute_url() == reverse("jeugdigen:contact", args=[jeugdige.pk])
    client.force_login(route["gebruikers"]["toegang"])
    home = client.get("/").content.decode()
    assert "Adres ontbreekt: de toewijzing kan pas naar de aanbieder als het adres of telefoonnummer bekend is" in home
    # issue 19 §1: the card names the child by initials and age, not by full name
    leeftijd = leeftijd_op(jeugdige.geboortedatum, vandaag())
    assert f"Z.Z. ({leeftijd} jaar)" in home and "Zwolsma" not in home
    assert reverse("jeugdigen:contact", args=[jeugdige.pk]) in home

    with django_capture_on_commit_callbacks(execute=True):
        wijzig(route)
    (bericht,) = jw301s()
    assert bericht.oorzaak == f"gebeurtenis:{gebeurtenis.pk}"
    assert Uitboxverwerking.objects.get(gebeurtenis=gebeurtenis).bericht == bericht
    assert stylesheetfouten(bytes(bericht.inhoud)) == []
    assert verzamel() == [] and len(jw301s()) == 1  # exactly once
    assert adres_ontbreekt(route["gebruikers"]["toegang"], op=vandaag()) == []


def test_wachtende_jw301_gaat_ook_met_de_inhaalronde(route, django_capture_on_commit_callbacks):
    Adres.objects.filter(jeugdige=route["jeugdige_zwolle"]).delete()
    _toewijzen(route, django_capture_on_commit_callbacks)
    wijzig(route, woonadres=None, telefoonnummers=["06-12345678"])  # no on-commit hook run here
    assert jw301s() == []
    (bericht,) = verzamel()
    assert [c["Soort"] for c in contacten(bericht)] == ["02"]


def test_werkvoorraad_noemt_de_jeugdige_zoals_de_toegang_hem_mag_zien(route, django_capture_on_commit_callbacks):
    jeugdige = route["jeugdige_zwolle"]
    Adres.objects.filter(jeugdige=jeugdige).delete()
    _toewijzen(route, django_capture_on_commit_callbacks)
    woonplaats = jeugdige.woonplaatsen.get()
    woonplaats.einddatum = vandaag() - timedelta(days=1)  # moved away: no longer the toegang's resident
    woonplaats.save()
    (item,) = adres_ontbreekt(route["gebruikers"]["toegang"], op=vandaag())
    assert str(item).startswith(f"BSN {jeugdige.bsn_gemaskeerd}:")
    assert item.get_absolute_url() == Toewijzing.objects.get().verwijzing.get_absolute_url()


def test_kindpagina_meldt_adres_ontbreekt_naar_wat_vandaag_geldt(client, route):
    """Issue 15 §2: the child's page says the address is missing when no address or phone holds
    today, also when an ended address is still in the history (review finding)."""
    from .klok import op_de_dag

    jeugdige = route["jeugdige_zwolle"]
    Adres.objects.filter(jeugdige=jeugdige).delete()
    Telefoonnummer.objects.filter(jeugdige=jeugdige).delete()
    client.force_login(route["gebruikers"]["toegang"])
    url = reverse("jeugdigen:detail", args=[jeugdige.pk])
    melding = "Adres ontbreekt: een toewijzing kan pas naar de aanbieder"
    with op_de_dag(date(2026, 5, 1)):
        assert melding in client.get(url).content.decode()
        wijzig(route)
        assert melding not in client.get(url).content.decode()
    with op_de_dag(date(2026, 6, 1)):
        wijzig(route, woonadres=None)
        pagina = client.get(url).content.decode()
        assert "Assendorperstraat" in pagina and melding in pagina  # the history, and the note
