"""Dutch formatting of amounts, numbers and percentages (issue 19 §5): the one helper
(``common.opmaak``), its template filters, and the exports (CSV with ``;`` and a decimal comma,
XLSX with numbers in a Dutch display format)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from openpyxl import load_workbook

from jeugdregie.common import opmaak
from jeugdregie.common.export import tabel_response


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        (Decimal("1416850.75"), "€ 1.416.850,75"),
        (Decimal("3000"), "€ 3.000,00"),
        ("3000.00", "€ 3.000,00"),
        (Decimal("-1234.5"), "€ -1.234,50"),
        (Decimal("0.005"), "€ 0,01"),  # commercial rounding, half up
        (Decimal("-0.004"), "€ 0,00"),
        (7, "€ 7,00"),
        (Decimal("999.999"), "€ 1.000,00"),
        (None, "—"),
        ("", "—"),
        ("geen getal", "—"),
    ],
)
def test_euro(waarde, verwacht):
    assert opmaak.euro(waarde) == verwacht


def test_bedrag_is_euro_zonder_teken():
    assert opmaak.bedrag(Decimal("1416850.75")) == "1.416.850,75"
    assert opmaak.bedrag(Decimal("-12")) == "-12,00"
    assert opmaak.bedrag(None) == "—"


@pytest.mark.parametrize(
    ("waarde", "decimalen", "verwacht"),
    [
        (113341, 0, "113.341"),
        (1234567, 0, "1.234.567"),
        (Decimal("1234.56"), 1, "1.234,6"),
        (2.5, 0, "3"),  # half away from zero, not to even
        (-1234, 0, "-1.234"),
        (0.1 + 0.2, 2, "0,30"),
        (None, 0, "—"),
    ],
)
def test_getal(waarde, decimalen, verwacht):
    assert opmaak.getal(waarde, decimalen) == verwacht


def test_procent():
    assert opmaak.procent(Decimal("12.45")) == "12,5%"
    assert opmaak.procent(87, 0) == "87%"
    assert opmaak.procent(None) == "—"


def test_csv_waarde():
    assert opmaak.csv_waarde(Decimal("1416850.75")) == "1416850,75"
    assert opmaak.csv_waarde(Decimal("1E+3")) == "1000"
    assert opmaak.csv_waarde(0.25) == "0,25"
    assert opmaak.csv_waarde(date(2026, 3, 1)) == "01-03-2026"
    assert opmaak.csv_waarde(datetime(2026, 3, 1, 9, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))) == "01-03-2026 09:05"
    assert opmaak.csv_waarde(datetime(2026, 6, 1, 10, 0, tzinfo=ZoneInfo("UTC"))) == "01-06-2026 12:00"  # Amsterdam
    assert opmaak.csv_waarde(None) == ""
    assert opmaak.csv_waarde(True) == "ja"
    assert opmaak.csv_waarde(42) == 42
    assert opmaak.csv_waarde("tekst") == "tekst"


def test_filters_in_elk_sjabloon_zonder_load():
    sjabloon = Template(
        "{{ a|euro }} | {{ a|bedrag }} | {{ n|getal }} | {{ d|getal:1 }} | {{ p|procent }} | {{ p|procent:0 }} | "
        "{{ leeg|euro }}"
    )
    tekst = sjabloon.render(
        Context({"a": Decimal("1416850.75"), "n": 113341, "d": Decimal("2.25"), "p": Decimal("45.26"), "leeg": None})
    )
    assert tekst == "€ 1.416.850,75 | 1.416.850,75 | 113.341 | 2,3 | 45,3% | 45% | —"


def test_csv_export_heeft_puntkomma_en_decimale_komma():
    antwoord = tabel_response(
        naam="proef",
        formaat="csv",
        kolommen=["Gemeente", "Bedrag", "Aantal", "Datum", "Formule"],
        rijen=[["Zwolle", Decimal("1416850.75"), 3, date(2026, 1, 31), "=SOM(A1)"]],
    )
    tekst = antwoord.content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen == [
        ["Gemeente", "Bedrag", "Aantal", "Datum", "Formule"],
        ["Zwolle", "1416850,75", "3", "31-01-2026", "'=SOM(A1)"],
    ]


def test_xlsx_export_houdt_getallen_met_een_nederlandse_weergave():
    moment = datetime(2026, 6, 1, 10, 0, tzinfo=ZoneInfo("UTC"))
    antwoord = tabel_response(
        naam="proef",
        formaat="xlsx",
        kolommen=["Bedrag", "Aantal", "Datum", "Moment", "Tekst"],
        rijen=[[Decimal("1416850.75"), 12000, date(2026, 1, 31), moment, "+31 6"]],
    )
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    bedrag, aantal, datum, tijdstip, tekst = next(blad.iter_rows(min_row=2, max_row=2))
    assert bedrag.value == Decimal("1416850.75") or bedrag.value == pytest.approx(1416850.75)
    assert bedrag.number_format == "#,##0.00"
    assert (aantal.value, aantal.number_format) == (12000, "#,##0")
    assert datum.number_format == "dd-mm-yyyy" and datum.value.date() == date(2026, 1, 31)
    # Amsterdam time (summer: UTC+2), without a zone: Excel has none
    assert tijdstip.value == datetime(2026, 6, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam")).replace(tzinfo=None)
    assert tekst.value == "'+31 6"


def test_elke_tabel_scrollt_in_haar_eigen_houder():
    """Issue 19 §8: the comparison and audit tables were 1,600–1,900 px wide and widened the page.
    Every table of every template sits in a ``div.tabel`` that scrolls sideways (site.css), so a
    new table cannot forget it."""
    import re
    from pathlib import Path

    bron = Path(__file__).resolve().parents[1] / "src" / "jeugdregie"
    los = []
    for sjabloon in bron.rglob("*.html"):
        tekst = sjabloon.read_text()
        if len(re.findall(r"<table[\s>]", tekst)) != tekst.count('<div class="tabel"><table'):
            los.append(str(sjabloon.relative_to(bron)))
        if tekst.count("</table>") != tekst.count("</table></div>"):
            los.append(f"{sjabloon.relative_to(bron)} (einde)")
    assert not los, los
    css = (bron / "portaal" / "static" / "portaal" / "site.css").read_text()
    assert re.search(r"\.tabel\s*\{[^}]*overflow-x:\s*auto", css)


def test_paginacontrole_vindt_wat_de_wandelingen_weigeren():
    """The scan the page walks run (tests/test_opmaak_paginas.py, tests/e2e/test_rollen_dag.py)
    can fail: it flags a raw amount, an English number cell and a SPEC rule ID in text or tooltip,
    and passes comments, scripts and the Dutch notation."""
    from tests.builders.paginacontrole import fouten

    goed = '<p>€ 1.234,56 en € 12</p><td class="getal">1.806,00</td><!-- R-T6 --><script>"R-B2"</script>'
    assert fouten("p", goed) == ([], 2)
    fout = '<p title="zie R-A3">€ 1416850,75 (R-K3)</p><td class="getal">18.00</td>'
    gevonden, gezien = fouten("p", fout)
    assert gezien == 1
    assert gevonden == ["p: € 1416850,75", "p: getalcel '18.00'", "p: regel-ID R-A3", "p: regel-ID R-K3"]
