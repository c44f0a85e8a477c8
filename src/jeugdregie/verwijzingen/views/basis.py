"""Shared by the pages that register a referral or an allocation: a service's refusal on the form,
and the BSN and product chosen so far."""

from __future__ import annotations

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.models import Product
from jeugdregie.jeugdigen.models import Jeugdige


class AanmeldingMixin:
    """For the forms that register a referral or allocation: the BSN is prefilled from
    ``?jeugdige=<id>`` (within the user's scope) and the product chosen so far narrows the
    choice list."""

    def gekozen_jeugdige(self) -> Jeugdige | None:
        """The child of ``?jeugdige=<id>`` (the link "Nieuwe verwijzing voor deze jeugdige" of the
        dossier, issue 19 §2) when ``gebruiker`` may read it (R-P4); any other value, a child out
        of scope included, is ignored: the form stays empty, nothing tells whether the id exists.
        A read of the child on showing the form is audit-logged (R-P2): it shows the BSN."""
        if not hasattr(self, "_gekozen_jeugdige"):
            gekozen = self.request.GET.get("jeugdige", "")
            jeugdige = None
            if gekozen.isdigit():
                jeugdige = Jeugdige.objects.voor_gebruiker(self.request.user).filter(pk=int(gekozen)).first()
            if jeugdige is not None and self.request.method == "GET":
                log_persoonsgegevens(actie=Actie.LEZEN, obj=jeugdige, jeugdige=jeugdige, context=self.toegangscontext)
            self._gekozen_jeugdige = jeugdige
        return self._gekozen_jeugdige

    def get_initial(self):
        initial = super().get_initial()
        jeugdige = self.gekozen_jeugdige()
        if jeugdige is not None:
            initial["bsn"] = jeugdige.bsn
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(gekozen_jeugdige=self.gekozen_jeugdige(), **kwargs)

    def gekozen_product(self, post_veld: str, get_veld: str = "") -> Product | None:
        product_id = self.request.POST.get(post_veld) or (self.request.GET.get(get_veld) if get_veld else None)
        return Product.objects.filter(pk=product_id).first() if product_id else None
