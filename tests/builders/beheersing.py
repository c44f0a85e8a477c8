"""Rows for the control-indicator tests: young people, referrals, allocations and declaration lines,
created directly with the ORM. Moved from tests/test_beheersing_indicatoren.py."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

from jeugdregie.catalogus.models import Product
from jeugdregie.declaraties.constants import DeclaratieBron, RegelStatus
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.constants import VerwijzingStatus
from jeugdregie.verwijzingen.models import Keuzebudget, Verwijzing

from ..factories import JeugdigeFactory

TZ = ZoneInfo("Europe/Amsterdam")


_nummer = count(1)


def _jeugdige(w, gemeente="zwolle"):
    return JeugdigeFactory(gemeente=w[gemeente])


def _verwijzing(w, *, jeugdige=None, datum=date(2025, 1, 6), aanbieder="aanbieder", product=None, verlenging=False):
    jeugdige = jeugdige or _jeugdige(w)
    return Verwijzing.objects.create(
        jeugdige=jeugdige,
        gemeente=jeugdige.woonplaatsen.get().gemeente,
        verwijzer_type=VerwijzerType.GEMEENTE,
        aanbieder=w[aanbieder],
        product_indicatie=Product.objects.get(code=product) if product else None,
        datum=datum,
        status=VerwijzingStatus.GEACCEPTEERD,
        is_verlenging=verlenging,
    )


def _toewijzing(
    w, *, soort=ToewijzingSoort.KEUZEBUDGET, budget=None, offerte=False, start=None, stop=None, status=None, **velden
):
    """An allocation (2025-01-06 … 2025-12-31 unless given) on a referral of its own; with
    ``budget`` a keuzebudget of that amount, a standard one (level 2) or, with ``offerte``, an
    offerte (R-T5)."""
    verwijzing = velden.pop("verwijzing", None) or _verwijzing(
        w,
        jeugdige=velden.pop("jeugdige", None),
        aanbieder=velden.pop("aanbieder", "aanbieder"),
        verlenging=velden.pop("verlenging", False),
    )
    begindatum, einddatum = velden.pop("begindatum", date(2025, 1, 6)), velden.pop("einddatum", date(2025, 12, 31))
    keuzebudget = None
    if budget is not None:
        keuzebudget = Keuzebudget.objects.create(
            verwijzing=verwijzing,
            soort="herstel",
            niveau=None if offerte else 2,
            is_offerte=offerte,
            bedrag=Decimal(budget),
            begindatum=begindatum,
            einddatum=einddatum,
        )
    if status is None:
        status = (
            ToewijzingStatus.GESTOPT if stop else ToewijzingStatus.GESTART if start else ToewijzingStatus.TOEGEWEZEN
        )
    return Toewijzing.objects.create(
        verwijzing=verwijzing,
        jeugdige=verwijzing.jeugdige,
        gemeente=verwijzing.gemeente,
        aanbieder=verwijzing.aanbieder,
        soort=soort,
        keuzebudget=keuzebudget,
        begindatum=begindatum,
        einddatum=einddatum,
        status=status,
        startdatum_zorg=start,
        stopdatum_zorg=stop,
        **velden,
    )


def _declaratie(toewijzing, *, ingediend=date(2025, 4, 10), periode_einde=date(2025, 3, 31)):
    return Declaratie.objects.create(
        aanbieder=toewijzing.aanbieder,
        gemeente=toewijzing.gemeente,
        nummer=f"D-{next(_nummer)}",
        bron=DeclaratieBron.API,
        inhoud_hash="-",
        ingediend_op=datetime.combine(ingediend, datetime.min.time(), tzinfo=TZ) + timedelta(hours=12),
        periode_einde=periode_einde,
        dagen_na_periode=(ingediend - periode_einde).days,
    )


def _regel(toewijzing, bedrag="100.00", *, maand=(2025, 3), product="45A03", declaratie=None, **velden):
    begin = date(*maand, 1)
    einde = (begin + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    status = velden.pop("status", RegelStatus.GOEDGEKEURD)
    return Declaratieregel.objects.create(
        declaratie=declaratie or _declaratie(toewijzing, periode_einde=einde),
        aanbieder=toewijzing.aanbieder,
        referentie=f"R-{next(_nummer)}",
        volgnummer=1,
        jeugdige=toewijzing.jeugdige,
        toewijzing=toewijzing,
        product=Product.objects.get(code=product) if product else None,
        begindatum=begin,
        einddatum=einde,
        volume=Decimal("1"),
        eenheid="uur",
        bedrag=Decimal(bedrag),
        status=status,
        **velden,
    )
