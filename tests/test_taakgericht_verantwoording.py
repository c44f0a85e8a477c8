"""R-R2 with R-V1/R-V2 (issue 22 §2: "the production statement per variant"): a provider that is
both paid per declared line and opdrachtnemer of a task-based assignment gets one statement with
both variants — in the page, the CSV, XLSX and PDF exports and the submitted snapshot, so a term
paid after the submission is a change. The provider of the `route` world declares 45A03 in
Zwolle (April, 10 h, € 860,00, paid in the May batch) and holds the assignment for 45A04 in
Zwolle (26.617 young inhabitants) and Kampen (11.000): € 1.200.000,00 for 2026, term 1 paid."""

import csv
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from jeugdregie.betalingen.services.batch import keur_goed, maak_batch
from jeugdregie.taakgericht.models import Termijn
from jeugdregie.taakgericht.services import betaal_termijn, stel_betaalschema_op
from jeugdregie.verantwoording.models import Productieverantwoording
from jeugdregie.verantwoording.services.indienen import dien_verantwoording_in, wijziging_sinds_indiening

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .builders.taakgericht import mvs
from .factories import GebruikerFactory

TZ = ZoneInfo("Europe/Amsterdam")
NA_HET_JAAR = datetime(2027, 3, 15, 10, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _geen_onderdrukking(settings):
    """One child behind the declared row: the statement's figures, not small-cell suppression
    (tests/test_beheersing_onthulling.py), are under test here."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1


@pytest.fixture
def beide(route):
    """The declaring provider is also the opdrachtnemer (see the module docstring)."""
    route["opdrachtnemer"] = route["aanbieder"]
    route["gebruikers"]["opdrachtnemer"] = route["gebruikers"]["aanbieder"]
    opdracht = mvs(route, producten=("45A04",), bedrag="1200000.00")
    termijnen = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
    betaal_termijn(termijnen[0], door=route["gebruikers"]["financieel"])

    toewijzing = gestart(route)
    ingediend = datetime(2026, 5, 6, 10, 0, tzinfo=TZ)
    declareer(route, [regel(toewijzing, "R1", uren="10", maand=(2026, 4))], nummer="D-1", ingediend_op=ingediend)
    route["zwolle"].iban = "NL91ABNA0417164300"
    route["zwolle"].save()
    route["aanbieder"].iban = "NL20INGB0001234567"
    route["aanbieder"].save()
    juni = datetime(2026, 6, 1, 10, 0, tzinfo=TZ)
    batch = maak_batch(gemeente=route["zwolle"], jaar=2026, maand=5, door=route["gebruikers"]["financieel"], nu=juni)
    keur_goed(batch=batch, door=GebruikerFactory(financieel_rol=True, gemeente=route["zwolle"]), nu=juni)
    route["termijnen"] = termijnen
    return route


def _url(route, rest=""):
    return f"/verantwoording/productie/{route['aanbieder'].pk}/2026/{rest}"


def _csv(client, route) -> list[list[str]]:
    tekst = client.get(_url(route) + "?export=csv").content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def test_csv_en_xlsx_hebben_de_taakgerichte_sectie_en_totalen_per_variant(client, beide):
    """R-R2/R-V1: after the declared rows and their total ("Totaal gedeclareerd"), a row per
    assignment and municipality with the planned amount, the paid terms and the paid amount
    (term 1: € 100.000,00 = Zwolle € 70.757,90 + Kampen € 29.242,10), the task-based total and
    the paid total of both variants; every row names its variant."""
    client.force_login(beide["gebruikers"]["aanbieder"])
    kop, *rijen = _csv(client, beide)
    assert kop[-4:] == ["Betaald", "Bekostiging", "Gepland (taakgericht)", "Betaalde termijnen"]
    per_label = {(r[1], r[3]): r for r in rijen}
    [zwolle_regels] = [r for r in rijen if r[2] == "45A03"]
    assert zwolle_regels[10:] == ["860,00", "per regel gedeclareerd", "", ""]
    assert per_label[("Totaal gedeclareerd", "")][10:] == ["860,00", "per regel gedeclareerd", "", ""]
    assert per_label[("Kampen", "Jeugdmodel MVS")][5:] == [""] * 5 + ["29242,10", "taakgericht", "350905,20", "1"]
    assert per_label[("Zwolle", "Jeugdmodel MVS")][5:] == [""] * 5 + ["70757,90", "taakgericht", "849094,80", "1"]
    assert per_label[("Totaal taakgericht", "")][10:12] == ["100000,00", "taakgericht"]
    assert per_label[("Totaal taakgericht", "")][12] == "1200000,00"
    assert rijen[-1][1:2] + rijen[-1][10:11] == ["Totaal betaald (beide bekostigingsvarianten)", "100860,00"]

    boek = load_workbook(io.BytesIO(client.get(_url(beide) + "?export=xlsx").content))
    xlsx = {(r[1], r[3]): r for r in boek.active.iter_rows(min_row=2, values_only=True)}
    assert Decimal(str(xlsx[("Zwolle", "Jeugdmodel MVS")][10])) == Decimal("70757.90")
    assert Decimal(str(xlsx[("Totaal betaald (beide bekostigingsvarianten)", None)][10])) == Decimal("100860.00")


def test_financien_van_zwolle_krijgt_alleen_zwolle_in_de_export(client, beide):
    """R-P1: finance of Zwolle exports only Zwolle's task-based row (as on the page), and the
    task-based total is that of the rows it sees."""
    client.force_login(beide["gebruikers"]["financieel"])
    rijen = _csv(client, beide)
    taakgericht = [r[1] for r in rijen[1:] if len(r) > 11 and r[11] == "taakgericht"]
    assert taakgericht == ["Zwolle", "Totaal taakgericht"]
    assert [r[10] for r in rijen if r[1] == "Totaal taakgericht"] == ["70757,90"]


def test_pdf_heeft_de_taakgerichte_sectie(client, beide):
    """R-R2 in the PDF an accountant files: the section, its total and the totals per variant."""
    from pypdf import PdfReader

    client.force_login(beide["gebruikers"]["aanbieder"])
    antwoord = client.get(_url(beide) + "?export=pdf")
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(antwoord.content)).pages)
    assert "Taakgericht bekostigd" in tekst and "Jeugdmodel MVS" in tekst
    assert "€ 849.094,80" in tekst and "€ 70.757,90" in tekst
    assert "Totaal taakgericht" in tekst and "€ 1.200.000,00" in tekst
    assert "Totalen per bekostigingsvariant" in tekst and "€ 100.860,00" in tekst


def test_pagina_toont_totalen_per_variant(client, beide):
    client.force_login(beide["gebruikers"]["aanbieder"])
    pagina = client.get(_url(beide)).content.decode()
    assert "Totalen per bekostigingsvariant" in pagina
    assert "€ 100.000,00" in pagina and "€ 100.860,00" in pagina


def test_een_termijn_betaald_na_indiening_is_een_wijziging(client, beide):
    """R-V2 with R-R2: the submission keeps the task-based totals; a term paid afterwards is a
    change (the declared figures did not move) and the page names both amounts."""
    verantwoording = dien_verantwoording_in(
        aanbieder=beide["aanbieder"], jaar=2026, door=beide["gebruikers"]["aanbieder"], op=NA_HET_JAAR
    )
    assert (verantwoording.taakgericht_gepland_totaal, verantwoording.taakgericht_betaald_totaal) == (
        Decimal("1200000.00"),
        Decimal("100000.00"),
    )
    assert (verantwoording.goedgekeurd_totaal, verantwoording.betaald_totaal) == (Decimal("860.00"),) * 2
    assert not wijziging_sinds_indiening(aanbieder=beide["aanbieder"], jaar=2026).gewijzigd

    betaal_termijn(beide["termijnen"][1], door=beide["gebruikers"]["financieel"])
    wijziging = wijziging_sinds_indiening(aanbieder=beide["aanbieder"], jaar=2026)
    assert wijziging.gewijzigd and wijziging.taakgericht_gewijzigd and not wijziging.gedeclareerd_gewijzigd
    client.force_login(beide["gebruikers"]["aanbieder"])
    pagina = client.get(_url(beide)).content.decode()
    assert "De cijfers zijn gewijzigd sinds de indiening" in pagina
    assert "Taakgericht bij indiening: gepland € 1.200.000,00, betaald € 100.000,00" in pagina
    assert "nu: gepland € 1.200.000,00, betaald € 200.000,00" in pagina
    # a municipality's finance sees only its own municipality: not whether the whole changed
    client.force_login(beide["gebruikers"]["financieel"])
    pagina = client.get(_url(beide)).content.decode()
    assert "gewijzigd sinds de indiening" not in pagina and "Ingediend op" not in pagina


def test_indiening_van_voor_de_taakgerichte_totalen_wordt_niet_vergeleken(beide):
    """A statement submitted before migration 0003 kept no task-based totals: not known, so a
    paid term is no change (rather than every such statement turning "changed")."""
    dien_verantwoording_in(
        aanbieder=beide["aanbieder"], jaar=2026, door=beide["gebruikers"]["aanbieder"], op=NA_HET_JAAR
    )
    Productieverantwoording.objects.update(taakgericht_gepland_totaal=None, taakgericht_betaald_totaal=None)
    betaal_termijn(beide["termijnen"][1], door=beide["gebruikers"]["financieel"])
    assert not wijziging_sinds_indiening(aanbieder=beide["aanbieder"], jaar=2026).gewijzigd


def test_aanbieder_zonder_opdracht_krijgt_de_verantwoording_als_voorheen(client, route):
    """No assignment: the columns, the "Totaal" row and the snapshot (0,00) as before."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing, "R1")], nummer="D-1", ingediend_op=datetime(2026, 5, 6, 10, 0, tzinfo=TZ))
    client.force_login(route["gebruikers"]["aanbieder"])
    kop, *rijen = _csv(client, route)
    assert kop[-1] == "Betaald" and len(kop) == 11
    assert rijen[-1][1] == "Totaal" and all(len(r) == 11 for r in rijen)
    assert "Totalen per bekostigingsvariant" not in client.get(_url(route)).content.decode()
    v = dien_verantwoording_in(
        aanbieder=route["aanbieder"], jaar=2026, door=route["gebruikers"]["aanbieder"], op=NA_HET_JAAR
    )
    assert (v.taakgericht_gepland_totaal, v.taakgericht_betaald_totaal) == (Decimal("0.00"), Decimal("0.00"))
    assert not Termijn.objects.exists()


def test_api_geeft_de_verantwoording_per_variant(client, beide):
    """R-R2 in GET /api/v1/productieverantwoordingen/: the task-based rows (finance of Zwolle:
    Zwolle's only), their total and the paid total of both variants; the submission's snapshot."""
    agb = beide["aanbieder"].agb_code
    client.force_login(beide["gebruikers"]["aanbieder"])
    dien_verantwoording_in(
        aanbieder=beide["aanbieder"], jaar=2026, door=beide["gebruikers"]["aanbieder"], op=NA_HET_JAAR
    )
    api = client.get(f"/api/v1/productieverantwoordingen/?aanbieder={agb}&jaar=2026").json()
    assert [(r["gemeente"], r["betaald"], r["gepland"]) for r in api["taakgericht"]] == [
        ("Kampen", "29242.10", "350905.20"),
        ("Zwolle", "70757.90", "849094.80"),
    ]
    assert api["taakgericht_totaal"] == {"gepland": "1200000.00", "betaald": "100000.00"}
    assert api["betaald_samen"] == "100860.00"
    assert api["indiening"]["taakgericht_betaald_totaal"] == "100000.00"
    client.force_login(beide["gebruikers"]["financieel"])
    api = client.get(f"/api/v1/productieverantwoordingen/?aanbieder={agb}&jaar=2026").json()
    assert [r["gemeente"] for r in api["taakgericht"]] == ["Zwolle"]
