"""The iJw message log (R-M1): every inbound and outbound message with its identity, status and
retour codes. The identity (sender + type + identificatie, TR056) is a unique key, which is
what makes processing exactly-once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from .constants import Berichtstatus, Berichttype, Richting, Wachtreden
from .querysets import BerichtQuerySet, UitboxwachtQuerySet


class Bericht(models.Model):
    richting = models.CharField(max_length=3, choices=Richting.choices)
    berichttype = models.CharField(max_length=5, choices=Berichttype.choices)
    afzender = models.CharField(max_length=8, help_text="AGB-code of gemeentecode uit de header.")
    ontvanger = models.CharField(max_length=8)
    identificatie = models.CharField(max_length=12)
    dagtekening = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Berichtstatus.choices)
    # The partner organisations, for scoping (R-P1) — set from the header codes.
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the message is about, for the link on the log screen (ids only).
    jeugdige = models.ForeignKey(
        "jeugdigen.Jeugdige", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declaratie = models.ForeignKey(
        "declaraties.Declaratie", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    antwoord_op = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="antwoorden",
        help_text="Het bericht waarop dit een retour of antwoord is.",
    )
    # Outbound messages keep their XML for pick-up (and a replay returns the stored retour).
    # Inbound messages keep only a fingerprint: the content holds BSNs and health data.
    inhoud = models.BinaryField(null=True, blank=True, editable=False)
    inhoud_hash = models.CharField(max_length=64, blank=True)
    grootte = models.PositiveIntegerField(default=0)
    retourcodes = models.JSONField(default=list, blank=True, help_text="Codes in de header van de retour.")
    fouten = models.JSONField(
        default=list, blank=True, help_text="Afkeuringen per berichtklasse: [{klasse, sleutel, codes, toelichting}]."
    )
    melding = models.TextField(blank=True, help_text="Bij weigering: de fout die de afzender kreeg.")
    oorzaak = models.CharField(
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        help_text="Het besluit dat dit uitgaande bericht veroorzaakte (één bericht per besluit).",
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verwerkt = models.DateTimeField(null=True, blank=True)
    opgehaald = models.DateTimeField(null=True, blank=True)

    objects = BerichtQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt", "-id"]
        verbose_name = "iJw-bericht"
        verbose_name_plural = "iJw-berichten"
        constraints = [
            # TR056: identificatie is unique per message type for the sending party. Refused
            # messages (no valid identity) do not take the key.
            models.UniqueConstraint(
                fields=["afzender", "berichttype", "identificatie"],
                condition=~models.Q(status=Berichtstatus.GEWEIGERD),
                name="bericht_identiteit_tr056",
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "richting", "status"], name="bericht_aanbieder"),
            models.Index(fields=["gemeente", "richting", "status"], name="bericht_gemeente"),
        ]

    def __str__(self) -> str:
        return f"{self.berichttype} {self.identificatie} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("ijw:bericht", args=[self.pk])


class Uitboxstart(models.Model):
    """The moment the outbox was switched on (issue 5 §3): only events after
    ``vanaf_gebeurtenis_id`` cause outbound messages, so decisions taken before it (or outside the
    application) are not sent again. Set once by migration 0002; no row means from the start."""

    vanaf_gebeurtenis_id = models.BigIntegerField(default=0)
    gestart = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "start van de uitbox"
        verbose_name_plural = "start van de uitbox"

    def __str__(self) -> str:
        return f"Uitbox vanaf gebeurtenis {self.vanaf_gebeurtenis_id}"


class Uitboxverwerking(models.Model):
    """The outbox's memory (issue 5 §3): one row per deciding event it handled, with the message
    it caused, or why none. The one-to-one key makes every event handled exactly once, also when
    two runs meet (``services/uitbox.py``)."""

    gebeurtenis = models.OneToOneField("verwijzingen.Gebeurtenis", on_delete=models.PROTECT, related_name="+")
    bericht = models.ForeignKey(Bericht, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    toelichting = models.CharField(max_length=200, blank=True, help_text="Waarom de gebeurtenis geen bericht gaf.")
    verwerkt = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = "uitboxverwerking"
        verbose_name_plural = "uitboxverwerkingen"

    def __str__(self) -> str:
        return f"Gebeurtenis {self.gebeurtenis_id}: {self.bericht_id or self.toelichting}"


class Uitboxwacht(models.Model):
    """A deciding event the outbox could not yet turn into its message (issue 15 §2, §1): the
    young person has no address or phone (the JW301 would fail TR006), or the message we built
    fails the XSD or the standard's stylesheet (our fault), or building it failed. One row per
    event, kept up to date by every attempt (``pogingen``, ``laatste_poging``) and deleted in the
    transaction that finally makes the message. Ids and rule codes only: no content, no name."""

    gebeurtenis = models.OneToOneField("verwijzingen.Gebeurtenis", on_delete=models.PROTECT, related_name="+")
    reden = models.CharField(max_length=10, choices=Wachtreden.choices)
    berichttype = models.CharField(max_length=5, choices=Berichttype.choices, blank=True)
    regels = models.JSONField(default=list, blank=True, help_text="De regels van de standaard die het bericht brak.")
    gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    jeugdige = models.ForeignKey(
        "jeugdigen.Jeugdige", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sinds = models.DateTimeField()
    laatste_poging = models.DateTimeField()
    pogingen = models.PositiveIntegerField(default=1)

    objects = UitboxwachtQuerySet.as_manager()

    class Meta:
        ordering = ["sinds", "id"]
        verbose_name = "wachtend uitgaand bericht"
        verbose_name_plural = "wachtende uitgaande berichten"
        indexes = [models.Index(fields=["gemeente", "reden"], name="uitboxwacht_gemeente")]

    def __str__(self) -> str:
        return f"Gebeurtenis {self.gebeurtenis_id}: {self.get_reden_display()}"
