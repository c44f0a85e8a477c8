"""Reading a declaration file (CSV or Excel) into ``RegelInvoer`` rows for ``verwerk_declaratie``.

Structural problems refuse the whole file with a ``DomainError`` (``constants.Invoerfout``,
DEC110–DEC120) whose Dutch message names the row and column to fix; nothing is stored. What a
line *says* (negative volume, unknown product, a period in the future, another provider's
client, …) is not judged here: the validation service rejects such lines one by one (R-B2).

Accepted: CSV in UTF-8 with or without BOM, ``;`` or ``,`` as delimiter (taken from the header
row), dates as JJJJ-MM-DD or DD-MM-JJJJ, decimals with a comma or a point; or an Excel workbook
(.xlsx, sheet "Declaratie" or else the first sheet). Limits: ``settings.DECLARATIE_MAX_UPLOAD_BYTES``
(checked before the file is read) and ``MAX_REGELS`` lines.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from openpyxl.utils import get_column_letter

from jeugdregie.common.errors import DomainError
from jeugdregie.common.opmaak import getal

from ..constants import DebetCredit, Invoerfout
from .invoer import RegelInvoer

#: At most this many declaration lines per file (split larger files, e.g. per month).
MAX_REGELS = 50_000
#: The columns of the template, in order; the header row must name them (any order).
KOLOMMEN = (
    "referentie",
    "bsn",
    "toewijzing",
    "product",
    "begindatum",
    "einddatum",
    "volume",
    "eenheid",
    "bedrag",
    "debet_credit",
    "credit_referentie",
)
#: Columns that may be left out of the header (every line is then a debit).
OPTIONEEL = ("debet_credit", "credit_referentie")
#: An unpacked workbook may be at most this many times the size limit (zip bombs).
MAX_UITPAKFACTOR = 10

_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_NL = re.compile(r"\d{1,2}-\d{1,2}-\d{4}")
_GETAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_BOM = b"\xef\xbb\xbf"


def _fout(code: Invoerfout, melding: str) -> DomainError:
    return DomainError(code, melding, field="bestand")


def _omvang(aantal: int) -> str:
    """Bytes as a Dutch reader expects them: "100,0 MB", or "980 kB" below a megabyte."""
    if aantal < 1024 * 1024:
        return f"{-(-aantal // 1024)} kB"
    return f"{aantal / (1024 * 1024):.1f} MB".replace(".", ",")


def _duizendtallen(aantal: int) -> str:
    return getal(aantal)


def grens() -> int:
    return int(settings.DECLARATIE_MAX_UPLOAD_BYTES)


def controleer_grootte(grootte: int | None, *, max_bytes: int | None = None) -> None:
    """DEC110: refuse a file or message above the configured size, before it is read."""
    max_bytes = max_bytes or grens()
    if grootte is not None and grootte > max_bytes:
        raise _fout(
            Invoerfout.TE_GROOT,
            f"Het bestand is {_omvang(grootte)}; de grens is {_omvang(max_bytes)}. Splits de declaratie in "
            "kleinere bestanden, bijvoorbeeld per maand, en lever die apart aan.",
        )


def lees_bestand(bestand, *, naam: str = "", max_bytes: int | None = None) -> list[RegelInvoer]:
    """The lines of an uploaded file (anything with ``.name``, ``.size`` and ``.read()``)."""
    max_bytes = max_bytes or grens()
    controleer_grootte(getattr(bestand, "size", None), max_bytes=max_bytes)
    naam = (naam or getattr(bestand, "name", "") or "").lower()
    if naam.endswith(".xlsx"):
        soort = "xlsx"
    elif naam.endswith((".csv", ".txt")):
        soort = "csv"
    else:
        raise _fout(
            Invoerfout.BESTANDSTYPE,
            "Dit bestandstype kan niet worden ingelezen. Lever een CSV-bestand (.csv) of een Excel-werkmap "
            "(.xlsx) aan, bij voorkeur op basis van het sjabloon.",
        )
    data = bestand.read(max_bytes + 1)  # never more than the limit, whatever .size said
    controleer_grootte(len(data), max_bytes=max_bytes)
    if not data.lstrip(_BOM).strip():
        raise _fout(Invoerfout.LEEG, "Het bestand is leeg. Vul het sjabloon met uw declaratieregels.")
    rijen = _xlsx_rijen(data, max_bytes) if soort == "xlsx" else _csv_rijen(data)
    return _naar_regels(rijen)


# --- reading rows -------------------------------------------------------------------------------


def _csv_rijen(data: bytes) -> Iterator[tuple[int, list]]:
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        regel = data[: fout.start].count(b"\n") + 1
        raise _fout(
            Invoerfout.CODERING,
            f"Regel {regel} bevat een teken dat geen UTF-8 is (bijvoorbeeld een é uit een ouder Windows-bestand). "
            "Sla het bestand op als UTF-8: in Excel met 'Opslaan als' en dan 'CSV UTF-8 (door komma's "
            "gescheiden)'.",
        ) from None
    eerste = next((r for r in tekst.splitlines() if r.strip()), "")
    scheiding = ";" if eerste.count(";") >= eerste.count(",") and ";" in eerste else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    try:
        for rij in lezer:
            yield lezer.line_num, rij
    except csv.Error:
        raise _fout(
            Invoerfout.ONLEESBAAR,
            f"Regel {lezer.line_num} kan niet als CSV worden gelezen: de aanhalingstekens kloppen niet. Een waarde "
            f'met een {scheiding} erin staat helemaal tussen dubbele aanhalingstekens; een " in een waarde schrijft '
            'u als "".',
        ) from None


def _xlsx_rijen(data: bytes, max_bytes: int) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    onleesbaar = _fout(
        Invoerfout.ONLEESBAAR,
        "Het Excel-bestand kan niet worden geopend. Sla het op als Excel-werkmap (.xlsx) of als CSV UTF-8.",
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archief:
            uitgepakt = sum(info.file_size for info in archief.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise onleesbaar from None
    if uitgepakt > MAX_UITPAKFACTOR * max_bytes:
        raise _fout(
            Invoerfout.TE_GROOT,
            f"Uitgepakt is de werkmap {_omvang(uitgepakt)}; dat is te groot. Splits de declaratie in kleinere "
            "bestanden.",
        )
    try:
        boek = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise onleesbaar from None
    try:
        blad = boek["Declaratie"] if "Declaratie" in boek.sheetnames else boek.worksheets[0]
        for nummer, rij in enumerate(blad.iter_rows(values_only=True), start=1):
            yield nummer, list(rij)
    finally:
        boek.close()


# --- rows to lines --------------------------------------------------------------------------------


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _kolom(index: int, naam: str) -> str:
    return f"kolom {get_column_letter(index + 1)} ({naam})"


def _kop(rij: list) -> dict[str, int]:
    namen = [str(w).strip().lower().replace(" ", "_") if not _leeg(w) else "" for w in rij]
    while namen and not namen[-1]:
        namen.pop()
    kop: dict[str, int] = {}
    for index, naam in enumerate(namen):
        if naam not in KOLOMMEN:
            raise _fout(
                Invoerfout.KOPREGEL,
                f"Regel 1, {_kolom(index, naam or 'leeg')}: de kopregel kent deze kolom niet. Verwacht worden: "
                f"{', '.join(KOLOMMEN)}. Gebruik de kopregel van het sjabloon.",
            )
        if naam in kop:
            raise _fout(
                Invoerfout.KOPREGEL, f"Regel 1, {_kolom(index, naam)}: deze kolom staat twee keer in de kopregel."
            )
        kop[naam] = index
    ontbreekt = [k for k in KOLOMMEN if k not in kop and k not in OPTIONEEL]
    if ontbreekt:
        raise _fout(
            Invoerfout.KOPREGEL,
            f"Regel 1: de kopregel mist de kolom(men) {', '.join(ontbreekt)}. Gebruik de kopregel van het sjabloon.",
        )
    return kop


def _naar_regels(rijen: Iterable[tuple[int, list]]) -> list[RegelInvoer]:
    kop: dict[str, int] | None = None
    regels: list[RegelInvoer] = []
    for nummer, rij in rijen:
        if all(_leeg(w) for w in rij):
            continue
        if kop is None:
            kop = _kop(rij)
            continue
        _controleer_breedte(nummer, rij, kop)
        if len(regels) >= MAX_REGELS:
            raise _fout(
                Invoerfout.TE_VEEL_REGELS,
                f"Het bestand heeft meer dan {_duizendtallen(MAX_REGELS)} declaratieregels (regel {nummer}). "
                "Splits het in meerdere declaraties, bijvoorbeeld per maand.",
            )
        regels.append(_regel(nummer, rij, kop))
    if not regels:
        raise _fout(
            Invoerfout.LEEG, "Het bestand bevat geen declaratieregels onder de kopregel. Vul per prestatie één regel."
        )
    return regels


def _controleer_breedte(nummer: int, rij: list, kop: dict[str, int]) -> None:
    breedte = len(kop)
    extra = [(i, w) for i, w in enumerate(rij[breedte:], start=breedte) if not _leeg(w)]
    if extra:
        index, waarde = extra[0]
        raise _fout(
            Invoerfout.KOLOMMEN,
            f"Regel {nummer} heeft meer kolommen dan de kopregel ({breedte}): kolom {get_column_letter(index + 1)} "
            f"bevat {str(waarde)[:40]!r}. Staat er een scheidingsteken in een waarde? Zet die waarde dan tussen "
            "dubbele aanhalingstekens.",
        )
    if len(rij) < breedte:
        missend = [naam for naam, i in kop.items() if i >= len(rij)]
        raise _fout(
            Invoerfout.KOLOMMEN,
            f"Regel {nummer} heeft {len(rij)} kolommen, de kopregel {breedte}: {', '.join(missend)} "
            f"{'ontbreekt' if len(missend) == 1 else 'ontbreken'}. "
            "Laat een lege waarde staan als lege kolom (met het scheidingsteken).",
        )


def _regel(nummer: int, rij: list, kop: dict[str, int]) -> RegelInvoer:
    def waarde(naam: str):
        return rij[kop[naam]] if naam in kop and kop[naam] < len(rij) else None

    def plaats(naam: str) -> str:
        return f"Regel {nummer}, {_kolom(kop[naam], naam)}"

    debet_credit = _tekst(waarde("debet_credit")).upper() or DebetCredit.DEBET.value
    if debet_credit not in DebetCredit.values:
        raise _fout(
            Invoerfout.WAARDE,
            f"{plaats('debet_credit')}: {debet_credit!r} is geen indicatie; vul D (debet) of C (credit) in.",
        )
    for naam in ("referentie", "credit_referentie"):
        if len(_tekst(waarde(naam))) > 40:
            raise _fout(Invoerfout.WAARDE, f"{plaats(naam)}: maximaal 40 tekens.")
    return RegelInvoer(
        referentie=_tekst(waarde("referentie")),
        bsn=_bsn(waarde("bsn")),
        toewijzing=_toewijzing(waarde("toewijzing"), plaats("toewijzing")),
        product=_tekst(waarde("product")),
        begindatum=_datum(waarde("begindatum"), plaats("begindatum")),
        einddatum=_datum(waarde("einddatum"), plaats("einddatum")),
        volume=_decimaal(waarde("volume"), plaats("volume")),
        eenheid=_tekst(waarde("eenheid")).lower(),
        bedrag=_decimaal(waarde("bedrag"), plaats("bedrag")),
        debet_credit=debet_credit,
        credit_referentie=_tekst(waarde("credit_referentie")),
    )


# --- values ---------------------------------------------------------------------------------------


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return str(waarde).strip()


def _bsn(waarde) -> str:
    """Excel turns a BSN into a number and drops a leading zero: put it back."""
    if isinstance(waarde, int | float) and not isinstance(waarde, bool) and float(waarde).is_integer():
        return f"{int(waarde):09d}"
    return _tekst(waarde)


def _toewijzing(waarde, plaats: str) -> int | None:
    tekst = _tekst(waarde)
    if not tekst:
        return None
    if not tekst.isdigit():
        raise _fout(
            Invoerfout.GETAL,
            f"{plaats}: {tekst[:40]!r} is geen toewijzingsnummer; vul alleen het nummer van de toewijzing in.",
        )
    return int(tekst)


def _datum(waarde, plaats: str) -> date:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    tekst = _tekst(waarde)
    try:
        if _ISO.fullmatch(tekst):
            jaar, maand, dag = (int(d) for d in tekst.split("-"))
            return date(jaar, maand, dag)
        if _NL.fullmatch(tekst):
            dag, maand, jaar = (int(d) for d in tekst.split("-"))
            return date(jaar, maand, dag)
    except ValueError:
        pass
    leeg = "is leeg" if not tekst else f"{tekst[:40]!r} is geen geldige datum"
    raise _fout(Invoerfout.DATUM, f"{plaats}: {leeg}; gebruik JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2026-04-30.")


def _decimaal(waarde, plaats: str) -> Decimal:
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        return Decimal(waarde)
    if isinstance(waarde, float):
        return Decimal(format(waarde, ".15g"))  # Excel keeps 15 significant digits
    tekst = _tekst(waarde).replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in tekst and "." in tekst:  # the last one is the decimal separator
        duizend = "." if tekst.rfind(",") > tekst.rfind(".") else ","
        tekst = tekst.replace(duizend, "")
    tekst = tekst.replace(",", ".")
    if not _GETAL.fullmatch(tekst):
        leeg = "is leeg" if not tekst else f"{_tekst(waarde)[:40]!r} is geen getal"
        raise _fout(
            Invoerfout.GETAL, f"{plaats}: {leeg}; gebruik cijfers met een komma of punt als decimaalteken, zoals 10,5."
        )
    return Decimal(tekst)
