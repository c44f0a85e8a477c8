"""Read-side of the begroting: the version that counts, and who sees which municipality (R-V3).

Scoping follows the R-B5 budget overview (``budgetten.querysets.gemeenten_voor_budget``):
toegang and finance their own municipality, contract manager, policy and board every
municipality of their region; everybody else nothing. All figures are aggregates."""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import OuterRef, Subquery

from jeugdregie.budgetten.querysets import gemeenten_voor_budget

from .policies import BEHEERSING_ROLLEN  # noqa: F401  (re-exported: portaal.navigatie imports it here)

NUL = Decimal("0.00")


class BegrotingQuerySet(models.QuerySet):
    def actueel(self):
        """Only the latest version of each (municipality, year, budget line)."""
        laatste = (
            self.model.objects.filter(gemeente_id=OuterRef("gemeente_id"), jaar=OuterRef("jaar"), post=OuterRef("post"))
            .order_by("-versie")
            .values("versie")[:1]
        )
        return self.filter(versie=Subquery(laatste))

    def voor_gebruiker(self, user):
        from jeugdregie.organisaties.models import Gemeente

        return self.filter(gemeente__in=gemeenten_voor_budget(Gemeente.objects.all(), user))


def _begrotingen() -> BegrotingQuerySet:
    """The model's queryset, looked up through the app registry (models.py imports this module)."""
    return apps.get_model("begroting", "Begroting").objects.all()


def begroot(gemeente_ids: list[int], jaar: int, posten: list[str] | None = None) -> Decimal:
    """The year's begroting (latest versions) of these municipalities and budget lines."""
    rijen = _begrotingen().actueel().filter(gemeente_id__in=gemeente_ids, jaar=jaar)
    if posten is not None:
        rijen = rijen.filter(post__in=posten)
    return rijen.aggregate(totaal=models.Sum("bedrag"))["totaal"] or NUL


def begroot_per_post(gemeente_ids: list[int], jaar: int) -> dict[str, Decimal]:
    rijen = (
        _begrotingen()
        .actueel()
        .filter(gemeente_id__in=gemeente_ids, jaar=jaar)
        .values("post")
        .annotate(totaal=models.Sum("bedrag"))
    )
    return {r["post"]: r["totaal"] for r in rijen}
