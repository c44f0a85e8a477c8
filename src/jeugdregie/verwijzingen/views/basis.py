"""Shared by the pages that register a referral or an allocation: a service's refusal on the form,
and the BSN and product chosen so far."""

from __future__ import annotations

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige


def toon_fout(form, error: DomainError) -> None:
    """Put a service's refusal on the field it names, or on the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


class AanmeldingMixin:
    """For the forms that register a referral or allocation: the BSN is prefilled from
    ``?jeugdige=<id>`` (within the user's scope) and the product chosen so far narrows the
    choice list."""

    def get_initial(self):
        initial = super().get_initial()
        gekozen = self.request.GET.get("jeugdige") or 0
        jeugdige = Jeugdige.objects.voor_gebruiker(self.request.user).filter(pk=gekozen).first()
        if jeugdige is not None:
            initial["bsn"] = jeugdige.bsn
        return initial

    def gekozen_product(self, post_veld: str, get_veld: str = "") -> Product | None:
        product_id = self.request.POST.get(post_veld) or (self.request.GET.get(get_veld) if get_veld else None)
        return Product.objects.filter(pk=product_id).first() if product_id else None
