from django.db import models


class Geslacht(models.TextChoices):
    """iJw COD046 Geslacht."""

    ONBEKEND = "0", "Onbekend"
    MAN = "1", "Mannelijk"
    VROUW = "2", "Vrouwelijk"


class BetrokkenheidBron(models.TextChoices):
    """Why an organisation may see a young person (R-P1)."""

    VERWIJZING = "verwijzing", "Verwijzing"
    SCREENING = "screening", "Screening"
    TOEWIJZING = "toewijzing", "Toewijzing"


class Foutcode(models.TextChoices):
    """Error codes of the jeugdigen app (STYLE.md §Writing 5)."""

    BSN_ONGELDIG = "JGD001", "BSN ongeldig"  # R-P3, iJw CS002
    BSN_BESTAAT = "JGD002", "BSN bestaat al"
    GEBOORTEDATUM_ONGELDIG = "JGD003", "Geboortedatum ongeldig"
    WOONPLAATS_ONGELDIG = "JGD004", "Woonplaats ongeldig"
    NAAM_ONTBREEKT = "JGD005", "Naam ontbreekt"
