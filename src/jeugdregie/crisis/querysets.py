"""Read-side of the crisis function: the toegang reads its municipality's rows, the crisisdienst
and the provider their own (R-P1, R-P4; ``toewijzingen.policies.bereik_crisis_en_hswv``)."""

from __future__ import annotations

from django.db import models

from jeugdregie.toewijzingen.querysets import toegang_of_aanbieder

from .constants import CrisisAfhandeling, CrisisUitkomst


class CrisismeldingQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        """The toegang sees reports for its municipality; the crisisdienst its own reports."""
        return toegang_of_aanbieder(self, user, aanbieder_veld="crisisdienst_id")

    def uitgevoerde_interventies(self):
        """R-C5 (001 §4.4.3): the crisis interventions carried out under this contract — the
        profijt key. Not a report handled by phone only, not one not (yet) assessed, and never a
        case on the Veilig Thuis route (domestic violence / child abuse, outside the contract)."""
        return self.filter(afhandeling=CrisisAfhandeling.INTERVENTIE, huiselijk_geweld=False).exclude(
            uitkomst=CrisisUitkomst.VEILIG_THUIS
        )


class CrisisverzoekQuerySet(models.QuerySet):
    def voor_gebruiker(self, user):
        return toegang_of_aanbieder(self, user, aanbieder_veld="aanbieder_id")
