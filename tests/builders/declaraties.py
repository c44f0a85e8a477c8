"""Declarations: a line (`regel`) and a processed declaration (`declareer`), the API body and call, the CSV
upload file, and crisis follow-up declarations. Moved from tests/test_declaraties*.py."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from jeugdregie.catalogus.models import Product
from jeugdregie.crisis.services import besluit_crisisopvolging
from jeugdregie.declaraties.services.intake import verwerk_declaratie
from jeugdregie.declaraties.services.invoer import RegelInvoer
from jeugdregie.declaraties.services.upload import KOLOMMEN

from .crisis import aanvraag, beoordeel, meld

TZ = ZoneInfo("Europe/Amsterdam")


INGEDIEND = datetime(2026, 5, 6, 10, 0, tzinfo=TZ)


TARIEF_TG3 = Decimal("86.00")


def regel(tw, referentie="R1", *, uren="10", maand=(2026, 4), **extra):
    begin = date(*maand, 1)
    einde = (begin.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    volume = Decimal(uren)
    waarden = {
        "referentie": referentie,
        "bsn": tw.jeugdige.bsn,
        "toewijzing": tw.pk,
        "product": "45A03",
        "begindatum": begin,
        "einddatum": einde,
        "volume": volume,
        "eenheid": "uur",
        "bedrag": volume * TARIEF_TG3,
    }
    waarden.update(extra)
    return RegelInvoer(**waarden)


def creditregel(debet, referentie: str) -> RegelInvoer:
    """The credit of an approved debit line of hours (tariff group 3): the same allocation, period,
    volume and amount, naming the debit it credits. Shared by the property tests' state machines."""
    return RegelInvoer(
        referentie=referentie,
        bsn=debet.toewijzing.jeugdige.bsn,
        toewijzing=debet.toewijzing_id,
        product="45A03",
        begindatum=debet.begindatum,
        einddatum=debet.einddatum,
        volume=debet.volume,
        eenheid="uur",
        bedrag=debet.bedrag,
        debet_credit="C",
        credit_referentie=debet.referentie,
    )


def declareer(route, regels, nummer="D-1", door="aanbieder", gemeente="zwolle", ingediend_op=INGEDIEND):
    return verwerk_declaratie(
        aanbieder=route["gebruikers"][door].aanbieder,
        gemeente=route[gemeente],
        nummer=nummer,
        regels=regels,
        door=route["gebruikers"][door],
        ingediend_op=ingediend_op,
    )


def _afkeur(declaratie):
    return [(r.status, r.afkeur, r.retourcode) for r in declaratie.regels.all()]


def regel_json(tw, referentie="R1", **extra) -> dict:
    r = regel(tw, referentie, **extra)
    return {
        "referentie": r.referentie,
        "bsn": r.bsn,
        "toewijzing": r.toewijzing,
        "product": r.product,
        "begindatum": r.begindatum.isoformat(),
        "einddatum": r.einddatum.isoformat(),
        "volume": str(r.volume),
        "eenheid": r.eenheid,
        "bedrag": str(r.bedrag),
        "debet_credit": r.debet_credit,
        "credit_referentie": r.credit_referentie,
    }


def post(client, route, body, wie="aanbieder"):
    client.force_login(route["gebruikers"][wie])
    return client.post("/api/v1/declaraties/", body, content_type="application/json")


def body(route, *regels, nummer="API-1", gemeente="zwolle"):
    return {"gemeente": route[gemeente].cbs_code, "nummer": nummer, "regels": list(regels)}


NA_MELDING = {"begindatum": date(2026, 4, 24), "einddatum": date(2026, 4, 30)}


def _tarief(code: str) -> Decimal:
    return Product.objects.get(code=code).tarief_op(date(2026, 4, 1)).bedrag


def _crisisopvolging(crisis, product="46C02", **extra):
    melding = beoordeel(crisis, meld(crisis))
    verzoek = aanvraag(crisis, melding, ingediend_op=date(2026, 4, 28), product=product, **extra)
    besluit_crisisopvolging(
        verzoek=verzoek, toekennen=True, einddatum=date(2026, 6, 30), volume="40", door=crisis["gebruikers"]["toegang"]
    )
    verzoek.refresh_from_db()
    return verzoek.toewijzing


# When the `declaraties` fixture (tests/conftest.py) submits: the moment the tests are collected.
NU = timezone.now()


KOP = ";".join(KOLOMMEN)


def csv_regel(tw, referentie="R1", *, scheiding=";", **extra) -> str:
    """One line as a provider's spreadsheet writes it: Dutch dates and decimal commas."""
    r = regel(tw, referentie, **extra)
    komma = "," if scheiding == ";" else "."
    waarden = [
        r.referentie,
        r.bsn,
        str(r.toewijzing or ""),
        r.product,
        f"{r.begindatum:%d-%m-%Y}",
        r.einddatum.isoformat(),
        str(r.volume).replace(".", komma),
        r.eenheid,
        str(r.bedrag).replace(".", komma),
        r.debet_credit,
        r.credit_referentie,
    ]
    return scheiding.join(waarden)


def csv_bestand(*regels: str, kop: str = KOP, bom: bool = True) -> bytes:
    return (("\ufeff" if bom else "") + "\r\n".join([kop, *regels]) + "\r\n").encode("utf-8")
