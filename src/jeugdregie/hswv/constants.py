"""HSWV inzet (SPEC §4.5, R-X1): what the collective is called on for, the lifecycle and the error
code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Foutcode(models.TextChoices):
    """Error code of the HSWV services (TW023, numbered with the route's TW0xx)."""

    HSWV = "TW023", "HSWV-inzet ongeldig"  # R-X1


class HswvOnderdeel(models.TextChoices):
    """R-X1: what the HSWV collective is called on for."""

    SCREENING = "screening", _("Integrale screening met het gezin")
    ORGANISEREN = "organiseren", _("Organiseren van passende zorg (eventueel met verblijf)")
    EXPERTISE = "expertise", _("Inzet van expertise")
    CRISIS = "crisis", _("Crisisbeschikbaarheid")


class HswvStatus(models.TextChoices):
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")


HSWV_OVERGANGEN = {HswvStatus.LOPEND: {HswvStatus.AFGEROND}, HswvStatus.AFGEROND: set()}
