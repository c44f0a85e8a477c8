from django.db import models


class FoutcodeToken(models.TextChoices):
    """Error codes of the API-token services (R-P8)."""

    AL_INGETROKKEN = "TK001", "Token is al ingetrokken"  # R-P8
    ONGELDIGE_GELDIGHEID = "TK002", "Geldigheid ongeldig"  # R-P8
    GEEN_ACTIEF_ACCOUNT = "TK003", "Account niet actief"  # R-P8
