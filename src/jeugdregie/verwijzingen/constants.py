"""Statuses, error codes and event kinds of the referral (SPEC §4) and of the client route's
event log, which starts with the referral (issue 16 §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerwijzingStatus(models.TextChoices):
    TE_SCREENEN = "te_screenen", _("Te screenen")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    NIET_GEACCEPTEERD = "niet_geaccepteerd", _("Niet geaccepteerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


# Lifecycle of a Verwijzing (STYLE.md §Writing 4): status -> allowed next statuses.
VERWIJZING_OVERGANGEN = {
    VerwijzingStatus.TE_SCREENEN: {
        VerwijzingStatus.GEACCEPTEERD,
        VerwijzingStatus.NIET_GEACCEPTEERD,
        VerwijzingStatus.INGETROKKEN,
    },
    VerwijzingStatus.GEACCEPTEERD: set(),
    VerwijzingStatus.NIET_GEACCEPTEERD: set(),
    VerwijzingStatus.INGETROKKEN: set(),
}


class AanmeldingStatus(models.TextChoices):
    """R-P4: what became of a provider's or GI's submission. Only the toegang sees this; the
    registrant sees every submission as "Ontvangen" (``AANMELDING_VOOR_INDIENER``)."""

    ONTVANGEN = "ontvangen", _("Ontvangen")
    VERWERKT = "verwerkt", _("Verwerkt tot verwijzing")
    ONBEKEND_BSN = "onbekend_bsn", _("Onbekend BSN: jeugdige nog niet geregistreerd")
    NIET_VERWERKT = "niet_verwerkt", _("Niet verwerkt")


#: The one status the registrant sees on each of its submissions while the toegang has not
#: decided on it, known BSN or not (R-P4). After the toegang's decision it sees that decision.
AANMELDING_VOOR_INDIENER = _("Ontvangen")


#: R-P4: the toegang decides on a submission that is still open: honoured (a referral by the
#: toegang) or refused with a reason. ``verwerkt`` is final; a refusal by the toegang is the
#: ``niet_verwerkt`` with ``besluit_op`` set (an automatic ``niet_verwerkt`` stays open).
AANMELDING_OVERGANGEN = {
    AanmeldingStatus.ONTVANGEN: {AanmeldingStatus.VERWERKT, AanmeldingStatus.NIET_VERWERKT},
    AanmeldingStatus.ONBEKEND_BSN: {AanmeldingStatus.VERWERKT, AanmeldingStatus.NIET_VERWERKT},
    AanmeldingStatus.NIET_VERWERKT: {AanmeldingStatus.VERWERKT, AanmeldingStatus.NIET_VERWERKT},
    AanmeldingStatus.VERWERKT: set(),
}


class Grond18Plus(models.TextChoices):
    """R-T3: the ground for care after the 18th birthday."""

    VERLENGDE_JEUGDHULP = "verlengde_jeugdhulp", _("Verlengde jeugdhulp (Jeugdwet art. 1.1), tot 23 jaar")
    TOESTEMMING_GEMEENTE = "toestemming_gemeente", _("Uitdrukkelijke toestemming van de gemeente")


class Foutcode(models.TextChoices):
    """Error codes of the allocation route, each naming its rule (STYLE.md §Writing 5)."""

    DOELGROEP = "TW001", "Buiten doelgroep"  # R-T3
    PERIODE = "TW002", "Periode ongeldig"
    OFFERTE_BEDRAG = "TW003", "Offerte zonder bedrag"  # R-T5
    NIVEAU = "TW004", "Keuzebudgetniveau niet toegestaan"  # R-T4, R-T6
    GI_OFFERTE = "TW005", "GI verwijst altijd met offerte"  # R-T7
    TWEEDE_HUISARTSROUTE = "TW006", "Tweede verwijzing via huisarts"  # R-T8
    GEEN_RESULTAAT = "TW007", "Geen resultaat"  # R-T1
    GEEN_CONTRACT = "TW008", "Aanbieder niet gecontracteerd"  # R-T2, R-S5
    PARALLEL_BUDGET = "TW009", "Parallel keuzebudget"  # R-A4
    OVERGANG = "TW010", "Statusovergang niet toegestaan"
    ROL = "TW011", "Rol of organisatie niet bevoegd"  # R-A2, R-P1
    WEIGERREDEN = "TW012", "Weigerreden ongeldig"  # R-S2
    AANPASSING_REDEN = "TW013", "Aanpassingsreden niet toegestaan"  # R-A4
    MOTIVERING = "TW014", "Motivering ontbreekt"  # R-A5
    START = "TW015", "Start zorg ongeldig"  # R-H1
    STOP = "TW016", "Stop zorg ongeldig"  # R-H3, R-H4, R-H5
    BUDGET_BIJ_AANBIEDER = "TW026", "Tweede keuzebudget bij dezelfde aanbieder"  # R-A4, R-T5, iJw TR302
    TOESTEMMING_HUISARTSROUTE = "TW039", "Toestemming tweede huisartsverwijzing ongeldig"  # R-T10
    VERHUISDATUM_NIET_BEVESTIGD = "TW040", "Verhuisdatum niet bevestigd"  # R-D3
    VERLENGING = "TW041", "Verlenging duurzaam budget niet mogelijk"  # R-T9
    VERWIJSROUTE = "TW042", "Verwijzer niet op de huisartsroute van de regio"  # R-R1, R-T6


class FoutcodeAanmelding(models.TextChoices):
    """Error codes of the toegang's decision on a submission on the referral form (R-P4)."""

    ONBEKEND_BSN = "TW035", "Jeugdige niet geregistreerd"  # R-P4: register the child first
    AFWIJZING = "TW036", "Reden van afwijzing ontbreekt"  # R-P4
    BESLOTEN = "TW037", "Al over besloten"  # R-P4: a decided submission is final
    VERLOPEN = "TW038", "Budgetperiode al voorbij"  # R-P4: honouring it would give sight for nothing


class Gebeurtenissoort(models.TextChoices):
    """Every event of the client route (STYLE.md §Writing 4, issue 16 §1): the name an event row
    carries and the iJw outbox dispatches on. A service registers one of these, never a free
    string (``services.gebeurtenissen.registreer`` refuses any other)."""

    AANMELDING_AFGEWEZEN = "aanmelding_afgewezen", _("Aanmelding afgewezen")
    AANMELDING_GEHONOREERD = "aanmelding_gehonoreerd", _("Aanmelding gehonoreerd")
    AANMELDING_ONTVANGEN = "aanmelding_ontvangen", _("Aanmelding ontvangen")
    AANPASSING_BESLOTEN = "aanpassing_besloten", _("Aanpassing besloten")
    AANPASSING_INGEDIEND = "aanpassing_ingediend", _("Aanpassing ingediend")
    BED_AANGEVRAAGD = "bed_aangevraagd", _("Bed aangevraagd")
    BED_GEPLAATST = "bed_geplaatst", _("Bed geplaatst")
    CRISIS_BEOORDEELD = "crisis_beoordeeld", _("Crisis beoordeeld")
    CRISIS_GEMELD = "crisis_gemeld", _("Crisis gemeld")
    CRISISOPVOLGING_AANGEVRAAGD = "crisisopvolging_aangevraagd", _("Crisisopvolging aangevraagd")
    CRISISOPVOLGING_AFGEWEZEN = "crisisopvolging_afgewezen", _("Crisisopvolging afgewezen")
    CRISISOPVOLGING_TOEGEWEZEN = "crisisopvolging_toegewezen", _("Crisisopvolging toegewezen")
    HSWV_AFGEROND = "hswv_afgerond", _("Hswv afgerond")
    HSWV_INGEZET = "hswv_ingezet", _("Hswv ingezet")
    INTENSITEIT_GEWIJZIGD = "intensiteit_gewijzigd", _("Intensiteit gewijzigd")
    INTENSITEIT_TOEGEWEZEN = "intensiteit_toegewezen", _("Intensiteit toegewezen")
    LEVERING_GEREGISTREERD = "levering_geregistreerd", _("Levering geregistreerd")
    MATCHING_AFGEROND = "matching_afgerond", _("Matching afgerond")
    MATCHING_GESTART = "matching_gestart", _("Matching gestart")
    OPVOLGING_GESLOTEN = "opvolging_gesloten", _("Opvolging gesloten")
    PLAN_OPGESTELD = "plan_opgesteld", _("Plan opgesteld")
    START_ZORG_INGETROKKEN = "start_zorg_ingetrokken", _("Start zorg ingetrokken")
    STOP_ZORG_AANGEVULD = "stop_zorg_aangevuld", _("Stop zorg aangevuld")
    STOP_ZORG_INGETROKKEN = "stop_zorg_ingetrokken", _("Stop zorg ingetrokken")
    TOESTEMMING_HUISARTSROUTE = "toestemming_huisartsroute", _("Toestemming tweede huisartsverwijzing")
    TOEWIJZING_AANGEMAAKT = "toewijzing_aangemaakt", _("Toewijzing aangemaakt")
    TOEWIJZING_BEEINDIGD = "toewijzing_beeindigd", _("Toewijzing beëindigd")
    TOEWIJZING_INGETROKKEN = "toewijzing_ingetrokken", _("Toewijzing ingetrokken")
    VERWIJZING_GEREGISTREERD = "verwijzing_geregistreerd", _("Verwijzing geregistreerd")
    VERWIJZING_GESCREEND = "verwijzing_gescreend", _("Verwijzing gescreend")
    VERWIJZING_NIET_GEACCEPTEERD = "verwijzing_niet_geaccepteerd", _("Verwijzing niet geaccepteerd")
    VERZOEK_AFGEWEZEN = "verzoek_afgewezen", _("Verzoek afgewezen")
    VERZOEK_GEHONOREERD = "verzoek_gehonoreerd", _("Verzoek gehonoreerd")
    VERZOEK_IN_ONDERZOEK = "verzoek_in_onderzoek", _("Verzoek in onderzoek")
    VERZOEK_ONTVANGEN = "verzoek_ontvangen", _("Verzoek ontvangen")
    VOORTGANG_GEREGISTREERD = "voortgang_geregistreerd", _("Voortgang geregistreerd")
    ZORG_GESTART = "zorg_gestart", _("Zorg gestart")
    ZORG_GESTOPT = "zorg_gestopt", _("Zorg gestopt")
    ZORGTOEWIJZING_WONEN = "zorgtoewijzing_wonen", _("Zorgtoewijzing wonen")


class MeldingSoort(models.TextChoices):
    """Issue 19 §3: the kind of a notification (``Melding``), set by the service that makes it;
    the inbox filters on it and each user chooses which kinds also come by e-mail."""

    ANTWOORDTERMIJN = "antwoordtermijn", _("Antwoordtermijn verloopt")
    NIET_GEACCEPTEERD = "niet_geaccepteerd", _("Verwijzing niet geaccepteerd")
    ZORG_GESTOPT = "zorg_gestopt", _("Zorg gestopt")
    AFWIJKEND_EINDE = "afwijkend_einde", _("Afwijkend einde verblijf")
    TOEWIJZING_INGETROKKEN = "toewijzing_ingetrokken", _("Toewijzing ingetrokken")
    AANPASSING_TOEGEKEND = "aanpassing_toegekend", _("Aanpassing toegekend")
    OVERIG = "overig", _("Overig")


#: Issue 19 §3: the kinds that come by e-mail until a user chooses otherwise: deadline reminders
#: (OP274/OP346) and refusals (R-S3), where waiting for the next login costs time.
STANDAARD_PER_EMAIL = frozenset({MeldingSoort.ANTWOORDTERMIJN, MeldingSoort.NIET_GEACCEPTEERD})


class MeldingDoel(models.TextChoices):
    """What a notification links to (``Melding.get_absolute_url``); none: the child's page."""

    VERWIJZING = "verwijzing", _("Verwijzing")
    VERZOEK = "verzoek", _("Verzoek om toewijzing")
    AANPASSING = "aanpassing", _("Aanpassingsaanvraag")
