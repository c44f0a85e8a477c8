from datetime import date

import pytest
from django.test import override_settings

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige, Woonplaats
from jeugdregie.jeugdigen.pseudoniem import pseudoniem
from jeugdregie.jeugdigen.services import registreer_jeugdige, registreer_verhuizing


def _registreer(gemeente, door=None, **overrides):
    data = {
        "bsn": "111222333",
        "voornamen": "Noor",
        "achternaam": "de Vries",
        "geboortedatum": date(2014, 3, 1),
        "geslacht": "2",
        "gemeente": gemeente,
        "door": door,
    }
    data.update(overrides)
    return registreer_jeugdige(**data)


def test_jeugdige_registreren_met_woonplaats_en_auditregel(wereld):
    """R-P2: a write of personal data is logged, with the client reference but never the BSN."""
    toegang = wereld["gebruikers"]["toegang"]
    jeugdige = _registreer(wereld["zwolle"], door=toegang)
    assert jeugdige.woonplaats_op(date(2020, 1, 1)).gemeente == wereld["zwolle"]
    regel = AuditRegel.objects.get(actie="aanmaken")
    assert (regel.client_id, regel.gebruikersnaam, regel.rol) == (jeugdige.pk, toegang.username, "toegang")
    assert regel.client_pseudoniem == jeugdige.pseudoniem
    assert "111222333" not in " ".join(str(v) for v in AuditRegel.objects.values_list().get())


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "abcdefghi"])
def test_jeugdige_met_ongeldig_bsn_wordt_niet_opgeslagen(wereld, bsn):
    """Issue 2 bad input: invalid BSN, clear Dutch message, nothing saved (R-P3)."""
    with pytest.raises(DomainError) as fout:
        _registreer(wereld["zwolle"], bsn=bsn)
    assert fout.value.field == "bsn"
    assert Jeugdige.objects.count() == 2  # the two of the fixture
    assert not AuditRegel.objects.exists()


def test_dubbel_bsn_wordt_geweigerd(wereld):
    _registreer(wereld["zwolle"])
    with pytest.raises(DomainError, match="al een jeugdige met dit BSN"):
        _registreer(wereld["zwolle"], voornamen="Ander")


def test_toegang_registreert_alleen_in_eigen_gemeente(wereld):
    """R-P1: a toegang user cannot register a resident of another municipality."""
    with pytest.raises(DomainError, match="eigen gemeente"):
        _registreer(wereld["deventer"], door=wereld["gebruikers"]["toegang"])
    assert not Jeugdige.objects.filter(bsn="111222333").exists()


def test_verhuizing_bewaart_woonplaatshistorie(wereld):
    """Woonplaatsbeginsel: residence history with inclusive periods."""
    jeugdige = _registreer(wereld["zwolle"])
    registreer_verhuizing(jeugdige=jeugdige, gemeente=wereld["deventer"], per=date(2025, 7, 1))
    assert jeugdige.woonplaats_op(date(2025, 6, 30)).gemeente == wereld["zwolle"]
    assert jeugdige.woonplaats_op(date(2025, 7, 1)).gemeente == wereld["deventer"]
    assert Woonplaats.objects.filter(jeugdige=jeugdige, einddatum__isnull=True).count() == 1
    with pytest.raises(DomainError, match="woont al in deze gemeente"):
        registreer_verhuizing(jeugdige=jeugdige, gemeente=wereld["deventer"], per=date(2025, 9, 1))


def test_verhuizing_bepaalt_zicht_van_toegang(wereld):
    """R-P1: the toegang sees young people by their current municipality."""
    jeugdige = _registreer(wereld["zwolle"])
    zwolle, deventer = wereld["gebruikers"]["toegang"], wereld["gebruikers"]["toegang_andere_gemeente"]
    assert Jeugdige.objects.voor_gebruiker(zwolle).filter(pk=jeugdige.pk).exists()
    registreer_verhuizing(jeugdige=jeugdige, gemeente=wereld["deventer"], per=date(2025, 7, 1))
    assert not Jeugdige.objects.voor_gebruiker(zwolle).filter(pk=jeugdige.pk).exists()
    assert Jeugdige.objects.voor_gebruiker(deventer).filter(pk=jeugdige.pk).exists()


def test_pseudoniem_is_sleutelafhankelijk_en_bevat_geen_bsn():
    """R-P3: keyed HMAC pseudonym; another key gives another pseudonym."""
    with override_settings(PSEUDONIEM_SLEUTEL="sleutel-a" * 4):
        a = pseudoniem("111222333")
        assert a == pseudoniem("111222333")
    with override_settings(PSEUDONIEM_SLEUTEL="sleutel-b" * 4):
        b = pseudoniem("111222333")
    assert a != b and len(a) == 32 and "111222333" not in a


def test_pseudoniem_sleutel_wordt_niet_in_de_database_opgeslagen(wereld, django_db_setup):
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        tabellen = connection.introspection.table_names(cursor)
        for tabel in tabellen:
            cursor.execute(f'SELECT * FROM "{tabel}"')
            for rij in cursor.fetchall():
                assert settings.PSEUDONIEM_SLEUTEL not in " ".join(map(str, rij))


def test_formulier_ongeldig_bsn_toont_melding_en_slaat_niets_op(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    antwoord = client.post(
        "/jeugdigen/nieuw/",
        {
            "bsn": "123456789",
            "voornamen": "Noor",
            "achternaam": "Bakker",
            "geboortedatum": "2014-03-01",
            "geslacht": "2",
            "gemeente": wereld["zwolle"].pk,
        },
    )
    assert antwoord.status_code == 200
    assert "voldoet niet aan de elfproef" in antwoord.content.decode()
    assert not Jeugdige.objects.filter(achternaam="Bakker").exists()


def test_formulier_registreert_en_toont_detail(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    antwoord = client.post(
        "/jeugdigen/nieuw/",
        {
            "bsn": "111222333",
            "voornamen": "Noor",
            "achternaam": "Bakker",
            "geboortedatum": "2014-03-01",
            "geslacht": "2",
            "gemeente": wereld["zwolle"].pk,
        },
        follow=True,
    )
    assert antwoord.status_code == 200
    assert "Noor Bakker" in antwoord.content.decode()


def test_api_registreren_met_ongeldig_bsn_geeft_400(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    antwoord = client.post(
        "/api/v1/jeugdigen/",
        {
            "bsn": "123456789",
            "voornamen": "A",
            "achternaam": "B",
            "geboortedatum": "2014-03-01",
            "geslacht": "1",
            "gemeente": "0193",
        },
        content_type="application/json",
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["fouten"][0]["code"] == "JGD001"
    assert Jeugdige.objects.count() == 2


def test_zoeken_op_bsn_en_naam(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    jeugdige = wereld["jeugdige_zwolle"]
    assert jeugdige.achternaam in client.post("/jeugdigen/", {"q": jeugdige.bsn}).content.decode()  # R-P8: POST
    assert jeugdige.achternaam in client.get("/jeugdigen/?q=zwols").content.decode()
    assert "Geen jeugdigen gevonden" in client.get("/jeugdigen/?q=Deventenaar").content.decode()
