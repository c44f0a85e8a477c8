from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    """Maker-checker: one finance user prepares, another approves or rejects."""

    VOORBEREID = "voorbereid", _("Voorbereid, wacht op goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


# Lifecycle of a Betaalbatch (STYLE.md §Writing 4): status -> allowed next statuses. A rejected
# batch is prepared again on the same row (``maak_batch``); an approved batch is final.
BATCH_OVERGANGEN = {
    BatchStatus.VOORBEREID: {BatchStatus.GOEDGEKEURD, BatchStatus.AFGEWEZEN},
    BatchStatus.AFGEWEZEN: {BatchStatus.VOORBEREID},
    BatchStatus.GOEDGEKEURD: set(),
}


class Gebeurtenissoort(models.TextChoices):
    VOORBEREID = "voorbereid", _("Voorbereid")
    OPNIEUW_VOORBEREID = "opnieuw_voorbereid", _("Opnieuw voorbereid na afwijzing")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    CSV_GEEXPORTEERD = "csv_geexporteerd", _("CSV gedownload")
    SEPA_GEEXPORTEERD = "sepa_geexporteerd", _("SEPA-bestand gedownload")


class Foutcode(models.TextChoices):
    """Refusals of the payment services; nothing changes when one is raised (SPEC §8, §12)."""

    ROL = "BET001", _("Rol niet bevoegd")  # only FINANCIEEL of the municipality (R-P1)
    PERIODE = "BET002", _("Periode ongeldig of nog niet afgelopen")
    LEEG = "BET003", _("Geen te betalen regels")
    STATUS = "BET004", _("Niet mogelijk in deze status")  # BATCH_OVERGANGEN
    VIER_OGEN = "BET005", _("Voorbereider mag niet zelf beoordelen")  # maker-checker
    TOELICHTING = "BET006", _("Toelichting ontbreekt")
    AANSLUITING = "BET007", _("Aansluiting klopt niet")  # R-V1
    IBAN = "BET008", _("IBAN ontbreekt of is ongeldig")
    NIETS_OVER_TE_MAKEN = "BET009", _("Geen positieve posten om over te maken")
    SEPA_ONGELDIG = "BET010", _("SEPA-bestand voldoet niet aan pain.001.001.03")
