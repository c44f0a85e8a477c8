"""The payment tests' world (tests/test_betalingen.py; also the finance home page's,
tests/test_startpagina.py): accounts, a second finance user of Zwolle, one of Deventer, three
running allocations, and May 2026's declarations."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from schwifty import IBAN

from jeugdregie.betalingen.services import maak_batch
from jeugdregie.catalogus.models import Product
from jeugdregie.organisaties.models import Inschrijving
from jeugdregie.toewijzingen.services import start_zorg

from ..factories import GebruikerFactory, JeugdigeFactory
from .declaraties import declareer, regel
from .route import gestart, screen, verwijs

TZ = ZoneInfo("Europe/Amsterdam")
START = date(2026, 3, 9)


def iban(bank: str, nummer: int) -> str:
    return str(IBAN.generate("NL", bank_code=bank, account_code=f"{nummer:010d}"))


def toewijzing(route, *, aanbieder: str, jeugdige, door: str = "toegang"):
    verwijzing = verwijs(route, door=door, jeugdige=jeugdige, aanbieder=aanbieder)
    screen(route, verwijzing, door=aanbieder, op=verwijzing.datum)
    return start_zorg(verwijzing=verwijzing, startdatum=START, door=route["gebruikers"][aanbieder])


def betaalwereld(route):
    """The `route` with accounts, a second finance user of Zwolle, a finance user of Deventer and
    three running allocations: provider A and provider B in Zwolle, provider A in Deventer."""
    route["zwolle"].iban = iban("BNGH", 285193)
    route["zwolle"].save()
    route["deventer"].iban = iban("BNGH", 285150)
    route["deventer"].save()
    route["aanbieder"].iban = iban("RABO", 98500001)
    route["aanbieder"].save()
    route["andere_aanbieder"].iban = iban("INGB", 98500002)
    route["andere_aanbieder"].save()
    g = route["gebruikers"]
    g["financieel_2"] = GebruikerFactory(financieel_rol=True, gemeente=route["zwolle"])
    g["financieel_deventer"] = GebruikerFactory(financieel_rol=True, gemeente=route["deventer"])
    # provider B delivers TG3 too, so it registered on it (R-B8: lines are paid only for that)
    Inschrijving.objects.create(
        contract=route["andere_aanbieder"].contract_op(START),
        product=Product.objects.get(code="45A03"),
        begindatum=date(2022, 1, 1),
    )
    route["tw_a"] = gestart(route)
    route["tw_b"] = toewijzing(route, aanbieder="andere_aanbieder", jeugdige=JeugdigeFactory(gemeente=route["zwolle"]))
    route["tw_deventer"] = toewijzing(
        route, aanbieder="aanbieder", jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente"
    )
    return route


def maart(tw, referentie, **extra):
    """A March line from the allocation's own start (TR387: a part of the month only where the
    allocation starts inside it)."""
    return regel(tw, referentie, maand=(2026, 3), begindatum=tw.begindatum, **extra)


def declaraties_mei(b):
    """Zwolle, submitted in May 2026 (Amsterdam time): provider A € 860 + € 860 − € 860 credit
    (3 lines, one rejected line besides), provider B € 430 (1 line, submitted 1 May 00:30, which
    is still 30 April in UTC). Outside: B on 30 April 23:30 and on 1 June 00:30, A in Deventer."""
    declareer(
        b,
        [maart(b["tw_a"], "R1"), regel(b["tw_a"], "R2"), regel(b["tw_a"], "R3", uren="-2")],
        nummer="D-1",
        ingediend_op=datetime(2026, 5, 6, 10, 0, tzinfo=TZ),
    )
    declareer(
        b,
        [maart(b["tw_a"], "C1", debet_credit="C", credit_referentie="R1")],
        nummer="D-2",
        ingediend_op=datetime(2026, 5, 20, 9, 0, tzinfo=TZ),
    )
    b_regel = {"uren": "5"}
    declareer(
        b,
        [maart(b["tw_b"], "B0", **b_regel)],
        nummer="B-0",
        door="andere_aanbieder",
        ingediend_op=datetime(2026, 4, 30, 23, 30, tzinfo=TZ),
    )
    declareer(
        b,
        [regel(b["tw_b"], "B1", **b_regel)],
        nummer="B-1",
        door="andere_aanbieder",
        ingediend_op=datetime(2026, 5, 1, 0, 30, tzinfo=TZ),
    )
    declareer(
        b,
        [regel(b["tw_b"], "B2", maand=(2026, 5), **b_regel)],
        nummer="B-2",
        door="andere_aanbieder",
        ingediend_op=datetime(2026, 6, 1, 0, 30, tzinfo=TZ),
    )
    declareer(
        b,
        [regel(b["tw_deventer"], "DV1")],
        nummer="DV-1",
        gemeente="deventer",
        ingediend_op=datetime(2026, 5, 10, 10, 0, tzinfo=TZ),
    )


#: A moment after May 2026 has ended (Amsterdam): May may be prepared.
NA_MEI = datetime(2026, 6, 1, 0, 30, tzinfo=TZ)


def mei(b, door="financieel", nu=NA_MEI):
    return maak_batch(gemeente=b["zwolle"], jaar=2026, maand=5, door=b["gebruikers"][door], nu=nu)
