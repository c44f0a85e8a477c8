"""The beschikkingen's pages (issue 20 §2, R-D1): the register with filter and export, the
download (scoped, audit-logged), the dispatch on the server's date, the worklist of letters that
wait for an addressee, and the beheerder's versioned templates."""

from datetime import date

import pytest

from jeugdregie.audit.models import AuditRegel
from jeugdregie.beschikkingen.models import Beschikking, Sjabloon, WachtendeBeschikking

from .builders.beschikkingen import DATUM, beschikking_van, toewijzing
from .builders.gezin import ouder_met_gezag
from .klok import op_de_dag


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def brief(route):
    ouder_met_gezag(route["jeugdige_zwolle"])
    with op_de_dag(DATUM):
        return beschikking_van(toewijzing(route)).beschikking


def test_register_toont_de_brieven_van_de_eigen_gemeente_en_exporteert(client, route, brief):
    """R-D1, R-P1: the toegang lists its municipality's letters, filters them and exports CSV."""
    client.force_login(route["gebruikers"]["toegang"])
    inhoud = client.get("/beschikkingen/").content.decode()
    assert brief.nummer in inhoud and "Zwolsma" in inhoud
    assert brief.nummer not in client.get("/beschikkingen/?verzonden=ja").content.decode()
    assert brief.nummer in client.get("/beschikkingen/?verzonden=nee&soort=toewijzing").content.decode()
    csv = client.get("/beschikkingen/?export=csv")
    assert csv["Content-Type"].startswith("text/csv")
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("Nummer;Datum;Soort") and regels[1].startswith(f"{brief.nummer};02-03-2026;")
    assert AuditRegel.objects.filter(actie="exporteren", objecttype="beschikkingen.Beschikking").exists()

    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert brief.nummer not in client.get("/beschikkingen/").content.decode()


@pytest.mark.parametrize(
    ("rol", "status"),
    [("toegang", 200), ("toegang_andere_gemeente", 404), ("aanbieder", 403), ("huisarts", 403), ("financieel", 403)],
)
def test_download_alleen_voor_de_toegang_van_de_gemeente(client, route, brief, rol, status):
    """R-D1, R-P1: the letter's PDF for the toegang of its municipality; another municipality
    finds nothing, a provider or referrer and finance are refused; each attempt audit-logged."""
    assert not brief.pdf  # made without its PDF: the worker or the first download renders it
    client.force_login(route["gebruikers"][rol])
    antwoord = client.get(f"/beschikkingen/{brief.pk}/pdf/")
    assert antwoord.status_code == status
    brief.refresh_from_db()
    assert bool(brief.pdf) == (status == 200)  # stored at the first permitted download only
    rij = AuditRegel.objects.filter(objecttype="beschikkingen.Beschikking", actie="lezen").latest("id")
    assert rij.uitkomst == ("gelukt" if status == 200 else "geweigerd")
    if status == 200:
        assert b"".join(antwoord.streaming_content).startswith(b"%PDF-")


def test_anoniem_moet_inloggen(client, brief):
    antwoord = client.get(f"/beschikkingen/{brief.pk}/pdf/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_verzending_krijgt_de_datum_van_de_server_en_eenmaal(client, route, brief):
    """R-D1 (and the objection term of R-D2 that starts after it): the dispatch date is the
    server's, the channel follows the addressees, and a second dispatch is refused."""
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(date(2026, 3, 4)):
        client.post(f"/beschikkingen/{brief.pk}/verzenden/", {"verzonden_op": "2020-01-01"})
    brief.refresh_from_db()
    assert (brief.verzonden_op, brief.kanaal) == (date(2026, 3, 4), "post")
    with op_de_dag(date(2026, 3, 9)):
        antwoord = client.post(f"/beschikkingen/{brief.pk}/verzenden/", follow=True)
    assert "al verzonden op 04-03-2026" in antwoord.content.decode()
    brief.refresh_from_db()
    assert brief.verzonden_op == date(2026, 3, 4)


def test_verzenden_vanuit_het_dossier_keert_terug_naar_het_dossier(client, route, brief):
    """R-D1: the dossier lists the unsent letter with its dispatch button and comes back to the
    dossier; a return address on another host is ignored (to the register instead)."""
    client.force_login(route["gebruikers"]["toegang"])
    dossier = f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/"
    inhoud = client.get(dossier).content.decode()
    assert f'action="/beschikkingen/{brief.pk}/verzenden/"' in inhoud and "Verzending vastleggen" in inhoud
    antwoord = client.post(f"/beschikkingen/{brief.pk}/verzenden/", {"terug": dossier})
    assert antwoord.status_code == 302 and antwoord["Location"] == dossier
    brief.refresh_from_db()
    assert brief.verzonden_op is not None
    assert "Verzending vastleggen" not in client.get(dossier).content.decode()
    antwoord = client.post(f"/beschikkingen/{brief.pk}/verzenden/", {"terug": "https://elders.example/"})
    assert antwoord["Location"] == "/beschikkingen/"


def test_andere_gemeente_kan_niet_verzenden(client, route, brief):
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert client.post(f"/beschikkingen/{brief.pk}/verzenden/").status_code == 404
    brief.refresh_from_db()
    assert brief.verzonden_op is None


def test_opnieuw_proberen_zonder_geadresseerde_geeft_melding_en_slaat_niets_op(client, route, tmp_path):
    """R-D1, issue 20 bad input: a letter for a child without anyone to address. The retry on the
    worklist answers with the Dutch reason and saves nothing: no letter, no number taken, no PDF in
    storage, no audit row of a letter; the item stays on the worklist."""
    from jeugdregie.beschikkingen.models import Volgnummer

    with op_de_dag(DATUM):
        beschikking_van(toewijzing(route))
    wacht = WachtendeBeschikking.objects.get()
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(DATUM):
        antwoord = client.post(f"/beschikkingen/wachtend/{wacht.pk}/opnieuw/", follow=True)
    inhoud = antwoord.content.decode()
    assert "Leg bij het gezin van Zara Zwolsma vast wie het gezag heeft" in inhoud
    assert Beschikking.objects.count() == 0 and Volgnummer.objects.count() == 0
    assert list(tmp_path.rglob("*.pdf")) == []
    assert not AuditRegel.objects.filter(objecttype="beschikkingen.Beschikking").exists()
    wacht.refresh_from_db()
    assert wacht.opgelost is None and WachtendeBeschikking.objects.count() == 1


def test_werkvoorraad_wacht_op_geadresseerde_en_opnieuw_proberen(client, route):
    """R-D1: the waiting decision is on the worklist with its Dutch reason; after a parent is
    entered the retry makes the letter and it leaves the list."""
    with op_de_dag(DATUM):
        beschikking_van(toewijzing(route))
    wacht = WachtendeBeschikking.objects.get()
    client.force_login(route["gebruikers"]["toegang"])
    inhoud = client.get("/beschikkingen/wachtend/").content.decode()
    assert "Zwolsma" in inhoud and "gezag" in inhoud
    assert "Zwolsma" not in _als(client, route, "toegang_andere_gemeente", "/beschikkingen/wachtend/")
    ouder_met_gezag(route["jeugdige_zwolle"])
    client.force_login(route["gebruikers"]["toegang"])
    with op_de_dag(DATUM):
        client.post(f"/beschikkingen/wachtend/{wacht.pk}/opnieuw/")
    assert Beschikking.objects.get().gebeurtenis_id == wacht.gebeurtenis_id
    assert "Zwolsma" not in client.get("/beschikkingen/wachtend/").content.decode()


def _als(client, route, rol, url):
    client.force_login(route["gebruikers"][rol])
    return client.get(url).content.decode()


def test_dossier_toont_de_brief_alleen_aan_de_toegang(client, route, brief):
    """R-D1: the letter is listed in the child's dossier for the toegang; the provider, who
    reads the dossier, does not see it."""
    url = f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/"
    assert brief.nummer in _als(client, route, "toegang", url)
    assert brief.nummer not in _als(client, route, "aanbieder", url)


def test_beheerder_bewaart_een_nieuwe_versie_en_de_oude_brief_houdt_de_zijne(client, route, brief):
    """Issue 20 §2: each save of the template is a new version; a letter keeps the version it used."""
    beheerder = route["gebruikers"]["beheerder"]
    beheerder.regio = route["zwolle"].regio
    beheerder.save()
    client.force_login(beheerder)
    velden = {
        "afzender": "Gemeente Zwolle, team Jeugd en Gezin",
        "ondertekenaar": "Het college van Zwolle",
        "functie_ondertekenaar": "Namens het college: de manager Jeugd",
        "inleiding": "Wij hebben een besluit genomen.",
        "slot": "Met dank.",
        "contact": "Bel 14 038.",
    }
    antwoord = client.post(f"/beschikkingen/sjablonen/{route['zwolle'].pk}/", velden)
    assert antwoord.status_code == 302
    versies = list(Sjabloon.objects.filter(gemeente=route["zwolle"]).values_list("versie", "afzender"))
    assert versies == [(2, velden["afzender"]), (1, "Gemeente Zwolle, team Jeugd")]
    brief.refresh_from_db()
    assert brief.sjabloon.versie == 1


def test_logo_van_verkeerde_soort_wordt_geweigerd_en_niets_bewaard(client, route):
    from django.core.files.uploadedfile import SimpleUploadedFile

    beheerder = route["gebruikers"]["beheerder"]
    beheerder.regio = route["zwolle"].regio
    beheerder.save()
    client.force_login(beheerder)
    nep = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    antwoord = client.post(
        f"/beschikkingen/sjablonen/{route['zwolle'].pk}/",
        {
            "afzender": "A",
            "ondertekenaar": "B",
            "functie_ondertekenaar": "C",
            "inleiding": "D",
            "slot": "E",
            "contact": "F",
            "logo": nep,
        },
    )
    assert antwoord.status_code == 200 and "PNG- of JPEG-afbeelding" in antwoord.content.decode()
    assert not Sjabloon.objects.filter(gemeente=route["zwolle"], versie__gt=1).exists()


@pytest.mark.parametrize("rol", ["toegang", "aanbieder", "financieel", "contractmanager"])
def test_sjablonen_alleen_voor_de_beheerder(client, route, rol):
    client.force_login(route["gebruikers"][rol])
    assert client.get("/beschikkingen/sjablonen/").status_code == 403
    assert client.get(f"/beschikkingen/sjablonen/{route['zwolle'].pk}/").status_code == 403


def test_beheerder_van_een_andere_regio_vindt_het_sjabloon_niet(client, route):
    from jeugdregie.organisaties.models import Regio

    beheerder = route["gebruikers"]["beheerder"]
    beheerder.regio = Regio.objects.exclude(pk=route["zwolle"].regio_id).first() or Regio.objects.create(
        code="elders", naam="Elders"
    )
    beheerder.save()
    client.force_login(beheerder)
    assert client.get(f"/beschikkingen/sjablonen/{route['zwolle'].pk}/").status_code == 404
    assert client.post(f"/beschikkingen/sjablonen/{route['zwolle'].pk}/", {"afzender": "X"}).status_code == 404
    assert not Sjabloon.objects.filter(gemeente=route["zwolle"]).exists()


def test_wachtende_brief_staat_op_de_werkvoorraad_van_de_toegang(client, route):
    """R-D1: the decision without an addressee is on the toegang's worklist (home page and the
    list's own page), the child by initials; another municipality has no such list."""
    with op_de_dag(DATUM):
        beschikking_van(toewijzing(route))
    client.force_login(route["gebruikers"]["toegang"])
    assert "Beschikking wacht op geadresseerde" in client.get("/").content.decode()
    inhoud = client.get("/werk/beschikking-wacht/").content.decode()
    assert "Z.Z." in inhoud and "vul een geadresseerde in" in inhoud
    assert f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/" in inhoud
    client.force_login(route["gebruikers"]["toegang_andere_gemeente"])
    assert client.get("/werk/beschikking-wacht/").status_code == 403
