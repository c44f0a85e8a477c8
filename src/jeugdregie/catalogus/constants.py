from django.db import models
from django.utils.translation import gettext_lazy as _


class Onderdeel(models.TextChoices):
    """The parts of the voorzieningenboek (SPEC §3, seed 001 annex 3)."""

    AMBULANT = "ambulant", _("Ambulante jeugdhulp")
    WONEN_VERBLIJF = "wonen_verblijf", _("Wonen / Verblijf")
    CRISIS = "crisis", _("Crisisfunctie")
    DYSLEXIE = "dyslexie", _("Dyslexiezorg")
    HSWV = "hswv", _("HSWV")


class Eenheid(models.TextChoices):
    UUR = "uur", _("Per uur")
    ETMAAL = "etmaal", _("Per etmaal")
    TAAKGERICHT = "taakgericht", _("Taakgericht")


class IjwEenheid(models.TextChoices):
    """iJw WJ756 Eenheid (the subset Jeugdregie uses)."""

    MINUUT = "01", "Minuut"
    UUR = "04", "Uur"
    ETMAAL = "14", "Etmaal"
    EUROS = "83", "Euro's"


# Our unit -> iJw WJ756 code (docs/catalogus-ijw-mapping.md).
IJW_EENHEID_VOOR = {
    Eenheid.UUR: IjwEenheid.UUR,
    Eenheid.ETMAAL: IjwEenheid.ETMAAL,
    Eenheid.TAAKGERICHT: IjwEenheid.EUROS,
}


class IjwProductcategorie(models.TextChoices):
    """iJw JZ020 Productcategorie (the subset Jeugdregie uses)."""

    DAGBEHANDELING = "41", "Dagbehandeling"
    VERBLIJF_INCL_BEHANDELING = "43", "Jeugdhulp verblijf (incl. behandeling)"
    VERBLIJF_EXCL_BEHANDELING = "44", "Jeugdhulp verblijf (excl. behandeling)"
    AMBULANT = "45", "Jeugdhulp ambulant"
    CRISIS = "46", "Jeugdhulp crisis"
    MAATWERK = "50", "Maatwerkarrangementen jeugd"


class Bekostiging(models.TextChoices):
    INSPANNINGSGERICHT = "inspanningsgericht", _("Inspanningsgericht (P×Q)")
    TAAKGERICHT = "taakgericht", _("Taakgericht")


class Woonvorm(models.TextChoices):
    """Form of Wonen/Verblijf; sets the age limits of R-W7 and the intensity rule of R-W8."""

    PLEEGZORG = "pleegzorg", _("Pleegzorg")
    GEZINSHUIS = "gezinshuis", _("Gezinshuis")
    LEEFGROEP = "leefgroep", _("Leefgroep")
    VERBLIJF = "verblijf", _("Verblijf")
    RESPIJTZORG = "respijtzorg", _("Respijtzorg")


class KeuzebudgetSoort(models.TextChoices):
    HERSTEL = "herstel", _("Herstel")
    DUURZAAM = "duurzaam", _("Duurzaam")


class Foutcode(models.TextChoices):
    """Error codes of the catalog app (STYLE.md §Writing 5)."""

    TARIEF_OVERLAP = "CAT001", "Tariefperiodes overlappen"
    TARIEF_ONGELDIG = "CAT002", "Tarief ongeldig"
    PRODUCT_ONBEKEND = "CAT003", "Onbekend product"
    PERIODE_ONGELDIG = "CAT004", "Periode ongeldig"
    GEEN_TARIEF = "CAT005", "Geen geldig tarief"
    CATALOGUSBESTAND_ONGELDIG = "CAT006", "Catalogusbestand ongeldig"
