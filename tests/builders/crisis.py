"""A crisis report (`meld`), its assessment (`beoordeel`) and the request for crisis follow-up (`aanvraag`).
Moved from tests/test_crisis.py."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from jeugdregie.catalogus.models import Product
from jeugdregie.crisis.services import (
    beoordeel_crisis,
    registreer_crisismelding,
    vraag_crisisopvolging_aan,
)

from ..klok import op_de_dag, op_het_moment

TZ = ZoneInfo("Europe/Amsterdam")


GEMELD = datetime(2026, 4, 24, 22, 30, tzinfo=TZ)  # Friday evening before Koningsdag (Mon 27 April)


def meld(crisis, **extra):
    """Registered as it comes in: the server's clock at the report's time (R-C5, R-B9)."""
    gemeld_op = extra.pop("gemeld_op", GEMELD)
    with op_het_moment(extra.pop("ontvangen_op", gemeld_op)):
        return registreer_crisismelding(
            crisisdienst=crisis["crisisdienst"],
            gemeente=extra.pop("gemeente", crisis["zwolle"]),
            bron=extra.pop("bron", "huisarts"),
            gemeld_op=gemeld_op,
            bsn=extra.pop("bsn", crisis["jeugdige_zwolle"].bsn),
            door=crisis["gebruikers"]["crisisdienst"],
            **extra,
        )


def beoordeel(crisis, melding, uitkomst="crisisopvolging", na=timedelta(hours=2), afhandeling="interventie"):
    return beoordeel_crisis(
        melding=melding,
        beoordeeld_op=melding.gemeld_op + na,
        hulp_binnen_24_uur=True,
        uitkomst=uitkomst,
        afhandeling=afhandeling,
        door=crisis["gebruikers"]["crisisdienst"],
    )


def aanvraag(crisis, melding, ingediend_op, product="46C02", **extra):
    """Requested on the server's date ``ingediend_op``: the request date is the server's (R-B9)."""
    with op_de_dag(ingediend_op):
        return vraag_crisisopvolging_aan(
            melding=melding,
            aanbieder=crisis["crisisdienst"],
            product=Product.objects.get(code=product),
            startdatum=extra.pop("startdatum", GEMELD.date()),
            door=crisis["gebruikers"]["crisisdienst"],
            **extra,
        )
