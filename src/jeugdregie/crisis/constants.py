"""Crisis reports and crisisopvolging (SPEC §4.4): sources, outcomes and error codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Foutcode(models.TextChoices):
    """Error codes of the crisis services (TW021/TW022, numbered with the route's TW0xx)."""

    CRISIS = "TW021", "Crisismelding ongeldig"  # R-C1, R-C3, R-C4
    CRISISOPVOLGING = "TW022", "Crisisopvolging ongeldig"  # R-C2


class CrisisBron(models.TextChoices):
    """R-C4: where a crisis report comes in."""

    TOEGANG = "toegang", _("Gemeentelijke toegang")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    HUISARTS = "huisarts", _("Huisarts")
    AANBIEDER = "aanbieder", _("Aanbieder")
    GI = "gi", _("Gecertificeerde instelling")


class CrisisUitkomst(models.TextChoices):
    """R-C3: the next step decided by the crisisdienst; R-C4 domestic violence goes to Veilig Thuis."""

    GEEN_VERVOLG = "geen_vervolg", _("Geen vervolg")
    REGULIERE_HULP = "reguliere_hulp", _("Reguliere hulp")
    CRISISOPVOLGING = "crisisopvolging", _("Crisisopvolging")
    VEILIG_THUIS = "veilig_thuis", _("Route Veilig Thuis (buiten dit contract)")


class CrisisAfhandeling(models.TextChoices):
    """R-C5 (001 §4.4.3): how the crisisdienst handled a report. Only a crisis intervention carried
    out (the crisisdienst went out) counts for the profijt key; a report handled by phone only is
    part of the availability (bereikbaarheid), paid by solidarity."""

    TELEFONISCH = "telefonisch", _("Alleen telefonisch afgehandeld")
    INTERVENTIE = "interventie", _("Crisisinterventie uitgevoerd (uitgerukt)")
