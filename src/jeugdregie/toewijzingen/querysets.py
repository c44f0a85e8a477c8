"""Read-side of the allocation route: who sees which referral or allocation (R-P1)."""

from __future__ import annotations

from django.db import models

from .policies import (
    AANBIEDER,
    GEMEENTE,
    VERWIJZER,
    bereik_crisis_en_hswv,
    bereik_route,
    door_gemeente_besloten,
    eigen_registraties,
)

#: The field that names each kind of organisation of ``policies.bereik_route``.
_VELD = {GEMEENTE: "gemeente_id", AANBIEDER: "aanbieder_id", VERWIJZER: "verwijzer_id"}


def _scope(queryset, user, *, prefix: str = ""):
    # R-P1: finance reads declarations and payments, not the client route (referrals name the
    # child and the results of care); see ``policies.bereik_route``.
    bereik = bereik_route(user)
    if bereik is None:
        return queryset.none()
    soort, organisatie_id = bereik
    return queryset.filter(**{f"{prefix}{_VELD[soort]}": organisatie_id})


class VerwijzingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        return _scope(self, user)

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
        from .constants import VerwijzingStatus

        open_binnen_periode = models.Q(status=VerwijzingStatus.TE_SCREENEN, keuzebudget__einddatum__gte=grens)
        lopend = open_binnen_periode | models.Q(datum__gte=grens)
        return self.filter(lopend, door_gemeente_besloten("aangemaakt_door"))


class AanmeldingQuerySet(models.QuerySet):
    def open_bij_toegang(self):
        """R-P4: submissions the toegang has not decided on and that led to no referral."""
        from .constants import AanmeldingStatus

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


class ToewijzingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        # An allocation names no referrer: a referrer's or GI's are found through the referral.
        bereik = bereik_route(user)
        if bereik is not None and bereik[0] == VERWIJZER:
            return _scope(self, user, prefix="verwijzing__")
        return _scope(self, user)

    def relatie_loopt(self, grens):
        """R-P4: allocations whose relation has not ended: they end on or after ``grens`` (today
        minus the region's period), and the provider did not enter their referral itself
        (``policies.toewijzing_geeft_zicht``). Read by ``JeugdigeQuerySet.voor_gebruiker``."""
        zelf_ingevoerd = models.Q(verwijzing__aangemaakt_door__aanbieder_id=models.F("aanbieder_id"))
        return self.filter(einddatum__gte=grens).exclude(zelf_ingevoerd)

    def actief_op(self, dag):
        from jeugdregie.common.periods import geldig_op_q

        from .constants import ToewijzingStatus

        return self.filter(geldig_op_q(dag)).exclude(status=ToewijzingStatus.INGETROKKEN)


class AanpassingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        return _scope(self, user, prefix="verwijzing__")


class WeigeringsopvolgingQuerySet(models.QuerySet):
    def van_verwijzing(self, verwijzing):
        """The R-S3 follow-up of a refused referral: after the provider's refusal at screening or
        the toegang's refusal of a "keuzebudget onjuist" adjustment (R-A5)."""
        return self.filter(models.Q(screening__verwijzing=verwijzing) | models.Q(aanpassing__verwijzing=verwijzing))


def toegang_of_aanbieder(queryset, user, *, aanbieder_veld: str, verwijzer_veld: str | None = None):
    """Scope for the crisis and HSWV rows: the toegang by municipality, the provider by the field
    that names it, a GI by the field that names it (if any): ``policies.bereik_crisis_en_hswv``."""
    bereik = bereik_crisis_en_hswv(user)
    if bereik is None:
        return queryset.none()
    soort, organisatie_id = bereik
    veld = {GEMEENTE: "gemeente_id", AANBIEDER: aanbieder_veld, VERWIJZER: verwijzer_veld}[soort]
    if not veld:
        return queryset.none()
    return queryset.filter(**{veld: organisatie_id})


#: The fields that name an organisation on allocations and referrals, per kind (R-P4).
_RELATIEVELDEN = {AANBIEDER: ("aanbieder_id", "aanbieder_id"), VERWIJZER: ("verwijzing__verwijzer_id", "verwijzer_id")}


def beantwoord_relatievraag(vraag):
    """R-P4, answering ``jeugdigen.gebeurtenissen.Relatievraag``: the children the organisation
    has allocations or referrals for, and those whose relation has not ended on the window
    (``ToewijzingQuerySet.relatie_loopt``, ``VerwijzingQuerySet.relatie_loopt``)."""
    from jeugdregie.jeugdigen.gebeurtenissen import Relatieantwoord

    from .models import Toewijzing, Verwijzing

    toewijzing_veld, verwijzing_veld = _RELATIEVELDEN[vraag.soort]
    toewijzingen = Toewijzing.objects.filter(**{toewijzing_veld: vraag.organisatie_id})
    verwijzingen = Verwijzing.objects.filter(**{verwijzing_veld: vraag.organisatie_id})
    return Relatieantwoord(
        besloten=(toewijzingen.values("jeugdige_id"), verwijzingen.values("jeugdige_id")),
        loopt=(
            toewijzingen.relatie_loopt(vraag.grens).values("jeugdige_id"),
            verwijzingen.relatie_loopt(vraag.grens).values("jeugdige_id"),
        ),
    )
