from django.db import models
from django.utils.translation import gettext_lazy as _

#: The highest standard keuzebudget level (seed 001: levels 1 to 6); a structural limit of the
#: catalogue, the same for every region.
HOOGSTE_NIVEAU = 6


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
    """iJw OP261: every product is inspanningsgericht, outputgericht or taakgericht (R-R2). A
    task-based assignment makes a product taakgericht for its municipalities
    (``taakgericht.variant``)."""

    INSPANNINGSGERICHT = "inspanningsgericht", _("Inspanningsgericht (P×Q)")
    OUTPUTGERICHT = "outputgericht", _("Outputgericht (prijs per traject)")
    TAAKGERICHT = "taakgericht", _("Taakgericht")


class Woonvorm(models.TextChoices):
    """R-W10: the form of Wonen, Verblijf or respijtzorg (seed 001 §3.2.1–§3.2.7), recorded by the
    toegang on the zorgtoewijzing separately from the intensity. It sets the age limits of R-W7,
    the intensity rule of R-W8, the matching norm of R-W5 and the family-forms indicator (CON08).
    On a product it is the form proposed by default."""

    PLEEGZORG = "pleegzorg", _("Pleegzorg (soort niet vastgelegd)")
    PLEEGZORG_KORTDUREND = "pleegzorg_kort", _("Kortdurende pleegzorg")
    PLEEGZORG_LANGDURIG = "pleegzorg_lang", _("Langdurige pleegzorg")
    PLEEGZORG_DEELTIJD = "pleegzorg_deeltijd", _("Deeltijdpleegzorg")
    NETWERKPLEEGZORG = "netwerkpleegzorg", _("Netwerkpleegzorg")
    GEZINSHUIS = "gezinshuis", _("Gezinshuis")
    LEEFGROEP = "leefgroep", _("Leefgroep")
    KAMERTRAINING = "kamertraining", _("Kamertraining")
    RESPIJTZORG = "respijtzorg", _("Respijtzorg")
    CRISISBED = "crisisbed", _("Crisisbed")
    BEHANDELBED = "behandelbed", _("Behandelbed")
    DRIEMILIEU = "driemilieu", _("Drie-milieuvoorziening")
    JEUGDZORG_PLUS = "jeugdzorg_plus", _("JeugdzorgPlus (gesloten jeugdzorg)")
    GGZ_BED = "ggz_bed", _("GGZ-bed (klinische opname)")


PLEEGZORGVORMEN = frozenset(
    {
        Woonvorm.PLEEGZORG,
        Woonvorm.PLEEGZORG_KORTDUREND,
        Woonvorm.PLEEGZORG_LANGDURIG,
        Woonvorm.PLEEGZORG_DEELTIJD,
        Woonvorm.NETWERKPLEEGZORG,
    }
)
# R-W10, seed 001 §3.2.1: Wonen is living elsewhere for the long term (pleegzorg, gezinshuis,
# leefgroep incl. begeleid wonen); Verblijf is a temporary bed aimed at going home (respijtzorg,
# crisisbed, behandelbed, drie-milieu, JeugdzorgPlus, the GGZ clinical bed).
GEZINSVORMEN = PLEEGZORGVORMEN | {Woonvorm.GEZINSHUIS}
RESIDENTIEEL = frozenset({Woonvorm.LEEFGROEP, Woonvorm.KAMERTRAINING})
WONEN = GEZINSVORMEN | RESIDENTIEEL
VERBLIJF = frozenset(set(Woonvorm) - WONEN)


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
    REGIO_VERLEDEN = "CAT007", "Tarief of keuzebudget van de regio in het verleden"  # R-R1
    REGIO_ONGELDIG = "CAT008", "Tarief of keuzebudget van de regio ongeldig"  # R-R1
    REGIO_GEEN_TOEGANG = "CAT009", "Tarief of keuzebudget van de regio vaststellen niet toegestaan"  # R-R1
