"""The family of a young person (issue 20 §1) and consent records (issue 20 §4): parents and
holders of gezag entered by the toegang through the services, with server dates, the gezag rules
(at most two holders, voogdij instead of parental gezag), who letters go to (R-D1 / Jeugdwet
7.3.4), who may consent and when a consent is complete, withdrawal at server time, bad input with
a Dutch message and nothing saved, the policies (other municipality, provider, wrong role) and
the audit rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.gezin.constants import Foutcode, Gegevenssoort, Gezinsrol, Kanaal
from jeugdregie.gezin.models import Gezinslid, GezinslidAdres, Toestemming
from jeugdregie.gezin.services import (
    GeenGeadresseerde,
    Gezinsliddata,
    beeindig_gezinslid,
    geadresseerden,
    gezin_van,
    toestemmers,
    voeg_gezinslid_toe,
    wijzig_contactvoorkeur,
    wijzig_gezinslid,
)
from jeugdregie.gezin.services_toestemming import geef_toestemming, toestemming_rond, trek_toestemming_in

from .builders.gezin import ADRES_OUDER, ouder_met_gezag
from .klok import op_de_dag

VANDAAG = date(2026, 3, 2)


def ouder(**velden) -> Gezinsliddata:
    basis = {
        "rol": Gezinsrol.OUDER,
        "gezag": True,
        "voornamen": "Petra",
        "achternaam": "de Vries",
        "adres": ADRES_OUDER,
    }
    return Gezinsliddata(**{**basis, **velden})


@pytest.fixture
def toegang(wereld):
    return wereld["gebruikers"]["toegang"]


@pytest.fixture
def kind(wereld):
    """Zara of Zwolle, born 17-05-2012: 13 on ``VANDAAG`` (the youth and the gezag holders)."""
    return wereld["jeugdige_zwolle"]


# --- entering the family ---------------------------------------------------------------------


def test_toegang_voegt_ouder_toe_vanaf_vandaag_met_adres(kind, toegang):
    with op_de_dag(VANDAAG):
        lid = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
    lid.refresh_from_db()
    assert (lid.rol, lid.gezag, lid.naam, lid.begindatum, lid.einddatum) == (
        "ouder",
        True,
        "Petra de Vries",
        VANDAAG,
        None,
    )
    adres = lid.adressen.get()
    assert (adres.straatnaam, adres.huisnummer, adres.postcode, adres.begindatum) == (
        "Thorbeckegracht",
        7,
        "8011VM",
        VANDAAG,
    )
    regel = AuditRegel.objects.get(objecttype="gezin.Gezinslid", actie="aanmaken")
    assert (regel.client_id, regel.object_id, regel.gebruiker_id) == (kind.pk, str(lid.pk), toegang.pk)
    assert "Vries" not in regel.details  # R-P2: no values in the audit row


@pytest.mark.parametrize(
    ("velden", "code", "melding"),
    [
        ({"achternaam": "  "}, Foutcode.NAAM_ONTBREEKT, "Vul de achternaam in."),
        ({"rol": Gezinsrol.GI, "achternaam": ""}, Foutcode.NAAM_ONTBREEKT, "Vul de naam van de instelling in."),
        ({"rol": "oom"}, Foutcode.ROL_ONGELDIG, "Kies ouder, voogd of gecertificeerde instelling."),
        ({"kanaal": Kanaal.DIGITAAL, "email": ""}, Foutcode.KANAAL_ZONDER_EMAIL, "Vul een e-mailadres in"),
        ({"email": "petra@"}, Foutcode.EMAIL_ONGELDIG, "Vul een geldig e-mailadres in"),
        ({"adres": None}, Foutcode.GEEN_ADRES, "Vul een adres in"),
        ({"adres": {**ADRES_OUDER, "postcode": "801"}}, "JGD006", "Postcode moet vier cijfers en twee letters zijn"),
        ({"telefoon": "12345"}, "JGD007", "Een Nederlands telefoonnummer heeft tien cijfers"),
    ],
)
def test_foute_invoer_geeft_nederlandse_melding_en_slaat_niets_op(kind, toegang, velden, code, melding):
    """Issue 20 bad input: a clear Dutch message, and no family row, address or audit row saved."""
    with op_de_dag(VANDAAG), pytest.raises(DomainError) as fout:
        voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(**velden), door=toegang)
    assert fout.value.code == code
    assert melding in fout.value.message
    assert not Gezinslid.objects.exists() and not GezinslidAdres.objects.exists()
    assert not AuditRegel.objects.filter(objecttype="gezin.Gezinslid").exists()


def test_hoogstens_twee_gezagsdragers(kind, toegang):
    """BW 1:245/1:251: gezag is held by one or two people; a third is refused and not saved."""
    with op_de_dag(VANDAAG):
        voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
        voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(voornamen="Mark"), door=toegang)
        with pytest.raises(DomainError) as fout:
            voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(voornamen="Kees"), door=toegang)
        # a parent without gezag can still be entered
        voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(voornamen="Kees", gezag=False), door=toegang)
    assert fout.value.code == Foutcode.GEZAG_VOL
    assert fout.value.message == "Er zijn al twee gezagsdragers. Beëindig eerst het gezag van een van hen."
    assert sorted(Gezinslid.objects.values_list("voornamen", "gezag")) == [
        ("Kees", False),
        ("Mark", True),
        ("Petra", True),
    ]


def test_voogdij_niet_naast_ouderlijk_gezag_wel_na_beeindigen(kind, toegang):
    """BW 1:280: a GI with voogdij holds gezag instead of the parents. Once the parent's gezag
    ended (as of today), the GI is addressed: from tomorrow's letters on (R-D1)."""
    gi = Gezinsliddata(
        rol=Gezinsrol.GI, gezag=False, voornamen="", achternaam="Jeugdbescherming Overijssel", adres=ADRES_OUDER
    )
    with op_de_dag(VANDAAG):
        moeder = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
        with pytest.raises(DomainError) as fout:
            voeg_gezinslid_toe(jeugdige=kind, gegevens=gi, door=toegang)
        assert fout.value.code == Foutcode.GEZAG_BOTST
        assert Gezinslid.objects.count() == 1
    with op_de_dag(VANDAAG + timedelta(days=10)):
        beeindig_gezinslid(gezinslid=moeder, door=toegang)
        instelling = voeg_gezinslid_toe(jeugdige=kind, gegevens=gi, door=toegang)
    assert instelling.gezag is True  # a GI is here only as holder of gezag
    dag = VANDAAG + timedelta(days=10)
    assert [(g.naam, g.rol) for g in geadresseerden(kind, op=dag)] == [
        ("Zara Zwolsma", "jeugdige"),
        ("Jeugdbescherming Overijssel", "gi"),
    ]
    assert [(g.naam, g.rol) for g in geadresseerden(kind, op=dag - timedelta(days=1))] == [
        ("Zara Zwolsma", "jeugdige"),
        ("Petra de Vries", "ouder"),
    ]


def test_beeindigen_op_dag_van_invoer_telt_nooit_en_tweede_keer_geweigerd(kind, toegang):
    with op_de_dag(VANDAAG):
        lid = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
        beeindig_gezinslid(gezinslid=lid, door=toegang)
        with pytest.raises(DomainError) as fout:
            beeindig_gezinslid(gezinslid=lid, door=toegang)
        assert [t.rol for t in toestemmers(kind, op=VANDAAG)] == ["jeugdige"]
    assert fout.value.code == Foutcode.AL_BEEINDIGD


def test_nieuw_adres_sluit_het_vorige_de_dag_ervoor(kind, toegang):
    with op_de_dag(VANDAAG):
        lid = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
    nieuw = {"straatnaam": "Grote Markt", "huisnummer": "1", "postcode": "8011LW", "plaatsnaam": "Zwolle"}
    with op_de_dag(VANDAAG + timedelta(days=5)):
        wijzig_gezinslid(gezinslid=lid, gegevens=ouder(adres=nieuw, email="petra@example.org"), door=toegang)
    rijen = list(lid.adressen.order_by("begindatum").values_list("straatnaam", "begindatum", "einddatum"))
    assert rijen == [
        ("Thorbeckegracht", VANDAAG, VANDAAG + timedelta(days=4)),
        ("Grote Markt", VANDAAG + timedelta(days=5), None),
    ]
    assert geadresseerden(kind, op=VANDAAG)[1].adresregels == ("Thorbeckegracht 7", "8011 VM  ZWOLLE")
    assert geadresseerden(kind, op=VANDAAG + timedelta(days=5))[1].adresregels == ("Grote Markt 1", "8011 LW  ZWOLLE")


# --- R-D1: who the letters go to -------------------------------------------------------------


def test_geen_gezagsdrager_geeft_geen_geadresseerde_met_wat_in_te_vullen(kind):
    """R-D1: from 12 to 16 the letter goes to the youth AND the gezag holders: without a holder
    there is no complete set of addressees, and the message says what to enter."""
    with pytest.raises(GeenGeadresseerde) as fout:
        geadresseerden(kind, op=VANDAAG)
    assert str(fout.value) == (
        "Leg bij het gezin van Zara Zwolsma vast wie het gezag heeft (ouder, voogd of gecertificeerde instelling), "
        "met adres of e-mailadres: onder de 16 jaar krijgen zij de beschikking."
    )


def test_geadresseerden_per_leeftijd_en_kanaal(kind, toegang):
    """R-D1 / Jeugdwet 7.3.4 on the child born 17-05-2012: 11 → parents; 12 → child and parents;
    16 → the child alone. A parent who chose digital gets e-mail; a parent without gezag nothing."""
    with op_de_dag(date(2020, 1, 1)):
        voeg_gezinslid_toe(
            jeugdige=kind,
            gegevens=ouder(kanaal=Kanaal.DIGITAAL, email="petra@example.org", adres=None, woont_bij_jeugdige=True),
            door=toegang,
        )
        voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(voornamen="Kees", gezag=False), door=toegang)
    elf = geadresseerden(kind, op=date(2024, 5, 16))
    assert [(g.naam, g.rol, g.kanaal, g.email) for g in elf] == [
        ("Petra de Vries", "ouder", "digitaal", "petra@example.org")
    ]
    assert elf[0].adresregels  # the child's address, for a paper copy
    twaalf = geadresseerden(kind, op=date(2024, 5, 17))
    assert [(g.naam, g.rol, g.kanaal) for g in twaalf] == [
        ("Zara Zwolsma", "jeugdige", "post"),
        ("Petra de Vries", "ouder", "digitaal"),
    ]
    zestien = geadresseerden(kind, op=date(2028, 5, 17))
    assert [(g.naam, g.rol) for g in zestien] == [("Zara Zwolsma", "jeugdige")]


def test_jeugdige_zonder_adres_vanaf_12_geen_geadresseerde(wereld, toegang):
    from .factories import JeugdigeFactory

    kind = JeugdigeFactory(adres=None, gemeente=wereld["zwolle"], voornamen="Ilse", achternaam="Kamp")
    ouder_met_gezag(kind, adres=ADRES_OUDER)
    assert [g.rol for g in geadresseerden(kind, op=date(2020, 1, 1))] == ["ouder"]  # 7: the parent alone
    with pytest.raises(GeenGeadresseerde) as fout:
        geadresseerden(kind, op=VANDAAG)
    assert "Vul het woonadres of het e-mailadres van Ilse Kamp in" in str(fout.value)
    with op_de_dag(VANDAAG):
        wijzig_contactvoorkeur(jeugdige=kind, email="ilse@example.org", kanaal=Kanaal.DIGITAAL, door=toegang)
    assert [(g.rol, g.kanaal, g.email) for g in geadresseerden(kind, op=VANDAAG)] == [
        ("jeugdige", "digitaal", "ilse@example.org"),
        ("ouder", "post", ""),
    ]


# --- consent (issue 20 §4, Jeugdwet 7.3.4) ---------------------------------------------------


def test_toestemming_van_12_tot_16_pas_rond_met_jeugdige_en_alle_gezagsdragers(kind, toegang, klok):
    """Jeugdwet 7.3.4 lid 3: from 12 to 16 both the youth and the gezag holders consent."""
    klok(VANDAAG)
    with op_de_dag(VANDAAG):
        moeder = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
        vader = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(voornamen="Mark"), door=toegang)
        delen = {"jeugdige": kind, "gegevens": Gegevenssoort.SCHOOL, "ontvanger": "Het Vechtdal College"}
        geef_toestemming(**delen, gegeven_door=None, door=toegang)
        geef_toestemming(**delen, gegeven_door=moeder, door=toegang)
        assert not toestemming_rond(kind, gegevens="school", ontvanger="het vechtdal college", op=VANDAAG)
        laatste = geef_toestemming(**delen, gegeven_door=vader, door=toegang)
        assert toestemming_rond(kind, gegevens="school", ontvanger="het vechtdal college", op=VANDAAG)
        assert not toestemming_rond(kind, gegevens="medisch", ontvanger="het vechtdal college", op=VANDAAG)
        trek_toestemming_in(toestemming=laatste, door=toegang)
        assert not toestemming_rond(kind, gegevens="school", ontvanger="het vechtdal college", op=VANDAAG)
    laatste.refresh_from_db()
    assert laatste.gegeven_op.date() == VANDAAG and laatste.ingetrokken_op is not None
    assert laatste.ingetrokken_door == toegang
    assert Toestemming.objects.count() == 3  # withdrawn, not deleted


def test_onder_12_geeft_de_jeugdige_geen_toestemming_en_vanaf_16_de_ouder_niet(wereld, toegang):
    """Jeugdwet 7.3.4: below 12 the parents consent, not the child; from 16 the youth alone."""
    from .factories import JeugdigeFactory

    jong = JeugdigeFactory(gemeente=wereld["zwolle"], geboortedatum=date(2016, 1, 1))
    oud = JeugdigeFactory(gemeente=wereld["zwolle"], geboortedatum=date(2009, 1, 1))
    moeder_jong, moeder_oud = ouder_met_gezag(jong), ouder_met_gezag(oud)
    with op_de_dag(VANDAAG):
        with pytest.raises(DomainError) as kind_fout:
            geef_toestemming(jeugdige=jong, gegevens="dossier", ontvanger="GGD", gegeven_door=None, door=toegang)
        with pytest.raises(DomainError) as ouder_fout:
            geef_toestemming(jeugdige=oud, gegevens="dossier", ontvanger="GGD", gegeven_door=moeder_oud, door=toegang)
        geef_toestemming(jeugdige=jong, gegevens="dossier", ontvanger="GGD", gegeven_door=moeder_jong, door=toegang)
        geef_toestemming(jeugdige=oud, gegevens="dossier", ontvanger="GGD", gegeven_door=None, door=toegang)
    assert kind_fout.value.message == "Onder de 12 jaar geven de gezagsdragers toestemming, niet de jeugdige zelf."
    assert ouder_fout.value.message == "Vanaf 16 jaar geeft de jeugdige zelf toestemming, niet de ouders."
    assert Toestemming.objects.count() == 2
    assert toestemming_rond(jong, gegevens="dossier", ontvanger="GGD", op=VANDAAG)
    assert toestemming_rond(oud, gegevens="dossier", ontvanger="GGD", op=VANDAAG)


def test_ouder_zonder_gezag_geeft_geen_toestemming(kind, toegang):
    with op_de_dag(VANDAAG):
        ouder_met_gezag(kind)
        kees = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(voornamen="Kees", gezag=False), door=toegang)
        with pytest.raises(DomainError) as fout:
            geef_toestemming(jeugdige=kind, gegevens="plan", ontvanger="Karakter", gegeven_door=kees, door=toegang)
    assert fout.value.code == Foutcode.GEEN_TOESTEMMER
    assert "Alleen een ouder met gezag" in fout.value.message
    assert not Toestemming.objects.exists()


def test_toestemming_zonder_ontvanger_geweigerd_en_tweemaal_intrekken_geweigerd(kind, toegang):
    with op_de_dag(VANDAAG):
        with pytest.raises(DomainError) as fout:
            geef_toestemming(jeugdige=kind, gegevens="plan", ontvanger=" ", gegeven_door=None, door=toegang)
        assert fout.value.message == "Vul in met wie de gegevens gedeeld mogen worden."
        assert not Toestemming.objects.exists()
        t = geef_toestemming(jeugdige=kind, gegevens="plan", ontvanger="Karakter", gegeven_door=None, door=toegang)
        trek_toestemming_in(toestemming=t, door=toegang)
        with pytest.raises(DomainError) as fout:
            trek_toestemming_in(toestemming=t, door=toegang)
    assert fout.value.code == Foutcode.AL_INGETROKKEN


# --- policies and audit ----------------------------------------------------------------------


@pytest.mark.parametrize("rol", ["toegang_andere_gemeente", "aanbieder", "andere_aanbieder", "huisarts", "financieel"])
def test_alleen_toegang_van_de_gemeente_wijzigt_het_gezin(wereld, kind, rol):
    """R-P1/R-P4: another municipality, a provider (even with a relation), a GP and finance cannot
    add a parent or record a consent; the refusal is audit-logged and nothing is saved."""
    gebruiker = wereld["gebruikers"][rol]
    with op_de_dag(VANDAAG):
        with pytest.raises(DomainError) as fout:
            voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=gebruiker)
        with pytest.raises(DomainError):
            geef_toestemming(jeugdige=kind, gegevens="plan", ontvanger="X", gegeven_door=None, door=gebruiker)
    assert fout.value.code == Foutcode.GEEN_TOEGANG
    assert not Gezinslid.objects.exists() and not Toestemming.objects.exists()
    assert AuditRegel.objects.filter(objecttype="gezin.Gezinslid", uitkomst="geweigerd", client_id=kind.pk).count() == 1


@pytest.mark.parametrize(
    ("rol", "mag"),
    [("toegang", True), ("aanbieder", True), ("huisarts", True), ("toegang_andere_gemeente", False), ("gi", False)],
)
def test_gezin_lezen_volgt_het_kind_en_wordt_gelogd(wereld, kind, rol, mag):
    """R-P1/R-P4, R-P2: who reads the child reads its family; each read is an audit row."""
    ouder_met_gezag(kind)
    gebruiker = wereld["gebruikers"][rol]
    if mag:
        overzicht = gezin_van(kind, door=gebruiker)
        assert [lid.naam for lid in overzicht.huidige] == ["Petra de Vries"]
        assert overzicht.mag_wijzigen is (rol == "toegang")
        uitkomst = "gelukt"
    else:
        with pytest.raises(DomainError):
            gezin_van(kind, door=gebruiker)
        uitkomst = "geweigerd"
    regel = AuditRegel.objects.get(objecttype="gezin.Gezinslid", actie="lezen")
    assert (regel.uitkomst, regel.client_id, regel.gebruiker_id) == (uitkomst, kind.pk, gebruiker.pk)


def test_anonimiseren_wist_ouders_adressen_en_contactvoorkeur(wereld, toegang):
    """R-P7: once the retention term has passed, the family goes with the child's identity: the
    parents' names, addresses and e-mail identify the child as much as its own address does."""
    from jeugdregie.bewaring.services.opschonen import opschonen
    from jeugdregie.gezin.models import Contactvoorkeur

    daan = wereld["jeugdige_deventer"]
    lid = ouder_met_gezag(daan, adres=ADRES_OUDER, email="petra@example.org")
    with op_de_dag(VANDAAG):
        wijzig_contactvoorkeur(
            jeugdige=daan,
            email="daan@example.org",
            kanaal=Kanaal.DIGITAAL,
            door=wereld["gebruikers"]["toegang_andere_gemeente"],
        )
        geef_toestemming(
            jeugdige=daan,
            gegevens="plan",
            ontvanger="GGD",
            gegeven_door=lid,
            door=wereld["gebruikers"]["toegang_andere_gemeente"],
        )
    with op_de_dag(date(2045, 1, 1)):
        opschonen(uitvoeren=True)
    assert not Gezinslid.objects.filter(jeugdige=daan).exists() and not GezinslidAdres.objects.exists()
    assert not Contactvoorkeur.objects.filter(jeugdige=daan).exists()
    assert not Toestemming.objects.filter(jeugdige=daan).exists()


def test_gezinswijziging_publiceert_gezin_gewijzigd_ook_bij_niets_opgeslagen_niet(kind, toegang, monkeypatch):
    """R-D1: a change of who a letter can reach is published (``GezinGewijzigd``) so a letter that
    waited for an addressee can be made after the commit; a refused change publishes nothing."""
    from jeugdregie.gezin import services
    from jeugdregie.gezin.gebeurtenissen import GezinGewijzigd

    gezien = []
    monkeypatch.setattr(services, "publiceer", gezien.append)
    with op_de_dag(VANDAAG):
        lid = voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(), door=toegang)
        with pytest.raises(DomainError):
            voeg_gezinslid_toe(jeugdige=kind, gegevens=ouder(achternaam=""), door=toegang)
        wijzig_contactvoorkeur(jeugdige=kind, email="", kanaal=Kanaal.POST, door=toegang)
        beeindig_gezinslid(gezinslid=lid, door=toegang)
    assert gezien == [GezinGewijzigd(jeugdige_id=kind.pk)] * 3
