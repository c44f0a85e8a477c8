from django.db import models
from django.utils.translation import gettext_lazy as _


class Geslacht(models.TextChoices):
    """iJw COD046 Geslacht."""

    ONBEKEND = "0", _("Onbekend")
    MAN = "1", _("Mannelijk")
    VROUW = "2", _("Vrouwelijk")


class BetrokkenheidBron(models.TextChoices):
    """Why an organisation may see a young person (R-P1)."""

    VERWIJZING = "verwijzing", _("Verwijzing")
    SCREENING = "screening", _("Screening")
    TOEWIJZING = "toewijzing", _("Toewijzing")
    CRISIS = "crisis", _("Crisismelding")
    HSWV = "hswv", _("HSWV-inzet")


class Foutcode(models.TextChoices):
    """Error codes of the jeugdigen app (STYLE.md §Writing 5)."""

    BSN_ONGELDIG = "JGD001", "BSN ongeldig"  # R-P3, iJw CS002
    BSN_BESTAAT = "JGD002", "BSN bestaat al"
    GEBOORTEDATUM_ONGELDIG = "JGD003", "Geboortedatum ongeldig"
    WOONPLAATS_ONGELDIG = "JGD004", "Woonplaats ongeldig"
    NAAM_ONTBREEKT = "JGD005", "Naam ontbreekt"
