"""The declaration screens (issue 4 §3–§4): list and finance worklist with filters, the detail with
lines, codes and what to fix, exports, the R-B5 budget overview, navigation; scoped per role
(R-P1) and audit-logged where lines are read (R-P2)."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jeugdregie.audit.models import AuditRegel
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.budgetten.querysets import gemeenten_voor_budget
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.organisaties.models import Gemeente

from .factories import GebruikerFactory


def _login(client, route, wie):
    client.force_login(route["gebruikers"][wie])
    return client


def _nummers(antwoord) -> list[str]:
    return [d.nummer for d in antwoord.context["object_list"]]


def test_aanbieder_ziet_eigen_declaraties(client, route, declaraties):
    _login(client, route, "aanbieder")
    antwoord = client.get("/declaraties/")
    assert antwoord.status_code == 200
    assert sorted(_nummers(antwoord)) == ["D-DEELS", "D-FOUT", "D-GOED"]
    assert "Declaratie uploaden" in antwoord.content.decode()


@pytest.fixture
def financieel_deventer(route):
    return GebruikerFactory(financieel_rol=True, gemeente=route["deventer"])


@pytest.mark.parametrize("wie", ["andere_aanbieder", "toegang_andere_gemeente", "financieel_deventer"])
def test_ander_ziet_lijst_leeg_en_detail_niet(client, route, declaraties, financieel_deventer, wie):
    """R-P1: another provider or another municipality's staff (toegang, finance): empty list, 404
    on the detail and the export."""
    client.force_login(financieel_deventer if wie == "financieel_deventer" else route["gebruikers"][wie])
    assert _nummers(client.get("/declaraties/")) == []
    pk = declaraties["goed"].pk
    assert client.get(f"/declaraties/{pk}/").status_code == 404
    assert client.get(f"/declaraties/{pk}/?export=csv").status_code == 404
    assert AuditRegel.objects.filter(objecttype="declaraties.Declaratie", uitkomst="geweigerd").count() == 2


def test_financieel_werkvoorraad_afgekeurde_eerst(client, route, declaraties):
    """Issue 4 §4: for finance the list is "Declaraties om te controleren", rejected lines first."""
    _login(client, route, "financieel")
    antwoord = client.get("/declaraties/")
    assert "Declaraties om te controleren" in antwoord.content.decode()
    volgorde = _nummers(antwoord)
    assert set(volgorde[:2]) == {"D-DEELS", "D-FOUT"} and volgorde[2] == "D-GOED"


def test_filters_op_regelstatus_gemeente_en_periode(client, route, declaraties):
    _login(client, route, "toegang")
    assert sorted(_nummers(client.get("/declaraties/?status=afgekeurd"))) == ["D-DEELS", "D-FOUT"]
    assert sorted(_nummers(client.get("/declaraties/?status=goedgekeurd"))) == ["D-DEELS", "D-GOED"]
    assert _nummers(client.get("/declaraties/?van=2026-04-01&tot=2026-04-30")) == ["D-GOED"]
    assert sorted(_nummers(client.get("/declaraties/?van=2026-06-01"))) == ["D-DEELS", "D-FOUT"]
    assert len(_nummers(client.get(f"/declaraties/?gemeente={route['zwolle'].pk}"))) == 3
    # A municipality outside the user's scope is not a valid choice: the filter is ignored, scope stays.
    antwoord = client.get(f"/declaraties/?gemeente={route['deventer'].pk}")
    assert len(_nummers(antwoord)) == 3 and antwoord.context["filter"].errors


def test_detail_toont_regels_codes_en_wat_te_doen(client, route, declaraties):
    """Issue 4 §4: status, code, retourcode and the explanation of what to fix per line, the amounts,
    and per allocation its budget ledger (R-B5); the read is audit-logged (R-P2)."""
    declaratie = declaraties["deels"]
    _login(client, route, "aanbieder")
    antwoord = client.get(f"/declaraties/{declaratie.pk}/")
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "1 goedgekeurd, 1 afgekeurd" in inhoud
    assert "DEC013" in inhoud and "Het volume moet groter zijn dan 0" in inhoud
    assert "€ 860,00 goedgekeurd van € 774,00 ingediend" in inhoud  # 10 × 86 and −1 × 86
    jeugdige = route["jeugdige_zwolle"]
    assert jeugdige.bsn in inhoud and jeugdige.achternaam in inhoud
    [stand] = antwoord.context["budgetstanden"]
    assert (stand.vastgelegd, stand.goedgekeurd, stand.beschikbaar) == (
        Decimal("3000.00"),
        Decimal("1720.00"),
        Decimal("1280.00"),
    )
    rij = AuditRegel.objects.get(actie="lezen", objecttype="declaraties.Declaratie")
    assert (rij.object_id, rij.gebruiker_id, rij.uitkomst) == (
        str(declaratie.pk),
        route["gebruikers"]["aanbieder"].pk,
        "gelukt",
    )


def test_financieel_ziet_bsn_gemaskeerd(client, route, declaraties):
    """R-P3: finance checks declarations without needing the full BSN."""
    _login(client, route, "financieel")
    inhoud = client.get(f"/declaraties/{declaraties['goed'].pk}/").content.decode()
    jeugdige = route["jeugdige_zwolle"]
    assert jeugdige.bsn not in inhoud and jeugdige.bsn_gemaskeerd in inhoud


def test_export_csv_en_xlsx(client, route, declaraties):
    """Issue 4 §4: the declaration's lines as CSV and XLSX, audit-logged as an export (R-P2)."""
    declaratie = declaraties["deels"]
    _login(client, route, "toegang")
    csv = client.get(f"/declaraties/{declaratie.pk}/?export=csv")
    assert csv["Content-Disposition"] == 'attachment; filename="declaratie-d-deels.csv"'
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("volgnummer;referentie;bsn;toewijzing;product;begindatum;einddatum;volume")
    assert regels[1].split(";")[:5] == [
        "1",
        "M1",
        route["jeugdige_zwolle"].bsn,
        str(declaraties["toewijzing"].pk),
        "45A03",
    ]
    assert regels[2].split(";")[11:13] == ["Afgekeurd", "DEC013"]
    xlsx = client.get(f"/declaraties/{declaratie.pk}/?export=xlsx")
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert len(rijen) == 3 and rijen[2][1] == "M2" and rijen[2][12] == "DEC013"
    assert AuditRegel.objects.filter(actie="exporteren", object_id=str(declaratie.pk)).count() == 2


def test_anoniem_naar_inloggen(client, route, declaraties):
    for url in ("/declaraties/", f"/declaraties/{declaraties['goed'].pk}/", "/declaraties/budgetten/"):
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("wie", ["contractmanager", "beleid", "bestuurder", "beheerder", "huisarts", "gi"])
def test_rollen_zonder_regels_komen_er_niet_in(client, route, declaraties, wie):
    """R-P1: lines name young people; the regional roles, the administrator and referrers get no
    declaration pages."""
    _login(client, route, wie)
    assert client.get("/declaraties/").status_code == 403
    assert client.get(f"/declaraties/{declaraties['goed'].pk}/").status_code == 403


# --- budget overview (R-B5) ------------------------------------------------------------------------


def test_budgetoverzicht_financieel_eigen_gemeente(client, route, declaraties):
    """R-B5: committed, spent and released for the municipality at a date."""
    _login(client, route, "financieel")
    antwoord = client.get("/declaraties/budgetten/")
    [rij] = antwoord.context["rijen"]
    assert rij["gemeente"] == route["zwolle"]
    assert (rij["vastgelegd"], rij["besteed"], rij["vrijgevallen"], rij["beschikbaar"]) == (
        Decimal("3000.00"),
        Decimal("1720.00"),
        Decimal("0.00"),
        Decimal("1280.00"),
    )
    inhoud = antwoord.content.decode()
    assert "€ 3.000,00" in inhoud and "€ 1.720,00" in inhoud and "Deventer" not in inhoud
    # before anything was committed, the ledger shows nothing (the ledger opened today)
    [eerder] = client.get("/declaraties/budgetten/?op=2026-01-01").context["rijen"]
    assert (eerder["vastgelegd"], eerder["besteed"]) == (Decimal("0.00"), Decimal("0.00"))


@pytest.mark.parametrize("wie", ["contractmanager", "beleid", "bestuurder"])
def test_budgetoverzicht_regio_alle_gemeenten(client, route, declaraties, wie):
    """R-B5 for the region: every municipality in a table, with the regional total; no lines."""
    _login(client, route, wie)
    antwoord = client.get("/declaraties/budgetten/")
    assert [r["gemeente"].naam for r in antwoord.context["rijen"]] == ["Deventer", "Zwolle"]
    assert antwoord.context["totaal"]["besteed"] == Decimal("1720.00")
    assert route["jeugdige_zwolle"].achternaam not in antwoord.content.decode()


@pytest.mark.parametrize("wie", ["aanbieder", "beheerder", "huisarts"])
def test_budgetoverzicht_niet_voor_anderen(client, route, wie):
    _login(client, route, wie)
    assert client.get("/declaraties/budgetten/").status_code == 403


def test_scoping_querysets(route, declaraties):
    """R-P1, the decisions in the README: regional roles see declaration headers of their region but
    no lines and no per-allocation ledgers; the administrator nothing; finance its municipality."""
    g = route["gebruikers"]
    for wie in ("contractmanager", "beleid", "bestuurder"):
        assert Declaratie.objects.voor_gebruiker(g[wie]).count() == 3
        assert not Declaratieregel.objects.voor_gebruiker(g[wie]).exists()
        assert not Budgetstand.objects.voor_gebruiker(g[wie]).exists()
    for wie in ("beheerder", "huisarts", "gi"):
        assert not Declaratie.objects.voor_gebruiker(g[wie]).exists()
        assert not Declaratieregel.objects.voor_gebruiker(g[wie]).exists()
        assert not gemeenten_voor_budget(Gemeente.objects.all(), g[wie]).exists()
    assert Declaratieregel.objects.voor_gebruiker(g["financieel"]).count() == 4
    assert not Declaratieregel.objects.voor_gebruiker(g["toegang_andere_gemeente"]).exists()
    assert Budgetstand.objects.voor_gebruiker(g["aanbieder"]).count() == 1
    assert not Budgetstand.objects.voor_gebruiker(g["andere_aanbieder"]).exists()


@pytest.mark.parametrize(
    ("wie", "verwacht", "niet"),
    [
        ("aanbieder", ["Declaraties", "Declaratie uploaden"], ["Budgetten"]),
        ("financieel", ["Declaraties", "Budgetten"], ["Declaratie uploaden"]),
        ("toegang", ["Declaraties", "Budgetten"], ["Declaratie uploaden"]),
        ("contractmanager", ["Budgetten"], ["Declaraties", "Declaratie uploaden"]),
        ("beheerder", [], ["Declaraties", "Budgetten"]),
    ],
)
def test_navigatie(client, route, wie, verwacht, niet):
    from jeugdregie.portaal.navigatie import links_voor

    titels = [str(link.titel) for link in links_voor(route["gebruikers"][wie])]
    assert all(t in titels for t in verwacht) and not any(t in titels for t in niet)
    _login(client, route, wie)
    assert client.get("/").status_code == 200


def test_declaratie_periode_filter_ongeldige_datum(client, route, declaraties):
    _login(client, route, "aanbieder")
    antwoord = client.get("/declaraties/?van=morgen")
    assert antwoord.status_code == 200 and len(_nummers(antwoord)) == 3  # falls back to everything in scope
    assert "van" in antwoord.context["filter"].errors
