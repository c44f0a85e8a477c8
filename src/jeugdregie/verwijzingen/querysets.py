"""Read-side of the referral: who sees which referral or submission (R-P1, R-P4)."""

from __future__ import annotations

from django.db import models

from jeugdregie.verwijzingen.policies import (
    AANBIEDER,
    GEMEENTE,
    VERWIJZER,
    bereik_route,
    door_gemeente_besloten,
    eigen_registraties,
)

#: The field that names each kind of organisation of ``policies.bereik_route``.
_VELD = {GEMEENTE: "gemeente_id", AANBIEDER: "aanbieder_id", VERWIJZER: "verwijzer_id"}


def scope_route(queryset, user, *, prefix: str = ""):
    # R-P1: finance reads declarations and payments, not the client route (referrals name the
    # child and the results of care); see ``policies.bereik_route``.
    bereik = bereik_route(user)
    if bereik is None:
        return queryset.none()
    soort, organisatie_id = bereik
    return queryset.filter(**{f"{prefix}{_VELD[soort]}": organisatie_id})


class VerwijzingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        return scope_route(self, user)

    def in_overzicht(self, user):
        """R-P4: the referrals ``user`` finds in its overview (page, export, API list). A referral
        its own organisation registered (a provider's GP referral, a GI's bepaling) shows only once
        a municipal decision gave it a relation with the child; until then its overview lists the
        submission (``Aanmelding``), the same for a known and an unknown BSN."""
        from jeugdregie.jeugdigen.models import Jeugdige

        queryset = self.voor_gebruiker(user)
        eigen = eigen_registraties(user)
        if eigen is None:
            return queryset
        soort, organisatie_id = eigen
        zelf = models.Q(**{f"aangemaakt_door__{_VELD[soort]}": organisatie_id})
        relatie = models.Q(jeugdige_id__in=Jeugdige.objects.voor_gebruiker(user).values("pk"))
        return queryset.filter(~zelf | relatie)

    def relatie_loopt(self, grens):
        """R-P4: referrals that still carry a relation on a day whose window starts at ``grens``:
        made by the toegang (``policies.verwijzing_geeft_zicht``; a party's own registration never
        revives one) and dated within the window, or still to be screened while their keuzebudget
        period has not ended before the window (a referral left unscreened does not keep the
        child readable for ever; found by tests/test_toegang_eigenschappen.py). An accepted one
        lives on in its allocation. Read by ``JeugdigeQuerySet.voor_gebruiker``."""
        from jeugdregie.verwijzingen.constants import VerwijzingStatus

        open_binnen_periode = models.Q(status=VerwijzingStatus.TE_SCREENEN, keuzebudget__einddatum__gte=grens)
        lopend = open_binnen_periode | models.Q(datum__gte=grens)
        return self.filter(lopend, door_gemeente_besloten("aangemaakt_door"))


class AanmeldingQuerySet(models.QuerySet):
    def open_bij_toegang(self):
        """R-P4: submissions the toegang has not decided on and that led to no referral."""
        from jeugdregie.verwijzingen.constants import AanmeldingStatus

        return self.filter(besluit_op__isnull=True).exclude(status=AanmeldingStatus.VERWERKT)

    def voor_gebruiker(self, user):
        """R-P4: a provider or GI sees the submissions of its own organisation; the toegang its
        work queue of open submissions (not decided, no referral yet): those for its own
        residents (a provider's submission, or one a rule refused) and those from its region
        whose BSN is not in the register (or whose child has no known municipality)."""
        from jeugdregie.accounts.policies import regio_id_van

        bereik = bereik_route(user)
        if bereik is None:
            return self.none()
        soort, organisatie_id = bereik
        if soort == GEMEENTE:
            regio = models.Q(gemeente__isnull=True, regio_id=regio_id_van(user))
            eigen = models.Q(gemeente_id=organisatie_id)
            return self.open_bij_toegang().filter(regio | eigen)
        return self.filter(**{f"indiener_{_VELD[soort]}": organisatie_id})


#: The addressee field of a notification for each kind of organisation (``policies.bereik_route``).
_AAN = {GEMEENTE: "aan_gemeente_id", AANBIEDER: "aan_aanbieder_id", VERWIJZER: "aan_verwijzer_id"}


class MeldingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """Issue 19 §3, R-P1: the inbox of ``user``: the notifications addressed to the
        organisation it works for on the client route (the toegang its municipality's, a provider
        its own, a referrer or GI its practice's); nothing for finance, the regional roles or
        anyone not logged in (``policies.bereik_route``)."""
        bereik = bereik_route(user)
        if bereik is None:
            return self.none()
        soort, organisatie_id = bereik
        return self.filter(**{_AAN[soort]: organisatie_id})

    def _gelezen_door(self, user):
        """The read marks of ``user`` on the outer notification (the model through the reverse
        relation ``gelezen``: this module imports no model)."""
        MeldingGelezen = self.model._meta.get_field("gelezen").related_model
        return MeldingGelezen.objects.filter(melding=models.OuterRef("pk"), gebruiker_id=user.pk)

    def met_gelezen(self, user):
        """Annotates ``is_gelezen``: whether ``user`` read each notification."""
        return self.annotate(is_gelezen=models.Exists(self._gelezen_door(user)))

    def ongelezen(self, user):
        """The notifications ``user`` has not read (one anti-join; the navigation counts these)."""
        return self.filter(~models.Exists(self._gelezen_door(user)))
