from django.db import models
from django.utils.translation import gettext_lazy as _


class Mutatiesoort(models.TextChoices):
    """R-B5/R-B7: the kinds of booking in an allocation's budget ledger."""

    VASTGELEGD = "vastgelegd", _("Vastgelegd (toegewezen)")
    GEWIJZIGD = "gewijzigd", _("Vastlegging gewijzigd (aanpassing of verkorting)")
    INGETROKKEN = "ingetrokken", _("Vastlegging ingetrokken")
    GOEDGEKEURD = "goedgekeurd", _("Besteed (goedgekeurd)")
    GECREDITEERD = "gecrediteerd", _("Gecrediteerd")
    VRIJGEVALLEN = "vrijgevallen", _("Vrijgevallen")


#: Bookings that change the commitment itself (the sum of these is ``Budgetstand.vastgelegd``).
VASTLEGGINGEN = (Mutatiesoort.VASTGELEGD, Mutatiesoort.GEWIJZIGD, Mutatiesoort.INGETROKKEN)


class Foutcode(models.TextChoices):
    """Refusals of the ledger (R-B7): the decision that would break the invariant changes nothing."""

    ONDER_BESTEED = "BUD001", "Nieuw bedrag lager dan wat al is goedgekeurd"  # R-B7
    BOVEN_TOEGEWEZEN = "BUD002", "Vastlegging boven het toegewezen bedrag"  # R-B7
    AL_VRIJGEGEVEN = "BUD003", "Budget is al vrijgegeven"  # R-B7
    INGETROKKEN = "BUD004", "Toewijzing is ingetrokken"  # R-B7
