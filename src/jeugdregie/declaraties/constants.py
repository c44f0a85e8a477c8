from django.db import models
from django.utils.translation import gettext_lazy as _


class DebetCredit(models.TextChoices):
    """iJw COD043 Indicatie debet/credit."""

    DEBET = "D", _("Debet")
    CREDIT = "C", _("Credit")


class RegelStatus(models.TextChoices):
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEKEURD = "afgekeurd", _("Afgekeurd")


class DeclaratieBron(models.TextChoices):
    UPLOAD = "upload", _("Upload (CSV/Excel)")
    API = "api", _("REST API")
    JW323 = "jw323", _("iJw JW323")


class Afkeur(models.TextChoices):
    """Stable rejection codes of a declaration line (R-B2). ``RETOURCODE`` gives the iJw WJ001
    return code where the standard has one (TR rule in the comment)."""

    TOEWIJZING_ONBEKEND = "DEC001", _("Toewijzing onbekend of niet van deze aanbieder")  # TR338
    CLIENT_ONJUIST = "DEC002", _("Cliënt hoort niet bij de toewijzing")  # TR338
    GEMEENTE_ONJUIST = "DEC003", _("Toewijzing hoort bij een andere gemeente")  # TR338
    PRODUCT_ONBEKEND = "DEC004", _("Product onbekend")
    PRODUCT_NIET_TOEGEWEZEN = "DEC005", _("Product valt niet onder de toewijzing")  # TR339/TR340
    EENHEID_ONJUIST = "DEC006", _("Eenheid past niet bij het product")  # TR341
    DUURZAAM_UITGESLOTEN = "DEC007", _("Product niet toegestaan bij keuzebudget duurzaam")  # R-B2
    BEGIN_BUITEN_TOEWIJZING = "DEC008", _("Begindatum buiten de toewijzing")  # TR307
    EINDE_BUITEN_TOEWIJZING = "DEC009", _("Einddatum buiten de toewijzing")  # TR308
    PERIODE_MEER_DAN_MAAND = "DEC010", _("Periode niet binnen één kalendermaand")  # TR387/TR388
    PERIODE_TOEKOMST = "DEC011", _("Periode in de toekomst")
    PERIODE_ONGELDIG = "DEC012", _("Einddatum voor begindatum")
    VOLUME_ONGELDIG = "DEC013", _("Volume ongeldig")
    GEEN_TARIEF = "DEC014", _("Geen tarief geldig")  # TR418
    BEDRAG_ONJUIST = "DEC015", _("Bedrag is niet volume × tarief")  # TR346
    BUDGET_OVERSCHREDEN = "DEC016", _("Keuzebudget overschreden")  # TR369
    VOLUME_OVERSCHREDEN = "DEC017", _("Toegewezen volume overschreden")  # TR321/TR322
    REFERENTIE_DUBBEL = "DEC018", _("Referentie al aangeleverd")  # TR314
    CREDIT_ZONDER_DEBET = "DEC019", _("Credit zonder goedgekeurde debet")  # TR323
    DUBBEL_CREDIT = "DEC020", _("Debet al gecrediteerd")  # TR390
    DUBBEL_DEBET = "DEC021", _("Periode al gedeclareerd")  # TR389
    TERMIJN_VERSTREKEN = "DEC022", _("Declaratietermijn verstreken, budget vrijgegeven")  # R-B7
    GEEN_CONTRACT = "DEC023", _("Geen contract voor het product")  # R-T2, R-B8 (nearest WJ001: TR418)
    NIET_INGESCHREVEN = "DEC024", _("Niet ingeschreven op de intensiteit of tariefgroep")  # R-B8, R-S4 (TR418)
    BEGIN_NIET_MAANDBEGIN = "DEC025", _("Begindatum niet de eerste dag van de maand of toewijzing")  # TR387, R-B8
    EINDE_NIET_MAANDEINDE = "DEC026", _("Einddatum niet de laatste dag van de maand of toewijzing")  # TR388, R-B8
    ETMAAL_AL_BETAALD = "DEC027", _("Meer dan één etmaal per dag op de toewijzing")  # R-B8, R-B3 (TR322)


RETOURCODE = {
    Afkeur.TOEWIJZING_ONBEKEND: "9338",
    Afkeur.CLIENT_ONJUIST: "9338",
    Afkeur.GEMEENTE_ONJUIST: "9338",
    Afkeur.PRODUCT_NIET_TOEGEWEZEN: "9340",
    Afkeur.EENHEID_ONJUIST: "9341",
    Afkeur.BEGIN_BUITEN_TOEWIJZING: "9307",
    Afkeur.EINDE_BUITEN_TOEWIJZING: "9308",
    Afkeur.PERIODE_MEER_DAN_MAAND: "9387",
    Afkeur.GEEN_TARIEF: "0611",
    Afkeur.BEDRAG_ONJUIST: "9346",
    Afkeur.BUDGET_OVERSCHREDEN: "9369",
    Afkeur.VOLUME_OVERSCHREDEN: "9321",
    Afkeur.REFERENTIE_DUBBEL: "8021",
    Afkeur.CREDIT_ZONDER_DEBET: "8017",
    Afkeur.DUBBEL_CREDIT: "9390",
    Afkeur.DUBBEL_DEBET: "9389",
    # R-B7: the window closed and the rest of the budget was released to the municipality; the
    # standard has no code for a closed window, the nearest is "not within the allocated budget".
    Afkeur.TERMIJN_VERSTREKEN: "9369",
    # No WJ001 code names the contract itself: TR418 (0611) checks the declared tariff against the
    # contract, and a product outside the contract or the registration has no contractual tariff.
    Afkeur.GEEN_CONTRACT: "0611",
    Afkeur.NIET_INGESCHREVEN: "0611",
    Afkeur.BEGIN_NIET_MAANDBEGIN: "9387",
    Afkeur.EINDE_NIET_MAANDEINDE: "9388",
    # The allocation's Omvang is one etmaal a day; TR322 sums the volume of all its Prestaties.
    Afkeur.ETMAAL_AL_BETAALD: "9322",
}


class Foutcode(models.TextChoices):
    """Refusals of a whole intake (nothing stored)."""

    NUMMER_HERGEBRUIKT = "DEC100", "Declaratienummer met andere inhoud"
    ROL = "DEC101", "Rol niet bevoegd"
    LEEG = "DEC102", "Declaratie zonder regels"
    GEDECLAREERD_NA_EINDE = "DEC103", "Goedgekeurde zorg na het nieuwe einde van de toewijzing"  # R-B8, OP257
    GEDECLAREERD_OP_TOEWIJZING = "DEC104", "Goedgekeurde zorg op de in te trekken toewijzing"  # R-B7, OP362


class Invoerfout(models.TextChoices):
    """Structural refusals of an upload or API intake before any line is checked (R-B2: the
    provider must be able to act on them). The Dutch message names the row and column to fix;
    nothing is stored. Content problems of a line are ``Afkeur`` codes instead."""

    TE_GROOT = "DEC110", "Bestand of bericht te groot"
    LEEG = "DEC111", "Bestand zonder declaratieregels"
    BESTANDSTYPE = "DEC112", "Bestandstype niet ondersteund"
    CODERING = "DEC113", "Bestand niet in UTF-8"
    KOPREGEL = "DEC114", "Kopregel onjuist"
    KOLOMMEN = "DEC115", "Aantal kolommen onjuist"
    DATUM = "DEC116", "Datum onleesbaar"
    GETAL = "DEC117", "Getal onleesbaar"
    WAARDE = "DEC118", "Waarde ongeldig"
    TE_VEEL_REGELS = "DEC119", "Te veel regels"
    ONLEESBAAR = "DEC120", "Bestand onleesbaar"
    GEMEENTE_ONBEKEND = "DEC121", "Gemeente onbekend"
