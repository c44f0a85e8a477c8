"""One demo user per role of SPEC §0, for the embedded demo (never in production). Demo code is
not product code (STYLE.md): it lives here, in the development-only app, so ``accounts`` does not
import ``organisaties`` for it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.accounts.tweefactor import APPARAAT_NAAM, geheim_base32
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio, Verwijzer
from jeugdregie.synthese.bezwaar import speel_bezwaren

BEHEER_APPS = ("catalogus", "organisaties", "accounts")


@dataclass(frozen=True)
class DemoLogin:
    gebruikersnaam: str
    wachtwoord: str
    rol: Rol
    organisatie: str
    totp_geheim: str  # base32, for an authenticator app (R-P5); `manage.py demo_code` shows the code


def beheerdersgroep() -> Group:
    groep, _ = Group.objects.get_or_create(name="Functioneel beheer")
    groep.permissions.set(Permission.objects.filter(content_type__app_label__in=BEHEER_APPS))
    return groep


@transaction.atomic
def maak_demogebruikers() -> list[DemoLogin]:
    if not getattr(settings, "DEMO_GEBRUIKERS_TOEGESTAAN", False):
        raise ImproperlyConfigured("Demogebruikers zijn in deze omgeving niet toegestaan.")
    regio = Regio.objects.get(code="ijsselland")
    zwolle = Gemeente.objects.get(cbs_code="0193")
    deventer = Gemeente.objects.get(cbs_code="0150")
    aanbieder = Aanbieder.objects.filter(regio=regio).order_by("agb_code").first()
    andere_aanbieder = Aanbieder.objects.filter(regio=regio).order_by("agb_code")[1]
    huisarts = Verwijzer.objects.filter(type=VerwijzerType.HUISARTS).order_by("agb_code").first()
    gi = Verwijzer.objects.filter(type=VerwijzerType.GI).order_by("agb_code").first()
    plan = [
        ("toegang", Rol.TOEGANG, {"gemeente": zwolle}, "Tamara", "Toegang"),
        ("toegang-deventer", Rol.TOEGANG, {"gemeente": deventer}, "Dirk", "Toegang"),
        ("huisarts", Rol.VERWIJZER, {"verwijzer": huisarts}, "Hanneke", "Huisarts"),
        ("gi", Rol.GI, {"verwijzer": gi}, "Gert", "Instelling"),
        ("aanbieder", Rol.AANBIEDER, {"aanbieder": aanbieder}, "Anouk", "Aanbieder"),
        ("aanbieder-2", Rol.AANBIEDER, {"aanbieder": andere_aanbieder}, "Bas", "Aanbieder"),
        ("financieel", Rol.FINANCIEEL, {"gemeente": zwolle}, "Fatima", "Financiën"),
        # a second finance user of the same municipality: the checker of maker-checker batches
        ("financieel-2", Rol.FINANCIEEL, {"gemeente": zwolle}, "Karel", "Controle"),
        ("contractmanager", Rol.CONTRACTMANAGER, {"regio": regio}, "Carla", "Contractmanager"),
        ("beleid", Rol.BELEID, {"regio": regio}, "Bert", "Beleid"),
        ("bestuurder", Rol.BESTUURDER, {"regio": regio}, "Bea", "Bestuur"),
        ("beheerder", Rol.BEHEERDER, {"regio": regio}, "Femke", "Beheer"),
    ]
    groep = beheerdersgroep()
    logins = []
    for naam, rol, organisatie, voornaam, achternaam in plan:
        wachtwoord = f"demo-{naam}-2026"
        gebruiker, nieuw = Gebruiker.objects.get_or_create(
            username=naam,
            defaults={
                "rol": rol,
                "first_name": voornaam,
                "last_name": achternaam,
                # the reserved .example domain (RFC 2606): notification e-mail (issue 19 §3) has an
                # address to go to, and never reaches a real mailbox
                "email": f"{naam}@demo.jeugdregie.example",
                "is_staff": rol == Rol.BEHEERDER,
                **organisatie,
            },
        )
        if nieuw:
            gebruiker.set_password(wachtwoord)
            gebruiker.full_clean()
            gebruiker.save()
            if rol == Rol.BEHEERDER:
                gebruiker.groups.add(groep)
        apparaat = demo_app(gebruiker)
        logins.append(DemoLogin(naam, wachtwoord, rol, str(gebruiker.organisatie), geheim_base32(apparaat)))
    speel_bezwaren(gemeente=zwolle)  # issue 20 §3: objections in each stage need the demo toegang
    return logins


def demo_app(gebruiker: Gebruiker) -> TOTPDevice:
    """A demo user's authenticator app, enrolled with a key derived from the username so the demo
    keeps the same keys between runs (R-P5; demo settings only, see maak_demogebruikers)."""
    sleutel = hashlib.sha256(f"jeugdregie-demo-totp:{gebruiker.username}".encode()).hexdigest()[:40]
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=gebruiker, confirmed=True, defaults={"name": APPARAAT_NAAM, "key": sleutel}
    )
    return apparaat
