"""R-V1/R-V2: the production statement per provider per year, per municipality and product,
reconciled against declarations, payments and allocations; its exports, its drill-down to the
lines, who sees what, and the submission with its timeliness."""

import csv
import io
import re
import zlib
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from jeugdregie.audit.models import AuditRegel
from jeugdregie.betalingen.models import Betaalbatch, Betaalpost
from jeugdregie.betalingen.services.batch import keur_goed, maak_batch
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.verantwoording.models import Productieverantwoording
from jeugdregie.verantwoording.services.indienen import dien_verantwoording_in
from jeugdregie.verantwoording.services.productie import productieverantwoording
from jeugdregie.verantwoording.services.reconciliatie import reconcilieer
from jeugdregie.verwijzingen.models import Keuzebudget

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .factories import GebruikerFactory

TZ = ZoneInfo("Europe/Amsterdam")
GOED = Decimal


@pytest.fixture(autouse=True)
def _geen_onderdrukking(settings):
    """These tests check the statement's figures for every role on two or three young people;
    with the default threshold the regional roles would see "<5". Small-cell suppression of the
    statement is tested in tests/test_beheersing_onthulling.py (issue 14 §7)."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1


def _op(*args):
    return datetime(*args, 10, 0, tzinfo=TZ)


@pytest.fixture
def productie(route):
    """A provider's 2026 in Zwolle and Deventer (TG3 € 86/h):

    Zwolle — R1 April 10 h approved and paid (May batch approved); R2 May 5 h approved and
    credited in full (C2); R3 June rejected (amount ≠ volume × tariff); R4 December 8 h approved,
    submitted in January 2027; R5 January 2027 2 h (year 2027). Deventer — V1 April 3 h approved,
    in a batch that is prepared but not approved (so not paid)."""
    zwolle_tw = gestart(route)
    deventer_tw = gestart(route, door="toegang_andere_gemeente", jeugdige=route["jeugdige_deventer"])
    declareer(route, [regel(zwolle_tw, "R1", uren="10", maand=(2026, 4))], nummer="D-1", ingediend_op=_op(2026, 5, 6))
    declareer(
        route,
        [regel(deventer_tw, "V1", uren="3", maand=(2026, 4))],
        nummer="D-7",
        gemeente="deventer",
        ingediend_op=_op(2026, 5, 6),
    )
    declareer(route, [regel(zwolle_tw, "R2", uren="5", maand=(2026, 5))], nummer="D-2", ingediend_op=_op(2026, 6, 3))
    declareer(
        route,
        [regel(zwolle_tw, "C2", uren="5", maand=(2026, 5), debet_credit="C", credit_referentie="R2")],
        nummer="D-3",
        ingediend_op=_op(2026, 6, 10),
    )
    declareer(
        route,
        [regel(zwolle_tw, "R3", maand=(2026, 6), bedrag=Decimal("861.00"))],
        nummer="D-4",
        ingediend_op=_op(2026, 7, 2),
    )
    declareer(route, [regel(zwolle_tw, "R4", uren="8", maand=(2026, 12))], nummer="D-5", ingediend_op=_op(2027, 1, 5))
    declareer(route, [regel(zwolle_tw, "R5", uren="2", maand=(2027, 1))], nummer="D-6", ingediend_op=_op(2027, 2, 3))

    for gemeente in (route["zwolle"], route["deventer"]):
        gemeente.iban = "NL91ABNA0417164300"
        gemeente.save()
    route["aanbieder"].iban = "NL20INGB0001234567"
    route["aanbieder"].save()
    maker = route["gebruikers"]["financieel"]
    checker = GebruikerFactory(financieel_rol=True, gemeente=route["zwolle"])
    mei = maak_batch(gemeente=route["zwolle"], jaar=2026, maand=5, door=maker, nu=_op(2026, 6, 1))
    keur_goed(batch=mei, door=checker, nu=_op(2026, 6, 2))
    deventer_fin = GebruikerFactory(financieel_rol=True, gemeente=route["deventer"])
    maak_batch(gemeente=route["deventer"], jaar=2026, maand=5, door=deventer_fin, nu=_op(2026, 6, 1))
    route["gebruikers"]["financieel_deventer"] = deventer_fin
    route["toewijzing_zwolle"], route["toewijzing_deventer"] = zwolle_tw, deventer_tw
    return route


def _rijen(cijfers):
    return {
        (r.gemeente, r.productcode): (r.aantal_regels, r.volume, r.gedeclareerd, r.afgekeurd, r.goedgekeurd, r.betaald)
        for r in cijfers.rijen
    }


VERWACHT_2026 = {
    ("Zwolle", "45A03"): (4, GOED("18.00"), GOED("1978.00"), GOED("0.00"), GOED("1548.00"), GOED("860.00")),
    ("Zwolle", ""): (1, GOED("0.00"), GOED("861.00"), GOED("861.00"), GOED("0.00"), GOED("0.00")),
    ("Deventer", "45A03"): (1, GOED("3.00"), GOED("258.00"), GOED("0.00"), GOED("258.00"), GOED("0.00")),
}


def test_cijfers_per_gemeente_en_product(productie):
    """R-V1: volume and approved net of credits; declared = every submitted debit (approved or
    rejected); paid = approved lines in an approved batch only."""
    cijfers = productieverantwoording(aanbieder=productie["aanbieder"], jaar=2026)
    assert _rijen(cijfers) == VERWACHT_2026
    t = cijfers.totalen
    assert (t.aantal_regels, t.gedeclareerd, t.afgekeurd, t.goedgekeurd, t.betaald) == (
        6,
        GOED("3097.00"),
        GOED("861.00"),
        GOED("1806.00"),
        GOED("860.00"),
    )
    assert cijfers.illustratief  # the catalog's 2022 tariffs are illustrative (SPEC §3.6)


def test_jaar_volgt_de_begindatum_van_de_levering(productie):
    """R-V1: December 2026 care submitted in January 2027 counts in 2026; January 2027 in 2027."""
    cijfers = productieverantwoording(aanbieder=productie["aanbieder"], jaar=2027)
    assert _rijen(cijfers) == {
        ("Zwolle", "45A03"): (1, GOED("2.00"), GOED("172.00"), GOED("0.00"), GOED("172.00"), GOED("0.00"))
    }
    assert productieverantwoording(aanbieder=productie["aanbieder"], jaar=2025).rijen == []


def test_reconciliatie_klopt(productie):
    """R-V1: totals = lines, paid = posts of approved batches, ledger = approved lines ≤ budget."""
    r = reconcilieer(productie["aanbieder"], 2026)
    assert r.klopt, r.verschillen
    assert (r.betaalposten, r.toewijzingen) == (1, 2)


def test_reconciliatie_vindt_een_gewijzigd_regelbedrag(productie):
    """R-V1: a line amount changed behind the services' back no longer matches the budget ledger
    nor the payment it was paid in."""
    Declaratieregel.objects.filter(referentie="R1").update(bedrag=Decimal("900.00"))
    r = reconcilieer(productie["aanbieder"], 2026)
    assert not r.klopt
    tw = productie["toewijzing_zwolle"].pk
    assert {(v.soort, v.waar, v.verwacht, v.gevonden) for v in r.verschillen} == {
        ("budgetstand", f"toewijzing {tw}", GOED("1760.00"), GOED("1720.00")),
        (
            "betaalpost",
            f"betaalpost {Betaalpost.objects.get(batch__status='goedgekeurd').pk}",
            GOED("900.00"),
            GOED("860.00"),
        ),
    }


def test_reconciliatie_vindt_een_gewijzigde_betaalpost(productie):
    """R-V1: a paid post whose amount no longer equals its lines."""
    post = Betaalpost.objects.get(batch__status="goedgekeurd")
    Betaalpost.objects.filter(pk=post.pk).update(bedrag=Decimal("1.00"))
    r = reconcilieer(productie["aanbieder"], 2026)
    assert [(v.soort, v.waar, v.verwacht, v.gevonden) for v in r.verschillen] == [
        ("betaalpost", f"betaalpost {post.pk}", GOED("860.00"), GOED("1.00"))
    ]


def _augustus_met_afgekeurde_regel(route):
    """Submitted in August 2026: one declaration with R6 (July, approved, 2 h) and R7 (July,
    rejected: wrong amount); its batch prepared and approved after August has ended."""
    tw = route["toewijzing_zwolle"]
    declareer(
        route,
        [regel(tw, "R6", uren="2", maand=(2026, 7)), regel(tw, "R7", maand=(2026, 7), bedrag=Decimal("1.00"))],
        nummer="D-9",
        ingediend_op=_op(2026, 8, 14),
    )
    checker = GebruikerFactory(financieel_rol=True, gemeente=route["zwolle"])
    augustus = maak_batch(
        gemeente=route["zwolle"], jaar=2026, maand=8, door=route["gebruikers"]["financieel"], nu=_op(2026, 9, 1)
    )
    return keur_goed(batch=augustus, door=checker, nu=_op(2026, 9, 2))


def test_afgekeurde_regel_in_een_betaalde_declaratie_is_niet_betaald(client, productie):
    """R-V1: a batch takes whole declarations but pays only their approved lines: the rejected
    R7 in the paid declaration D-9 is declared and rejected, never paid."""
    augustus = _augustus_met_afgekeurde_regel(productie)
    assert Declaratieregel.objects.get(referentie="R7").declaratie.batchdeclaratie.betaalbatch == augustus
    cijfers = productieverantwoording(aanbieder=productie["aanbieder"], jaar=2026)
    assert (cijfers.totalen.betaald, cijfers.totalen.afgekeurd) == (GOED("1032.00"), GOED("862.00"))
    r = reconcilieer(productie["aanbieder"], 2026)
    assert r.klopt, r.verschillen
    assert r.betaalposten == 2
    client.force_login(productie["gebruikers"]["financieel"])
    agb = productie["aanbieder"].agb_code
    afgekeurd = client.get(f"/api/v1/productieregels/?aanbieder={agb}&jaar=2026&gemeente=0193").json()["results"]
    assert [(r["referentie"], r["betaald"], r["betaalbatch"]) for r in afgekeurd if r["referentie"] == "R7"] == [
        ("R7", False, None)
    ]


def test_reconciliatie_vindt_een_goedgekeurd_gemaakte_regel(productie):
    """R-V1: a rejected line turned approved behind the services' back now counts as paid, and
    its post's amount and count no longer match its lines."""
    augustus = _augustus_met_afgekeurde_regel(productie)
    Declaratieregel.objects.filter(referentie="R7").update(status="goedgekeurd")
    post = Betaalpost.objects.get(batch=augustus)
    verschillen = {
        (v.soort, v.waar, v.verwacht, v.gevonden) for v in reconcilieer(productie["aanbieder"], 2026).verschillen
    }
    assert ("betaalpost", f"betaalpost {post.pk}", GOED("173.00"), GOED("172.00")) in verschillen
    assert ("betaalpost_aantal", f"betaalpost {post.pk}", GOED("2"), GOED("1")) in verschillen


def test_reconciliatie_vindt_goedkeuring_boven_keuzebudget(productie):
    """R-V1 against allocations: approved amount per allocation ≤ its keuzebudget."""
    Keuzebudget.objects.filter(toewijzingen=productie["toewijzing_zwolle"]).update(bedrag=Decimal("1000.00"))
    r = reconcilieer(productie["aanbieder"], 2026)
    assert [(v.soort, v.verwacht, v.gevonden) for v in r.verschillen] == [
        ("keuzebudget", GOED("1000.00"), GOED("1720.00"))
    ]


# --- exports --------------------------------------------------------------------------------


def _url(route, jaar=2026, rest=""):
    return f"/verantwoording/productie/{route['aanbieder'].pk}/{jaar}/{rest}"


def _uit_export(rijen):
    kop, *data = rijen
    gegevens = {
        # CSV writes Dutch numbers (decimal comma, issue 19 §5); XLSX keeps numbers
        (r[1], r[2] or ""): (int(r[5]), *(Decimal(str(v).replace(",", ".")).quantize(Decimal("0.01")) for v in r[6:11]))
        for r in data[:-1]
    }
    return kop, gegevens, data[-1]


def test_export_csv_en_xlsx_geven_dezelfde_cijfers(client, productie):
    """R-V1: both exports parse back to the statement, with the total row."""
    client.force_login(productie["gebruikers"]["aanbieder"])
    tekst = client.get(_url(productie) + "?export=csv").content.decode("utf-8-sig")
    kop, gegevens, totaal = _uit_export(list(csv.reader(io.StringIO(tekst), delimiter=";")))
    assert kop[:3] == ["Jaar", "Gemeente", "Productcode"]
    assert gegevens == VERWACHT_2026
    assert totaal[7:11] == ["3097,00", "861,00", "1806,00", "860,00"]
    boek = load_workbook(io.BytesIO(client.get(_url(productie) + "?export=xlsx").content))
    _, gegevens, totaal = _uit_export([list(r) for r in boek.active.iter_rows(values_only=True)])
    assert gegevens == VERWACHT_2026
    assert [Decimal(str(v)) for v in totaal[7:11]] == [GOED("3097"), GOED("861"), GOED("1806"), GOED("860")]


def _pdf_objecten(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated (no PDF library needed)."""
    inhoud = pdf
    for begin in re.finditer(rb"stream\r?\n", pdf):
        einde = pdf.find(b"endstream", begin.end())
        try:
            inhoud += zlib.decompress(pdf[begin.end() : einde])
        except zlib.error:
            continue
    return inhoud


def test_export_pdf_is_een_pdf(client, productie):
    """R-V1: the statement as PDF (WeasyPrint, A4 landscape) with its header and fonts (text)."""
    client.force_login(productie["gebruikers"]["contractmanager"])
    antwoord = client.get(_url(productie) + "?export=pdf")
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")
    objecten = _pdf_objecten(antwoord.content)
    kop = f"Productieverantwoording {productie['aanbieder'].naam} 2026".encode()
    assert b"/Title (" + kop + b")" in objecten  # the h1, as the PDF outline entry
    assert b"/MediaBox [0 0 841.889764 595.275591]" in objecten  # A4 landscape
    assert b"/Font" in objecten


# --- pages, API and scope ----------------------------------------------------------------------


def test_pagina_toont_cijfers_reconciliatie_en_illustratief(client, productie):
    client.force_login(productie["gebruikers"]["aanbieder"])
    inhoud = client.get(_url(productie)).content.decode()
    assert f"Productieverantwoording {productie['aanbieder'].naam} 2026" in inhoud
    assert "€ 1.806,00" in inhoud and "Deventer" in inhoud
    assert "Klopt" in inhoud and "illustratieve tarieven" in inhoud


def test_andere_aanbieder_krijgt_404(client, productie):
    """R-P1: provider B cannot see provider A's statement (page, API and drill-down)."""
    client.force_login(productie["gebruikers"]["andere_aanbieder"])
    assert client.get(_url(productie)).status_code == 404
    assert client.get(_url(productie) + "?export=csv").status_code == 404
    agb = productie["aanbieder"].agb_code
    assert client.get(f"/api/v1/productieverantwoordingen/?aanbieder={agb}&jaar=2026").status_code == 404
    regels = _url(productie, rest=f"regels/?gemeente={productie['zwolle'].pk}&product=")
    assert client.get(regels).status_code == 404


def test_financieel_ziet_alleen_de_regels_van_de_eigen_gemeente(client, productie):
    """R-V1, R-P1: finance of Zwolle sees Zwolle's rows of every provider, not Deventer's."""
    client.force_login(productie["gebruikers"]["financieel"])
    inhoud = client.get(_url(productie)).content.decode()
    assert "U ziet alleen de regels van Zwolle" in inhoud and "Deventer" not in inhoud
    api = client.get(f"/api/v1/productieverantwoordingen/?aanbieder={productie['aanbieder'].agb_code}&jaar=2026").json()
    assert {r["gemeente"] for r in api["rijen"]} == {"Zwolle"}
    assert api["totalen"]["goedgekeurd"] == "1548.00" and api["alleen_gemeente"] == "0193"
    assert api["reconciliatie"]["klopt"] is True
    tekst = client.get(_url(productie) + "?export=csv").content.decode("utf-8-sig")
    assert "Deventer" not in tekst


def test_regiorollen_zien_alles_maar_geen_regels(client, productie):
    """R-V1: regional roles see every municipality's aggregates; the drill-down shows BSN-bearing
    lines and is refused to them."""
    for rol in ("contractmanager", "beleid", "bestuurder", "beheerder"):
        client.force_login(productie["gebruikers"][rol])
        api = client.get(f"/api/v1/productieverantwoordingen/?aanbieder={productie['aanbieder'].agb_code}&jaar=2026")
        assert api.status_code == 200 and api.json()["totalen"]["goedgekeurd"] == "1806.00"
        assert (
            client.get(_url(productie, rest=f"regels/?gemeente={productie['zwolle'].pk}&product=")).status_code == 403
        )


def test_drilldown_toont_de_regels_achter_een_cel_en_logt(client, productie):
    """R-V1 traceability: the lines behind Zwolle × 45A03 with reference, declaration number,
    status and BSN; the read is audit-logged (R-P2)."""
    product = Declaratieregel.objects.get(referentie="R1").product
    client.force_login(productie["gebruikers"]["aanbieder"])
    inhoud = client.get(
        _url(productie, rest=f"regels/?gemeente={productie['zwolle'].pk}&product={product.pk}")
    ).content.decode()
    # Cells, not bare substrings: a two-character reference can occur inside the CSRF token.
    for tekst in ("R1", "R2", "C2", "R4", "D-1", "D-5", "Goedgekeurd", productie["jeugdige_zwolle"].bsn):
        assert f"<td>{tekst}</td>" in inhoud
    assert inhoud.count("JR-0193-202605") == 1  # R1 is paid by the approved May batch
    assert not any(f"<td>{tekst}</td>" in inhoud for tekst in ("R5", "R3", "V1"))
    afgekeurd = client.get(_url(productie, rest=f"regels/?gemeente={productie['zwolle'].pk}&product=")).content.decode()
    assert "<td>R3</td>" in afgekeurd and "DEC015" in afgekeurd and "9346" in afgekeurd
    assert AuditRegel.objects.filter(objecttype="declaraties.Declaratieregel", actie="zoeken").count() == 2


def test_drilldown_api_voor_financieel_met_gemaskeerd_bsn(client, productie):
    """R-V1 API drill-down; finance sees the masked BSN (R-P3) and only its own municipality."""
    client.force_login(productie["gebruikers"]["financieel"])
    agb = productie["aanbieder"].agb_code
    antwoord = client.get(f"/api/v1/productieregels/?aanbieder={agb}&jaar=2026&gemeente=0193&product=45A03").json()
    assert [r["referentie"] for r in antwoord["results"]] == ["R1", "R2", "C2", "R4"]
    assert antwoord["results"][0]["bsn"] == productie["jeugdige_zwolle"].bsn_gemaskeerd
    assert [r["betaald"] for r in antwoord["results"]] == [True, False, False, False]
    mei = Betaalbatch.objects.get(gemeente=productie["zwolle"], jaar=2026, maand=5)
    assert [(r["betaalbatch"], r["betaalbatch_referentie"]) for r in antwoord["results"]] == [
        (mei.pk, "JR-0193-202605"),
        (None, ""),
        (None, ""),
        (None, ""),
    ]
    andere = client.get(f"/api/v1/productieregels/?aanbieder={agb}&jaar=2026&gemeente=0150&product=45A03").json()
    assert andere["count"] == 0
    assert client.get("/api/v1/productieregels/?jaar=2026").status_code == 400


# --- R-V2 submission ---------------------------------------------------------------------------


def test_indienen_legt_tijdigheid_en_totalen_vast(productie):
    """R-V2: submitted on 15 March 2027 = 74 days after 31 December; the totals of that moment."""
    v = dien_verantwoording_in(
        aanbieder=productie["aanbieder"], jaar=2026, door=productie["gebruikers"]["aanbieder"], op=_op(2027, 3, 15)
    )
    assert (v.dagen_na_jaareinde, v.goedgekeurd_totaal, v.betaald_totaal) == (74, GOED("1806.00"), GOED("860.00"))


def test_tweede_indiening_wordt_geweigerd(productie):
    """R-V2: a statement is submitted once; the second attempt says when it was submitted."""
    door = productie["gebruikers"]["aanbieder"]
    dien_verantwoording_in(aanbieder=productie["aanbieder"], jaar=2026, door=door, op=_op(2027, 3, 15))
    with pytest.raises(DomainError) as fout:
        dien_verantwoording_in(aanbieder=productie["aanbieder"], jaar=2026, door=door, op=_op(2027, 4, 1))
    assert fout.value.code == "VER008" and "15-03-2027" in fout.value.message
    assert Productieverantwoording.objects.get().dagen_na_jaareinde == 74


@pytest.mark.parametrize(
    ("door", "op", "code"),
    [
        ("aanbieder", (2026, 12, 31), "VER007"),  # the year has not ended
        ("andere_aanbieder", (2027, 2, 1), "VER005"),
        ("financieel", (2027, 2, 1), "VER005"),
    ],
)
def test_indienen_geweigerd(productie, door, op, code):
    with pytest.raises(DomainError) as fout:
        dien_verantwoording_in(
            aanbieder=productie["aanbieder"], jaar=2026, door=productie["gebruikers"][door], op=_op(*op)
        )
    assert fout.value.code == code
    assert not Productieverantwoording.objects.exists()


def test_pagina_toont_wijziging_na_indiening(client, productie):
    """R-V2: after submission the page shows whether the figures changed since."""
    dien_verantwoording_in(
        aanbieder=productie["aanbieder"], jaar=2026, door=productie["gebruikers"]["aanbieder"], op=_op(2027, 3, 15)
    )
    client.force_login(productie["gebruikers"]["aanbieder"])
    inhoud = client.get(_url(productie)).content.decode()
    assert "74 dagen na het einde van het jaar" in inhoud and "niet gewijzigd" in inhoud
    credit = regel(
        productie["toewijzing_zwolle"], "C4", uren="8", maand=(2026, 12), debet_credit="C", credit_referentie="R4"
    )
    declareer(productie, [credit], nummer="D-8", ingediend_op=_op(2027, 4, 2))
    inhoud = client.get(_url(productie)).content.decode()
    assert "De cijfers zijn gewijzigd sinds de indiening" in inhoud
    assert "goedgekeurd € 1.806,00" in inhoud and "goedgekeurd € 1.118,00" in inhoud


def test_indienen_via_pagina_en_api(client, productie):
    """R-V2 through the page (a past year) and the API (refused the second time)."""
    client.force_login(productie["gebruikers"]["aanbieder"])
    antwoord = client.post(_url(productie, jaar=2025, rest="indienen/"))
    assert antwoord.status_code == 302
    v = Productieverantwoording.objects.get(jaar=2025)
    assert v.dagen_na_jaareinde == (timezone.localdate() - date(2025, 12, 31)).days
    agb = productie["aanbieder"].agb_code
    api = client.post(
        "/api/v1/productieverantwoordingen/", {"aanbieder": agb, "jaar": 2025}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json()["fouten"][0]["code"] == "VER008"
    client.force_login(productie["gebruikers"]["financieel"])
    assert client.post(_url(productie, jaar=2024, rest="indienen/")).status_code == 403
    assert Productieverantwoording.objects.count() == 1


def test_verantwoording_is_een_aggregatiequery(productie, django_assert_num_queries):
    """R-V1 must scale to hundreds of thousands of lines: one grouped aggregate query (plus one
    EXISTS for the illustrative-tariff notice), however many lines there are."""
    with django_assert_num_queries(2) as vastgelegd:
        productieverantwoording(aanbieder=productie["aanbieder"], jaar=2026)
    sql = vastgelegd.captured_queries[0]["sql"]
    assert "GROUP BY" in sql and sql.count("SELECT") == 1


def test_overzicht_per_rol(client, productie):
    """R-V1/R-V2 overview: a provider sees its own years; others choose provider and year; the
    submitted statements are listed with their timeliness."""
    dien_verantwoording_in(
        aanbieder=productie["aanbieder"], jaar=2026, door=productie["gebruikers"]["aanbieder"], op=_op(2027, 3, 15)
    )
    client.force_login(productie["gebruikers"]["aanbieder"])
    inhoud = client.get("/verantwoording/productie/").content.decode()
    assert _url(productie, jaar=2027) in inhoud and _url(productie) in inhoud and ">74<" in inhoud
    client.force_login(productie["gebruikers"]["andere_aanbieder"])
    assert _url(productie) not in client.get("/verantwoording/productie/").content.decode()
    client.force_login(productie["gebruikers"]["beleid"])
    keuze = client.get(f"/verantwoording/productie/?aanbieder={productie['aanbieder'].pk}&jaar=2026")
    assert keuze.status_code == 302 and keuze["Location"] == _url(productie)
    client.force_login(productie["gebruikers"]["huisarts"])
    assert client.get("/verantwoording/productie/").status_code == 403
