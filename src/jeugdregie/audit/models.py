"""Append-only audit log of personal data access (R-P2, NEN 7513 fields).

The application has no update or delete path: ``save`` refuses an existing row and the
queryset refuses ``update``/``delete``. On PostgreSQL triggers (migrations 0002, 0004) make the
database itself refuse UPDATE and DELETE, and the application's role may only INSERT and SELECT
(``manage.py audit rechten``, R-P6). Every row is hash-chained to the previous one (``keten``);
``manage.py audit verifieer`` proves the chain. On SQLite a trigger refuses UPDATE; the chain is
the tamper evidence for the rest.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from .constants import Actie, Uitkomst


class AlleenToevoegen(Exception):
    """Raised on any attempt to change or remove an audit row."""


class AuditQuerySet(models.QuerySet):
    def voor_gebruiker(self, user) -> AuditQuerySet:
        """Only the functioneel beheerder reads the audit log (R-P2), of its own region; reading is
        logged too."""
        from jeugdregie.accounts.models import Gebruiker
        from jeugdregie.accounts.policies import regio_id_van

        from .policies import mag_auditlog_lezen
        from .regio import woonde_in_regio

        if not mag_auditlog_lezen(user):
            return self.none()
        regio_id = regio_id_van(user)
        if regio_id is None:  # a superuser without an organisation: everything, as before
            return self
        # issue 22 §5: a region's beheerder reads what the users of its region did, the system's
        # own rows about no young person, and every row about a young person who lived in its
        # region on the row's date (also when another region's provider or the system wrote it);
        # never another region's users' rows about other children
        van_regio = Gebruiker.objects.filter(
            Q(regio_id=regio_id)
            | Q(gemeente__regio_id=regio_id)
            | Q(aanbieder__regio_id=regio_id)
            | Q(verwijzer__regio_id=regio_id)
        )
        zichtbaar = Q(gebruiker_id__in=van_regio.values("pk")) | Q(gebruiker_id__isnull=True, client_id__isnull=True)
        woonde = woonde_in_regio(regio_id)
        if woonde is not None:
            zichtbaar |= Q(client_id__isnull=False) & Q(woonde)
        return self.filter(zichtbaar)

    def zonder_inloggen(self) -> AuditQuerySet:
        """Without the login and logout rows (accounts/signalen.py): what users did once in."""
        from .constants import Actie

        return self.exclude(actie__in=[Actie.INLOGGEN, Actie.UITLOGGEN])

    def update(self, **kwargs):
        raise AlleenToevoegen("Het auditlog kan niet worden gewijzigd.")

    def delete(self):
        raise AlleenToevoegen("Het auditlog kan niet worden verwijderd.")

    _raw_delete = delete


class AuditRegel(models.Model):
    tijdstip = models.DateTimeField(db_index=True, help_text="UTC")
    gebruiker_id = models.BigIntegerField(null=True, blank=True)
    gebruikersnaam = models.CharField(max_length=150, blank=True)
    rol = models.CharField(max_length=20, blank=True)
    organisatie = models.CharField(max_length=200, blank=True)
    namens = models.CharField(max_length=200, blank=True, help_text="Op wiens gezag/namens wie")
    actie = models.CharField(max_length=20, choices=Actie.choices)
    objecttype = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    client_id = models.BigIntegerField(null=True, blank=True, help_text="Interne id van de jeugdige, nooit het BSN")
    client_pseudoniem = models.CharField(max_length=64, blank=True)
    doel = models.CharField(max_length=200, blank=True)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices, default=Uitkomst.GELUKT)
    details = models.CharField(max_length=500, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    bronadres = models.GenericIPAddressField(null=True, blank=True)
    ketenhash = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 over de inhoud en de ketenhash van de vorige regel (R-P6)"
    )

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        indexes = [models.Index(fields=["client_id", "tijdstip"], name="audit_client_tijd")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.gebruikersnaam} {self.actie} {self.objecttype}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Een auditregel kan na het vastleggen niet meer worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Een auditregel kan niet worden verwijderd.")


class AuditRegelJeugdige(models.Model):
    """A young person an exported list contained (R-P6): internal id and pseudonym, never the
    BSN. Covered by its audit row's chain hash; append-only like the row itself."""

    regel = models.ForeignKey(AuditRegel, on_delete=models.PROTECT, related_name="jeugdigen")
    client_id = models.BigIntegerField(help_text="Interne id van de jeugdige, nooit het BSN")
    client_pseudoniem = models.CharField(max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "jeugdige in auditregel"
        verbose_name_plural = "jeugdigen in auditregels"
        indexes = [models.Index(fields=["client_id"], name="audit_jeugdige_client")]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"auditregel {self.regel_id}: jeugdige {self.client_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AlleenToevoegen("Een auditregel kan na het vastleggen niet meer worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AlleenToevoegen("Een auditregel kan niet worden verwijderd.")
