"""Notifications to organisations (R-S3, R-H3, R-W9) and, per user, their inbox state (issue 19 §3):
read, mailed, and which kinds come by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from jeugdregie.verwijzingen.constants import MeldingDoel, MeldingSoort
from jeugdregie.verwijzingen.querysets import MeldingQuerySet

#: The page each link target opens (the page's own policy decides who may see it).
_PAGINA = {
    MeldingDoel.VERWIJZING: "route:verwijzing",
    MeldingDoel.VERZOEK: "verzoeken:verzoek",
    MeldingDoel.AANPASSING: "route:aanpassing",
}


class Melding(models.Model):
    """A notification to an organisation (referrer, municipality, provider). Ids only; never
    health data in the text."""

    jeugdige = models.ForeignKey("jeugdigen.Jeugdige", on_delete=models.PROTECT, related_name="+")
    aan_verwijzer = models.ForeignKey(
        "organisaties.Verwijzer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aan_gemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aan_aanbieder = models.ForeignKey(
        "organisaties.Aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    soort = models.CharField(max_length=30, choices=MeldingSoort.choices, default=MeldingSoort.OVERIG)
    onderwerp = models.CharField(max_length=200)
    # Issue 19 §3: the item the notification is about (a referral, request or adjustment, by id:
    # it may belong to a later stage); none: the child's page.
    doel = models.CharField(max_length=20, choices=MeldingDoel.choices, blank=True)
    doel_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Issue 17 §2: a notification that must exist once (a deadline reminder) carries a key; two
    # workers making it at once get one row. Ids and dates only, like the subject.
    sleutel = models.CharField(max_length=100, null=True, blank=True, unique=True, editable=False)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        db_table = "toewijzingen_melding"  # kept when split off toewijzingen (issue 16 §3)
        ordering = ["-aangemaakt", "-id"]
        verbose_name = "melding"
        verbose_name_plural = "meldingen"

    def __str__(self) -> str:
        return self.onderwerp

    def get_absolute_url(self) -> str:
        """The item's page; the child's page when the notification names no item (or one the
        recipient cannot open, e.g. another provider's allocation, R-W9)."""
        if self.doel and self.doel_id:
            return reverse(_PAGINA[MeldingDoel(self.doel)], kwargs={"pk": self.doel_id})
        return reverse("jeugdigen:detail", kwargs={"pk": self.jeugdige_id})


class MeldingGelezen(models.Model):
    """Issue 19 §3: ``gebruiker`` opened (or marked read) ``melding``; read state is per user, the
    notification itself is the organisation's."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="gelezen")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    gelezen_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["melding", "gebruiker"], name="melding_eenmaal_gelezen")]
        verbose_name = "gelezen melding"
        verbose_name_plural = "gelezen meldingen"

    def __str__(self) -> str:
        return f"melding {self.melding_id} gelezen door {self.gebruiker_id}"


class MeldingGemaild(models.Model):
    """Issue 19 §3: the e-mail of ``melding`` went to ``gebruiker``; the unique pair makes sending
    idempotent (a second run, or a second worker, sends nothing)."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="gemaild")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    verzonden_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["melding", "gebruiker"], name="melding_eenmaal_gemaild")]
        verbose_name = "gemailde melding"
        verbose_name_plural = "gemailde meldingen"

    def __str__(self) -> str:
        return f"melding {self.melding_id} gemaild aan {self.gebruiker_id}"


class Meldingvoorkeur(models.Model):
    """Issue 19 §3: whether ``gebruiker`` wants notifications of ``soort`` by e-mail; without a row
    the default (``constants.STANDAARD_PER_EMAIL``) applies."""

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    soort = models.CharField(max_length=30, choices=MeldingSoort.choices)
    per_email = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gebruiker", "soort"], name="meldingvoorkeur_eenmaal")]
        verbose_name = "meldingvoorkeur"
        verbose_name_plural = "meldingvoorkeuren"

    def __str__(self) -> str:
        return f"{self.soort} per e-mail: {self.per_email}"
