from django.db import models


class Actie(models.TextChoices):
    """NEN 7513 action kinds (R-P2)."""

    LEZEN = "lezen", "Lezen"
    ZOEKEN = "zoeken", "Zoeken"
    EXPORTEREN = "exporteren", "Exporteren"
    AANMAKEN = "aanmaken", "Aanmaken"
    WIJZIGEN = "wijzigen", "Wijzigen"
    VERWIJDEREN = "verwijderen", "Verwijderen"


class Uitkomst(models.TextChoices):
    GELUKT = "gelukt", "Gelukt"
    GEWEIGERD = "geweigerd", "Geweigerd"
    MISLUKT = "mislukt", "Mislukt"
