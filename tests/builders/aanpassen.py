"""An adjustment request (`aanvraag`), its decision (`besluit`) and a delivery (`_lever`). Moved from
tests/test_aanpassen.py."""

from datetime import date
from decimal import Decimal

from jeugdregie.catalogus.models import Product
from jeugdregie.toewijzingen.models import Levering
from jeugdregie.toewijzingen.services import besluit_aanpassing, dien_aanpassing_in

from ..klok import op_de_dag


def aanvraag(route, verwijzing, reden, op=date(2026, 5, 1), door="aanbieder", **extra):
    """Filed on the server's date ``op``: the filing date is the server's (R-B9)."""
    extra.setdefault("gevraagd_bedrag", "4500")
    with op_de_dag(op):
        return dien_aanpassing_in(
            verwijzing=verwijzing,
            reden=reden,
            toelichting=extra.pop("toelichting", "Nodig."),
            door=route["gebruikers"][door],
            **extra,
        )


def besluit(route, aanvraag_, besluit_, door="toegang", op=date(2026, 5, 8), **extra):
    """Decided on the server's date ``op`` (R-B9)."""
    with op_de_dag(op):
        return besluit_aanpassing(
            aanvraag=aanvraag_,
            besluit=besluit_,
            motivering=extra.pop("motivering", "Passend."),
            door=route["gebruikers"][door],
            **extra,
        )


def _lever(toewijzing, maand, uren):
    tg3 = Product.objects.get(code="45A03")
    Levering.objects.create(
        toewijzing=toewijzing, product=tg3, maand=maand, volume=Decimal(uren), bedrag=Decimal(uren) * Decimal("86.00")
    )
