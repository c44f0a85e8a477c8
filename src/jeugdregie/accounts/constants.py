from django.db import models


class Rol(models.TextChoices):
    """The roles of SPEC §0. Each role is scoped to the organisation named in ``ORGANISATIE``."""

    TOEGANG = "toegang", "Toegangsmedewerker"
    VERWIJZER = "verwijzer", "Huisarts / jeugdarts / medisch specialist"
    GI = "gi", "GI-medewerker"
    AANBIEDER = "aanbieder", "Medewerker aanbieder"
    FINANCIEEL = "financieel", "Backoffice / financieel"
    CONTRACTMANAGER = "contractmanager", "Contractmanager"
    BELEID = "beleid", "Beleidsmedewerker"
    BESTUURDER = "bestuurder", "Bestuurder"
    BEHEERDER = "beheerder", "Functioneel beheerder"


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
