"""Issue 21 item 10: trajectories classified the CBS Beleidsinformatie Jeugd way, the
half-yearly export in the CBS layout (beleid only, pseudonymised, audit-logged) and the CBS
reference figures next to the region on the comparison page (R-W7 verblijf, R-P3 pseudonym,
R-P6 export logging)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from jeugdregie.audit.models import AuditRegel
from jeugdregie.beheersing.cbs_definities import CbsHulpvorm, CbsJeugdbescherming, CbsRedenBeeindiging, CbsVerwijzer
from jeugdregie.beheersing.models import CbsReferentie
from jeugdregie.beheersing.services import cbs_indeling
from jeugdregie.beheersing.services.cbs_export import Halfjaar, exporteer
from jeugdregie.beheersing.services.cbs_referentie import laad_referenties
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing

from .builders.route import gestart

PEIL = date(2026, 6, 30)


def _toewijzing(soort=ToewijzingSoort.KEUZEBUDGET, product=None, **velden):
    velden.setdefault("begindatum", date(2026, 1, 1))
    velden.setdefault("einddatum", date(2026, 12, 31))
    return Toewijzing(soort=soort, product=product, **velden)


@pytest.mark.parametrize(
    ("soort", "product", "woonvorm", "verwacht"),
    [
        (ToewijzingSoort.KEUZEBUDGET, None, "", CbsHulpvorm.AMBULANT),
        (
            ToewijzingSoort.KEUZEBUDGET,
            Product(onderdeel="ambulant", ijw_productcategorie="45"),
            "",
            CbsHulpvorm.AMBULANT,
        ),
        (
            ToewijzingSoort.KEUZEBUDGET,
            Product(onderdeel="ambulant", ijw_productcategorie="41"),
            "",
            CbsHulpvorm.AMBULANT_OP_LOCATIE,
        ),
        (ToewijzingSoort.WONEN_VERBLIJF, None, "pleegzorg", CbsHulpvorm.PLEEGZORG),
        (ToewijzingSoort.WONEN_VERBLIJF, None, "gezinshuis", CbsHulpvorm.GEZINSGERICHT),
        (ToewijzingSoort.WONEN_VERBLIJF, None, "leefgroep", CbsHulpvorm.OVERIG_VERBLIJF),
        (ToewijzingSoort.WONEN_VERBLIJF, None, "respijtzorg", CbsHulpvorm.OVERIG_VERBLIJF),
        # a crisis bed: verblijf by its product (R-W7), no form recorded
        (
            ToewijzingSoort.CRISISOPVOLGING,
            Product(onderdeel="crisis", ijw_productcategorie="46", woonvorm="verblijf"),
            "",
            CbsHulpvorm.OVERIG_VERBLIJF,
        ),
        (
            ToewijzingSoort.CRISISOPVOLGING,
            Product(onderdeel="crisis", ijw_productcategorie="46"),
            "",
            CbsHulpvorm.AMBULANT,
        ),
    ],
)
def test_hulpvorm_volgt_verblijfsregel_en_woonvorm(soort, product, woonvorm, verwacht):
    """Issue 21 item 10, R-W7, R-W10: with/without verblijf by the one rule, the CBS subform by the form of stay."""
    assert cbs_indeling.hulpvorm(_toewijzing(soort, product, woonvorm=woonvorm)) == verwacht


def test_maatregel_wordt_jeugdbescherming():
    """Issue 21 item 10: care under an OTS or voogdij is marked as jeugdbescherming."""
    assert cbs_indeling.jeugdbescherming(_toewijzing(maatregel="ots")) == CbsJeugdbescherming.OTS
    assert cbs_indeling.jeugdbescherming(_toewijzing(maatregel="voogdij")) == CbsJeugdbescherming.VOOGDIJ
    assert cbs_indeling.jeugdbescherming(_toewijzing()) == CbsJeugdbescherming.GEEN


@pytest.mark.parametrize(
    ("code", "verwacht"),
    [
        ("01", CbsVerwijzer.GEMEENTELIJKE_TOEGANG),
        ("02", CbsVerwijzer.HUISARTS),
        ("03", CbsVerwijzer.JEUGDARTS),
        ("04", CbsVerwijzer.GECERTIFICEERDE_INSTELLING),
        ("05", CbsVerwijzer.MEDISCH_SPECIALIST),
        ("06", CbsVerwijzer.GEEN),
        ("08", CbsVerwijzer.RECHTER),
        ("", CbsVerwijzer.ONBEKEND),
    ],
)
def test_verwijzer_cod327_naar_cbs(code, verwacht):
    """Issue 21 item 10, R-T10: every COD327 referrer type maps to its CBS verwijzer."""
    assert cbs_indeling.verwijzer(code) == verwacht


@pytest.mark.parametrize(
    ("stopreden", "verwacht"),
    [
        ("02", CbsRedenBeeindiging.OVERLIJDEN),
        ("31", CbsRedenBeeindiging.VOLGENS_PLAN),
        ("32", CbsRedenBeeindiging.VOORTIJDIG_CLIENT),
        ("33", CbsRedenBeeindiging.VOORTIJDIG_AANBIEDER),
        ("34", CbsRedenBeeindiging.VOORTIJDIG_IN_OVERLEG),
        ("35", CbsRedenBeeindiging.EXTERNE_OORZAAK),
        ("36", CbsRedenBeeindiging.DOOR_GEMEENTE),
        ("37", CbsRedenBeeindiging.WIJZIGINGSVERZOEK),
        ("38", CbsRedenBeeindiging.OVERSTAP),
    ],
)
def test_stopreden_jz588_naar_cbs(stopreden, verwacht):
    """Issue 21 item 10: a stop of care (JW307) ends the trajectory on the stop day with its JZ588 reason."""
    t = _toewijzing(status=ToewijzingStatus.GESTOPT, stopdatum_zorg=date(2026, 5, 1), reden_beeindiging=stopreden)
    assert cbs_indeling.einde(t, peildatum=PEIL) == (date(2026, 5, 1), verwacht)


def test_tijdelijke_stop_is_geen_einde():
    """Issue 21 item 10: JZ588 20 (temporarily stopped) leaves the trajectory running."""
    t = _toewijzing(status=ToewijzingStatus.GESTOPT, stopdatum_zorg=date(2026, 5, 1), reden_beeindiging="20")
    assert cbs_indeling.einde(t, peildatum=PEIL) == (None, None)


@pytest.mark.parametrize(
    ("jz002", "verwacht"),
    [
        ("02", CbsRedenBeeindiging.OVERLIJDEN),
        ("03", CbsRedenBeeindiging.DOOR_GEMEENTE),
        ("05", CbsRedenBeeindiging.DOOR_GEMEENTE),
        ("06", CbsRedenBeeindiging.ANDER_DOMEIN),
        ("07", CbsRedenBeeindiging.EXTERNE_OORZAAK),
        ("09", CbsRedenBeeindiging.OVERSTAP),
        ("12", CbsRedenBeeindiging.WIJZIGINGSVERZOEK),
        ("", CbsRedenBeeindiging.ONBEKEND),
    ],
)
def test_einde_door_gemeente_via_jz002(jz002, verwacht):
    """Issue 21 item 10: an allocation ended by the municipality takes JZ002's "Reden beëindiging"."""
    t = _toewijzing(status=ToewijzingStatus.GESTART, einddatum=date(2026, 4, 30))
    assert cbs_indeling.einde(t, peildatum=PEIL, wijzigingsreden=jz002) == (date(2026, 4, 30), verwacht)


def test_einde_na_peildatum_telt_nog_niet():
    """Issue 21 item 10: an end after the half year leaves the trajectory running in it."""
    t = _toewijzing(status=ToewijzingStatus.GESTOPT, stopdatum_zorg=date(2026, 8, 1), reden_beeindiging="31")
    assert cbs_indeling.einde(t, peildatum=PEIL) == (None, None)


def test_halfjaar_ongeldig_geeft_nederlandse_fout():
    with pytest.raises(DomainError, match="jaar-H1 of jaar-H2"):
        Halfjaar.lees("2026-Q1")


# --- the export ---------------------------------------------------------------------------


def test_export_een_rij_per_traject_met_pseudoniem_en_zonder_bsn(route):
    """Issue 21 item 10, R-P3, R-P6: one row per trajectory active in the half year, keyed by the
    pseudonym; the export is audit-logged with the young person in it."""
    toewijzing = gestart(route)
    jeugdige = route["jeugdige_zwolle"]
    resultaat = exporteer(regio=route["zwolle"].regio, halfjaar=Halfjaar(2026, 1), door=route["gebruikers"]["beleid"])
    rijen = list(resultaat.rijen())
    assert rijen == [
        [
            "2026-H1",
            jeugdige.pseudoniem,
            f"GM{route['zwolle'].cbs_code}",
            CbsHulpvorm.AMBULANT.value,
            str(CbsHulpvorm.AMBULANT.label),
            "",
            CbsVerwijzer.GEMEENTELIJKE_TOEGANG.value,
            "Gemeentelijke toegang",
            toewijzing.startdatum_zorg,
            "",
            "",
            "",
        ]
    ]
    assert jeugdige.bsn not in str(rijen)
    regel = AuditRegel.objects.filter(actie="exporteren", objecttype="toewijzingen.Toewijzing").get()
    assert [(j.client_id, j.client_pseudoniem) for j in regel.jeugdigen.all()] == [(jeugdige.pk, jeugdige.pseudoniem)]
    # not active in the second half of 2025: no row
    assert list(exporteer(regio=route["zwolle"].regio, halfjaar=Halfjaar(2025, 2)).rijen()) == []


def test_export_pagina_alleen_voor_beleid(route, client):
    """Issue 21 item 10, R-P1: beleid downloads the CSV; every other role is refused (403)."""
    gestart(route)
    url = reverse("beheersing:cbs_export") + "?halfjaar=2026-H1"
    client.force_login(route["gebruikers"]["beleid"])
    response = client.get(url)
    assert response.status_code == 200
    inhoud = response.content.decode("utf-8-sig")
    assert route["jeugdige_zwolle"].pseudoniem in inhoud
    assert route["jeugdige_zwolle"].bsn not in inhoud
    for rol in ("contractmanager", "bestuurder", "toegang", "financieel", "aanbieder", "gi"):
        client.force_login(route["gebruikers"][rol])
        assert client.get(url).status_code == 403, rol


def test_export_pagina_ongeldig_halfjaar(route, client):
    client.force_login(route["gebruikers"]["beleid"])
    response = client.get(reverse("beheersing:cbs_export") + "?halfjaar=2026")
    assert response.status_code == 400
    assert "2026-H1" in response.content.decode()


# --- reference figures ---------------------------------------------------------------------

KOP = "jaar;kengetal;waarde;bron;illustratief\n"


def test_referenties_laden_uit_csv(db):
    """Issue 21 item 10: the loader reads the committed file; notes (#) are skipped."""
    rijen = laad_referenties("# noot\n" + KOP + "2026;jeugdhulp_pct;12,5;StatLine test;nee\n")
    assert [(r.jaar, r.kengetal, r.waarde, r.illustratief) for r in rijen] == [
        (2026, "jeugdhulp_pct", Decimal("12.50"), False)
    ]
    assert CbsReferentie.objects.get().waarde == Decimal("12.50")


def test_meegeleverd_bestand_is_geldig_en_illustratief(db):
    """Issue 21 item 10: the committed example values load and are all marked illustratief."""
    bestand = Path(__file__).resolve().parents[1] / "data" / "cbs" / "referentie_beleidsinformatie_jeugd.csv"
    rijen = laad_referenties(bestand.read_text(encoding="utf-8"))
    assert rijen and all(r.illustratief for r in rijen)


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [
        ("", "geen referentiecijfers"),
        ("jaar;waarde\n2026;1\n", "kopregel"),
        (KOP + "20x6;jeugdhulp_pct;1;bron;ja\n", "regel 2: vul bij jaar"),
        (KOP + "2026;onzin;1;bron;ja\n", "onbekend kengetal"),
        (KOP + "2026;jeugdhulp_pct;150;bron;ja\n", "percentage tussen 0 en 100"),
        (KOP + "2026;jeugdhulp_pct;abc;bron;ja\n", "percentage tussen 0 en 100"),
        (KOP + "2026;jeugdhulp_pct;1;;ja\n", "bron"),
        (KOP + "2026;jeugdhulp_pct;1;bron;misschien\n", "'ja' of 'nee'"),
        (KOP + "2026;jeugdhulp_pct;1;bron\n", "verwacht 5 kolommen"),
        (KOP + "2026;jeugdhulp_pct;1;bron;ja\n2026;jeugdhulp_pct;2;bron;ja\n", "al eerder"),
    ],
)
def test_referenties_ongeldig_nederlandse_fout_en_niets_geladen(db, tekst, fout):
    """Issue 21 item 10: bad input is refused with a Dutch message and nothing is stored."""
    with pytest.raises(DomainError, match=fout):
        laad_referenties(tekst)
    assert CbsReferentie.objects.count() == 0


def test_vergelijkingspagina_toont_regio_naast_cbs_referentie(route, client, settings):
    """Issue 21 item 10: the comparison page shows the region's own figure next to the reference,
    an example value labelled as such."""
    settings.JEUGDREGIE_ONTHULLINGSDREMPEL = 1
    Gemeente.objects.filter(pk=route["zwolle"].pk).update(jeugdigen=40)
    Gemeente.objects.filter(regio=route["zwolle"].regio).exclude(pk=route["zwolle"].pk).update(jeugdigen=60)
    gestart(route)
    laad_referenties(KOP + "2026;jeugdhulp_pct;12,5;Voorbeeld;ja\n2026;verblijf_aandeel;7,5;StatLine;nee\n")
    client.force_login(route["gebruikers"]["beleid"])
    html = client.get(reverse("beheersing:gemeenten") + "?soort=jaar&periode=2026").content.decode()
    assert "CBS Beleidsinformatie Jeugd" in html
    assert "1,0%" in html  # one young person of 100 young inhabitants
    assert "12,50%" in html and "voorbeeldwaarde, geen CBS-cijfer" in html
    assert "0,0%" in html and "7,50%" in html
    assert "cbs-export" in html
