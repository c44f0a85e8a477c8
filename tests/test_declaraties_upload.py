"""Declaration upload (issue 4 §1–§2, "Bad input"): the CSV/XLSX template round trip, partial
approval, structural faults that refuse the whole file with a DEC11x code and a Dutch message
naming row and column (nothing stored), and content faults rejected per line by the validation
service (R-B2) with nothing approved and the budget ledger unchanged (R-B5)."""

import io
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.test import override_settings
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from jeugdregie.audit.models import AuditRegel
from jeugdregie.budgetten.constants import VASTLEGGINGEN
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.declaraties.services import upload as upload_service
from jeugdregie.declaraties.services.upload import KOLOMMEN, lees_bestand

from .builders.declaraties import KOP, csv_bestand, csv_regel, declareer, regel
from .builders.route import gestart

MB = 1024 * 1024


@pytest.fixture
def toewijzing(route):
    return gestart(route)


def upload(client, route, inhoud: bytes, *, naam="declaratie.csv", nummer="UPL-1", gemeente="zwolle", wie="aanbieder"):
    client.force_login(route["gebruikers"][wie])
    return client.post(
        "/declaraties/uploaden/",
        {"gemeente": route[gemeente].pk, "nummer": nummer, "bestand": SimpleUploadedFile(naam, inhoud)},
    )


def stand_van_alles():
    """Everything an upload could change: declarations, lines and the budget ledger's spend (the
    allocation's own commitment, R-B7, exists from the decision on and is not an upload's)."""
    besteed = Budgetmutatie.objects.exclude(soort__in=VASTLEGGINGEN)
    standen = Budgetstand.objects.exclude(goedgekeurd=0, vrijgevallen=0)
    return (
        Declaratie.objects.count(),
        Declaratieregel.objects.count(),
        list(besteed.values_list("toewijzing_id", "soort", "bedrag").order_by("id")),
        list(standen.values_list("toewijzing_id", "goedgekeurd", "vrijgevallen").order_by("id")),
    )


def uitkomst(antwoord):
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    pk = int(antwoord["Location"].rsplit("=", 1)[1])
    return Declaratie.objects.get(pk=pk)


# --- template round trip ---------------------------------------------------------------------


def test_csv_sjabloon_rondgang(client, route, toewijzing):
    """Issue 4 §1: the CSV template (UTF-8 BOM, ;) filled with valid lines is approved in full (R-B1)."""
    client.force_login(route["gebruikers"]["aanbieder"])
    sjabloon = client.get("/declaraties/sjabloon.csv")
    assert sjabloon.status_code == 200 and sjabloon["Content-Type"].startswith("text/csv")
    tekst = sjabloon.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    kop, voorbeeld = tekst.lstrip("\ufeff").splitlines()
    assert kop == KOP
    assert voorbeeld.startswith("VOORBEELD-0001;123456782;12345;45A03;")
    gevuld = csv_bestand(csv_regel(toewijzing, "R1"), csv_regel(toewijzing, "R2", maand=(2026, 5), uren="2.5"), kop=kop)
    declaratie = uitkomst(upload(client, route, gevuld))
    assert [(r.referentie, r.status, r.bedrag) for r in declaratie.regels.all()] == [
        ("R1", "goedgekeurd", Decimal("860.00")),
        ("R2", "goedgekeurd", Decimal("215.00")),
    ]
    assert (declaratie.bron, declaratie.nummer) == ("upload", "UPL-1")
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("1075.00")


def test_xlsx_sjabloon_rondgang(client, route, toewijzing):
    """Issue 4 §1: the Excel template has the header, an example row and a sheet explaining each
    column with the catalog's product codes and units; filled in, its lines are approved."""
    client.force_login(route["gebruikers"]["aanbieder"])
    antwoord = client.get("/declaraties/sjabloon.xlsx")
    assert antwoord.status_code == 200
    boek = load_workbook(io.BytesIO(antwoord.content))
    assert boek.sheetnames == ["Declaratie", "Toelichting"]
    blad = boek["Declaratie"]
    assert [c.value for c in blad[1]] == list(KOLOMMEN)
    assert blad["A2"].value == "VOORBEELD-0001" and blad["D2"].value == "45A03"
    toelichting = [[c for c in rij if c is not None] for rij in boek["Toelichting"].iter_rows(values_only=True)]
    assert toelichting[7][:2] == ["volume", "ja"] and "groter dan 0" in toelichting[7][2]
    assert next(r[:2] for r in toelichting if r and r[0] == "45A03") == ["45A03", "uur"]
    assert next(r[:2] for r in toelichting if r and r[0] == "44W05") == ["44W05", "etmaal"]

    r1, r2 = regel(toewijzing, "X1"), regel(toewijzing, "X2", maand=(2026, 5), uren="1.5")
    for rij, r in ((2, r1), (3, r2)):
        waarden = [r.referentie, r.bsn, r.toewijzing, r.product, r.begindatum, r.einddatum]
        waarden += [float(r.volume), r.eenheid, float(r.bedrag), "D", None]
        for kolom, waarde in enumerate(waarden, start=1):
            blad.cell(row=rij, column=kolom, value=waarde)
    buffer = io.BytesIO()
    boek.save(buffer)
    declaratie = uitkomst(upload(client, route, buffer.getvalue(), naam="gevuld.xlsx"))
    assert [(r.referentie, r.status) for r in declaratie.regels.all()] == [("X1", "goedgekeurd"), ("X2", "goedgekeurd")]
    assert declaratie.goedgekeurd_bedrag == Decimal("989.00")  # 10 × 86 + 1.5 × 86


def test_xlsx_bsn_als_getal_krijgt_voorloopnul_terug():
    """Excel stores a BSN typed in a general cell as a number and drops its leading zero."""
    boek = Workbook()
    blad = boek.active
    blad.append(list(KOLOMMEN))
    blad.append(["R1", 12345672, 7, "45A03", date(2026, 4, 1), "30-04-2026", 10, "uur", 860, None, None])
    buffer = io.BytesIO()
    boek.save(buffer)
    [r] = lees_bestand(SimpleUploadedFile("d.xlsx", buffer.getvalue()))
    assert (r.bsn, r.toewijzing, r.einddatum, r.volume, r.bedrag, r.debet_credit) == (
        "012345672",
        7,
        date(2026, 4, 30),
        Decimal("10"),
        Decimal("860"),
        "D",
    )


def test_komma_csv_met_punt_decimalen_en_zonder_bom(route, toewijzing):
    """Issue 4 §2: the delimiter is taken from the header; dates ISO or Dutch; decimal point or comma."""
    inhoud = csv_bestand(csv_regel(toewijzing, "R1", scheiding=",", uren="7.25"), kop=",".join(KOLOMMEN), bom=False)
    [r] = lees_bestand(SimpleUploadedFile("d.csv", inhoud))
    assert (r.volume, r.bedrag, r.begindatum, r.einddatum) == (
        Decimal("7.25"),
        Decimal("623.50"),
        date(2026, 4, 1),
        date(2026, 4, 30),
    )


# --- partial approval, replay -----------------------------------------------------------------


def test_deels_goedgekeurd_via_upload(client, route, toewijzing):
    """R-B2: the valid line approved, the invalid one rejected with its code; the page shows the
    counts, the approved amount, the Dutch explanation and a link to the declaration."""
    inhoud = csv_bestand(csv_regel(toewijzing, "R1"), csv_regel(toewijzing, "R2", maand=(2026, 3), uren="-2"))
    declaratie = uitkomst(upload(client, route, inhoud))
    assert [(r.status, r.afkeur) for r in declaratie.regels.all()] == [("goedgekeurd", ""), ("afgekeurd", "DEC013")]
    pagina = client.get(f"/declaraties/uploaden/?declaratie={declaratie.pk}").content.decode()
    assert "1 goedgekeurd" in pagina and "1 afgekeurd" in pagina
    assert "€ 860,00 goedgekeurd" in pagina
    assert "Het volume moet groter zijn dan 0" in pagina
    assert f'href="/declaraties/{declaratie.pk}/"' in pagina
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")
    assert AuditRegel.objects.filter(actie="aanmaken", objecttype="declaraties.Declaratie").count() == 1


def test_zelfde_upload_nogmaals_keurt_niets_dubbel_goed(client, route, toewijzing):
    """R-B5: the same file with the same number gives the first outcome; another file with that
    number is refused with DEC100 on the number field and stores nothing."""
    inhoud = csv_bestand(csv_regel(toewijzing, "R1"))
    eerste = uitkomst(upload(client, route, inhoud))
    tweede = uitkomst(upload(client, route, inhoud))
    assert tweede.pk == eerste.pk and Declaratieregel.objects.count() == 1
    voor = stand_van_alles()
    anders = upload(client, route, csv_bestand(csv_regel(toewijzing, "R1", uren="9", bedrag=Decimal("774.00"))))
    assert anders.status_code == 200
    assert "al ingediend met andere regels" in anders.content.decode() and "DEC100" in anders.content.decode()
    assert stand_van_alles() == voor


def test_andere_uploads_toont_geen_uitkomst_van_een_ander(client, route, toewijzing):
    """R-P1: the outcome shown on the upload page is scoped like everything else."""
    declaratie = uitkomst(upload(client, route, csv_bestand(csv_regel(toewijzing))))
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    pagina = client.get(f"/declaraties/uploaden/?declaratie={declaratie.pk}")
    assert pagina.status_code == 200 and "is verwerkt" not in pagina.content.decode()


# --- structural faults: the whole file refused, nothing stored --------------------------------


def _geldig(tw) -> str:
    return csv_regel(tw, "R1")


def _met_kolom(regel: str, kolom: int, waarde: str) -> str:
    """The line with one column replaced (not every field that happens to hold the same text: an
    allocation's id can be 10 too, as on PostgreSQL when earlier tests committed)."""
    velden = regel.split(";")
    velden[kolom] = waarde
    return ";".join(velden)


@pytest.mark.parametrize(
    ("maak", "naam", "code", "melding"),
    [
        (
            lambda tw: (KOP + "\r\n" + _geldig(tw).replace("R1", "Café") + "\r\n").encode("latin-1"),
            "d.csv",
            "DEC113",
            "Sla het bestand op als UTF-8",
        ),
        (lambda tw: csv_bestand(_geldig(tw), kop=KOP.replace("volume;", "")), "d.csv", "DEC114", "mist de kolom"),
        (
            lambda tw: csv_bestand(_geldig(tw), kop=KOP.replace("toewijzing", "toewijzingnr")),
            "d.csv",
            "DEC114",
            "Regel 1, kolom C (toewijzingnr)",
        ),
        (
            lambda tw: csv_bestand(_geldig(tw).replace("01-04-2026", "31-02-2026")),
            "d.csv",
            "DEC116",
            "Regel 2, kolom E (begindatum): &#x27;31-02-2026&#x27; is geen geldige datum",
        ),
        (
            lambda tw: csv_bestand(_geldig(tw), _met_kolom(_geldig(tw), 6, "tien")),
            "d.csv",
            "DEC117",
            "Regel 3, kolom G (volume): &#x27;tien&#x27; is geen getal",
        ),
        (lambda tw: csv_bestand(_geldig(tw) + ";te veel"), "d.csv", "DEC115", "Regel 2 heeft meer kolommen"),
        (
            lambda tw: csv_bestand(_geldig(tw).rsplit(";", 2)[0]),
            "d.csv",
            "DEC115",
            "debet_credit, credit_referentie ontbreken",
        ),
        (lambda tw: csv_bestand(_geldig(tw).replace(";uur;", ';"uur;')), "d.csv", "DEC120", "aanhalingstekens"),
        (lambda tw: csv_bestand(_geldig(tw).replace(";D;", ";X;")), "d.csv", "DEC118", "vul D (debet) of C"),
        (lambda tw: b"", "d.csv", "DEC111", "Het bestand is leeg"),
        (lambda tw: csv_bestand(), "d.csv", "DEC111", "geen declaratieregels onder de kopregel"),
        (lambda tw: b"%PDF-1.7 ...", "d.pdf", "DEC112", "CSV-bestand (.csv) of een Excel-werkmap"),
        (lambda tw: b"PK\x03\x04 geen werkmap", "d.xlsx", "DEC120", "Het Excel-bestand kan niet worden geopend"),
    ],
    ids=[
        "latin1",
        "kolom-mist",
        "verkeerde-kop",
        "datum",
        "getal",
        "te-veel-kolommen",
        "te-weinig-kolommen",
        "aanhalingsteken",
        "debet-credit",
        "leeg",
        "alleen-kop",
        "pdf",
        "kapotte-xlsx",
    ],
)
def test_structurele_fout_weigert_het_hele_bestand(client, route, toewijzing, maak, naam, code, melding):
    """Bad input: a clear Dutch message naming the row and column, the code, and nothing stored —
    also not the valid line in the same file."""
    voor = stand_van_alles()
    antwoord = upload(client, route, maak(toewijzing), naam=naam)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert melding in inhoud and f"({code})" in inhoud
    assert stand_van_alles() == voor == (0, 0, [], [])


def test_te_veel_regels(monkeypatch, toewijzing):
    """Issue 4 §2: more lines than MAX_REGELS (50,000; lowered here) refuse the file (DEC119)."""
    monkeypatch.setattr(upload_service, "MAX_REGELS", 2)
    inhoud = csv_bestand(*(csv_regel(toewijzing, f"R{i}") for i in range(3)))
    with pytest.raises(DomainError) as fout:
        lees_bestand(SimpleUploadedFile("d.csv", inhoud))
    assert fout.value.code == "DEC119" and "meer dan 2 declaratieregels (regel 4)" in fout.value.message
    assert (
        len(lees_bestand(SimpleUploadedFile("d.csv", csv_bestand(*(csv_regel(toewijzing, "R") for _ in range(2))))))
        == 2
    )


# --- size limit ---------------------------------------------------------------------------------


class NietTeLezen(io.BytesIO):
    def read(self, *args):
        raise AssertionError("een te groot bestand mag niet worden gelezen")


def test_bestand_van_100_mb_wordt_geweigerd_voordat_het_wordt_gelezen():
    """Issue 4 Bad input: a 100 MB file is refused on its size alone (default limit 20 MiB)."""
    bestand = UploadedFile(file=NietTeLezen(), name="groot.csv", size=100 * MB)
    with pytest.raises(DomainError) as fout:
        lees_bestand(bestand)
    assert fout.value.code == "DEC110"
    assert fout.value.message.startswith("Het bestand is 100,0 MB; de grens is 20,0 MB.")


def test_bestand_dat_over_zijn_grootte_liegt_wordt_niet_verder_gelezen(settings):
    settings.DECLARATIE_MAX_UPLOAD_BYTES = 100
    bestand = UploadedFile(file=io.BytesIO(b"x" * 10_000), name="d.csv", size=10)
    with pytest.raises(DomainError) as fout:
        lees_bestand(bestand)
    assert fout.value.code == "DEC110" and bestand.file.tell() == 101


@override_settings(DECLARATIE_MAX_UPLOAD_BYTES=1000)
def test_grens_uit_de_instelling_via_de_pagina(client, route, toewijzing):
    """The configured limit (lowered to 1 kB here) is applied on the page: clear message, nothing stored."""
    inhoud = csv_bestand(*(csv_regel(toewijzing, f"R{i}", maand=(2026, 3 + i % 2)) for i in range(20)))
    assert len(inhoud) > 1000
    antwoord = upload(client, route, inhoud)
    assert antwoord.status_code == 200
    assert "de grens is 1 kB." in antwoord.content.decode() and "(DEC110)" in antwoord.content.decode()
    assert "bestand" not in antwoord.wsgi_request.FILES
    assert stand_van_alles() == (0, 0, [], [])


class MultipartStroom(io.RawIOBase):
    """A multipart/form-data body whose file part is ``grootte`` bytes of CSV lines, generated while
    Django reads it: a 100 MB upload without allocating 100 MB in the test."""

    GRENS = "----jeugdregie-grens"

    def __init__(self, velden: dict, grootte: int):
        kop = "".join(
            f'--{self.GRENS}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in velden.items()
        )
        kop += (
            f'--{self.GRENS}\r\nContent-Disposition: form-data; name="bestand"; filename="groot.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        )
        self.kop, self.staart = kop.encode(), f"\r\n--{self.GRENS}--\r\n".encode()
        self.grootte, self.positie = grootte, 0
        self.blok = (b"R;123456782;1;45A03;2026-04-01;2026-04-30;10;uur;860;D;\r\n" * 2000)[: 64 * 1024]
        self.lengte = len(self.kop) + grootte + len(self.staart)

    def readable(self):
        return True

    def read(self, n=-1):
        if n is None or n < 0:
            n = self.lengte - self.positie
        stukken, over = [], min(n, self.lengte - self.positie)
        while over > 0:
            p = self.positie
            if p < len(self.kop):
                stuk = self.kop[p : p + over]
            elif p < len(self.kop) + self.grootte:
                begin = (p - len(self.kop)) % len(self.blok)
                stuk = self.blok[begin : begin + min(over, len(self.kop) + self.grootte - p)]
            else:
                begin = p - len(self.kop) - self.grootte
                stuk = self.staart[begin : begin + over]
            stukken.append(stuk)
            self.positie += len(stuk)
            over -= len(stuk)
        return b"".join(stukken)


def test_upload_van_100_mb_via_de_pagina_krijgt_de_duidelijke_melding(client, route, toewijzing):
    """Issue 4 Bad input: a real 100 MB multipart upload through the page, with Django's own upload
    settings in place, gets the DEC110 message; the file is neither kept in memory nor stored."""
    client.force_login(route["gebruikers"]["aanbieder"])
    stroom = MultipartStroom({"gemeente": route["zwolle"].pk, "nummer": "UPL-GROOT"}, 100 * MB)
    client.get("/declaraties/uploaden/")  # warm up: imports and templates do not count
    tracemalloc.start()
    try:
        antwoord = client.post(
            "/declaraties/uploaden/",
            **{
                "wsgi.input": stroom,
                "CONTENT_LENGTH": str(stroom.lengte),
                "CONTENT_TYPE": f"multipart/form-data; boundary={MultipartStroom.GRENS}",
            },
        )
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Het bestand is 100,0 MB; de grens is 20,0 MB." in inhoud and "(DEC110)" in inhoud
    assert stroom.positie == stroom.lengte  # the whole body was read (and dropped), so the reply arrives
    assert "bestand" not in antwoord.wsgi_request.FILES  # the size guard dropped it: no temporary file
    assert piek < 5 * MB  # neither the 100 MB nor the first 20 MB of it were held in memory
    assert stand_van_alles() == (0, 0, [], [])


# --- content faults: rejected per line, nothing approved, ledger unchanged ----------------------


def _volgende_maand():
    vandaag = timezone.localdate()
    return ((vandaag.replace(day=28) + timedelta(days=4)).year, (vandaag.replace(day=28) + timedelta(days=4)).month)


@pytest.mark.parametrize(
    ("wie", "wijziging", "code", "melding"),
    [
        ("aanbieder", {"uren": "-3"}, "DEC013", "Het volume moet groter zijn dan 0"),
        ("aanbieder", {"product": "99X99"}, "DEC004", "staat niet in de catalogus"),
        ("aanbieder", {"maand": "volgende"}, "DEC011", "declareer geleverde zorg"),
        ("andere_aanbieder", {}, "DEC001", "niet aan u toegewezen"),
        ("aanbieder", {"bedrag": Decimal("861.00")}, "DEC015", "volume × tarief"),
    ],
    ids=["negatief-volume", "onbekend-product", "toekomst", "client-andere-aanbieder", "bedrag"],
)
def test_inhoudelijke_fout_keurt_alleen_de_regel_af(client, route, toewijzing, wie, wijziging, code, melding):
    """R-B2: a line with a content fault is rejected with its code and Dutch explanation; nothing
    is approved for it and the budget ledger does not move (R-B5)."""
    # the ledger exists and holds € 860
    declareer(route, [regel(toewijzing, "EERDER", maand=(2026, 5))], ingediend_op=timezone.now())
    if wijziging.get("maand") == "volgende":
        wijziging["maand"] = _volgende_maand()
    voor_ledger = stand_van_alles()[2:]
    declaratie = uitkomst(upload(client, route, csv_bestand(csv_regel(toewijzing, "NIEUW", **wijziging)), wie=wie))
    [nieuw] = declaratie.regels.all()
    assert (nieuw.status, nieuw.afkeur) == ("afgekeurd", code) and melding in nieuw.toelichting
    assert declaratie.goedgekeurd_bedrag == Decimal("0.00")
    assert stand_van_alles()[2:] == voor_ledger
    assert Budgetstand.objects.get(toewijzing=toewijzing).goedgekeurd == Decimal("860.00")


# --- access ---------------------------------------------------------------------------------------


def test_alleen_een_aanbieder_uploadt(client, route, toewijzing):
    for wie in ("toegang", "financieel", "contractmanager"):
        antwoord = upload(client, route, csv_bestand(csv_regel(toewijzing)), wie=wie)
        assert antwoord.status_code == 403
    assert stand_van_alles() == (0, 0, [], [])


def test_anoniem_naar_inloggen(client, route):
    for url in ("/declaraties/uploaden/", "/declaraties/sjabloon.csv", "/declaraties/sjabloon.xlsx"):
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_uploadpagina_biedt_sjablonen_en_stelt_nummer_voor(client, route):
    client.force_login(route["gebruikers"]["aanbieder"])
    pagina = client.get("/declaraties/uploaden/").content.decode()
    assert 'href="/declaraties/sjabloon.xlsx"' in pagina and 'href="/declaraties/sjabloon.csv"' in pagina
    assert f'value="UPL-{timezone.localtime():%Y%m%d}-' in pagina
    assert 'enctype="multipart/form-data"' in pagina
