from django.db import models
from django.utils.translation import gettext_lazy as _


class Foutcode(models.TextChoices):
    """Error codes of the organisations app (STYLE.md §Writing 5)."""

    CBS_CODE_ONGELDIG = "ORG001", "Gemeentecode ongeldig"  # iJw LDT_GemeenteCode, CBS list
    AGB_CODE_ONGELDIG = "ORG002", "AGB-code ongeldig"  # iJw LDT_AgbCode
    PRODUCT_ONBEKEND = "ORG003", "Onbekend product in contract"  # R-T2 valid contract
    PERIODE_ONGELDIG = "ORG004", "Periode ongeldig"
    INSCHRIJVING_ONGELDIG = "ORG005", "Inschrijving ongeldig"  # R-S4
    BUITEN_CONTRACT = "ORG006", "Periode buiten contract"
    DECLARATIETERMIJN = "ORG007", "Declaratietermijn te kort"  # R-B7
    WACHTTIJD_ONGELDIG = "ORG008", "Wachttijd ongeldig"  # R-S6
    WACHTTIJD_NIET_GECONTRACTEERD = "ORG009", "Wachttijd voor niet-gecontracteerde categorie"  # R-S6
    WACHTTIJD_GEEN_TOEGANG = "ORG010", "Wachttijd melden niet toegestaan"  # R-S6
    LEEFTIJDSGRENZEN = "ORG011", "Leeftijdsgrenzen Wonen/Verblijf ongeldig"  # R-W7, R-W11
    REGELSET_VERLEDEN = "ORG012", "Regelset met begin in het verleden"  # R-R1
    REGELSET_ONGELDIG = "ORG013", "Regelset ongeldig"  # R-R1
    REGELSET_GEEN_TOEGANG = "ORG014", "Regelset vaststellen niet toegestaan"  # R-R1
    CONTRACT_GEMEENTE = "ORG020", "Lokaal contract van een gemeente buiten de regio"  # R-R3
    INKOOPNIVEAU = "ORG021", "Product op een ander inkoopniveau"  # R-R3
    CATEGORIE_ONBEKEND = "ORG022", "Aanbiedercategorie onbekend in de regio"  # R-R1
    CATEGORIE_ONGELDIG = "ORG023", "Aanbiedercategorie ongeldig"  # R-R1


#: R-B4: the values of a rule set's ``solidariteitssleutel`` (``verantwoording.constants.Sleutel``,
#: a later stage, names the same three).
SOLIDARITEITSSLEUTELS = ("jeugdigen", "inwoners", "handmatig")


class VerwijzerType(models.TextChoices):
    """iJw COD327 Code verwijzer."""

    GEMEENTE = "01", _("Gemeente")
    HUISARTS = "02", _("Huisarts")
    JEUGDARTS = "03", _("Jeugdarts")
    GI = "04", _("Gecertificeerde instelling")
    MEDISCH_SPECIALIST = "05", _("Medisch specialist")
    ZELFVERWIJZER = "06", _("Zelfverwijzer / geen verwijzer")
    RECHTER = "08", _("Rechter, Officier van Justitie, functionaris JJI")


#: The referrers the Jeugdwet lets refer directly (art. 2.6 lid 1 sub c: huisarts, jeugdarts,
#: medisch specialist; COD327 02, 03, 05): the GP route (R-T6). Which of them use it in a region
#: is its rule set's ``huisartsroute_verwijzers`` (R-R1).
HUISARTSROUTE = frozenset({VerwijzerType.HUISARTS, VerwijzerType.JEUGDARTS, VerwijzerType.MEDISCH_SPECIALIST})


#: Referrers without an AGB code: a GI, and a court or public prosecutor (R-T10, 000 §6; iJw
#: CD068: a ZorgverlenerCode only for the COD327 codes 02-05, 08 refers by name).
VERWIJZERS_ZONDER_AGB = (VerwijzerType.GI, VerwijzerType.RECHTER)


class AanbiederCategorie(models.TextChoices):
    """Comparable groups of providers (SPEC §11.2: "no provider is unique")."""

    JEUGD_EN_OPVOEDHULP = "jo", _("Jeugd- en opvoedhulp")
    GGZ = "ggz", _("Jeugd-GGZ")
    LVB = "lvb", _("LVB / gehandicaptenzorg")
    PLEEGZORG = "pleegzorg", _("Pleegzorg en gezinshuizen")
    DYSLEXIE = "dyslexie", _("Dyslexiezorg")
    CRISIS = "crisis", _("Crisisdienst")
    VRIJGEVESTIGD = "vrijgevestigd", _("Vrijgevestigde praktijk")
