from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    """The roles of SPEC §0. Each role is scoped to the organisation named in ``ORGANISATIE``."""

    TOEGANG = "toegang", _("Toegangsmedewerker")
    VERWIJZER = "verwijzer", _("Huisarts / jeugdarts / medisch specialist")
    GI = "gi", _("GI-medewerker")
    AANBIEDER = "aanbieder", _("Medewerker aanbieder")
    FINANCIEEL = "financieel", _("Backoffice / financieel")
    CONTRACTMANAGER = "contractmanager", _("Contractmanager")
    BELEID = "beleid", _("Beleidsmedewerker")
    BESTUURDER = "bestuurder", _("Bestuurder")
    BEHEERDER = "beheerder", _("Functioneel beheerder")


# Which organisation field a role must (and may only) be linked to.
ORGANISATIE = {
    Rol.TOEGANG: "gemeente",
    Rol.FINANCIEEL: "gemeente",
    Rol.AANBIEDER: "aanbieder",
    Rol.VERWIJZER: "verwijzer",
    Rol.GI: "verwijzer",
    Rol.CONTRACTMANAGER: "regio",
    Rol.BELEID: "regio",
    Rol.BESTUURDER: "regio",
    Rol.BEHEERDER: "regio",
}

# Roles that may see identifying personal data (BSN, names) at all (R-P1, R-P3). The others
# work on aggregates and pseudonymised data.
ROLLEN_MET_PERSOONSGEGEVENS = {Rol.TOEGANG, Rol.VERWIJZER, Rol.GI, Rol.AANBIEDER, Rol.FINANCIEEL}

# R-P5: the roles that log in with two factors (accounts/tweefactor.py applies it). Every role
# with identifying data reads personal data; the beheerder reads the audit log and manages
# accounts; contract manager, policy and board read pseudonymised drill-downs and small
# aggregates, which stay personal data under the AVG (recital 26), so they are in as well. Staff
# and superusers (Django admin) always need it too, whatever their role. Only role-less technical
# accounts that use an API token are outside: they never get a web session (TokenAuthentication).
ROLLEN_MET_TWEE_FACTOREN = frozenset(Rol)
