"""Payment files of an approved batch: a CSV for the finance administration and a SEPA credit
transfer (pain.001.001.03) for the bank, validated against the XSD shipped with ``sepaxml``.

A post whose net is zero or negative (credits exceed debits) cannot be a credit transfer: it is
left out of the SEPA file and marked "te verrekenen" (to be offset against a later payment or
reclaimed) in the CSV and on the batch page. The SEPA total is therefore the sum of the positive
posts, which is the batch total plus what is to be offset."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import sepaxml
import xmlschema
from django.utils import timezone
from sepaxml import SepaTransfer

from jeugdregie.common.errors import DomainError
from jeugdregie.common.export import _csv_safe as csv_veilig
from jeugdregie.common.money import euro, to_cents
from jeugdregie.common.opmaak import csv_waarde
from jeugdregie.common.periods import plus_werkdagen

from ..constants import BatchStatus, Foutcode, Gebeurtenissoort
from ..models import Betaalbatch, Betaalpost
from .batch import controleer_financieel
from .gebeurtenissen import registreer
from .rekening import BIC_ONBEKEND, bic_van, geldige_iban, iban_fout

PAIN = "pain.001.001.03"
XSD = Path(sepaxml.__file__).parent / "schemas" / f"{PAIN}.xsd"
NS = f"urn:iso:std:iso:20022:tech:xsd:{PAIN}"

OVERMAKEN = "overmaken"
TE_VERREKENEN = "te verrekenen"
CSV_KOLOMMEN = (
    "Batchreferentie",
    "Gemeente",
    "Periode",
    "Aanbieder",
    "AGB-code",
    "IBAN",
    "Bedrag",
    "Aantal regels",
    "Soort",
)


def soort(post: Betaalpost) -> str:
    return OVERMAKEN if post.bedrag > 0 else TE_VERREKENEN


def _controleer_export(batch: Betaalbatch, door) -> None:
    controleer_financieel(door, batch.gemeente_id, "exporteren")
    if batch.status != BatchStatus.GOEDGEKEURD:
        raise DomainError(
            Foutcode.STATUS,
            "Alleen een goedgekeurde betaalbatch kan worden geëxporteerd. Laat de batch eerst goedkeuren "
            "door een tweede financieel medewerker.",
            field="status",
        )


def _posten(batch: Betaalbatch) -> list[Betaalpost]:
    return list(batch.posten.select_related("aanbieder").order_by("aanbieder__naam", "aanbieder__agb_code"))


def csv_bestand(batch: Betaalbatch, *, door) -> bytes:
    """One row per post, ``;``-separated, UTF-8 with BOM, amounts with a decimal comma."""
    _controleer_export(batch, door)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_KOLOMMEN)
    periode = f"{batch.jaar}-{batch.maand:02d}"
    for post in _posten(batch):
        writer.writerow(
            [
                batch.referentie,
                csv_veilig(batch.gemeente.naam),
                periode,
                csv_veilig(post.aanbieder.naam),
                post.aanbieder.agb_code,
                post.iban,
                csv_waarde(euro(post.bedrag)),
                post.aantal_regels,
                soort(post),
            ]
        )
    registreer(batch, Gebeurtenissoort.CSV_GEEXPORTEERD, door=door)
    return buffer.getvalue().encode("utf-8")


@lru_cache(maxsize=1)
def _schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def valideer_pain001(xml: bytes) -> None:
    """Refuse a file that does not validate: a payment file is never written unchecked."""
    try:
        _schema().validate(xml.decode("utf-8"))
    except (xmlschema.XMLSchemaException, UnicodeDecodeError) as fout:
        reden = getattr(fout, "reason", None) or str(fout).splitlines()[0]
        raise DomainError(
            Foutcode.SEPA_ONGELDIG,
            f"Het SEPA-bestand voldoet niet aan {PAIN} en is niet gemaakt: {reden}",
        ) from fout


def _vaste_kenmerken(xml: bytes, referentie: str) -> bytes:
    """Message and payment-information ids from the batch reference instead of random ones: a
    second upload of the same batch is then recognised (and refused) by the bank."""
    ET.register_namespace("", NS)
    document = ET.fromstring(xml)  # noqa: S314 - the file sepaxml just built here, never outside input
    kenmerk = document.find(f"{{{NS}}}CstmrCdtTrfInitn/{{{NS}}}GrpHdr/{{{NS}}}MsgId")
    assert kenmerk is not None  # every pain.001 has a group header with a message id
    kenmerk.text = referentie
    for nummer, pmtinf in enumerate(document.iter(f"{{{NS}}}PmtInfId"), start=1):
        pmtinf.text = f"{referentie}-{nummer}"
    return ET.tostring(document, encoding="utf-8", xml_declaration=True)


def sepa_bestand(batch: Betaalbatch, *, door, uitvoerdatum: date | None = None) -> bytes:
    """pain.001.001.03 with one credit transfer per post with a positive amount; the debtor is
    the municipality. Refused (nothing written) on a missing or invalid IBAN, naming whose."""
    _controleer_export(batch, door)
    gemeente = batch.gemeente
    debiteur = geldige_iban(gemeente.iban, eigenaar=f"Gemeente {gemeente.naam}")
    over = [p for p in _posten(batch) if p.bedrag > 0]
    if not over:
        raise DomainError(
            Foutcode.NIETS_OVER_TE_MAKEN,
            "Deze batch heeft geen posten met een positief bedrag: er is niets over te maken. "
            "De posten zijn te verrekenen (zie de CSV).",
        )
    fouten = [f"{p.aanbieder.naam} (AGB {p.aanbieder.agb_code}): {f}" for p in over if (f := iban_fout(p.iban))]
    if fouten:
        raise DomainError(
            Foutcode.IBAN,
            "Geen SEPA-bestand gemaakt. Ongeldige rekening bij " + "; ".join(fouten) + ".",
            field="iban",
        )
    uitvoerdatum = uitvoerdatum or plus_werkdagen(timezone.localdate(), 1)
    sepa = SepaTransfer(
        {
            "name": gemeente.naam,
            "IBAN": debiteur,
            "BIC": bic_van(debiteur) or BIC_ONBEKEND,
            "batch": True,
            "currency": "EUR",
        },
        schema=PAIN,
    )
    for post in over:
        iban = geldige_iban(post.iban, eigenaar=post.aanbieder.naam)
        betaling = {
            "name": post.aanbieder.naam,
            "IBAN": iban,
            "amount": to_cents(post.bedrag),
            "execution_date": uitvoerdatum,
            "description": f"Jeugdregie betaalbatch {batch.referentie} AGB {post.aanbieder.agb_code}",
            "endtoend_id": f"{batch.referentie}-{post.aanbieder.agb_code}",
        }
        if bic := bic_van(iban):
            betaling["BIC"] = bic
        sepa.add_payment(betaling)
    xml = _vaste_kenmerken(sepa.export(validate=False), batch.referentie)
    valideer_pain001(xml)
    registreer(
        batch,
        Gebeurtenissoort.SEPA_GEEXPORTEERD,
        door=door,
        transacties=len(over),
        totaal=sum((p.bedrag for p in over), Decimal("0.00")),
        uitvoerdatum=uitvoerdatum.isoformat(),
    )
    return xml
