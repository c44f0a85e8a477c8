"""The declaration template as CSV and as Excel: the header row the upload reads
(``upload.KOLOMMEN``), one example row, and in the workbook a sheet "Toelichting" with what each
column means and the product codes, units and tariffs of the catalog (R-B1, R-B6: totals per
period per product, no per-minute logs)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from jeugdregie.catalogus.constants import Eenheid
from jeugdregie.catalogus.models import Product
from jeugdregie.common.money import euro
from jeugdregie.common.opmaak import getal

from .upload import KOLOMMEN, MAX_REGELS, OPTIONEEL, grens

UITLEG = {
    "referentie": "Uw eigen, unieke kenmerk van de regel (maximaal 40 tekens). Een referentie wordt één keer "
    "goedgekeurd (TR314).",
    "bsn": "BSN van de jeugdige: 9 cijfers.",
    "toewijzing": "Nummer van de toewijzing; u vindt het bij de verwijzing onder 'Toewijzing'.",
    "product": "Productcode uit de catalogus (zie hieronder); het product moet onder de toewijzing vallen.",
    "begindatum": "Eerste dag van de geleverde zorg in deze regel: JJJJ-MM-DD of DD-MM-JJJJ.",
    "einddatum": "Laatste dag; begin en einde liggen in dezelfde kalendermaand (TR387/388), niet in de toekomst.",
    "volume": "Aantal eenheden (uren of etmalen) in de periode, groter dan 0; decimalen met komma of punt. "
    "Totalen per periode, geen minutenregistratie.",
    "eenheid": "uur of etmaal, zoals bij het product hieronder.",
    "bedrag": "Volume × het tarief dat op de begindatum geldt, in euro's met twee decimalen (TR346).",
    "debet_credit": "D voor een declaratie; C om een eerder goedgekeurde regel volledig terug te nemen. Leeg = D.",
    "credit_referentie": "Alleen bij C: de referentie van de regel die u terugneemt.",
}

ALGEMEEN = [
    "Eén bestand is één declaratie voor één gemeente; kies de gemeente en het declaratienummer bij het uploaden.",
    "Vervang de voorbeeldregel door uw eigen regels: één regel per jeugdige, product en maand.",
    "CSV: UTF-8 (met of zonder BOM), scheidingsteken ; of , — in Excel 'CSV UTF-8 (door komma's gescheiden)'.",
    f"Hoogstens {getal(MAX_REGELS)} regels en {{mb}} MB per bestand.",
    "Een fout in de opbouw (kopregel, datum, getal) weigert het hele bestand; een inhoudelijke fout keurt alleen "
    "die regel af met een code en uitleg.",
]


def _voorbeeld(op: date, regio_id: int | None) -> list:
    """One plausible line: 10 hours of TG3 last month at the tariff valid then."""
    einde = op.replace(day=1) - timedelta(days=1)
    begin = einde.replace(day=1)
    product = Product.objects.filter(code="45A03").first() or Product.objects.filter(actief=True).first()
    tarief = product.tarief_op(begin, regio_id) if product else None
    volume = Decimal("10")
    bedrag = euro(volume * tarief.bedrag) if tarief else Decimal("860.00")
    return [
        "VOORBEELD-0001",
        "123456782",
        12345,
        product.code if product else "45A03",
        begin,
        einde,
        volume,
        product.eenheid if product else Eenheid.UUR,
        bedrag,
        "D",
        "",
    ]


def sjabloon_csv(*, op: date, regio_id: int | None = None) -> bytes:
    """UTF-8 with BOM and ``;`` so Dutch Excel opens it as columns; decimals with a comma. The
    example's tariff is the region's (R-R1; without a region the catalogue's)."""
    buffer = io.StringIO(newline="")
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    voorbeeld = _voorbeeld(op, regio_id)
    schrijver.writerow(
        [
            w.isoformat() if isinstance(w, date) else str(w).replace(".", ",") if isinstance(w, Decimal) else w
            for w in voorbeeld
        ]
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sjabloon_xlsx(*, op: date, regio_id: int | None = None) -> bytes:
    """The template as a workbook, with the tariffs of the region (R-R1; without a region the
    catalogue's) on the explanation sheet."""
    boek = Workbook()
    blad = boek.active
    blad.title = "Declaratie"
    blad.append(list(KOLOMMEN))
    blad.append(_voorbeeld(op, regio_id))
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for index, naam in enumerate(KOLOMMEN, start=1):
        letter = blad.cell(row=1, column=index).column_letter
        blad.column_dimensions[letter].width = max(12, len(naam) + 4)
        if naam in ("bsn", "referentie", "credit_referentie", "product"):
            blad[f"{letter}2"].number_format = "@"  # text: Excel keeps a BSN's leading zero
            _kolomopmaak(blad, letter, "@")
        if naam in ("begindatum", "einddatum"):
            blad[f"{letter}2"].number_format = "yyyy-mm-dd"
            _kolomopmaak(blad, letter, "yyyy-mm-dd")
    _keuzelijst(blad, KOLOMMEN.index("debet_credit"), '"D,C"')
    _keuzelijst(blad, KOLOMMEN.index("eenheid"), f'"{Eenheid.UUR},{Eenheid.ETMAAL}"')
    blad.freeze_panes = "A2"
    _toelichting(boek.create_sheet("Toelichting"), op, regio_id)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


def _kolomopmaak(blad, letter: str, opmaak: str) -> None:
    for rij in range(3, 1001):
        blad[f"{letter}{rij}"].number_format = opmaak


def _keuzelijst(blad, index: int, lijst: str) -> None:
    letter = blad.cell(row=1, column=index + 1).column_letter
    validatie = DataValidation(type="list", formula1=lijst, allow_blank=True)
    validatie.add(f"{letter}2:{letter}{MAX_REGELS + 1}")
    blad.add_data_validation(validatie)


def _toelichting(blad, op: date, regio_id: int | None) -> None:
    vet = Font(bold=True)
    blad.append(["Kolom", "Verplicht", "Uitleg"])
    for naam in KOLOMMEN:
        blad.append([naam, "nee" if naam in OPTIONEEL else "ja", UITLEG[naam]])
    blad.append([])
    blad.append(["Algemeen"])
    mb = f"{grens() / (1024 * 1024):.0f}"
    for tekst in ALGEMEEN:
        blad.append(["", "", tekst.format(mb=mb)])
    blad.append([])
    kop = blad.max_row + 1
    blad.append(["Productcode", "Eenheid", "Product", f"Tarief op {op:%d-%m-%Y}"])
    for product in Product.objects.filter(actief=True).order_by("code"):
        tarief = product.tarief_op(op, regio_id)
        blad.append([product.code, product.eenheid, product.naam, tarief.bedrag if tarief else "geen tarief"])
    for cel in (*blad[1], *blad[kop]):
        cel.font = vet
    blad.column_dimensions["A"].width = 20
    blad.column_dimensions["B"].width = 12
    blad.column_dimensions["C"].width = 100
    blad.column_dimensions["D"].width = 20
