"""Wonen/Verblijf (SPEC §4.3): placement preference, error codes and the forms per intensity (R-W10)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import PLEEGZORGVORMEN, Woonvorm


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


# R-W10: which forms fit which of the ten intensities (seed 001 §4.2.2.4 and the products of
# §4.4.2). The seed ties intensity 1 to pleegzorg, 4 to the gezinshuis and 10 to JeugdzorgPlus;
# "zelfstandig" (2, 3) is the leefgroep incl. begeleid wonen and kamertraining; the leefgroep,
# respijtzorg and the Verblijf beds are delivered "in verschillende intensiteiten" (§4.2.2.4 7.).
# Assumptions where the seed is silent (docs/adr/0005): respite from 2 to 9, the treatment and
# crisis beds from 5 (licht) to 9, kamertraining only at 2 and 3.
_GROEP = frozenset(range(5, 10))
INTENSITEITEN_PER_WOONVORM: dict[Woonvorm, frozenset[int]] = {
    **dict.fromkeys(PLEEGZORGVORMEN, frozenset({1})),
    Woonvorm.GEZINSHUIS: frozenset({4}),
    Woonvorm.LEEFGROEP: frozenset({2, 3}) | _GROEP,
    Woonvorm.KAMERTRAINING: frozenset({2, 3}),
    Woonvorm.RESPIJTZORG: frozenset({2, 3, 4}) | _GROEP,
    Woonvorm.CRISISBED: _GROEP,
    Woonvorm.BEHANDELBED: _GROEP,
    Woonvorm.DRIEMILIEU: _GROEP,
    Woonvorm.GGZ_BED: _GROEP,
    Woonvorm.JEUGDZORG_PLUS: frozenset({10}),
}
