"""Statuses, outcomes and error codes of the handover between municipalities (R-D3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverdrachtStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Afgerond")
    VERVALLEN = "vervallen", _("Vervallen")


#: Lifecycle (STYLE.md §Writing 4): the new municipality closes the handover once every old
#: allocation has ended and it has allocated (or recorded why no new care is needed).
#: A handover lapses (``vervallen``) when later facts (a stay recorded after the move it preceded)
#: make the rule name the old municipality again before any old allocation was ended, and opens
#: again when the facts turn once more (``services.herbeoordeel``).
OVERDRACHT_OVERGANGEN = {
    OverdrachtStatus.OPEN: {OverdrachtStatus.AFGEROND, OverdrachtStatus.VERVALLEN},
    OverdrachtStatus.VERVALLEN: {OverdrachtStatus.OPEN},
    OverdrachtStatus.AFGEROND: set(),
}


class GeschilStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BESLIST = "beslist", _("Beslist")


GESCHIL_OVERGANGEN = {GeschilStatus.OPEN: {GeschilStatus.BESLIST}, GeschilStatus.BESLIST: set()}


class GeschilUitkomst(models.TextChoices):
    """Who is responsible after the dispute, or that it was withdrawn."""

    OUDE_GEMEENTE = "oude_gemeente", _("De vorige gemeente is verantwoordelijk")
    NIEUWE_GEMEENTE = "nieuwe_gemeente", _("De nieuwe gemeente is verantwoordelijk")
    INGETROKKEN = "ingetrokken", _("Geschil ingetrokken")


class Foutcode(models.TextChoices):
    ROL = "OVD001", "Niet bevoegd"  # R-D3: only the toegang of one of the two municipalities
    NIET_GEREED = "OVD002", "Overdracht niet gereed"  # R-D3: old allocations still run
    INVOER = "OVD003", "Invoer ontbreekt"
    OVERGANG = "OVD004", "Status staat dit niet toe"
    AL_BEVESTIGD = "OVD005", "Verhuisdatum al bevestigd"
