"""User management in our own Dutch screens (R-P5): confined to the manager's region, no web
path to superuser or staff, every change audit-logged."""

import pytest
from django.contrib.auth.models import Permission

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.audit.models import AuditRegel

from .factories import AanbiederFactory, GebruikerFactory, GemeenteFactory, RegioFactory


@pytest.fixture
def regio_b(db):
    regio = RegioFactory(code="rijnmond", naam="Rijnmond")
    gemeente = GemeenteFactory(cbs_code="0599", naam="Rotterdam", regio=regio)
    aanbieder = AanbiederFactory(regio=regio)
    return {
        "regio": regio,
        "gemeente": gemeente,
        "aanbieder": aanbieder,
        "toegang": GebruikerFactory(rol=Rol.TOEGANG, gemeente=gemeente, username="rotterdam-toegang"),
    }


@pytest.fixture
def beheerder(client, wereld):
    gebruiker = wereld["gebruikers"]["beheerder"]
    client.force_login(gebruiker)
    return gebruiker


def _staat(gebruiker):
    gebruiker.refresh_from_db()
    return (gebruiker.rol, gebruiker.gemeente_id, gebruiker.aanbieder_id, gebruiker.is_active, gebruiker.is_staff)


def _nieuw(client, **extra):
    data = {
        "gebruikersnaam": "nieuwe-toegang",
        "voornaam": "Nina",
        "achternaam": "Nieuw",
        "email": "nina@zwolle.example",
        "rol": "toegang",
    }
    data.update(extra)
    return client.post("/gebruikers/nieuw/", data)


def test_beheerder_ziet_alleen_gebruikers_van_de_eigen_regio(client, wereld, regio_b, beheerder):
    """R-P5: the list holds the accounts of the manager's region only."""
    inhoud = client.get("/gebruikers/").content.decode()
    assert wereld["gebruikers"]["toegang"].username in inhoud
    assert wereld["gebruikers"]["aanbieder"].username in inhoud
    assert "rotterdam-toegang" not in inhoud


def test_beheerder_maakt_gebruiker_in_eigen_regio_met_auditregel(client, wereld, beheerder):
    """R-P5: an account in the own region, without password, never staff or superuser; audit-logged."""
    antwoord = _nieuw(client, gemeente=wereld["zwolle"].pk, is_superuser="on", is_staff="on")
    assert antwoord.status_code == 302
    nieuw = Gebruiker.objects.get(username="nieuwe-toegang")
    assert (nieuw.rol, nieuw.gemeente, nieuw.is_staff, nieuw.is_superuser) == (
        "toegang",
        wereld["zwolle"],
        False,
        False,
    )
    assert not nieuw.has_usable_password()
    regel = AuditRegel.objects.get(objecttype="accounts.Gebruiker", actie="aanmaken")
    assert (regel.object_id, regel.gebruiker_id, regel.uitkomst) == (str(nieuw.pk), beheerder.pk, "gelukt")
    assert "rol=toegang" in regel.details and "Nina" not in regel.details


def test_beheerder_maakt_geen_gebruiker_in_andere_regio(client, regio_b, beheerder):
    """R-P5: an organisation of another region is refused with 403; nothing is created; the
    refusal is audit-logged."""
    voor = Gebruiker.objects.count()
    antwoord = _nieuw(client, gemeente=regio_b["gemeente"].pk)
    assert antwoord.status_code == 403
    antwoord = _nieuw(client, rol="aanbieder", aanbieder=regio_b["aanbieder"].pk)
    assert antwoord.status_code == 403
    assert Gebruiker.objects.count() == voor
    assert (
        AuditRegel.objects.zonder_inloggen().filter(objecttype="accounts.Gebruiker", uitkomst="geweigerd").count() == 2
    )
    assert not AuditRegel.objects.zonder_inloggen().filter(objecttype="accounts.Gebruiker", uitkomst="gelukt").exists()


def test_beheerder_wijzigt_geen_gebruiker_van_andere_regio(client, regio_b, beheerder):
    """R-P5: an account of another region is out of reach (not found), and stays as it was."""
    ander = regio_b["toegang"]
    voor = _staat(ander)
    assert client.get(f"/gebruikers/{ander.pk}/").status_code == 404
    antwoord = client.post(
        f"/gebruikers/{ander.pk}/",
        {
            "voornaam": "X",
            "achternaam": "Y",
            "email": "x@y.example",
            "rol": "financieel",
            "gemeente": ander.gemeente_id,
        },
    )
    assert antwoord.status_code == 404
    assert client.post(f"/gebruikers/{ander.pk}/deactiveren/").status_code == 404
    assert _staat(ander) == voor


def test_beheerder_verplaatst_geen_gebruiker_naar_andere_regio(client, wereld, regio_b, beheerder):
    """R-P5: moving an own-region account into another region's organisation is refused (403)."""
    toegang = wereld["gebruikers"]["toegang"]
    voor = _staat(toegang)
    antwoord = client.post(
        f"/gebruikers/{toegang.pk}/",
        {
            "voornaam": "T",
            "achternaam": "T",
            "email": "t@t.example",
            "rol": "toegang",
            "gemeente": regio_b["gemeente"].pk,
        },
    )
    assert antwoord.status_code == 403
    assert _staat(toegang) == voor
    assert (
        AuditRegel.objects.zonder_inloggen().filter(objecttype="accounts.Gebruiker", uitkomst="geweigerd").count() == 1
    )


def test_beheerder_wijzigt_rol_en_organisatie_met_auditregel(client, wereld, beheerder):
    """R-P5: a role and organisation change within the region, audit-logged with before and after."""
    toegang = wereld["gebruikers"]["toegang"]
    antwoord = client.post(
        f"/gebruikers/{toegang.pk}/",
        {
            "voornaam": "T",
            "achternaam": "T",
            "email": "t@t.example",
            "rol": "financieel",
            "gemeente": wereld["deventer"].pk,
        },
    )
    assert antwoord.status_code == 302
    assert _staat(toegang) == ("financieel", wereld["deventer"].pk, None, True, False)
    regel = AuditRegel.objects.get(objecttype="accounts.Gebruiker", actie="wijzigen")
    assert regel.object_id == str(toegang.pk)
    assert f"rol=toegang; organisatie=gemeente:{wereld['zwolle'].pk}" in regel.details
    assert f"rol=financieel; organisatie=gemeente:{wereld['deventer'].pk}" in regel.details


def test_beheerder_deactiveert_en_activeert_met_auditregels(client, wereld, beheerder):
    """R-P5: deactivation ends the login, keeps the account; both changes are audit-logged."""
    aanbieder = wereld["gebruikers"]["aanbieder"]
    assert client.post(f"/gebruikers/{aanbieder.pk}/deactiveren/").status_code == 302
    assert _staat(aanbieder)[3] is False
    assert client.post(f"/gebruikers/{aanbieder.pk}/activeren/").status_code == 302
    assert _staat(aanbieder)[3] is True
    details = list(
        AuditRegel.objects.zonder_inloggen()
        .filter(objecttype="accounts.Gebruiker")
        .order_by("pk")
        .values_list("details", flat=True)
    )
    assert [d.split(":")[0] for d in details] == ["gebruiker gedeactiveerd", "gebruiker geactiveerd"]


def test_geen_superuser_of_staf_via_de_schermen(client, wereld, beheerder):
    """R-P5: a superuser is out of sight, a staff account cannot be changed, and no field of the
    screens makes an account staff or superuser."""
    baas = GebruikerFactory(regio_rol=True, rol=Rol.BEHEERDER, is_superuser=True, is_staff=True, username="baas")
    staf = GebruikerFactory(regio_rol=True, rol=Rol.BEHEERDER, is_staff=True, username="staf")
    assert "baas" not in client.get("/gebruikers/").content.decode()
    assert client.get(f"/gebruikers/{baas.pk}/").status_code == 404
    staf_voor = _staat(staf)
    antwoord = client.post(
        f"/gebruikers/{staf.pk}/", {"voornaam": "S", "achternaam": "S", "email": "s@s.example", "rol": "beleid"}
    )
    assert antwoord.status_code == 403 and _staat(staf) == staf_voor
    assert client.post(f"/gebruikers/{staf.pk}/deactiveren/").status_code == 403 and _staat(staf) == staf_voor
    toegang = wereld["gebruikers"]["toegang"]
    client.post(
        f"/gebruikers/{toegang.pk}/",
        {"voornaam": "T", "achternaam": "T", "email": "t@t.example", "rol": "toegang", "gemeente": wereld["zwolle"].pk,
         "is_superuser": "on", "is_staff": "on"},
    )  # fmt: skip
    toegang.refresh_from_db()
    assert (toegang.is_superuser, toegang.is_staff) == (False, False)


def test_beheerder_wijzigt_zichzelf_niet(client, beheerder):
    """R-P5: a manager cannot change its own role or organisation through the screens."""
    voor = _staat(beheerder)
    antwoord = client.post(
        f"/gebruikers/{beheerder.pk}/", {"voornaam": "B", "achternaam": "B", "email": "b@b.example", "rol": "toegang"}
    )
    assert antwoord.status_code == 403 and _staat(beheerder) == voor


@pytest.mark.parametrize("rol", ["toegang", "aanbieder", "financieel", "contractmanager", "beleid", "bestuurder"])
def test_alleen_de_beheerder_beheert_gebruikers(client, wereld, rol):
    """R-P5: no other role reaches the screens."""
    client.force_login(wereld["gebruikers"][rol])
    assert client.get("/gebruikers/").status_code == 403
    assert _nieuw(client, gemeente=wereld["zwolle"].pk).status_code == 403
    assert not Gebruiker.objects.filter(username="nieuwe-toegang").exists()


def test_beheerder_laat_tweede_factor_opnieuw_instellen_met_auditregel(client, wereld, beheerder):
    """R-P5: a lost phone. The manager removes the user's app and recovery codes in the Dutch
    screen; the user's running session is no longer verified and the next page asks for a new
    app; the change is audit-logged."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from jeugdregie.accounts.tweefactor import nieuwe_herstelcodes

    from .inloggen import TweeFactorClient

    toegang = wereld["gebruikers"]["toegang"]
    gebruiker = TweeFactorClient()
    gebruiker.force_login(toegang)
    nieuwe_herstelcodes(toegang)
    assert gebruiker.get("/jeugdigen/").status_code == 200
    assert "Tweede factor opnieuw laten instellen" in client.get("/gebruikers/").content.decode()

    antwoord = client.post(f"/gebruikers/{toegang.pk}/tweede-factor-herstellen/", follow=True)
    assert "stelt de gebruiker een nieuwe tweede factor in" in antwoord.content.decode()
    assert not TOTPDevice.objects.filter(user=toegang).exists()
    assert not StaticDevice.objects.filter(user=toegang).exists()
    assert gebruiker.get("/jeugdigen/")["Location"].startswith("/inloggen/tweede-factor/instellen/")
    regel = AuditRegel.objects.zonder_inloggen().filter(objecttype="accounts.Gebruiker").latest("pk")
    assert (regel.object_id, regel.gebruiker_id) == (str(toegang.pk), beheerder.pk)
    assert regel.details.startswith("tweede factor hersteld: 2 apparaten verwijderd")


def test_beheerder_ziet_en_verwijdert_beveiligingssleutels(client, wereld, beheerder):
    """R-P5: a user whose second factor is a security key (WebAuthn) shows as such, and the reset
    removes the key as well; audit-logged."""
    from django_otp_webauthn.models import WebAuthnCredential

    from .inloggen import sleutel_van

    toegang = wereld["gebruikers"]["toegang"]
    sleutel_van(toegang)
    lijst = client.get("/gebruikers/").content.decode()
    assert "beveiligingssleutel of passkey" in lijst and "Tweede factor opnieuw laten instellen" in lijst
    client.post(f"/gebruikers/{toegang.pk}/tweede-factor-herstellen/")
    assert not WebAuthnCredential.objects.filter(user=toegang).exists()
    regel = AuditRegel.objects.zonder_inloggen().filter(objecttype="accounts.Gebruiker").latest("pk")
    assert regel.details.startswith("tweede factor hersteld: 1 apparaten verwijderd")


def test_tweede_factor_herstellen_alleen_binnen_de_eigen_regio(client, wereld, regio_b, beheerder):
    """R-P5: not for another region's account, not for the manager itself, not by other roles;
    each refusal changes nothing and is audit-logged."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .inloggen import app_van

    anderen = [regio_b["toegang"], beheerder]
    for account in anderen:
        app_van(account)
        assert client.post(f"/gebruikers/{account.pk}/tweede-factor-herstellen/").status_code in (403, 404)
        assert TOTPDevice.objects.filter(user=account).exists()
    assert not AuditRegel.objects.zonder_inloggen().filter(details__startswith="tweede factor hersteld").exists()
    assert AuditRegel.objects.filter(uitkomst="geweigerd", objecttype="accounts.Gebruiker").exists()

    toegang = wereld["gebruikers"]["toegang"]
    app_van(toegang)
    client.force_login(wereld["gebruikers"]["contractmanager"])
    assert client.post(f"/gebruikers/{toegang.pk}/tweede-factor-herstellen/").status_code == 403
    assert TOTPDevice.objects.filter(user=toegang).exists()


# --- the Django admin ------------------------------------------------------------------------------


@pytest.fixture
def beheerder_met_admin(client, wereld):
    """The beheerder as the demo sets it up: staff, in the "Functioneel beheer" group with every
    permission on accounts, even the permission to change users."""
    from jeugdregie.synthese.demogebruikers import beheerdersgroep

    gebruiker = wereld["gebruikers"]["beheerder"]
    gebruiker.is_staff = True
    gebruiker.save()
    gebruiker.groups.add(beheerdersgroep())
    gebruiker.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=["accounts", "auth"]))
    client.force_login(gebruiker)
    return gebruiker


def test_beheerder_maakt_geen_superuser_via_de_admin(client, wereld, beheerder_met_admin):
    """R-P5 regression: the beheerder cannot reach the account or group admin, so it cannot set
    is_superuser, is_staff, groups or permissions, nor add accounts in any organisation."""
    toegang = wereld["gebruikers"]["toegang"]
    assert client.get("/beheer/accounts/gebruiker/").status_code == 403
    assert client.get("/beheer/accounts/gebruiker/add/").status_code == 403
    assert client.get(f"/beheer/accounts/gebruiker/{beheerder_met_admin.pk}/change/").status_code == 403
    antwoord = client.post(
        f"/beheer/accounts/gebruiker/{beheerder_met_admin.pk}/change/",
        {"username": beheerder_met_admin.username, "is_superuser": "on", "is_staff": "on", "is_active": "on"},
    )
    assert antwoord.status_code == 403
    antwoord = client.post(
        "/beheer/accounts/gebruiker/add/",
        {"username": "sluiproute", "password1": "Zeer-geheim-2026!", "password2": "Zeer-geheim-2026!"},
    )
    assert antwoord.status_code == 403
    assert client.get("/beheer/auth/group/").status_code == 403
    beheerder_met_admin.refresh_from_db()
    assert (beheerder_met_admin.is_superuser, Gebruiker.objects.filter(username="sluiproute").exists()) == (
        False,
        False,
    )
    assert _staat(toegang)[4] is False
    assert client.get("/beheer/catalogus/product/").status_code == 200  # the catalog stays the beheerder's


def test_wijziging_door_superuser_in_de_admin_komt_in_de_auditlog(client, wereld):
    """R-P5: changes through the admin are audit-logged too (field names, no values)."""
    baas = GebruikerFactory(regio_rol=True, rol=Rol.BEHEERDER, is_superuser=True, is_staff=True, username="baas")
    client.force_login(baas)
    toegang = wereld["gebruikers"]["toegang"]
    antwoord = client.post(
        f"/beheer/accounts/gebruiker/{toegang.pk}/change/",
        {
            "username": toegang.username,
            "first_name": "Nieuwe",
            "last_name": toegang.last_name,
            "email": toegang.email,
            "is_active": "on",
            "rol": "toegang",
            "gemeente": wereld["zwolle"].pk,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    regel = AuditRegel.objects.zonder_inloggen().get(objecttype="accounts.Gebruiker")
    assert (regel.actie, regel.object_id, regel.gebruiker_id) == ("wijzigen", str(toegang.pk), baas.pk)
    assert "first_name" in regel.details and "Nieuwe" not in regel.details


# --- norms ----------------------------------------------------------------------------------------


def test_vaststellen_van_een_norm_komt_in_de_auditlog(wereld):
    """R-P5: every change to norms is audit-logged."""
    from datetime import date
    from decimal import Decimal

    from jeugdregie.beheersing.indicatoren.register import REGISTER
    from jeugdregie.beheersing.services.normen import stel_norm_vast

    contractmanager = wereld["gebruikers"]["contractmanager"]
    indicator = sorted(REGISTER)[0]
    norm = stel_norm_vast(
        door=contractmanager,
        indicator=indicator,
        soort="absoluut",
        geldig_vanaf=date(2026, 1, 1),
        bovengrens=Decimal("5"),
    )
    regel = AuditRegel.objects.get(objecttype="beheersing.Norm")
    assert (regel.actie, regel.object_id, regel.gebruiker_id) == ("aanmaken", str(norm.pk), contractmanager.pk)
    assert indicator in regel.details
