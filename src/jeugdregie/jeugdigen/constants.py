from django.db import models
from django.utils.translation import gettext_lazy as _


class Geslacht(models.TextChoices):
    """iJw COD046 Geslacht."""

    ONBEKEND = "0", _("Onbekend")
    MAN = "1", _("Mannelijk")
    VROUW = "2", _("Vrouwelijk")


class BetrokkenheidBron(models.TextChoices):
    """Why an organisation may see a young person (R-P1)."""

    VERWIJZING = "verwijzing", _("Verwijzing")
    SCREENING = "screening", _("Screening")
    TOEWIJZING = "toewijzing", _("Toewijzing")
    CRISIS = "crisis", _("Crisismelding")
    HSWV = "hswv", _("HSWV-inzet")
    TAAKGERICHT = "taakgericht", _("Start zorg onder taakgerichte opdracht")  # R-R2, iJw IV096


class Foutcode(models.TextChoices):
    """Error codes of the jeugdigen app (STYLE.md §Writing 5)."""

    BSN_ONGELDIG = "JGD001", "BSN ongeldig"  # R-P3, iJw CS002
    BSN_BESTAAT = "JGD002", "BSN bestaat al"
    GEBOORTEDATUM_ONGELDIG = "JGD003", "Geboortedatum ongeldig"
    WOONPLAATS_ONGELDIG = "JGD004", "Woonplaats ongeldig"
    NAAM_ONTBREEKT = "JGD005", "Naam ontbreekt"
    ADRES_ONGELDIG = "JGD006", "Adres ongeldig"  # iJw CS089, CD025, XSD CDT_Adres
    TELEFOON_ONGELDIG = "JGD007", "Telefoonnummer ongeldig"  # iJw XSD LDT_Telefoonnummer
    GEEN_TOEGANG = "JGD008", "Geen toegang tot deze jeugdige"  # R-P1
    GEEN_WIJZIGING = "JGD009", "Geen wijziging"


class AdresSoort(models.TextChoices):
    """iJw COD757 Soort adres, the kinds held here: the BRP address (the woonadres) and a
    correspondence address where letters must go elsewhere. 03/04 (verblijfadres) are not held:
    a stay is an allocation with its provider, not an address of the young person."""

    WOONADRES = "01", _("Woonadres (BRP-adres)")
    CORRESPONDENTIEADRES = "02", _("Correspondentieadres")


class AanduidingWoonadres(models.TextChoices):
    """iJw NUM061 / BRP 11.50: for an address without the usual street and house number."""

    AAN_BOORD = "AB", _("Aan boord")
    BIJ = "BY", _("Bij")
    TEGENOVER = "TO", _("Tegenover")
    WOONWAGEN = "WW", _("Woonwagen")
