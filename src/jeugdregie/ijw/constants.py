"""iJw 3.2 message types, their berichtcodes and namespaces, and the return codes the exchange
itself uses (WJ001). Domain rejection codes stay with their app (declaraties.constants)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NS_BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
BERICHTVERSIE = "3"
BERICHTSUBVERSIE = "2"
# What we put in Header/XsdVersie (the examples of the standard carry 1.0.0; see schemas/SOURCE.txt).
XSD_VERSIE = "1.0.0"


class Berichttype(models.TextChoices):
    JW301 = "JW301", _("JW301 Toewijzing")
    JW302 = "JW302", _("JW302 Retour toewijzing")
    JW305 = "JW305", _("JW305 Start zorg")
    JW306 = "JW306", _("JW306 Retour start zorg")
    JW307 = "JW307", _("JW307 Stop zorg")
    JW308 = "JW308", _("JW308 Retour stop zorg")
    JW315 = "JW315", _("JW315 Verzoek om toewijzing")
    JW316 = "JW316", _("JW316 Retour verzoek om toewijzing")
    JW317 = "JW317", _("JW317 Verzoek om wijziging")
    JW318 = "JW318", _("JW318 Retour verzoek om wijziging")
    JW319 = "JW319", _("JW319 Antwoord op verzoek")
    JW320 = "JW320", _("JW320 Retour antwoord op verzoek")
    JW323 = "JW323", _("JW323 Declaratie")
    JW325 = "JW325", _("JW325 Declaratie-antwoord")


class Wachtreden(models.TextChoices):
    """Why the outbox could not yet turn a decision into its message (issue 15 §2, §1)."""

    CONTACT_ONTBREEKT = "contact", _("Adres ontbreekt")
    STANDAARD = "standaard", _("Voldoet niet aan de iJw-standaard")
    FOUT = "fout", _("Technische fout")


BERICHTCODE = {
    Berichttype.JW301: "436",
    Berichttype.JW302: "437",
    Berichttype.JW305: "438",
    Berichttype.JW306: "439",
    Berichttype.JW307: "440",
    Berichttype.JW308: "441",
    Berichttype.JW315: "446",
    Berichttype.JW316: "447",
    Berichttype.JW317: "486",
    Berichttype.JW318: "487",
    Berichttype.JW319: "488",
    Berichttype.JW320: "489",
    Berichttype.JW323: "490",
    Berichttype.JW325: "491",
}

# Inbound message -> its retour message (R-M1).
RETOUR_VAN = {
    Berichttype.JW305: Berichttype.JW306,
    Berichttype.JW307: Berichttype.JW308,
    Berichttype.JW315: Berichttype.JW316,
    Berichttype.JW317: Berichttype.JW318,
    Berichttype.JW323: Berichttype.JW325,
    Berichttype.JW301: Berichttype.JW302,
    Berichttype.JW319: Berichttype.JW320,
}

# What a provider may send us (the municipality side of the inspanningsgericht variant), and the
# retour messages of what we sent (302/320), which we accept and record.
INKOMEND = {
    Berichttype.JW305,
    Berichttype.JW307,
    Berichttype.JW315,
    Berichttype.JW317,
    Berichttype.JW323,
    Berichttype.JW302,
    Berichttype.JW320,
}


def namespace(berichttype: str) -> str:
    return f"http://www.istandaarden.nl/ijw/3_2/{berichttype.lower()}/schema"


TYPE_VAN_NAMESPACE = {namespace(t): Berichttype(t) for t in Berichttype.values}


class Richting(models.TextChoices):
    IN = "in", _("Ontvangen")
    UIT = "uit", _("Verzonden")


class Berichtstatus(models.TextChoices):
    """Inbound: ``verwerkt`` (retour without rejections), ``afgekeurd`` (retour with codes: nothing
    or, for JW323, only the approved lines stored), ``geweigerd`` (schema or security failure: no
    retour, an error to the sender; IV032 level 1). Outbound: ``klaar`` for pick-up,
    ``opgehaald`` once the receiver fetched it, ``bevestigd``/``afgekeurd`` by its retour."""

    ONTVANGEN = "ontvangen", _("Ontvangen, in verwerking")
    VERWERKT = "verwerkt", _("Verwerkt")
    AFGEKEURD = "afgekeurd", _("Afgekeurd (retourcodes)")
    GEWEIGERD = "geweigerd", _("Geweigerd (geen geldig bericht)")
    KLAAR = "klaar", _("Klaar om op te halen")
    OPGEHAALD = "opgehaald", _("Opgehaald door ontvanger")
    BEVESTIGD = "bevestigd", _("Bevestigd met retour")


class Retourcode(models.TextChoices):
    """The WJ001 codes of the exchange itself (IV032/IV088); rule codes live with the rules."""

    TECHNISCH = "0001", _("Bericht is afgekeurd om technische redenen")
    GEEN_OPMERKING = "0200", _("Geen opmerking over deze berichtklasse")
    NIET_BEOORDEELD = "0233", _("Berichtklasse is niet beoordeeld")
    VOLLEDIG_TOEGEWEZEN = "8001", _("Declaratie is volledig toegewezen")


class Weigering(models.TextChoices):
    """Why a message was refused without a retour (IV032 level 1 and the security boundary)."""

    TE_GROOT = "IJW001", _("Bericht te groot")
    ONVEILIG = "IJW002", _("DOCTYPE of entiteiten niet toegestaan")
    GEEN_XML = "IJW003", _("Geen goedgevormde XML")
    ONBEKEND_TYPE = "IJW004", _("Onbekend berichttype of namespace")
    SCHEMA = "IJW005", _("Bericht voldoet niet aan het XSD")
    AFZENDER = "IJW006", _("Afzender is niet de ingelogde organisatie")
    ONTVANGER = "IJW007", _("Ontvanger is geen gemeente van de regio")
    NIET_TOEGESTAAN = "IJW008", _("Dit berichttype kan niet worden ingediend")
    ARCHIEF = "IJW009", _("Ongeldig zip-archief")
    RETOUR = "IJW011", _("Geen geldige retour te maken")  # our retour fails the standard: our fault
    ROL = "IJW012", _("Rol niet toegestaan")
