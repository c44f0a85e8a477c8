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
from jeugdregie.casusregie.models import Casus
from jeugdregie.casusregie.services import leg_stap_vast, open_casus
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Gemeente, Regio, Verwijzer
from jeugdregie.synthese.bezwaar import speel_bezwaren
from jeugdregie.synthese.inkoop import speel_inkoop
from jeugdregie.synthese.rijnmond import CODE as RIJNMOND
from jeugdregie.synthese.rijnmond import ROTTERDAM
from jeugdregie.synthese.taakgericht import SCHIEDAM, opdrachtnemer, speel_taakgericht

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
    huisarts = Verwijzer.objects.filter(type=VerwijzerType.HUISARTS, regio=regio).order_by("agb_code").first()
    gi = Verwijzer.objects.filter(type=VerwijzerType.GI, regio=regio).order_by("agb_code").first()
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
        *_rijnmond(),
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
    speel_casusregie()  # issue 22 §5: Rijnmond's toegang of Rotterdam works with casusregie (R-R3)
    speel_taakgericht()  # issue 22 §2: MVS's task-based assignment with its money and care (R-R2)
    speel_inkoop()  # issue 22 §3: Rijnmond's purchasing level per product, from today (R-R3)
    return logins


def _rijnmond() -> list[tuple]:
    """Issue 22 §5: one demo user per role for Rijnmond too, when the region was generated
    (synthese/rijnmond.py): the toegang and finance of Rotterdam, Rijnmond's first provider, GP
    and GI, and the region's roles."""
    regio = Regio.objects.filter(code=RIJNMOND).first()
    rotterdam = Gemeente.objects.filter(cbs_code=ROTTERDAM, regio=regio).first()
    if regio is None or rotterdam is None:
        return []
    aanbieder = Aanbieder.objects.filter(regio=regio).order_by("agb_code").first()
    huisarts = Verwijzer.objects.filter(type=VerwijzerType.HUISARTS, regio=regio).order_by("agb_code").first()
    gi = Verwijzer.objects.filter(type=VerwijzerType.GI, regio=regio).order_by("agb_code").first()
    plan = [
        ("toegang-rotterdam", Rol.TOEGANG, {"gemeente": rotterdam}, "Rachid", "Toegang"),
        ("financieel-rotterdam", Rol.FINANCIEEL, {"gemeente": rotterdam}, "Romy", "Financiën"),
        ("financieel-rotterdam-2", Rol.FINANCIEEL, {"gemeente": rotterdam}, "Ruud", "Controle"),
        ("contractmanager-rijnmond", Rol.CONTRACTMANAGER, {"regio": regio}, "Cor", "Contractmanager"),
        ("beleid-rijnmond", Rol.BELEID, {"regio": regio}, "Bianca", "Beleid"),
        ("bestuurder-rijnmond", Rol.BESTUURDER, {"regio": regio}, "Bart", "Bestuur"),
        ("beheerder-rijnmond", Rol.BEHEERDER, {"regio": regio}, "Fleur", "Beheer"),
    ]
    if aanbieder is not None:
        plan.append(("aanbieder-rijnmond", Rol.AANBIEDER, {"aanbieder": aanbieder}, "Ahmed", "Aanbieder"))
    if huisarts is not None:
        plan.append(("huisarts-rijnmond", Rol.VERWIJZER, {"verwijzer": huisarts}, "Hester", "Huisarts"))
    if gi is not None:
        plan.append(("gi-rijnmond", Rol.GI, {"verwijzer": gi}, "Gijs", "Instelling"))
    # R-R2: MVS buys its specialist care task-based (synthese/taakgericht.py): the toegang and
    # finance of Schiedam and the opdrachtnemer
    schiedam = Gemeente.objects.filter(cbs_code=SCHIEDAM, regio=regio).first()
    if schiedam is not None:
        plan += [
            ("toegang-schiedam", Rol.TOEGANG, {"gemeente": schiedam}, "Sanne", "Toegang"),
            ("financieel-schiedam", Rol.FINANCIEEL, {"gemeente": schiedam}, "Sem", "Financiën"),
            ("aanbieder-mvs", Rol.AANBIEDER, {"aanbieder": opdrachtnemer(regio)}, "Mila", "Opdrachtnemer"),
        ]
    return plan


#: the demo's casusregie (R-R3) for the toegang of Rotterdam: the steps each case has recorded
CASUSSEN = (
    ((1, "Moeder meldt aanhoudende schoolweigering en spanningen thuis; gesprek met gezin en school gevoerd."),),
    (
        (1, "Jeugdige is somber en trekt zich terug; huisarts en wijkteam zijn al betrokken."),
        (2, "Over drie maanden gaat de jeugdige weer naar school en heeft het gezin een vast overlegmoment."),
        (3, "Ambulante begeleiding via het keuzebudget en een wekelijks contact met de wijkteammedewerker."),
    ),
    (
        (1, "Vader vraagt hulp bij opvoeding na scheiding; twee kinderen, één met een diagnose ADHD."),
        (2, "De ouders maken samen afspraken over de opvoeding en het kind heeft een vast dagritme."),
        (3, "Ouderbegeleiding en ambulante jeugdhulp voor het kind."),
        (4, "Het dagritme is er; de afspraken tussen de ouders nog niet helemaal.", "deels"),
    ),
)


def speel_casusregie() -> int:
    """A few casussen of the toegang of Rotterdam in different steps, through the casusregie
    services (R-R3; Rijnmond's rule set has casusregie on). Nothing when Rijnmond or its toegang
    is missing, or when Rotterdam already has casussen. Returns how many were opened."""
    rotterdam = Gemeente.objects.filter(cbs_code=ROTTERDAM, regio__code=RIJNMOND).first()
    toegang = Gebruiker.objects.filter(username="toegang-rotterdam", gemeente=rotterdam, is_active=True).first()
    if rotterdam is None or toegang is None or Casus.objects.filter(gemeente=rotterdam).exists():
        return 0
    op = vandaag()
    jeugdigen = list(
        Jeugdige.objects.verantwoordelijk(rotterdam.pk, op)
        .filter(verwijzingen__isnull=False)
        .distinct()
        .order_by("pk")[: len(CASUSSEN)]
    )
    for jeugdige, stappen in zip(jeugdigen, CASUSSEN, strict=False):
        casus = open_casus(jeugdige=jeugdige, gemeente=rotterdam, casusregisseur=toegang, door=toegang)
        for stap, inhoud, *uitkomst in stappen:
            verwijzingen = jeugdige.verwijzingen.order_by("-datum")[:1] if stap == 3 else ()
            leg_stap_vast(
                casus=casus,
                stap=stap,
                inhoud=inhoud,
                door=toegang,
                uitkomst=uitkomst[0] if uitkomst else "",
                verwijzingen=verwijzingen,
            )
    return len(jeugdigen)


def demo_app(gebruiker: Gebruiker) -> TOTPDevice:
    """A demo user's authenticator app, enrolled with a key derived from the username so the demo
    keeps the same keys between runs (R-P5; demo settings only, see maak_demogebruikers)."""
    sleutel = hashlib.sha256(f"jeugdregie-demo-totp:{gebruiker.username}".encode()).hexdigest()[:40]
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=gebruiker, confirmed=True, defaults={"name": APPARAAT_NAAM, "key": sleutel}
    )
    return apparaat
