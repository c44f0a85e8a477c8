"""Navigation and home-page sections per role (issue 2 §8). Worklists arrive with later issues."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.policies import mag_gebruikers_beheren
from jeugdregie.begroting.querysets import BEHEERSING_ROLLEN as BUDGETBEHEERSING_ROLLEN
from jeugdregie.beheersing.services.scorekaart import REGIO_ROLLEN as BEHEERSING_REGIO_ROLLEN
from jeugdregie.beheersing.services.scorekaart import SCOREKAART_ROLLEN
from jeugdregie.beheersing.services.vergelijking import VERGELIJKING_ROLLEN
from jeugdregie.jeugdigen.policies import ROLLEN_MET_DOSSIER
from jeugdregie.verantwoording.querysets import CRISIS_ROLLEN, PRODUCTIE_ROLLEN


@dataclass(frozen=True)
class Link:
    titel: str
    url_naam: str

    @property
    def url(self) -> str:
        return reverse(self.url_naam)


CATALOGUS = Link(_("Catalogus"), "catalogus:producten")
FUNCTIES = Link(_("Functietabel"), "catalogus:functies")
KEUZEBUDGETTEN = Link(_("Keuzebudgetten"), "catalogus:keuzebudgetten")
GEMEENTEN = Link(_("Gemeenten"), "organisaties:gemeenten")
AANBIEDERS = Link(_("Aanbieders"), "organisaties:aanbieders")
JEUGDIGEN = Link(_("Jeugdigen"), "jeugdigen:lijst")
VERWIJZINGEN = Link(_("Verwijzingen"), "route:verwijzingen")
CRISIS = Link(_("Crisis"), "route:crisis")
VERZOEKEN = Link(_("Verzoeken om toewijzing"), "route:verzoeken")
KEUZELIJST = Link(_("Keuzelijst"), "route:keuzelijst")
BETAALBATCHES = Link(_("Betaalbatches"), "betalingen:lijst")
AUDITLOG = Link(_("Auditlog"), "audit:lijst")
GEBRUIKERS = Link(_("Gebruikers"), "gebruikersbeheer:lijst")
DECLARATIES = Link(_("Declaraties"), "declaraties:lijst")
DECLARATIE_UPLOADEN = Link(_("Declaratie uploaden"), "declaraties:uploaden")
BUDGETTEN = Link(_("Budgetten"), "declaraties:budgetten")
CRISISBEKOSTIGING = Link(_("Crisisbekostiging"), "verantwoording:crisisverdeling")
PRODUCTIEVERANTWOORDING = Link(_("Productieverantwoording"), "verantwoording:productie")
IJW_BERICHTEN = Link(_("iJw-berichten"), "ijw:lijst")
SCOREKAARTEN = Link(_("Scorekaarten"), "beheersing:scorekaarten")
NORMEN = Link(_("Normen"), "beheersing:normen")
GEMEENTEVERGELIJKING = Link(_("Vergelijking gemeenten"), "beheersing:gemeenten")
SIGNALEN = Link(_("Signalen"), "beheersing:signalen")
MAATREGELEN = Link(_("Maatregelen"), "beheersing:maatregelen")
BUDGETBEHEERSING = Link(_("Budgetbeheersing"), "begroting:budgetbeheersing")
API = Link(_("API-documentatie"), "api-docs")


def links_voor(user) -> list[Link]:
    links = []
    if user.rol in ROLLEN_MET_DOSSIER:  # R-P1: not finance, which reads declarations
        links += [JEUGDIGEN, VERWIJZINGEN]
    if user.rol in (Rol.TOEGANG, Rol.AANBIEDER):
        links.append(CRISIS)
    if user.rol == Rol.TOEGANG:
        links.append(VERZOEKEN)
    if user.rol in (Rol.FINANCIEEL, Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER):
        links.append(BETAALBATCHES)
    links.append(KEUZELIJST)
    if user.rol == Rol.AANBIEDER:
        links += [DECLARATIES, DECLARATIE_UPLOADEN]
    if user.rol in (Rol.FINANCIEEL, Rol.TOEGANG):
        links += [DECLARATIES, BUDGETTEN]
    if user.rol in (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER):
        links.append(BUDGETTEN)
    if user.rol in BUDGETBEHEERSING_ROLLEN:
        links.append(BUDGETBEHEERSING)  # R-V3, R-V4
    if user.rol in CRISIS_ROLLEN:
        links.append(CRISISBEKOSTIGING)
    if user.rol in PRODUCTIE_ROLLEN:
        links.append(PRODUCTIEVERANTWOORDING)
    if user.rol in SCOREKAART_ROLLEN:
        links.append(SCOREKAARTEN)  # R-K3
    if user.rol in BEHEERSING_REGIO_ROLLEN:
        links.append(NORMEN)  # R-K2
    if user.rol in VERGELIJKING_ROLLEN:
        links.append(GEMEENTEVERGELIJKING)  # R-K4
    if user.rol in (Rol.CONTRACTMANAGER, Rol.BELEID, Rol.BESTUURDER, Rol.BEHEERDER):
        links += [SIGNALEN, MAATREGELEN]  # R-K5, R-K6
    if user.rol in (Rol.AANBIEDER, Rol.TOEGANG, Rol.FINANCIEEL, Rol.BEHEERDER, Rol.CONTRACTMANAGER):
        links.append(IJW_BERICHTEN)  # the regional roles see the log without content
    links += [CATALOGUS, FUNCTIES, KEUZEBUDGETTEN, GEMEENTEN, AANBIEDERS]
    if user.rol == Rol.BEHEERDER:
        links.append(AUDITLOG)
    if mag_gebruikers_beheren(user):
        links.append(GEBRUIKERS)  # R-P5
    links.append(API)
    return links


# Worklists a role's home page will hold once their capability lands; the live ones come from
# toewijzingen.werkvoorraad.
WERKVOORRADEN = {
    Rol.VERWIJZER: [_("Mijn verwijzingen")],
    Rol.GI: [_("Bepalingen jeugdhulp")],
    Rol.FINANCIEEL: [_("Declaraties om te controleren"), _("Betaalbatches")],
    Rol.BESTUURDER: [_("Rapportages")],
    Rol.BEHEERDER: [_("Catalogus en tarieven"), _("Contracten"), _("Gebruikers"), _("Auditlog")],
}
