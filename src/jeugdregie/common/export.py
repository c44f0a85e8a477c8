"""Table exports to CSV and Excel (XLSX), shared by every page that offers a download."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_safe(value) -> object:
    """Neutralise spreadsheet formulas in text cells (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def tabel_response(*, naam: str, formaat: str, kolommen: Sequence[str], rijen: Iterable[Sequence]) -> HttpResponse:
    if formaat == "xlsx":
        boek = Workbook(write_only=True)
        blad = boek.create_sheet(title=naam[:31])
        blad.append(list(kolommen))
        for rij in rijen:
            blad.append([_csv_safe(v) if isinstance(v, str) else v for v in rij])
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
        writer.writerow([_csv_safe(v) for v in rij])
    return response
