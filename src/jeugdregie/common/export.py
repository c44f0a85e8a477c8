"""Table exports to CSV and Excel (XLSX), shared by every page that offers a download (issue 19
§5, docs/exports.md): CSV with ``;`` between columns and Dutch numbers (decimal comma, no
thousands separator; dates ``dd-mm-jjjj``), XLSX with numbers and dates as such, in a Dutch
display format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from .opmaak import csv_waarde, xlsx_opmaak

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_safe(value) -> object:
    """Neutralise spreadsheet formulas in text cells (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _xlsx_cel(blad, waarde):
    """A cell of the sheet: text made safe, a number or date kept as one with its display format
    (a moment in Amsterdam time: Excel has no time zones)."""
    if isinstance(waarde, str):
        return _csv_safe(waarde)
    if isinstance(waarde, datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde).replace(tzinfo=None)
    opmaak = xlsx_opmaak(waarde)
    if opmaak is None:
        return waarde
    cel = WriteOnlyCell(blad, value=waarde)
    cel.number_format = opmaak
    return cel


def tabel_response(*, naam: str, formaat: str, kolommen: Sequence[str], rijen: Iterable[Sequence]) -> HttpResponse:
    if formaat == "xlsx":
        boek = Workbook(write_only=True)
        blad = boek.create_sheet(title=naam[:31])
        blad.append(list(kolommen))
        for rij in rijen:
            blad.append([_xlsx_cel(blad, v) for v in rij])
        buffer = io.BytesIO()
        boek.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
    response.write("\ufeff")  # BOM so Excel opens UTF-8 correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kolommen)
    for rij in rijen:
        writer.writerow([_csv_safe(csv_waarde(v)) for v in rij])
    return response
