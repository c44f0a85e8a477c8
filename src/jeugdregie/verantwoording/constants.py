from django.db import models
from django.utils.translation import gettext_lazy as _


class Sleutel(models.TextChoices):
    """R-B4: the solidarity key for crisis availability."""

    JEUGDIGEN = "jeugdigen", _("Jeugdige inwoners")
    INWONERS = "inwoners", _("Inwoners")
    HANDMATIG = "handmatig", _("Handmatige verdeling")


class Foutcode(models.TextChoices):
    """Refusals of the verantwoording services; each names its rule."""

    GEEN_CRISISBEKOSTIGING = "VER001", _("Geen crisisbekostiging ingesteld")  # R-B4
    BEDRAG_ONGELDIG = "VER002", _("Bedrag ongeldig")  # R-B4
    SLEUTEL_ONVOLLEDIG = "VER003", _("Handmatige sleutel onvolledig")  # R-B4
    SLEUTEL_ONGELDIG = "VER004", _("Verdeelsleutel ongeldig")  # R-B4
    ROL = "VER005", _("Rol niet bevoegd")  # R-B4, R-V2
    JAAR_ONGELDIG = "VER006", _("Jaar ongeldig")  # R-B4, R-V2
    JAAR_NIET_VOORBIJ = "VER007", _("Jaar nog niet voorbij")  # R-V2
    AL_INGEDIEND = "VER008", _("Productieverantwoording al ingediend")  # R-V2
    COMPONENT_ONGELDIG = "VER009", _("Beschikbaarheidscomponent ongeldig")  # R-C5


class Verschilsoort(models.TextChoices):
    """R-V1: what the reconciliation of a production statement compares."""

    TOTAAL = "totaal", _("Totaal verantwoording ≠ som van de regels")
    BETAALD = "betaald", _("Betaald totaal ≠ regels in goedgekeurde betaalbatches")
    BETAALPOST = "betaalpost", _("Betaalpost ≠ som van zijn goedgekeurde regels")
    BETAALPOST_AANTAL = "betaalpost_aantal", _("Aantal regels van een betaalpost ≠ zijn goedgekeurde regels")
    BUDGETSTAND = "budgetstand", _("Budgetstand ≠ goedgekeurde regels van de toewijzing")
    KEUZEBUDGET = "keuzebudget", _("Goedgekeurd boven het keuzebudget")
