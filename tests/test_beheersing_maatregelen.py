"""The measures register (R-K6): per provider the measure, the norm it follows from, the decision,
the follow-up date and the outcome; only the region's contract manager writes, with an event and
an audit row; pages for the region's roles with CSV/XLSX."""

from datetime import date

import pytest

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing.models import Maatregel
from jeugdregie.beheersing.models_maatregel import Maatregelgebeurtenis
from jeugdregie.beheersing.services.maatregelen import leg_uitkomst_vast, registreer_maatregel, rond_maatregel_af
from jeugdregie.common.errors import DomainError

from .factories import GebruikerFactory, RegioFactory

GESPREK = {
    "soort": "leveranciersgesprek",
    "indicator": "kos05",
    "periodesoort": "kwartaal",
    "periode": date(2026, 2, 14),
    "besluit": "Gesprek over de hoge budgetbenutting.",
    "besluit_op": date(2026, 4, 10),
    "opvolgdatum": date(2026, 7, 1),
}


def _registreer(wereld, door="contractmanager", **extra):
    gebruiker = wereld["gebruikers"][door] if isinstance(door, str) else door
    return registreer_maatregel(aanbieder=wereld["aanbieder"], door=gebruiker, **{**GESPREK, **extra})


def _niets_vastgelegd():
    assert not Maatregel.objects.exists() and not Maatregelgebeurtenis.objects.exists()
    assert not AuditRegel.objects.filter(objecttype="beheersing.Maatregel").exists()


def test_contractmanager_legt_maatregel_vast_met_norm_besluit_en_opvolging(wereld):
    """R-K6: the norm (indicator code + the period's first day), decision and follow-up date are
    recorded, with an event row and an audit row."""
    maatregel = _registreer(wereld, normreferentie="Norm KOS05 versie 2026-01")
    assert (maatregel.indicator, maatregel.periodesoort, maatregel.periode) == ("KOS05", "kwartaal", date(2026, 1, 1))
    assert (maatregel.besluit_op, maatregel.opvolgdatum, maatregel.status) == (
        date(2026, 4, 10),
        date(2026, 7, 1),
        "open",
    )
    assert maatregel.normreferentie == "Norm KOS05 versie 2026-01"
    gebeurtenis = Maatregelgebeurtenis.objects.get()
    assert (gebeurtenis.gebeurtenis, gebeurtenis.door) == (
        "maatregel_geregistreerd",
        wereld["gebruikers"]["contractmanager"],
    )
    assert gebeurtenis.gegevens == {"soort": "leveranciersgesprek", "indicator": "KOS05", "periode": "2026-01-01"}
    audit = AuditRegel.objects.get(objecttype="beheersing.Maatregel")
    assert (audit.actie, audit.object_id, audit.rol) == ("aanmaken", str(maatregel.pk), "contractmanager")


@pytest.mark.parametrize("rol", ["toegang", "aanbieder", "financieel", "beleid", "bestuurder", "beheerder"])
def test_alleen_de_contractmanager_legt_maatregelen_vast(wereld, rol):
    """R-K6: any other role is refused and nothing is recorded."""
    with pytest.raises(DomainError) as fout:
        _registreer(wereld, door=rol)
    assert fout.value.code == "MAA001"
    _niets_vastgelegd()


def test_contractmanager_van_een_andere_regio_wordt_geweigerd(wereld):
    """R-K6, R-P1: the contract manager of another region cannot act on this region's provider."""
    twente = GebruikerFactory(regio_rol=True, rol=Rol.CONTRACTMANAGER, regio=RegioFactory(code="twente", naam="Twente"))
    with pytest.raises(DomainError) as fout:
        _registreer(wereld, door=twente)
    assert fout.value.code == "MAA001"
    _niets_vastgelegd()


@pytest.mark.parametrize(
    ("extra", "code", "melding"),
    [
        ({"indicator": "XYZ99"}, "MAA002", "Kies de indicator of het signaal"),
        ({"periode": None}, "MAA002", "Vul de periode in"),
        ({"besluit": "  "}, "MAA003", "Beschrijf het besluit"),
        ({"opvolgdatum": date(2026, 4, 9)}, "MAA004", "opvolgdatum op of na de datum van het besluit"),
        ({"soort": "boete"}, "MAA006", "vier soorten"),
        ({"soort": "clientenstop"}, "MAA005", "eerste en de laatste dag"),
        (
            {"soort": "clientenstop", "stop_van": date(2026, 5, 1), "stop_tot": date(2026, 4, 30)},
            "MAA005",
            "ligt voor de eerste dag",
        ),
        ({"stop_van": date(2026, 5, 1), "stop_tot": date(2026, 6, 30)}, "MAA005", "alleen bij een tijdelijke"),
    ],
)
def test_onvolledige_maatregel_wordt_geweigerd(wereld, extra, code, melding):
    """R-K6: the norm, the decision, a follow-up date not before the decision, and for a client
    stop its period; each refusal says what to fix and records nothing."""
    with pytest.raises(DomainError, match=melding) as fout:
        _registreer(wereld, **extra)
    assert fout.value.code == code
    _niets_vastgelegd()


def test_signaal_kan_de_norm_zijn(wereld):
    """R-K6/R-K5: a measure may follow from a signal (SIG01–SIG03) of a period."""
    maatregel = _registreer(wereld, indicator="SIG01", periodesoort="jaar", periode=date(2025, 8, 1))
    assert (maatregel.indicator, maatregel.periode) == ("SIG01", date(2025, 1, 1))


def test_uitkomst_en_afronden(wereld):
    """R-K6: closing needs the outcome; a closed measure no longer changes."""
    cm = wereld["gebruikers"]["contractmanager"]
    maatregel = _registreer(wereld)
    with pytest.raises(DomainError) as fout:
        rond_maatregel_af(maatregel=maatregel, datum=date(2026, 7, 1), door=cm)
    assert fout.value.code == "MAA007"
    assert Maatregel.objects.get().status == "open"
    leg_uitkomst_vast(maatregel=maatregel, uitkomst="Afspraken over budgetgebruik gemaakt.", door=cm)
    afgerond = rond_maatregel_af(maatregel=maatregel, datum=date(2026, 7, 1), door=cm)
    assert (afgerond.status, afgerond.afgerond_op, afgerond.uitkomst) == (
        "afgerond",
        date(2026, 7, 1),
        "Afspraken over budgetgebruik gemaakt.",
    )
    with pytest.raises(DomainError) as fout:
        leg_uitkomst_vast(maatregel=maatregel, uitkomst="Toch anders.", door=cm)
    assert fout.value.code == "MAA008"
    assert Maatregel.objects.get().uitkomst == "Afspraken over budgetgebruik gemaakt."
    assert list(Maatregelgebeurtenis.objects.values_list("gebeurtenis", flat=True)) == [
        "maatregel_geregistreerd",
        "uitkomst_vastgelegd",
        "maatregel_afgerond",
    ]


@pytest.mark.parametrize("rol", ["toegang", "aanbieder"])
def test_uitkomst_door_andere_rol_wordt_geweigerd(wereld, rol):
    maatregel = _registreer(wereld)
    with pytest.raises(DomainError) as fout:
        leg_uitkomst_vast(maatregel=maatregel, uitkomst="x", door=wereld["gebruikers"][rol])
    assert fout.value.code == "MAA001"
    assert Maatregel.objects.get().uitkomst == "" and Maatregelgebeurtenis.objects.count() == 1


# --- Pages ------------------------------------------------------------------------------------

FORMULIER = {
    "aanbieder": None,
    "soort": "clientenstop",
    "indicator": "SIG02",
    "periodesoort": "kwartaal",
    "periode": "2026-01-01",
    "besluit": "Tijdelijke cliëntenstop.",
    "besluit_op": "2026-04-10",
    "opvolgdatum": "2026-06-01",
    "stop_van": "2026-05-01",
    "stop_tot": "2026-06-30",
}


def _formulier(wereld, **extra):
    return {**FORMULIER, "aanbieder": wereld["aanbieder"].pk, **extra}


def test_contractmanager_legt_maatregel_vast_op_het_scherm(client, wereld):
    """R-K6: the form records the measure and goes to its page; a refusal shows on the form."""
    client.force_login(wereld["gebruikers"]["contractmanager"])
    fout = client.post("/beheersing/maatregelen/nieuw/", _formulier(wereld, stop_tot="2026-04-01"))
    assert fout.status_code == 200 and "ligt voor de eerste dag" in fout.content.decode()
    assert not Maatregel.objects.exists()
    antwoord = client.post("/beheersing/maatregelen/nieuw/", _formulier(wereld))
    maatregel = Maatregel.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/beheersing/maatregelen/{maatregel.pk}/"
    assert (maatregel.soort, maatregel.stop_van, maatregel.stop_tot) == (
        "clientenstop",
        date(2026, 5, 1),
        date(2026, 6, 30),
    )
    detail = client.get(antwoord["Location"]).content.decode()
    assert "Tijdelijke cliëntenstop" in detail and "01-05-2026 – 30-06-2026" in detail


def test_uitkomst_en_afronden_op_het_scherm(client, wereld):
    client.force_login(wereld["gebruikers"]["contractmanager"])
    maatregel = _registreer(wereld)
    geweigerd = client.post(f"/beheersing/maatregelen/{maatregel.pk}/afronden/", {"datum": "2026-07-01"})
    assert geweigerd.status_code == 400 and "Leg eerst de uitkomst vast" in geweigerd.content.decode()
    client.post(f"/beheersing/maatregelen/{maatregel.pk}/uitkomst/", {"uitkomst": "Afspraken gemaakt."})
    antwoord = client.post(f"/beheersing/maatregelen/{maatregel.pk}/afronden/", {"datum": "2026-07-01"})
    assert antwoord.status_code == 302
    maatregel.refresh_from_db()
    assert (maatregel.status, maatregel.uitkomst) == ("afgerond", "Afspraken gemaakt.")


@pytest.mark.parametrize("rol", ["toegang", "aanbieder", "financieel", "huisarts"])
def test_andere_rollen_zien_en_schrijven_geen_maatregelen(client, wereld, rol):
    """R-K6, R-P1: outside the region's roles every page is refused and nothing changes."""
    maatregel = _registreer(wereld)
    client.force_login(wereld["gebruikers"][rol])
    for url in [
        "/beheersing/maatregelen/",
        f"/beheersing/maatregelen/{maatregel.pk}/",
        "/beheersing/maatregelen/nieuw/",
    ]:
        assert client.get(url).status_code == 403
    assert client.post("/beheersing/maatregelen/nieuw/", _formulier(wereld)).status_code == 403
    uitkomst = client.post(f"/beheersing/maatregelen/{maatregel.pk}/uitkomst/", {"uitkomst": "x"})
    assert uitkomst.status_code == 403
    assert Maatregel.objects.count() == 1 and Maatregel.objects.get().uitkomst == ""


@pytest.mark.parametrize("rol", ["beleid", "bestuurder", "beheerder"])
def test_beleid_en_bestuur_lezen_alleen(client, wereld, rol):
    """R-K6: policy, board and beheerder read the register; writing is the contract manager's."""
    maatregel = _registreer(wereld)
    client.force_login(wereld["gebruikers"][rol])
    lijst = client.get("/beheersing/maatregelen/").content.decode()
    assert "Leveranciersgesprek" in lijst and "Nieuwe maatregel" not in lijst
    assert "Uitkomst opslaan" not in client.get(f"/beheersing/maatregelen/{maatregel.pk}/").content.decode()
    assert client.post("/beheersing/maatregelen/nieuw/", _formulier(wereld)).status_code == 403
    assert client.post(f"/beheersing/maatregelen/{maatregel.pk}/uitkomst/", {"uitkomst": "x"}).status_code == 403
    assert Maatregel.objects.count() == 1 and Maatregel.objects.get().uitkomst == ""


def test_lijst_per_aanbieder_en_export(client, wereld):
    """R-K6: the register per provider and overall, exported to CSV and Excel."""
    _registreer(wereld)
    registreer_maatregel(
        aanbieder=wereld["andere_aanbieder"],
        door=wereld["gebruikers"]["contractmanager"],
        **{**GESPREK, "soort": "bonus_malus"},
    )
    client.force_login(wereld["gebruikers"]["contractmanager"])
    alle = client.get("/beheersing/maatregelen/").content.decode()
    assert "Leveranciersgesprek" in alle and "Bonus–malus" in alle
    eigen = client.get(f"/beheersing/maatregelen/aanbieder/{wereld['aanbieder'].pk}/").content.decode()
    assert "Leveranciersgesprek" in eigen and "Bonus–malus" not in eigen
    csv = client.get("/beheersing/maatregelen/", {"export": "csv"})
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("Nummer;AGB-code;Aanbieder;Soort;Norm;Periode")
    assert len(regels) == 3 and any(";Bonus–malus;KOS05;Kwartaal 2026-01-01;" in r for r in regels)
    xlsx = client.get(f"/beheersing/maatregelen/aanbieder/{wereld['aanbieder'].pk}/", {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
