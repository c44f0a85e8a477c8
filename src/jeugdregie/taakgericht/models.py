"""The task-based funding variant (R-R2, iJw OP261/IV096): an assignment (``TaakgerichteOpdracht``)
of a region to one provider for a sub-region and a set of products, paid as a lump sum per year
(``Opdrachtbedrag``) in monthly terms (``Termijn``) split over the municipalities by their young
inhabitants (``Termijnaandeel``). Children are referred to the assignment, not allocated
(``Opdrachtverwijzing``); the provider reports start and stop keyed by product and begindatum
(``Zorgperiode``). Periods are inclusive (``common.periods``)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from jeugdregie.toewijzingen.constants import RedenBeeindiging

from .constants import TERMIJNEN_PER_JAAR, Gebeurtenissoort
from .querysets import OpdrachtQuerySet, ZorgperiodeQuerySet


class TaakgerichteOpdracht(models.Model):
    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="+")
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", on_delete=models.PROTECT, related_name="taakgerichte_opdrachten"
    )  # the opdrachtnemer
    naam = models.CharField(max_length=200)
    gemeenten = models.ManyToManyField("organisaties.Gemeente", related_name="taakgerichte_opdrachten")
    producten = models.ManyToManyField("catalogus.Product", related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = OpdrachtQuerySet.as_manager()

    class Meta:
        ordering = ["regio_id", "naam", "pk"]
        verbose_name = "taakgerichte opdracht"
        verbose_name_plural = "taakgerichte opdrachten"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("begindatum")),
                name="opdracht_einde_na_begin",
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Opdrachtbedrag(models.Model):
    """The lump sum of one calendar year of an assignment."""

    opdracht = models.ForeignKey(TaakgerichteOpdracht, on_delete=models.CASCADE, related_name="bedragen")
    jaar = models.PositiveSmallIntegerField()
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["opdracht_id", "jaar"]
        verbose_name = "opdrachtbedrag"
        verbose_name_plural = "opdrachtbedragen"
        constraints = [
            models.UniqueConstraint(fields=["opdracht", "jaar"], name="opdrachtbedrag_uniek_per_jaar"),
            models.CheckConstraint(condition=models.Q(bedrag__gt=0), name="opdrachtbedrag_positief"),
        ]

    def __str__(self) -> str:
        return f"{self.opdracht} {self.jaar}: {self.bedrag}"


class Termijn(models.Model):
    """One monthly term of a year's lump sum; ``betaald_op`` is the server's date of payment."""

    opdracht = models.ForeignKey(TaakgerichteOpdracht, on_delete=models.PROTECT, related_name="termijnen")
    jaar = models.PositiveSmallIntegerField()
    volgnummer = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(TERMIJNEN_PER_JAAR)]
    )
    begindatum = models.DateField()
    einddatum = models.DateField()
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)
    betaald_op = models.DateField(null=True, blank=True)
    betaald_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["opdracht_id", "jaar", "volgnummer"]
        verbose_name = "termijn"
        verbose_name_plural = "termijnen"
        constraints = [
            models.UniqueConstraint(fields=["opdracht", "jaar", "volgnummer"], name="termijn_uniek"),
            models.CheckConstraint(condition=models.Q(einddatum__gte=models.F("begindatum")), name="termijn_periode"),
        ]

    def __str__(self) -> str:
        return f"{self.opdracht} {self.jaar} termijn {self.volgnummer}"


class Termijnaandeel(models.Model):
    """A municipality's share of a term, by its young inhabitants when the schedule was made."""

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="aandelen")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    jeugdigen = models.PositiveIntegerField()
    bedrag = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["termijn_id", "gemeente_id"]
        verbose_name = "termijnaandeel"
        verbose_name_plural = "termijnaandelen"
        constraints = [models.UniqueConstraint(fields=["termijn", "gemeente"], name="termijnaandeel_uniek")]

    def __str__(self) -> str:
        return f"{self.termijn} {self.gemeente_id}: {self.bedrag}"


class Opdrachtverwijzing(models.Model):
    """The toegang of a municipality of the assignment refers a child to it (iJw IV096: no
    allocation, no JW301, no keuzebudget)."""

    opdracht = models.ForeignKey(TaakgerichteOpdracht, on_delete=models.PROTECT, related_name="verwijzingen")
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    verwezen_op = models.DateField()
    verwezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["opdracht_id", "verwezen_op", "pk"]
        verbose_name = "verwijzing naar opdracht"
        verbose_name_plural = "verwijzingen naar opdracht"
        constraints = [
            models.UniqueConstraint(fields=["opdracht", "jeugdige"], name="opdrachtverwijzing_uniek"),
        ]

    def __str__(self) -> str:
        return f"verwijzing {self.pk} naar {self.opdracht_id}"


class Zorgperiode(models.Model):
    """Care under an assignment as the provider reported it (JW305 start, JW307 stop), keyed by
    (assignment, child, product, begindatum): iJw IV096, no ToewijzingNummer."""

    opdracht = models.ForeignKey(TaakgerichteOpdracht, on_delete=models.PROTECT, related_name="zorgperioden")
    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    begindatum = models.DateField()
    einddatum = models.DateField(null=True, blank=True)
    start_gemeld_op = models.DateField()
    stop_gemeld_op = models.DateField(null=True, blank=True)
    #: iJw JW307 RedenBeeindiging (codelist JZ588); empty while care runs, and for a stop reported
    #: before the reason was kept (migration 0002)
    reden_beeindiging = models.CharField(max_length=2, choices=RedenBeeindiging.choices, blank=True)

    objects = ZorgperiodeQuerySet.as_manager()

    class Meta:
        ordering = ["opdracht_id", "begindatum", "pk"]
        verbose_name = "zorgperiode"
        verbose_name_plural = "zorgperioden"
        constraints = [
            models.UniqueConstraint(
                fields=["opdracht", "jeugdige", "product", "begindatum"], name="zorgperiode_sleutel_iv096"
            ),
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True) | models.Q(einddatum__gte=models.F("begindatum")),
                name="zorgperiode_einde_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return f"zorg {self.pk} onder {self.opdracht_id} vanaf {self.begindatum}"


class Opdrachtgebeurtenis(models.Model):
    """Who did what to an assignment and when, parameters by id (no BSN, no names)."""

    opdracht = models.ForeignKey(TaakgerichteOpdracht, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(max_length=20, choices=Gebeurtenissoort.choices)
    op = models.DateTimeField(auto_now_add=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gegevens = models.JSONField(default=dict)

    class Meta:
        ordering = ["opdracht_id", "op", "pk"]
        verbose_name = "opdrachtgebeurtenis"
        verbose_name_plural = "opdrachtgebeurtenissen"

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.opdracht_id})"
