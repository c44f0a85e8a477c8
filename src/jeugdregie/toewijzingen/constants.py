from django.db import models
from django.utils.translation import gettext_lazy as _


class ToewijzingSoort(models.TextChoices):
    KEUZEBUDGET = "keuzebudget", _("Ambulant keuzebudget")
    WONEN_VERBLIJF = "wonen_verblijf", _("Zorgtoewijzing Wonen/Verblijf")
    CRISISOPVOLGING = "crisisopvolging", _("Crisisopvolging")


class ToewijzingStatus(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    GESTART = "gestart", _("Zorg gestart")
    GESTOPT = "gestopt", _("Zorg gestopt")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


TOEWIJZING_OVERGANGEN = {
    ToewijzingStatus.TOEGEWEZEN: {ToewijzingStatus.GESTART, ToewijzingStatus.INGETROKKEN},
    ToewijzingStatus.GESTART: {ToewijzingStatus.GESTOPT},
    ToewijzingStatus.GESTOPT: set(),
    ToewijzingStatus.INGETROKKEN: set(),
}


class ScreeningUitkomst(models.TextChoices):
    """R-S2: the only outcomes. No reason exists for age, sex, origin, orientation, income,
    religion or health: refusal on those grounds is impossible by construction."""

    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    TE_ZWAAR = "te_zwaar", _("Geweigerd: hulpvraag te zwaar voor de expertise")
    TE_LICHT = "te_licht", _("Geweigerd: hulpvraag te licht (overgekwalificeerd)")
    ZWAARWEGEND = "zwaarwegend", _("Geweigerd: zwaarwegende redenen")
    ANDERE_AANBIEDER = "andere_aanbieder", _("Jeugdige kiest een andere aanbieder")


WEIGERINGEN = {ScreeningUitkomst.TE_ZWAAR, ScreeningUitkomst.TE_LICHT, ScreeningUitkomst.ZWAARWEGEND}


class AanpassingReden(models.TextChoices):
    """R-A4: only these four reasons."""

    KEUZEBUDGET_ONJUIST = "1", _("Keuzebudget onjuist")
    HULP_SLAAT_NIET_AAN = "2", _("Hulp slaat niet aan")
    GEWIJZIGDE_OMSTANDIGHEDEN = "3", _("Gewijzigde omstandigheden")
    MEERDERE_AANBIEDERS = "4", _("Meerdere aanbieders")


class AanpassingStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    TOEGEKEND = "toegekend", _("Toegekend")
    DEELS_TOEGEKEND = "deels_toegekend", _("Deels toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


AANPASSING_OVERGANGEN = {
    AanpassingStatus.INGEDIEND: {
        AanpassingStatus.TOEGEKEND,
        AanpassingStatus.DEELS_TOEGEKEND,
        AanpassingStatus.AFGEWEZEN,
    },
    AanpassingStatus.TOEGEKEND: set(),
    AanpassingStatus.DEELS_TOEGEKEND: set(),
    AanpassingStatus.AFGEWEZEN: set(),
}


class RedenBeeindiging(models.TextChoices):
    """iJw JZ588 Reden beëindiging."""

    OVERLIJDEN = "02", _("Overlijden")
    TIJDELIJK = "20", _("Levering is tijdelijk beëindigd")
    VOLGENS_PLAN = "31", _("Levering is volgens plan beëindigd")
    VOORTIJDIG_CLIENT = "32", _("Voortijdig afgesloten, door cliënt")
    VOORTIJDIG_AANBIEDER = "33", _("Voortijdig afgesloten, door aanbieder")
    VOORTIJDIG_IN_OVERLEG = "34", _("Voortijdig afgesloten, in overleg")
    EXTERNE_OORZAAK = "35", _("Voortijdig afgesloten, externe oorzaak")
    DOOR_GEMEENTE = "36", _("Geïnitieerd door de gemeente")
    WIJZIGINGSVERZOEK = "37", _("In verband met wijzigingsverzoek")
    OVERSTAP = "38", _("Overstap naar andere aanbieder")


VOORTIJDIG = {
    RedenBeeindiging.VOORTIJDIG_CLIENT,
    RedenBeeindiging.VOORTIJDIG_AANBIEDER,
    RedenBeeindiging.VOORTIJDIG_IN_OVERLEG,
}


class Resultaatscore(models.TextChoices):
    """R-H5: a small fixed scale."""

    BEHAALD = "behaald", _("Behaald")
    DEELS_BEHAALD = "deels_behaald", _("Deels behaald")
    NIET_BEHAALD = "niet_behaald", _("Niet behaald")


class Plaatsing(models.TextChoices):
    """R-W2: voluntary (referrer: toegang) or forced (referrer: GI, with court authorisation)."""

    VRIJWILLIG = "vrijwillig", _("Vrijwillig")
    GEDWONGEN = "gedwongen", _("Gedwongen")


class Maatregel(models.TextChoices):
    OTS = "ots", _("Ondertoezichtstelling (OTS)")
    VOOGDIJ = "voogdij", _("Voogdij")


class FoutcodeVervolg(models.TextChoices):
    """Error codes of the follow-up services (continuing TW0xx; TW017–TW019 are the wonen app's,
    TW021/TW022 the crisis app's, TW023 the hswv app's, TW024 the hulpverlening app's)."""

    VERVOLGZORG = "TW020", "Vervolgzorg niet geregeld"  # R-W9
    PRODUCT_BUITEN_TOEWIJZING = "TW025", "Product valt buiten de toewijzing"  # R-W4


class VerzoekStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


VERZOEK_OVERGANGEN = {
    VerzoekStatus.INGEDIEND: {VerzoekStatus.TOEGEWEZEN, VerzoekStatus.AFGEWEZEN},
    VerzoekStatus.TOEGEWEZEN: set(),
    VerzoekStatus.AFGEWEZEN: set(),
}
