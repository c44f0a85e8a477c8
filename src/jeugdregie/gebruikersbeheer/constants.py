from django.db import models


class Foutcode(models.TextChoices):
    """Error codes of user management (STYLE.md §Writing 5)."""

    GEEN_BEHEERDER = "GBR001", "Alleen de functioneel beheerder"  # R-P5
    BUITEN_REGIO = "GBR002", "Organisatie buiten de eigen regio"  # R-P5
    BEVOORRECHT = "GBR003", "Superuser of staf niet via een scherm"  # R-P5
    ONGELDIG = "GBR004", "Rol en organisatie passen niet bij elkaar"
    NAAM_BESTAAT = "GBR005", "Gebruikersnaam bestaat al"
