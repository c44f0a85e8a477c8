from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    """NEN 7513 action kinds (R-P2)."""

    LEZEN = "lezen", _("Lezen")
    ZOEKEN = "zoeken", _("Zoeken")
    EXPORTEREN = "exporteren", _("Exporteren")
    AANMAKEN = "aanmaken", _("Aanmaken")
    WIJZIGEN = "wijzigen", _("Wijzigen")
    VERWIJDEREN = "verwijderen", _("Verwijderen")
    INLOGGEN = "inloggen", _("Inloggen")  # each step: password, second factor, single sign-on
    UITLOGGEN = "uitloggen", _("Uitloggen")


class Uitkomst(models.TextChoices):
    GELUKT = "gelukt", _("Gelukt")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    MISLUKT = "mislukt", _("Mislukt")
