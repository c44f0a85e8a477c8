"""R-D1: each toegang decision produces one beschikking, addressed per Jeugdwet 7.3.4, whole or
not at all (issue 20 §2)."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.beschikkingen.constants import BeschikkingSoort
from jeugdregie.beschikkingen.models import Beschikking, Volgnummer, WachtendeBeschikking
from jeugdregie.beschikkingen.services.inhalen import haal_in, probeer_wachtende
from jeugdregie.beschikkingen.services.maken import maak_beschikking
from jeugdregie.beschikkingen.services.pdf import zorg_voor_pdf

from .builders.beschikkingen import DATUM, beschikking_van, besluitgebeurtenis, toewijzing
from .builders.gezin import ouder_met_gezag
from .klok import op_de_dag


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_toewijzing_geeft_een_beschikking_aan_de_ouder_met_gezag(route):
    """R-D1: the allocation for a child under 12 produces one letter to the gezag holder, with
    result, budget, period, provider and the objection clause; a second run adds nothing."""
    jeugdige = _geboren(route["jeugdige_zwolle"], date(2016, 5, 1))
    ouder_met_gezag(jeugdige)
    toewijzing_ = toewijzing(route)
    with op_de_dag(DATUM):
        uitkomst = beschikking_van(toewijzing_)
        tweede = beschikking_van(toewijzing_)
    beschikking = uitkomst.beschikking
    assert uitkomst.nieuw and not tweede.nieuw and tweede.beschikking == beschikking
    assert Beschikking.objects.count() == 1
    assert beschikking.soort == BeschikkingSoort.TOEWIJZING
    assert beschikking.gemeente == route["zwolle"] and beschikking.jeugdige == jeugdige
    assert beschikking.aanbieder == route["aanbieder"]
    assert beschikking.datum == DATUM
    assert beschikking.nummer == f"B-{route['zwolle'].cbs_code}-2026-00001"
    assert [g["naam"] for g in beschikking.geadresseerden] == ["Petra de Vries"]
    assert not beschikking.pdf  # rendered after the commit by a worker (test_pdf_na_de_commit)
    assert zorg_voor_pdf(beschikking.pk) and not zorg_voor_pdf(beschikking.pk)
    beschikking.refresh_from_db()
    with beschikking.pdf.open("rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    assert beschikking.verzonden_op is None
    assert AuditRegel.objects.filter(objecttype="beschikkingen.Beschikking", object_id=str(beschikking.pk)).exists()


def _geboren(jeugdige, dag):
    jeugdige.geboortedatum = dag
    jeugdige.save(update_fields=["geboortedatum"])
    return jeugdige


@pytest.mark.parametrize(
    ("geboren", "verwacht"),
    [
        (date(2016, 5, 1), [("Petra de Vries", "ouder")]),  # 9: the gezag holder
        (date(2012, 5, 1), [("Zara Zwolsma", "jeugdige"), ("Petra de Vries", "ouder")]),  # 13: both
        (date(2009, 5, 1), [("Zara Zwolsma", "jeugdige")]),  # 16: the youth alone
    ],
)
def test_geadresseerden_volgen_de_leeftijd(route, geboren, verwacht):
    """R-D1 (Jeugdwet 7.3.4): below 12 the gezag holders, from 12 both, from 16 the youth alone;
    the letter names each addressee and their postal lines."""
    jeugdige = _geboren(route["jeugdige_zwolle"], geboren)
    ouder_met_gezag(
        jeugdige,
        adres={"straatnaam": "Thorbeckegracht", "huisnummer": "7", "postcode": "8011 VM", "plaatsnaam": "Zwolle"},
    )
    with op_de_dag(DATUM):
        beschikking = beschikking_van(toewijzing(route)).beschikking
    assert [(g["naam"], g["rol"]) for g in beschikking.geadresseerden] == verwacht
    assert all(g["adresregels"] for g in beschikking.geadresseerden)


def test_zonder_geadresseerde_geen_halve_brief_maar_een_werkitem(route):
    """R-D1: a decision for a child with nobody to address saves no letter, no number and no
    file; it waits on the worklist with the Dutch reason and is produced once a parent is entered."""
    jeugdige = route["jeugdige_zwolle"]
    toewijzing_ = toewijzing(route)
    with op_de_dag(DATUM):
        uitkomst = beschikking_van(toewijzing_)
    assert uitkomst.beschikking is None
    assert Beschikking.objects.count() == 0 and Volgnummer.objects.count() == 0
    wacht = WachtendeBeschikking.objects.get()
    assert wacht.gebeurtenis == besluitgebeurtenis(toewijzing_) and wacht.opgelost is None
    assert "gezag" in wacht.reden and str(jeugdige) in wacht.reden

    ouder_met_gezag(jeugdige)
    with op_de_dag(DATUM):
        assert probeer_wachtende(jeugdige_id=jeugdige.pk) == 1
    wacht.refresh_from_db()
    assert wacht.opgelost is not None
    assert Beschikking.objects.get().gebeurtenis == wacht.gebeurtenis


def test_na_commit_maakt_de_beschikking(route, django_capture_on_commit_callbacks):
    """R-D1: the subscriber on the route's event makes the letter after the decision's commit."""
    ouder_met_gezag(route["jeugdige_zwolle"])
    with op_de_dag(DATUM), django_capture_on_commit_callbacks(execute=True):
        toewijzing_ = toewijzing(route)
    assert Beschikking.objects.get().gebeurtenis == besluitgebeurtenis(toewijzing_)


def test_inhalen_maakt_wat_ontbreekt_en_niet_twee_keer(route):
    """R-D1: the catch-up makes the letters the after-commit run missed, once."""
    ouder_met_gezag(route["jeugdige_zwolle"])
    toewijzing(route)
    with op_de_dag(DATUM):
        eerste = haal_in()
        tweede = haal_in()
    assert (eerste.gemaakt, eerste.wachtend, eerste.mislukt) == (1, 0, 0)
    assert (tweede.gemaakt, tweede.wachtend, tweede.mislukt) == (0, 0, 0)
    assert Beschikking.objects.count() == 1


def test_een_gebeurtenis_die_geen_besluit_is_krijgt_geen_brief(route):
    """R-D1: the referral's own event is no decision to the family."""
    ouder_met_gezag(route["jeugdige_zwolle"])
    verwijzing = toewijzing(route).verwijzing
    from jeugdregie.verwijzingen.constants import Gebeurtenissoort

    with op_de_dag(DATUM):
        uitkomst = maak_beschikking(
            gebeurtenis_id=besluitgebeurtenis(verwijzing, Gebeurtenissoort.VERWIJZING_GEREGISTREERD).pk
        )
    assert uitkomst.beschikking is None and uitkomst.wacht is None
    assert Beschikking.objects.count() == 0


def test_demo_maakt_de_brief_van_elk_besluit_eenmaal(route):
    """R-D1 in the demo: the synthetic region's step makes the letter of each decision event
    through the catch-up service, and a second run adds nothing."""
    from jeugdregie.synthese.beschikkingen import maak_beschikkingen

    ouder_met_gezag(route["jeugdige_zwolle"])
    toewijzing(route)
    regels = []
    with op_de_dag(DATUM):
        assert maak_beschikkingen(melden=regels.append) == 1
        assert maak_beschikkingen(melden=regels.append) == 0
    assert regels[0].startswith("beschikkingen: 1 gemaakt, 0 wachten op een geadresseerde in ")
    assert Beschikking.objects.count() == 1


def test_brief_van_zestienjarige_volgt_zodra_het_adres_bekend_is(route, django_capture_on_commit_callbacks):
    """R-D1: a 16-year-old without a known address gets no letter (waiting, nothing saved); when
    the toegang enters the address, the letter follows after that commit (``ContactGewijzigd``)."""
    from jeugdregie.jeugdigen.models import Adres
    from jeugdregie.jeugdigen.services_contact import wijzig_contactgegevens

    jeugdige = _geboren(route["jeugdige_zwolle"], date(2009, 5, 1))
    Adres.objects.filter(jeugdige=jeugdige).delete()
    with op_de_dag(DATUM), django_capture_on_commit_callbacks(execute=True):
        toewijzing(route)
    assert Beschikking.objects.count() == 0
    assert "woonadres" in WachtendeBeschikking.objects.get(opgelost__isnull=True).reden
    with op_de_dag(DATUM), django_capture_on_commit_callbacks(execute=True):
        wijzig_contactgegevens(
            jeugdige=jeugdige,
            woonadres={"straatnaam": "Melkmarkt", "huisnummer": "3", "postcode": "8011 MC", "plaatsnaam": "Zwolle"},
            door=route["gebruikers"]["toegang"],
        )
    beschikking = Beschikking.objects.get()
    assert beschikking.geadresseerden[0]["adresregels"][0] == "Melkmarkt 3"
    assert not WachtendeBeschikking.objects.filter(opgelost__isnull=True).exists()


def test_mislukte_opslag_laat_geen_halve_brief_achter(route, monkeypatch, tmp_path):
    """R-D1: when saving the letter fails after its PDF was stored, nothing stays: no row, no
    number taken, no file; the catch-up can make it later."""
    from jeugdregie.beschikkingen.models import Beschikking as Model

    ouder_met_gezag(route["jeugdige_zwolle"])
    toewijzing_ = toewijzing(route)

    def kapot(self, *args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(Model, "save", kapot)
    with op_de_dag(DATUM), pytest.raises(RuntimeError):
        beschikking_van(toewijzing_)
    monkeypatch.undo()
    assert Beschikking.objects.count() == 0 and Volgnummer.objects.count() == 0
    assert [p for p in tmp_path.rglob("*.pdf")] == []
    with op_de_dag(DATUM):
        assert beschikking_van(toewijzing_).beschikking.nummer.endswith("-00001")


def test_anonimiseren_haalt_geadresseerden_en_pdf_weg(route, tmp_path, django_capture_on_commit_callbacks):
    """R-P7 with R-D1: an anonymised child's letter keeps number, kind and dates, but not the
    family's names and addresses nor the stored PDF (after the commit)."""
    from types import SimpleNamespace

    from jeugdregie.beschikkingen.services.opschonen import bij_anonimisering

    ouder_met_gezag(route["jeugdige_zwolle"])
    with op_de_dag(DATUM):
        beschikking = beschikking_van(toewijzing(route)).beschikking
    zorg_voor_pdf(beschikking.pk)
    beschikking.refresh_from_db()
    bestand = tmp_path / beschikking.pdf.name
    assert bestand.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        assert bij_anonimisering(SimpleNamespace(jeugdige_id=route["jeugdige_zwolle"].pk)) == 1
    beschikking.refresh_from_db()
    assert (beschikking.geadresseerden, beschikking.pdf.name) == ([], "")
    assert beschikking.nummer.endswith("-00001") and beschikking.datum == DATUM
    assert not bestand.exists()
    assert beschikking.inhoud == {} and not zorg_voor_pdf(beschikking.pk)  # no PDF with the names again


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_runs_maken_een_brief(route, tmp_path):
    """R-D1 under concurrency (PostgreSQL, two connections): the after-commit run and the catch-up
    make the same decision's letter at once; the event's row lock lets one make it and the other
    return it: one letter, one number, one file."""
    import threading

    from django.db import connection

    toewijzing_ = toewijzing(route)  # committed: its after-commit run finds nobody and waits
    assert WachtendeBeschikking.objects.count() == 1
    ouder_met_gezag(route["jeugdige_zwolle"])
    gebeurtenis_id = besluitgebeurtenis(toewijzing_).pk
    uitkomsten, start = [], threading.Barrier(2)

    def run():
        try:
            start.wait()
            uitkomsten.append(maak_beschikking(gebeurtenis_id=gebeurtenis_id).nieuw)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(uitkomsten) == [False, True]
    assert Beschikking.objects.count() == 1
    assert Volgnummer.objects.get().laatste == 1


def test_brief_volgt_zodra_de_toegang_een_ouder_invult(route, django_capture_on_commit_callbacks):
    """R-D1: the waiting letter is made after the commit in which the toegang enters a parent
    with gezag (``GezinGewijzigd``), without a retry or the catch-up."""
    with op_de_dag(DATUM), django_capture_on_commit_callbacks(execute=True):
        toewijzing(route)
    assert Beschikking.objects.count() == 0 and WachtendeBeschikking.objects.count() == 1
    with op_de_dag(DATUM), django_capture_on_commit_callbacks(execute=True):
        ouder_met_gezag(route["jeugdige_zwolle"], door=route["gebruikers"]["toegang"])
    beschikking = Beschikking.objects.get()
    assert "Petra de Vries" in [g["naam"] for g in beschikking.geadresseerden]
    assert WachtendeBeschikking.objects.get().opgelost is not None


def test_pdf_na_de_commit_door_een_taak(route, monkeypatch, django_capture_on_commit_callbacks):
    """R-D1: the letter is made without its PDF; after the commit the worker's task is sent, and
    the task (a thin adapter) renders it once: a second delivery stores nothing new."""
    from jeugdregie.taken import tasks

    verzonden: list[int] = []
    monkeypatch.setattr(tasks.beschikking_pdf, "delay", verzonden.append)
    ouder_met_gezag(route["jeugdige_zwolle"])
    toewijzing_ = toewijzing(route)
    with op_de_dag(DATUM), django_capture_on_commit_callbacks(execute=True):
        beschikking = beschikking_van(toewijzing_).beschikking
        assert verzonden == []  # nothing before the commit
    assert verzonden == [beschikking.pk] and not Beschikking.objects.get().pdf
    assert tasks.beschikking_pdf(beschikking.pk) == 1
    naam = Beschikking.objects.get().pdf.name
    assert naam and tasks.beschikking_pdf(beschikking.pk) == 0
    assert Beschikking.objects.get().pdf.name == naam


def test_pdf_toont_de_brief_zoals_die_gemaakt_is(route, monkeypatch):
    """R-D1: the letter's content is frozen when it is made: a PDF rendered later, after the
    municipality changed its template and the child's name changed, shows the letter as made
    (its text, addressees and template version). The renderer's HTML stands in for the PDF."""
    from jeugdregie.beschikkingen.models import Sjabloon
    from jeugdregie.beschikkingen.services import pdf
    from jeugdregie.beschikkingen.services.sjablonen import huidig_sjabloon

    monkeypatch.setattr(pdf, "maak_pdf", lambda **gegevens: pdf.brief_html(**gegevens).encode())

    jeugdige = route["jeugdige_zwolle"]
    ouder_met_gezag(jeugdige)
    with op_de_dag(DATUM):
        beschikking = beschikking_van(toewijzing(route)).beschikking
    oud = huidig_sjabloon(route["zwolle"])
    Sjabloon.objects.create(
        gemeente=route["zwolle"],
        versie=oud.versie + 1,
        afzender=oud.afzender,
        ondertekenaar=oud.ondertekenaar,
        functie_ondertekenaar=oud.functie_ondertekenaar,
        inleiding="Een heel andere eerste alinea.",
        slot=oud.slot,
        contact=oud.contact,
    )
    naam_toen = f"{jeugdige.voornamen} {jeugdige.achternaam}"
    jeugdige.achternaam = "Anders"
    jeugdige.save(update_fields=["achternaam"])
    assert beschikking.inhoud["sjabloonversie"] == oud.versie and beschikking.sjabloon == oud
    assert zorg_voor_pdf(beschikking.pk)
    beschikking.refresh_from_db()
    with beschikking.pdf.open("rb") as bestand:
        tekst = " ".join(bestand.read().decode().split())
    assert naam_toen in tekst and "Anders" not in tekst
    assert oud.inleiding.split(".")[0] in tekst and "heel andere" not in tekst
    assert beschikking.nummer in tekst


def test_pdf_die_niet_bewaard_kan_worden_laat_geen_bestand_achter(route, monkeypatch, tmp_path):
    """R-D1, nothing half-saved: when storing the rendered PDF on the row fails, its file is
    deleted and the letter stays without one (the task retries, or the download renders it)."""
    from jeugdregie.beschikkingen.models import Beschikking as Model

    ouder_met_gezag(route["jeugdige_zwolle"])
    with op_de_dag(DATUM):
        beschikking = beschikking_van(toewijzing(route)).beschikking

    def kapot(self, *args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(Model, "save", kapot)
    with pytest.raises(RuntimeError):
        zorg_voor_pdf(beschikking.pk)
    monkeypatch.undo()
    assert list(tmp_path.rglob("*.pdf")) == [] and not Beschikking.objects.get().pdf
