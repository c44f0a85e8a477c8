from django.db import models
from django.utils.translation import gettext_lazy as _


class Gezinsrol(models.TextChoices):
    """Who a letter or a consent is about (issue 20 §1). ``JEUGDIGE`` is the young person
    themselves; the others are rows of ``Gezinslid``."""

    JEUGDIGE = "jeugdige", _("Jeugdige")
    OUDER = "ouder", _("Ouder")
    VOOGD = "voogd", _("Voogd")
    GI = "gi", _("Gecertificeerde instelling (voogdij)")


#: The roles a ``Gezinslid`` can hold (the young person is not a row of the family table).
ROLLEN_GEZINSLID = [(r.value, r.label) for r in Gezinsrol if r != Gezinsrol.JEUGDIGE]


class Kanaal(models.TextChoices):
    """How someone wants letters: on paper or by e-mail."""

    POST = "post", _("Per post")
    DIGITAAL = "digitaal", _("Digitaal (e-mail)")


class Gegevenssoort(models.TextChoices):
    """What a consent lets the toegang share (issue 20 §4)."""

    DOSSIER = "dossier", _("Gegevens uit het dossier")
    PLAN = "plan", _("Hulpverleningsplan en voortgang")
    DOCUMENTEN = "documenten", _("Documenten")
    MEDISCH = "medisch", _("Medische gegevens")
    SCHOOL = "school", _("Gegevens over school")
    OVERIG = "overig", _("Overig")


class Foutcode(models.TextChoices):
    """Error codes of the gezin app (STYLE.md §Writing 5)."""

    GEEN_TOEGANG = "GZN001", "Geen toegang tot deze jeugdige"  # R-P1
    NAAM_ONTBREEKT = "GZN002", "Naam ontbreekt"
    ROL_ONGELDIG = "GZN003", "Gezinsrol ongeldig"
    GEZAG_VOL = "GZN004", "Te veel gezagsdragers"  # BW 1:245, 1:251, 1:253a: at most two
    GEZAG_BOTST = "GZN005", "Voogdij naast ouderlijk gezag"  # BW 1:245, 1:280
    KANAAL_ZONDER_EMAIL = "GZN006", "Digitaal zonder e-mailadres"
    EMAIL_ONGELDIG = "GZN007", "E-mailadres ongeldig"
    AL_BEEINDIGD = "GZN008", "Al beëindigd"
    GEEN_TOESTEMMER = "GZN009", "Mag geen toestemming geven"  # R-D1, Jeugdwet 7.3.4
    ONTVANGER_ONTBREEKT = "GZN010", "Ontvanger ontbreekt"
    AL_INGETROKKEN = "GZN011", "Al ingetrokken"
    GEEN_ADRES = "GZN012", "Geen adres"
