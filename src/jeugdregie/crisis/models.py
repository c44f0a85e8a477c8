"""Crisis reports and crisisopvolging requests (SPEC §4.4, R-C1…R-C4)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from jeugdregie.common.tijd import datum_van
from jeugdregie.toewijzingen.constants import VerzoekStatus

from .constants import CrisisAfhandeling, CrisisBron, CrisisUitkomst
from .querysets import CrisismeldingQuerySet, CrisisverzoekQuerySet


def gemaskeerd_bsn(bsn: str) -> str:
    """How a reported BSN is shown to the party that reported it (R-P3, R-P4): masked, exactly as
    ``jeugdigen.policies.weergave_jeugdige`` names a child the party may not read."""
    return f"BSN *****{bsn[5:]}" if bsn else ""


class Crisismelding(models.Model):
    """R-C3/R-C4: a report to the crisisdienst, its assessment within the region's norm (4 hours
    by default) and the outcome. No allocation is needed for the crisis function itself (R-C1)."""

    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jeugdige = models.ForeignKey(
        "jeugdigen.Jeugdige", null=True, blank=True, on_delete=models.PROTECT, related_name="crisismeldingen"
    )
    crisisdienst = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="crisismeldingen")
    #: R-P4: the BSN as the crisisdienst reported it. The service links ``jeugdige`` when the BSN is
    #: in the register, for the toegang only; the crisisdienst sees what it reported, never the link.
    bsn = models.CharField(max_length=9, blank=True, default="")
    bron = models.CharField(max_length=20, choices=CrisisBron.choices)
    huiselijk_geweld = models.BooleanField(
        default=False, help_text="Huiselijk geweld of kindermishandeling: route Veilig Thuis (R-C4)."
    )
    buiten_kantoortijd = models.BooleanField(default=False)
    #: The time of the report as the crisisdienst states it (information, and the start of the
    #: assessment norm of R-C3, ``norm``): never after ``ontvangen_op``, at most the region's
    #: ``crisismelding_terugmelden_uren`` before it.
    gemeld_op = models.DateTimeField()
    #: R-C5, R-B9: the server's moment the report arrived; the profijt key counts it in this month.
    ontvangen_op = models.DateTimeField(default=timezone.now)
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    hulp_binnen_24_uur = models.BooleanField(null=True, blank=True)
    uitkomst = models.CharField(max_length=20, choices=CrisisUitkomst.choices, blank=True)
    #: R-C5: phone only or a crisis intervention carried out; recorded with the assessment. Blank
    #: before the assessment (and for reports assessed before the field existed: not counted).
    afhandeling = models.CharField(max_length=12, choices=CrisisAfhandeling.choices, blank=True, default="")
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CrisismeldingQuerySet.as_manager()

    class Meta:
        ordering = ["-gemeld_op", "-id"]
        verbose_name = "crisismelding"
        db_table = "toewijzingen_crisismelding"  # the table predates the crisis app (issue 16 §3)
        verbose_name_plural = "crisismeldingen"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(beoordeeld_op__isnull=True) | models.Q(beoordeeld_op__gte=models.F("gemeld_op")),
                name="crisismelding_beoordeling_na_melding",
            ),
        ]

    def __str__(self) -> str:
        return f"Crisismelding {self.pk} {timezone.localtime(self.gemeld_op):%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("crisis:melding", args=[self.pk])

    @property
    def bsn_weergave(self) -> str:
        return gemaskeerd_bsn(self.bsn)

    @cached_property
    def norm(self) -> timedelta:
        """R-C3: the region's assessment norm (``crisis_beoordeling_norm_uren`` of its rule set, 4
        hours by default). R-R1: the rule set valid on the report's day (the Amsterdam date of
        ``gemeld_op``, where the norm runs from). A worklist sets it from a ``Tijdlijn``."""
        from jeugdregie.organisaties.regelset import regels

        versie = regels(self.gemeente.regio_id, datum_van(self.gemeld_op))
        return timedelta(hours=versie.crisis_beoordeling_norm_uren)

    def binnen_norm(self, nu) -> bool:
        """Assessed (or, while open, still able to be assessed) within the norm (``norm``)."""
        return (self.beoordeeld_op or nu) - self.gemeld_op <= self.norm


class Crisisopvolgingsverzoek(models.Model):
    """R-C2: crisisopvolging starts at once; the provider requests the allocation from the toegang
    within 3 working days, retroactively. ``uiterlijk`` is that deadline; late requests are flagged."""

    melding = models.ForeignKey(Crisismelding, on_delete=models.PROTECT, related_name="opvolgingsverzoeken")
    #: The child in the register: linked from the report, or by the toegang when it decides (R-P4).
    jeugdige = models.ForeignKey(
        "jeugdigen.Jeugdige", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bsn = models.CharField(max_length=9, blank=True, default="")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey("organisaties.Aanbieder", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    bed_onvermijdelijk = models.TextField(blank=True, help_text="Waarom een crisisbed onvermijdelijk is (R-C3).")
    startdatum = models.DateField()
    ingediend_op = models.DateField()
    uiterlijk = models.DateField()
    te_laat = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=VerzoekStatus.choices, default=VerzoekStatus.INGEDIEND)
    toewijzing = models.OneToOneField(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="crisisverzoek"
    )
    motivering = models.TextField(blank=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    besluit_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CrisisverzoekQuerySet.as_manager()

    class Meta:
        ordering = ["-ingediend_op", "-id"]
        verbose_name = "crisisopvolgingsverzoek"
        db_table = "toewijzingen_crisisopvolgingsverzoek"  # the table predates the crisis app
        verbose_name_plural = "crisisopvolgingsverzoeken"

    def __str__(self) -> str:
        return f"Crisisopvolging {self.pk} ({self.get_status_display()}){' — te laat' if self.te_laat else ''}"

    def get_absolute_url(self) -> str:
        return reverse("crisis:verzoek", args=[self.pk])

    @property
    def bsn_weergave(self) -> str:
        return gemaskeerd_bsn(self.bsn)
