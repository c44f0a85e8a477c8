"""Wonen/Verblijf (SPEC §4.3): placement preference and error codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Foutcode(models.TextChoices):
    """Error codes of the Wonen/Verblijf services (TW017–TW019, numbered with the route's TW0xx)."""

    WONEN = "TW017", "Zorgtoewijzing Wonen/Verblijf ongeldig"  # R-W1, R-W2, R-W3, R-W7, R-W8
    MATCHING = "TW018", "Matching ongeldig"  # R-W5
    VERBLIJFSBED = "TW019", "Verblijfsbed ongeldig"  # R-W6


class PlaatsingsVoorkeur(models.TextChoices):
    """R-W5: network/family first, then a family form, then a leefgroep (motivated)."""

    NETWERK = "netwerk", _("Netwerk of familie")
    GEZINSVORM = "gezinsvorm", _("Gezinsvorm (pleegzorg, gezinshuis)")
    LEEFGROEP = "leefgroep", _("Leefgroep (gemotiveerd)")
