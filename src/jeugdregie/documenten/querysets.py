"""Who reads which document (issue 20 §4, R-P1/R-P4): the same policies as the child and, when
the document hangs on a referral or an allocation, as that referral or allocation."""

from __future__ import annotations

from django.db import models

from .constants import Documentsoort


class DocumentQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """A document of a child ``user`` may read (``Jeugdige.objects.voor_gebruiker``: the
        toegang its residents, a provider, referrer or GI a child a municipal decision gave it a
        relation with), and when it hangs on a referral the referral is in ``user``'s overview
        (``Verwijzing.objects.in_overzicht``), on an allocation the allocation is in its scope
        (``Toewijzing.objects.voor_gebruiker``): a second provider does not read the first
        provider's offerte or plan, a GP not another GP's referral letter."""
        from jeugdregie.jeugdigen.models import Jeugdige
        from jeugdregie.toewijzingen.models import Toewijzing
        from jeugdregie.verwijzingen.models import Verwijzing

        verwijzingen = Verwijzing.objects.in_overzicht(user).values("pk")
        toewijzingen = Toewijzing.objects.voor_gebruiker(user).values("pk")
        from .policies import mag_losse_uitspraak_lezen

        qs = self
        if not mag_losse_uitspraak_lezen(user):
            # R-P4 need-to-know: a court order filed on the child itself, not on the GI's referral
            # or an allocation, is read by the toegang and the GI only, never by whoever reads the
            # child (a GP who once referred, a provider of unrelated care).
            qs = qs.exclude(
                soort=Documentsoort.RECHTERLIJKE_UITSPRAAK, verwijzing__isnull=True, toewijzing__isnull=True
            )
        return qs.filter(
            models.Q(jeugdige_id__in=Jeugdige.objects.voor_gebruiker(user).values("pk")),
            models.Q(verwijzing__isnull=True) | models.Q(verwijzing_id__in=verwijzingen),
            models.Q(toewijzing__isnull=True) | models.Q(toewijzing_id__in=toewijzingen),
        )

    def van_jeugdige(self, jeugdige):
        return self.filter(jeugdige=jeugdige)
