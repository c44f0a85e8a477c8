from django.db import models
from django.utils.translation import gettext_lazy as _


class Foutcode(models.TextChoices):
    """Error codes of the taakgericht app (STYLE.md §Writing 5); all R-R2 (iJw OP261, IV096)."""

    ROL = "TKG001", "Handeling niet toegestaan voor deze gebruiker"
    GEMEENTE_BUITEN_REGIO = "TKG002", "Gemeente hoort niet bij de regio"
    PRODUCT_ONBEKEND = "TKG003", "Product niet in de catalogus"
    PERIODE_ONGELDIG = "TKG004", "Periode ongeldig"
    OVERLAP = "TKG005", "Product en gemeente al onder een andere opdracht"
    BEDRAG_ONGELDIG = "TKG006", "Opdrachtbedrag ongeldig"
    GEEN_BEDRAG = "TKG007", "Geen opdrachtbedrag voor het jaar"
    SCHEMA_BESTAAT = "TKG008", "Betaalschema bestaat al"
    SLEUTEL_NUL = "TKG009", "Geen jeugdigen om naar te verdelen"
    AL_BETAALD = "TKG010", "Termijn al betaald"
    GEMEENTE_NIET_IN_OPDRACHT = "TKG011", "Jeugdige woont niet in een gemeente van de opdracht"
    GEEN_VERWIJZING = "TKG012", "Jeugdige niet naar de opdracht verwezen"
    BUITEN_OPDRACHT = "TKG013", "Datum buiten de looptijd van de opdracht"
    PRODUCT_NIET_IN_OPDRACHT = "TKG014", "Product valt niet onder de opdracht"
    START_BESTAAT = "TKG015", "Start al gemeld"
    STOP_ZONDER_START = "TKG016", "Stop zonder start"  # iJw IV096: the key is product + begindatum
    AL_GESTOPT = "TKG017", "Zorg al gestopt"
    JAAR_ONGELDIG = "TKG018", "Jaar ongeldig"
    NAAM_ONTBREEKT = "TKG019", "Naam ontbreekt"
    ANDERE_GEMEENTE = "TKG020", "Bericht aan een andere gemeente dan die van de verwijzing"  # iJw TR019
    REDEN_ONGELDIG = "TKG021", "Reden beëindiging niet in codelijst JZ588"  # iJw JW307 RedenBeeindiging
    GEEN_AANLEVERING = "TKG022", "Geen eerdere start of stop met deze sleutel om te verwijderen"  # iJw TR063
    EERST_STOP_VERWIJDEREN = "TKG023", "Start met een stop: verwijder eerst de stop"  # iJw TR071


class Gebeurtenissoort(models.TextChoices):
    """The event rows of an assignment (STYLE.md §Writing 4)."""

    VASTGELEGD = "vastgelegd", _("Opdracht vastgelegd")
    BEDRAG = "bedrag", _("Opdrachtbedrag vastgesteld")
    SCHEMA = "schema", _("Betaalschema opgesteld")
    BETAALD = "betaald", _("Termijn betaald")
    VERWEZEN = "verwezen", _("Jeugdige verwezen")
    GESTART = "gestart", _("Start zorg gemeld")
    GESTOPT = "gestopt", _("Stop zorg gemeld")
    START_INGETROKKEN = "start_ingetrokken", _("Start zorg verwijderd")
    STOP_INGETROKKEN = "stop_ingetrokken", _("Stop zorg verwijderd")


#: A monthly payment schedule has twelve terms (R-R2).
TERMIJNEN_PER_JAAR = 12
