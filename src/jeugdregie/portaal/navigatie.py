"""Navigation and home-page sections per role (issue 2 §8).

A link is shown exactly when its page's own named policy lets the user in (R-P4): navigation asks
the view the question the view asks itself, so a menu and a page cannot disagree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _

from jeugdregie.accounts.policies import is_ingelogd


@dataclass(frozen=True)
class Link:
    titel: str
    url_naam: str
    #: For a page outside the scoping mixin (the API documentation): its own policy.
    beleid: Callable | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_naam)

    @cached_property
    def _view(self):
        functie = resolve(self.url).func
        return getattr(functie, "view_class", None) or getattr(functie, "cls", None)

    def zichtbaar_voor(self, gebruiker) -> bool:
        if self.beleid is not None:
            return bool(self.beleid(gebruiker))
        return self._view.mag_gebruiken(gebruiker)


CATALOGUS = Link(_("Catalogus"), "catalogus:producten")
FUNCTIES = Link(_("Functietabel"), "catalogus:functies")
KEUZEBUDGETTEN = Link(_("Keuzebudgetten"), "catalogus:keuzebudgetten")
GEMEENTEN = Link(_("Gemeenten"), "organisaties:gemeenten")
AANBIEDERS = Link(_("Aanbieders"), "organisaties:aanbieders")
JEUGDIGEN = Link(_("Jeugdigen"), "jeugdigen:lijst")
VERWIJZINGEN = Link(_("Verwijzingen"), "route:verwijzingen")
AANMELDINGEN = Link(_("Mijn aanmeldingen"), "verwijzingen:aanmeldingen")  # issue 19 §4: GP, GI, provider
CRISIS = Link(_("Crisis"), "crisis:overzicht")
VERZOEKEN = Link(_("Verzoeken om toewijzing"), "verzoeken:lijst")
OVERDRACHTEN = Link(_("Overdrachten"), "overdracht:lijst")  # issue 20 §5: the toegang
KEUZELIJST = Link(_("Keuzelijst"), "verwijzingen:keuzelijst")
WACHTTIJDEN = Link(_("Wachttijden"), "organisaties:wachttijden")  # R-S6: the provider reports
TAAKGERICHTE_ZORG = Link(_("Taakgerichte zorg"), "taakgericht:zorg_opdrachten")  # iJw IV096: the opdrachtnemer
WACHTTIJDEN_REGIO = Link(_("Wachttijden regio"), "organisaties:wachttijden_regio")  # R-S6
BETAALBATCHES = Link(_("Betaalbatches"), "betalingen:lijst")
BESCHIKKINGEN = Link(_("Beschikkingen"), "beschikkingen:register")  # issue 20 §2: the toegang
BEZWAREN = Link(_("Bezwaren"), "bezwaar:overzicht")  # issue 20 §3: the toegang
CASUSREGIE = Link(_("Casusregie"), "casusregie:overzicht")  # issue 22 §4, R-R3: toegang and GI
BRIEFSJABLONEN = Link(_("Briefsjablonen"), "beschikkingen:sjablonen")  # issue 20 §2: the beheerder
AUDITLOG = Link(_("Auditlog"), "audit:lijst")
GEBRUIKERS = Link(_("Gebruikers"), "gebruikersbeheer:lijst")
REGELSET = Link(_("Regelset"), "organisaties:regelsets")  # R-R1: the beheerder
DECLARATIES = Link(_("Declaraties"), "declaraties:lijst")
DECLARATIE_UPLOADEN = Link(_("Declaratie uploaden"), "declaraties:uploaden")
BUDGETTEN = Link(_("Budgetten"), "declaraties:budgetten")
CRISISBEKOSTIGING = Link(_("Crisisbekostiging"), "verantwoording:crisisverdeling")
PRODUCTIEVERANTWOORDING = Link(_("Productieverantwoording"), "verantwoording:productie")
IJW_BERICHTEN = Link(_("iJw-berichten"), "ijw:lijst")
IJW_WACHTRIJ = Link(_("Wachtende berichten"), "ijw:wachtrij")
SCOREKAARTEN = Link(_("Scorekaarten"), "beheersing:scorekaarten")
NORMEN = Link(_("Normen"), "beheersing:normen")
GEMEENTEVERGELIJKING = Link(_("Vergelijking gemeenten"), "beheersing:gemeenten")
SIGNALEN = Link(_("Signalen"), "beheersing:signalen")
MAATREGELEN = Link(_("Maatregelen"), "beheersing:maatregelen")
BUDGETBEHEERSING = Link(_("Budgetbeheersing"), "begroting:budgetbeheersing")
API = Link(_("API-documentatie"), "api-docs", beleid=is_ingelogd)  # R-P8: for logged-in users
BEGRIPPEN = Link(_("Begrippen en codes"), "begrippen", beleid=is_ingelogd)  # issue 19 §6: for everyone


#: The menu in its order; each link shows when its page admits the user.
MENU = (
    JEUGDIGEN,
    VERWIJZINGEN,
    AANMELDINGEN,
    CRISIS,
    VERZOEKEN,
    OVERDRACHTEN,
    BESCHIKKINGEN,
    BEZWAREN,
    CASUSREGIE,
    BETAALBATCHES,
    KEUZELIJST,
    WACHTTIJDEN,
    TAAKGERICHTE_ZORG,
    WACHTTIJDEN_REGIO,
    DECLARATIES,
    DECLARATIE_UPLOADEN,
    BUDGETTEN,
    BUDGETBEHEERSING,  # R-V3, R-V4
    CRISISBEKOSTIGING,
    PRODUCTIEVERANTWOORDING,
    SCOREKAARTEN,  # R-K3
    NORMEN,  # R-K2
    GEMEENTEVERGELIJKING,  # R-K4
    SIGNALEN,  # R-K5
    MAATREGELEN,  # R-K6
    IJW_BERICHTEN,  # the regional roles see the log without content
    IJW_WACHTRIJ,
    CATALOGUS,
    FUNCTIES,
    KEUZEBUDGETTEN,
    GEMEENTEN,
    AANBIEDERS,
    AUDITLOG,
    GEBRUIKERS,  # R-P5
    REGELSET,  # R-R1
    BRIEFSJABLONEN,
    BEGRIPPEN,
    API,
)


def links_voor(user) -> list[Link]:
    return [link for link in MENU if link.zichtbaar_voor(user)]
