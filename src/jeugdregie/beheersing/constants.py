"""The control model of SPEC §11: four pillars × three levels, periods, and how an indicator
aggregates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pijler(models.TextChoices):
    KWALITEIT = "kwaliteit", _("Kwaliteit")
    KOSTEN = "kosten", _("Kosten")
    CONTINUITEIT = "continuiteit", _("Continuïteit")
    WERKPROCESSEN = "werkprocessen", _("Werkprocessen")


class Niveau(models.TextChoices):
    CLIENT = "client", _("Cliëntniveau (toegang)")
    AANBIEDER = "aanbieder", _("Aanbiedersniveau (contractmanagement)")
    BELEID = "beleid", _("Beleidsniveau")


class Richting(models.TextChoices):
    """Which way is better; ``band``: inside the norm's band is good (budget utilisation 70–80%)."""

    HOGER_BETER = "hoger", _("Hoger is beter")
    LAGER_BETER = "lager", _("Lager is beter")
    BAND = "band", _("Binnen de bandbreedte is beter")


class Aggregatie(models.TextChoices):
    """``som``: the value is Σ teller (an amount, a count); ``ratio``: Σ teller / Σ noemer × schaal
    (a share, an average)."""

    SOM = "som", _("Som")
    RATIO = "ratio", _("Verhouding")


class Periodesoort(models.TextChoices):
    MAAND = "maand", _("Maand")
    KWARTAAL = "kwartaal", _("Kwartaal")
    JAAR = "jaar", _("Jaar")


# The product-category dimension (R-K1): the part of the catalogue (catalogus.constants.Onderdeel).
# "" in the rollup means: all categories together.
ALLE = ""
