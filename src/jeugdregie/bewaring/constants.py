from django.db import models
from django.utils.translation import gettext_lazy as _


class Dataklasse(models.TextChoices):
    """The data classes with their own retention term (R-P7; settings JEUGDREGIE_BEWAARTERMIJNEN)."""

    JEUGDHULPDOSSIER = "jeugdhulpdossier", _("Jeugdhulpdossier")  # Jeugdwet 7.3.8: 15 years after end of care
    JEUGDBESCHERMING = "jeugdbescherming", _("Dossier OTS/voogdij")  # 30 years after majority
    FINANCIEEL = "financieel", _("Declaraties en financiële administratie")  # AWR art. 52: 7 years
    AUDITLOG = "auditlog", _("Auditlog")  # NEN 7513: at least 5 years


class CorrectieVeld(models.TextChoices):
    """The fields a data subject may have corrected here (AVG art. 16)."""

    VOORNAMEN = "voornamen", _("Voornamen")
    ACHTERNAAM = "achternaam", _("Achternaam")
    GEBOORTEDATUM = "geboortedatum", _("Geboortedatum")
    GESLACHT = "geslacht", _("Geslacht")
    WOONADRES = "woonadres", _("Woonadres")  # issue 15 §2: corrected in place, old value kept here
    TELEFOON = "telefoon", _("Telefoonnummer")


class Foutcode(models.TextChoices):
    """Error codes of the bewaring app (STYLE.md §Writing 5)."""

    GEEN_TOEGANG = "BEW001", "Geen toegang tot deze jeugdige"  # R-P7, R-P4
    REDEN_ONTBREEKT = "BEW002", "Reden ontbreekt"  # R-P7 (art. 16 history, longer retention)
    GEEN_WIJZIGING = "BEW003", "Geen wijziging"  # R-P7
    WAARDE_ONGELDIG = "BEW004", "Waarde ongeldig"  # R-P7
    GEANONIMISEERD = "BEW005", "Jeugdige is geanonimiseerd"  # R-P7
