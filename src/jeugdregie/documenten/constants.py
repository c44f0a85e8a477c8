from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.bewaring.constants import Dataklasse


class Documentsoort(models.TextChoices):
    """What a document is (issue 20 §4). The kind decides who may add it (``policies``) and its
    retention class (``BEWAARKLASSE``)."""

    VERWIJSBRIEF = "verwijsbrief", _("Verwijsbrief")
    OFFERTE = "offerte", _("Offerte")
    RECHTERLIJKE_UITSPRAAK = "rechterlijke_uitspraak", _("Rechterlijke uitspraak")
    PLAN = "plan", _("Plan")
    OVERIG = "overig", _("Overig")


#: R-P7: the retention class of each kind (``bewaring/termijnen.py``). A court order behind a
#: child-protection measure (OTS, voogdij) is kept as the jeugdbescherming dossier (30 years after
#: majority); everything else as the jeugdhulp dossier (Jeugdwet 7.3.8: 15 years after care).
BEWAARKLASSE = {
    Documentsoort.VERWIJSBRIEF: Dataklasse.JEUGDHULPDOSSIER,
    Documentsoort.OFFERTE: Dataklasse.JEUGDHULPDOSSIER,
    Documentsoort.RECHTERLIJKE_UITSPRAAK: Dataklasse.JEUGDBESCHERMING,
    Documentsoort.PLAN: Dataklasse.JEUGDHULPDOSSIER,
    Documentsoort.OVERIG: Dataklasse.JEUGDHULPDOSSIER,
}


class Foutcode(models.TextChoices):
    """Error codes of the documenten app (STYLE.md §Writing 5); issue 20 §4."""

    GEEN_TOEGANG = "DOC001", "Geen toegang"  # R-P1/R-P4: who may add which kind, for which child
    TYPE_ONGELDIG = "DOC002", "Bestandstype niet toegestaan"  # the bytes are no PDF, PNG or JPEG
    TE_GROOT = "DOC003", "Bestand te groot"
    LEEG = "DOC004", "Bestand leeg"
    KOPPELING_ONGELDIG = "DOC005", "Verwijzing of toewijzing hoort niet bij deze jeugdige"
    TITEL_ONGELDIG = "DOC006", "Titel ontbreekt of is te lang"
