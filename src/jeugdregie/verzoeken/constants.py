"""A provider's request for allocation (iJw JW315): statuses and their transitions, the WJ759
refusal reasons and the error codes (TW030–TW034)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ToewijzingsverzoekStatus(models.TextChoices):
    """A provider's request for allocation (iJw JW315) on the toegang's worklist. Open until a
    JW319 refusal or a JW301 with the same ReferentieAanbieder answers it (TR374)."""

    OPEN = "open", _("Open")
    IN_ONDERZOEK = "in_onderzoek", _("In onderzoek")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    GEHONOREERD = "gehonoreerd", _("Gehonoreerd")


TOEWIJZINGSVERZOEK_OVERGANGEN = {
    ToewijzingsverzoekStatus.OPEN: {
        ToewijzingsverzoekStatus.IN_ONDERZOEK,
        ToewijzingsverzoekStatus.AFGEWEZEN,
        ToewijzingsverzoekStatus.GEHONOREERD,
    },
    ToewijzingsverzoekStatus.IN_ONDERZOEK: {ToewijzingsverzoekStatus.AFGEWEZEN, ToewijzingsverzoekStatus.GEHONOREERD},
    ToewijzingsverzoekStatus.AFGEWEZEN: set(),
    ToewijzingsverzoekStatus.GEHONOREERD: set(),
}

VERZOEK_ONDERHANDEN = {ToewijzingsverzoekStatus.OPEN, ToewijzingsverzoekStatus.IN_ONDERZOEK}


class RedenAfwijzingVerzoek(models.TextChoices):
    """iJw WJ759 Reden afwijzing verzoek (JW319)."""

    NIEUWE_AANVRAAG = "1", _("Geen wijziging, maar nieuwe aanvraag")
    BUDGET = "2", _("Past niet binnen budget")
    GEEN_CONTRACT = "3", _("Geen contract")
    CONTRACT = "4", _("Past niet binnen contract")
    ANDERE_GEMEENTE = "5", _("Andere gemeente")
    STAPELING = "6", _("Stapeling")
    ZORGINHOUDELIJK = "7", _("Zorginhoudelijke afkeur")
    WOONPLAATSBEGINSEL = "8", _("Woonplaatsbeginsel")
    LEEFTIJDSGRENS = "9", _("Leeftijdsgrens is bereikt")


class Foutcode(models.TextChoices):
    """Error codes of the provider's request for allocation (iJw JW315), with the iJw retourcode
    where the standard has one."""

    ONDERHANDEN = "TW030", "Er is al een verzoek onderhanden"  # iJw TR374/OP350, retourcode 9374
    REFERENTIE = "TW031", "ReferentieAanbieder niet uniek"  # iJw TR347/OP361, retourcode 9347
    VERWIJZING = "TW032", "Verwijzing past niet bij het verzoek"
    AFWIJZING = "TW033", "Afwijzing onvolledig"  # WJ759 reason + motivation
    AANVRAAG = "TW034", "Aangevraagd product onvolledig"  # iJw CD079, CS003
