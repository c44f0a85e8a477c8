"""Budget lines, error codes and the mapping from allocations and products to budget lines (R-V3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.toewijzingen.constants import ToewijzingSoort


class Post(models.TextChoices):
    """R-V3: the budget lines of a municipality's youth-care begroting."""

    AMBULANT = "ambulant", _("Ambulant")
    WONEN_VERBLIJF = "wonen_verblijf", _("Wonen/Verblijf")
    CRISIS = "crisis", _("Crisis")
    HSWV = "hswv", _("HSWV")
    OVERIG = "overig", _("Overig")


class Foutcode(models.TextChoices):
    """Refusals of ``stel_begroting_vast``: nothing is saved."""

    NEGATIEF = "BEG001", "Negatief begrotingsbedrag"  # R-V3
    ONBEKENDE_POST = "BEG002", "Onbekende begrotingspost"  # R-V3
    JAAR_ZONDER_GEGEVENS = "BEG003", "Jaar zonder gegevens"  # R-V3
    GEEN_BEVOEGDHEID = "BEG004", "Alleen financieel van de eigen gemeente stelt de begroting vast"  # R-V3, R-P4


#: The allocation kind decides the budget line; lines without one fall back on the product's part.
POST_VAN_SOORT = {
    ToewijzingSoort.KEUZEBUDGET: Post.AMBULANT,
    ToewijzingSoort.WONEN_VERBLIJF: Post.WONEN_VERBLIJF,
    ToewijzingSoort.CRISISOPVOLGING: Post.CRISIS,
}
POST_VAN_ONDERDEEL = {
    Onderdeel.AMBULANT: Post.AMBULANT,
    Onderdeel.WONEN_VERBLIJF: Post.WONEN_VERBLIJF,
    Onderdeel.CRISIS: Post.CRISIS,
    Onderdeel.HSWV: Post.HSWV,
    Onderdeel.DYSLEXIE: Post.OVERIG,
}
