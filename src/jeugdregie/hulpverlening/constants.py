"""Hulpverlening (R-H2): the progress scale and the error code of the plan services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Foutcode(models.TextChoices):
    """Error code of the plan services (TW024, numbered with the route's TW0xx)."""

    PLAN = "TW024", "Hulpverleningsplan ongeldig"  # R-H2


class Voortgangsstand(models.TextChoices):
    """R-H2: progress on a result, recorded in the plan."""

    OP_KOERS = "op_koers", _("Op koers")
    VERTRAAGD = "vertraagd", _("Vertraagd")
    BEHAALD = "behaald", _("Behaald")
