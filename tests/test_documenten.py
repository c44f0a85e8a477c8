"""Documents attached to a child, a referral or an allocation (issue 20 §4): type, size and
content checks on the bytes, the retention class, who adds which kind where, reading by the same
policies as the child and the referral or allocation, the audit row of every upload and download,
and the storage behind Django's storage API (local files; object storage by configuration)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from jeugdregie.audit.models import AuditRegel
from jeugdregie.bewaring.constants import Dataklasse
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.common.errors import DomainError
from jeugdregie.documenten.constants import Foutcode
from jeugdregie.documenten.models import Document
from jeugdregie.documenten.policies import mag_document_lezen
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze

from .builders.documenten import EXE, HTML, JPEG, PDF, PNG, bestand, voeg_toe
from .builders.route import DATUM, screen, verwijs
from .klok import op_de_dag


@pytest.fixture(autouse=True)
def opslag(settings, tmp_path):
    """Every test stores its documents in its own folder: what is there is what the test stored."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def opgeslagen(map_) -> list:
    return sorted(p for p in map_.rglob("*") if p.is_file())


# --- adding: checks on the bytes, nothing half-saved ---


def test_toegang_voegt_verwijsbrief_toe_met_type_uit_de_inhoud_en_auditregel(route, opslag):
    """Issue 20 §4: the stored object has a random name (never the uploaded one), the row the
    type found in the bytes, size, hash and retention class; one audit row "aanmaken" of the child
    without the file name (R-P2)."""
    document = voeg_toe(route, bestand=bestand("Zara Zwolsma brief.pdf", PDF, content_type="text/plain"))
    assert document.inhoudstype == "application/pdf"  # the bytes, not what the browser claimed
    assert document.grootte == len(PDF) and document.bestandsnaam == "Zara Zwolsma brief.pdf"
    assert document.bewaarklasse == Dataklasse.JEUGDHULPDOSSIER
    assert document.organisatie == route["gebruikers"]["toegang"].organisatie_omschrijving
    [pad] = opgeslagen(opslag)
    assert pad.read_bytes() == PDF and "Zwolsma" not in str(pad) and pad.suffix == ".pdf"
    regel = AuditRegel.objects.get(objecttype="documenten.Document", actie="aanmaken")
    assert regel.client_id == route["jeugdige_zwolle"].pk and regel.object_id == str(document.pk)
    assert "Zwolsma" not in regel.details and ".pdf" not in regel.details


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [("scan.png", PNG, "image/png"), ("foto.jpg", JPEG, "image/jpeg"), ("foto.JPEG", JPEG, "image/jpeg")],
)
def test_png_en_jpeg_worden_aanvaard(route, naam, inhoud, verwacht):
    assert voeg_toe(route, bestand=bestand(naam, inhoud)).inhoudstype == verwacht


def test_rechterlijke_uitspraak_valt_onder_jeugdbescherming(route):
    """Issue 20 §4, R-P7: a court order is kept as the OTS/voogdij dossier (bewaring.termijnen)."""
    document = voeg_toe(route, soort="rechterlijke_uitspraak", titel="Beschikking kinderrechter OTS")
    assert document.bewaarklasse == Dataklasse.JEUGDBESCHERMING


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("verwijsbrief.pdf", EXE),  # a program named as a PDF
        ("verwijsbrief.pdf", HTML),  # a web page with a script
        ("verwijsbrief.exe", PDF),  # a PDF with another extension
        ("verwijsbrief.pdf", b"gewoon wat tekst, geen pdf"),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 40),  # office files are refused (macros)
    ],
)
def test_verkeerd_type_wordt_geweigerd_en_er_wordt_niets_bewaard(route, opslag, naam, inhoud):
    """Issue 20 §4 bad input: a clear Dutch message, no row, no stored bytes, no audit row."""
    with pytest.raises(DomainError) as fout:
        voeg_toe(route, bestand=bestand(naam, inhoud))
    assert fout.value.code == Foutcode.TYPE_ONGELDIG and fout.value.field == "bestand"
    assert "geen PDF, PNG of JPEG" in fout.value.message
    assert not Document.objects.exists() and opgeslagen(opslag) == []
    assert not AuditRegel.objects.filter(objecttype="documenten.Document").exists()


def test_te_groot_bestand_wordt_geweigerd(route, opslag, settings):
    settings.JEUGDREGIE_DOCUMENT_MAX_BYTES = 2 * 1024 * 1024
    groot = PDF + b"0" * (3 * 1024 * 1024)
    with pytest.raises(DomainError) as fout:
        voeg_toe(route, bestand=bestand("dik.pdf", groot))
    assert fout.value.code == Foutcode.TE_GROOT
    assert fout.value.message.startswith("Het bestand is te groot (3 MB); het mag hoogstens 2 MB zijn.")
    assert not Document.objects.exists() and opgeslagen(opslag) == []
    # exactly the limit is accepted
    precies = PDF + b"0" * (2 * 1024 * 1024 - len(PDF))
    assert voeg_toe(route, bestand=bestand("precies.pdf", precies)).grootte == 2 * 1024 * 1024


def test_leeg_bestand_en_lege_titel_worden_geweigerd(route, opslag):
    with pytest.raises(DomainError) as fout:
        voeg_toe(route, bestand=bestand("leeg.pdf", b""))
    assert fout.value.code == Foutcode.LEEG
    with pytest.raises(DomainError) as fout:
        voeg_toe(route, titel="   ")
    assert fout.value.code == Foutcode.TITEL_ONGELDIG and fout.value.field == "titel"
    assert not Document.objects.exists() and opgeslagen(opslag) == []


def test_mislukte_registratie_ruimt_het_bewaarde_bestand_op(route, opslag, monkeypatch):
    """Nothing half-saved: when the row or its audit row cannot be written after the bytes were
    stored, the bytes are removed again."""
    from jeugdregie.documenten import services

    def kapot(**_):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "log", kapot)
    with pytest.raises(RuntimeError):
        voeg_toe(route)
    assert not Document.objects.exists() and opgeslagen(opslag) == []


def test_verwijzing_van_een_andere_jeugdige_wordt_geweigerd(route):
    verwijzing = verwijs(route)
    with pytest.raises(DomainError) as fout:
        voeg_toe(route, jeugdige=route["jeugdige_deventer"], door="toegang_andere_gemeente", verwijzing=verwijzing)
    assert fout.value.code == Foutcode.KOPPELING_ONGELDIG and fout.value.field == "verwijzing"
    assert not Document.objects.exists()


# --- who adds which kind where ("who else could do this?") ---


@pytest.fixture
def situatie(route):
    """A referral of the toegang to the provider ("aanbieder") with the GP as referrer, accepted
    (an allocation), and a referral of the toegang to the other provider for the same child."""
    eigen = verwijs(route, verwijzer=route["huisarts"], keuze_door_verwijzer=False)
    screen(route, eigen)
    andere = verwijs(route, aanbieder="andere_aanbieder")
    return {"eigen": eigen, "toewijzing": eigen.toewijzingen.get(), "andere": andere}


@pytest.mark.parametrize(
    ("door", "soort", "koppeling"),
    [
        ("toegang", "overig", None),  # the toegang: every kind, also loose on the child
        ("toegang", "plan", "toewijzing"),
        ("aanbieder", "offerte", "eigen"),  # a provider: its offerte on its own referral
        ("aanbieder", "plan", "toewijzing"),  # … and its plan on its own allocation
        ("huisarts", "verwijsbrief", "eigen"),  # the GP: its referral letter on its own referral
    ],
)
def test_wie_mag_toevoegen(route, situatie, door, soort, koppeling):
    """Issue 20 §4: upload by who may (toegang; the provider for its offerte/plan; the GP for its
    verwijsbrief)."""
    extra = {}
    if koppeling == "toewijzing":
        extra["toewijzing"] = situatie["toewijzing"]
    elif koppeling:
        extra["verwijzing"] = situatie[koppeling]
    document = voeg_toe(route, door=door, soort=soort, **extra)
    assert Document.objects.get() == document and document.toegevoegd_door == route["gebruikers"][door]


@pytest.mark.parametrize(
    ("door", "soort", "koppeling"),
    [
        ("aanbieder", "plan", None),  # a provider never loose on the child
        ("aanbieder", "offerte", "andere"),  # not on the other provider's referral
        ("andere_aanbieder", "offerte", "eigen"),  # nor the other provider on ours
        ("aanbieder", "verwijsbrief", "eigen"),  # nor a kind that is not the provider's
        ("aanbieder", "rechterlijke_uitspraak", "eigen"),
        ("huisarts", "verwijsbrief", "andere"),  # a GP not on a referral it did not make
        ("huisarts", "verwijsbrief", None),
        ("huisarts", "plan", "eigen"),
        ("huisarts", "verwijsbrief", "toewijzing"),
        ("gi", "rechterlijke_uitspraak", None),  # a GI without a relation with this child
        ("toegang_andere_gemeente", "verwijsbrief", None),  # another municipality
        ("toegang_andere_gemeente", "verwijsbrief", "eigen"),
        ("financieel", "overig", None),  # finance
        ("beheerder", "overig", None),
        ("contractmanager", "overig", None),
    ],
)
def test_wie_niet_mag_toevoegen(route, situatie, opslag, door, soort, koppeling):
    """Issue 20 §4, R-P1/R-P4: refused with a Dutch message; nothing stored."""
    extra = {}
    if koppeling == "toewijzing":
        extra["toewijzing"] = situatie["toewijzing"]
    elif koppeling:
        extra["verwijzing"] = situatie[koppeling]
    with pytest.raises(DomainError) as fout:
        voeg_toe(route, door=door, soort=soort, **extra)
    assert fout.value.code == Foutcode.GEEN_TOEGANG
    assert str(fout.value).startswith("U mag dit soort document hier niet toevoegen.")
    assert not Document.objects.exists() and opgeslagen(opslag) == []


def test_gi_voegt_rechterlijke_uitspraak_toe_bij_eigen_bepaling(route):
    """Issue 20 §4: the court order behind a GI's bepaling, on the GI's own referral."""
    offerte = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, offerte_bedrag="6400", einddatum=date(2026, 12, 31))
    with op_de_dag(DATUM):
        bepaling = verwijs(route, door="gi", jeugdige=route["jeugdige_deventer"], budget=offerte)
    screen(route, bepaling)
    document = voeg_toe(
        route, door="gi", jeugdige=route["jeugdige_deventer"], soort="rechterlijke_uitspraak", verwijzing=bepaling
    )
    assert document.bewaarklasse == Dataklasse.JEUGDBESCHERMING


# --- reading: the policies of the child and of the referral or allocation ---


def test_lezen_volgt_kind_en_verwijzing(route, situatie):
    """R-P1/R-P4: the provider's offerte on its own referral is read by the toegang, the provider
    and the GP of that referral, not by the other provider (which reads the child through its own
    referral), another municipality, finance or the regional roles."""
    offerte = voeg_toe(route, door="aanbieder", soort="offerte", titel="Offerte", verwijzing=situatie["eigen"])
    los = voeg_toe(route, soort="overig", titel="Gespreksverslag")
    g = route["gebruikers"]
    lezers = {naam for naam in g if mag_document_lezen(g[naam], offerte)}
    assert lezers == {"toegang", "aanbieder", "huisarts"}
    lezers_los = {naam for naam in g if mag_document_lezen(g[naam], los)}
    assert lezers_los == {"toegang", "aanbieder", "huisarts", "andere_aanbieder"}
    assert Document.objects.voor_gebruiker(g["andere_aanbieder"]).get() == los


# --- the pages: upload, list, download, dossier ---


def test_upload_pagina_en_download_met_auditregel(client, route, situatie):
    """Issue 20 §4: the GP uploads its referral letter from the page; the toegang downloads it:
    the bytes back as an attachment with the type from the bytes, one audit row "lezen" of the
    child (R-P2)."""
    client.force_login(route["gebruikers"]["huisarts"])
    jeugdige = route["jeugdige_zwolle"]
    antwoord = client.post(
        f"/jeugdigen/{jeugdige.pk}/documenten/nieuw/",
        {
            "soort": "verwijsbrief",
            "titel": "Verwijsbrief huisarts",
            "verwijzing": situatie["eigen"].pk,
            "bestand": bestand(),
        },
    )
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/jeugdigen/{jeugdige.pk}/documenten/"
    document = Document.objects.get()
    client.force_login(route["gebruikers"]["toegang"])
    lijst = client.get(f"/jeugdigen/{jeugdige.pk}/documenten/").content.decode()
    assert "Verwijsbrief huisarts" in lijst and f"/jeugdigen/documenten/{document.pk}/" in lijst
    antwoord = client.get(f"/jeugdigen/documenten/{document.pk}/")
    assert antwoord.status_code == 200 and b"".join(antwoord.streaming_content) == PDF
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"].startswith("attachment;")
    regel = AuditRegel.objects.filter(objecttype="documenten.Document", actie="lezen").latest("id")
    assert regel.uitkomst == "gelukt" and regel.client_id == jeugdige.pk and regel.object_id == str(document.pk)
    assert regel.gebruikersnaam == route["gebruikers"]["toegang"].username
    assert "documenten" in regel.doel


@pytest.mark.parametrize("rol", ["toegang_andere_gemeente", "andere_aanbieder", "gi"])
def test_download_buiten_bereik_is_404_en_gelogd(client, route, situatie, rol):
    """R-P1/R-P4: another municipality, another provider, an uninvolved GI: 404, and the refusal
    is audit-logged without naming the child."""
    document = voeg_toe(route, door="aanbieder", soort="offerte", verwijzing=situatie["eigen"])
    client.force_login(route["gebruikers"][rol])
    assert client.get(f"/jeugdigen/documenten/{document.pk}/").status_code == 404
    regel = AuditRegel.objects.filter(objecttype="documenten.Document").latest("id")
    assert regel.uitkomst == "geweigerd" and regel.client_id is None


@pytest.mark.parametrize("rol", ["financieel", "beleid", "beheerder"])
def test_download_verkeerde_rol_is_403(client, route, rol):
    document = voeg_toe(route)
    client.force_login(route["gebruikers"][rol])
    assert client.get(f"/jeugdigen/documenten/{document.pk}/").status_code == 403


def test_download_anoniem_naar_inloggen(client, route):
    document = voeg_toe(route)
    antwoord = client.get(f"/jeugdigen/documenten/{document.pk}/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_upload_pagina_toont_nederlandse_melding_bij_verkeerd_type(client, route, opslag):
    client.force_login(route["gebruikers"]["toegang"])
    jeugdige = route["jeugdige_zwolle"]
    antwoord = client.post(
        f"/jeugdigen/{jeugdige.pk}/documenten/nieuw/",
        {"soort": "overig", "titel": "Programma", "bestand": bestand("brief.pdf", EXE)},
    )
    assert antwoord.status_code == 200
    assert "Dit bestand is geen PDF, PNG of JPEG" in antwoord.content.decode()
    assert not Document.objects.exists() and opgeslagen(opslag) == []


def test_upload_pagina_biedt_alleen_de_eigen_soorten(client, route, situatie):
    client.force_login(route["gebruikers"]["aanbieder"])
    inhoud = client.get(f"/jeugdigen/{route['jeugdige_zwolle'].pk}/documenten/nieuw/").content.decode()
    assert 'value="offerte"' in inhoud and 'value="plan"' in inhoud
    assert 'value="verwijsbrief"' not in inhoud and 'value="rechterlijke_uitspraak"' not in inhoud
    assert f'value="{situatie["andere"].pk}"' not in inhoud  # the other provider's referral is not offered


def test_dossier_toont_documenten(client, route, situatie):
    """Issue 20 §4: the documents are listed in the child's dossier, as the reader may read them."""
    voeg_toe(route, door="aanbieder", soort="offerte", titel="Offerte Horizon", verwijzing=situatie["eigen"])
    client.force_login(route["gebruikers"]["toegang"])
    inhoud = client.get(f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/").content.decode()
    assert 'id="dossier-documenten"' in inhoud and "Offerte Horizon" in inhoud
    client.force_login(route["gebruikers"]["andere_aanbieder"])
    inhoud = client.get(f"/jeugdigen/{route['jeugdige_zwolle'].pk}/dossier/").content.decode()
    assert 'id="dossier-documenten"' in inhoud and "Offerte Horizon" not in inhoud


# --- storage by configuration ---


def test_opslag_standaard_lokale_bestanden(monkeypatch):
    from jeugdregie.config.opslag import documentopslag

    monkeypatch.delenv("JEUGDREGIE_DOCUMENTOPSLAG", raising=False)
    assert documentopslag() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_opslag_s3_door_configuratie_zonder_netwerk(monkeypatch):
    """Object storage by configuration (django-storages S3): built from the environment, private,
    signed short-lived URLs, never overwritten; signing a URL needs no network."""
    from django.utils.module_loading import import_string

    from jeugdregie.config.opslag import documentopslag

    monkeypatch.setenv("JEUGDREGIE_DOCUMENTOPSLAG", "s3")
    monkeypatch.setenv("JEUGDREGIE_S3_BUCKET", "jeugdregie-documenten")
    monkeypatch.setenv("JEUGDREGIE_S3_ENDPOINT_URL", "https://objecten.example.nl")
    monkeypatch.setenv("JEUGDREGIE_S3_REGIO", "nl-ams")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testsleutel")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testgeheim")
    instelling = documentopslag()
    assert instelling["BACKEND"] == "storages.backends.s3.S3Storage"
    assert instelling["OPTIONS"]["default_acl"] is None and instelling["OPTIONS"]["file_overwrite"] is False
    assert instelling["OPTIONS"]["object_parameters"] == {"ServerSideEncryption": "AES256"}
    opslag = import_string(instelling["BACKEND"])(**instelling["OPTIONS"])
    url = opslag.url("documenten/2026/abc.pdf")
    assert url.startswith("https://objecten.example.nl/jeugdregie-documenten/documenten/2026/abc.pdf?")
    assert "X-Amz-Expires=60&" in url and "X-Amz-Signature=" in url


def test_opslag_s3_zonder_bucket_of_onbekende_soort_weigert_te_starten(monkeypatch):
    from jeugdregie.config.opslag import documentopslag

    monkeypatch.setenv("JEUGDREGIE_DOCUMENTOPSLAG", "s3")
    monkeypatch.delenv("JEUGDREGIE_S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="JEUGDREGIE_S3_BUCKET"):
        documentopslag()
    monkeypatch.setenv("JEUGDREGIE_DOCUMENTOPSLAG", "ftp")
    with pytest.raises(ImproperlyConfigured, match="'bestanden' of 's3'"):
        documentopslag()


# --- retention (R-P7) ---


def test_anonimisering_verwijdert_documenten_en_bytes(route, opslag, django_capture_on_commit_callbacks):
    """R-P7, issue 20 §4: when the retention job anonymises the child, its documents go with it:
    rows, stored bytes, one audit row; another child's document stays."""
    from jeugdregie.bewaring.services.opschonen import opschonen

    from .builders.route import gestart

    gestart(route)
    voeg_toe(route)
    voeg_toe(route, soort="overig", bestand=bestand("scan.png", PNG))
    with op_de_dag(date(2042, 3, 2)), django_capture_on_commit_callbacks(execute=True):
        rapport = opschonen(uitvoeren=True)  # Zara's dossier term ended 1 March 2042; Daan's earlier
    assert route["jeugdige_zwolle"].pk in {b.jeugdige_id for b in rapport.te_anonimiseren}
    assert not Document.objects.exists() and opgeslagen(opslag) == []
    regel = AuditRegel.objects.filter(objecttype="documenten.Document", actie="verwijderen").get()
    assert regel.details == "2 documenten van een geanonimiseerde jeugdige verwijderd"


def test_rechterlijke_uitspraak_houdt_de_jeugdige_als_jeugdbeschermingsdossier(route, opslag):
    """R-P7, issue 20 §4: a court order among the documents keeps the child until the
    jeugdbescherming term (30 years after majority), past the jeugdhulp dossier's 15 years."""
    from jeugdregie.bewaring.services.opschonen import opschonen

    from .builders.route import gestart

    gestart(route)
    zara = route["jeugdige_zwolle"]
    voeg_toe(route, soort="rechterlijke_uitspraak", titel="Beschikking OTS")
    with op_de_dag(date(2042, 3, 2)):
        rapport = opschonen(uitvoeren=True)
    assert zara.pk not in {b.jeugdige_id for b in rapport.te_anonimiseren}
    assert Document.objects.count() == 1
    tot = date(zara.geboortedatum.year + 48, zara.geboortedatum.month, zara.geboortedatum.day)
    with op_de_dag(tot + timedelta(days=1)):
        rapport = opschonen()
    [beoordeling] = [b for b in rapport.te_anonimiseren if b.jeugdige_id == zara.pk]
    assert (beoordeling.dataklasse, beoordeling.bewaren_tot) == (Dataklasse.JEUGDBESCHERMING, tot)


def test_anonimisering_laat_documenten_binnen_termijn_staan(route, opslag, django_capture_on_commit_callbacks):
    from jeugdregie.bewaring.services.opschonen import opschonen

    from .builders.route import gestart

    gestart(route)
    document = voeg_toe(route)
    with op_de_dag(date(2042, 3, 1)), django_capture_on_commit_callbacks(execute=True):
        opschonen(uitvoeren=True)
    assert list(Document.objects.all()) == [document] and len(opgeslagen(opslag)) == 1


def test_opschonen_verwijdert_alleen_oude_bestanden_zonder_registratie(route, opslag):
    """Bytes whose row never committed (a caller's transaction rolled back) are removed after a
    day; a registered document and a fresh upload stay."""
    import os
    import time

    from django.core.management import call_command

    document = voeg_toe(route)
    wees = opslag / "documenten" / "2026" / "wees.pdf"
    wees.write_bytes(PDF)
    vers = opslag / "documenten" / "2026" / "vers.pdf"
    vers.write_bytes(PDF)
    oud = time.time() - 2 * 24 * 3600
    os.utime(wees, (oud, oud))
    os.utime(opslag / document.bestand.name, (oud, oud))
    call_command("documenten", "opschonen")  # dry run
    assert wees.exists()
    call_command("documenten", "opschonen", "--uitvoeren")
    assert not wees.exists() and vers.exists() and (opslag / document.bestand.name).exists()


# --- the demo ---


def test_demodocumenten_via_de_service_en_herhaalbaar(route, opslag):
    """Issue 20 §4 demo: the demo toegang adds the referral letter, the demo provider its plan,
    through the service (type checked on the bytes); a second run adds nothing."""
    from jeugdregie.synthese.documenten import voeg_demodocumenten_toe

    from .builders.route import gestart

    for naam in ("toegang", "aanbieder"):
        gebruiker = route["gebruikers"][naam]
        gebruiker.username = naam
        gebruiker.save(update_fields=["username"])
    toewijzing = gestart(route)
    assert voeg_demodocumenten_toe() == 2
    brief, plan = Document.objects.order_by("pk")
    assert (brief.soort, brief.verwijzing_id, brief.toegevoegd_door.username) == (
        "verwijsbrief",
        toewijzing.verwijzing_id,
        "toegang",
    )
    assert (plan.soort, plan.toewijzing_id, plan.toegevoegd_door.username) == ("plan", toewijzing.pk, "aanbieder")
    assert brief.inhoudstype == "application/pdf" and len(opgeslagen(opslag)) == 2
    assert voeg_demodocumenten_toe() == 0 and Document.objects.count() == 2


def test_upload_pagina_weigert_te_groot_bestand_zonder_het_te_bewaren(client, route, opslag, settings):
    """Issue 20 §4 bad input: above the limit the page answers with the Dutch message; the upload
    handler stopped reading the file, nothing is stored."""
    settings.JEUGDREGIE_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(route["gebruikers"]["toegang"])
    jeugdige = route["jeugdige_zwolle"]
    antwoord = client.post(
        f"/jeugdigen/{jeugdige.pk}/documenten/nieuw/",
        {"soort": "overig", "titel": "Dik", "bestand": bestand("dik.pdf", PDF + b"0" * (3 * 1024 * 1024))},
    )
    assert antwoord.status_code == 200
    assert "Het bestand is te groot (3 MB); het mag hoogstens 1 MB zijn." in antwoord.content.decode()
    assert not Document.objects.exists() and opgeslagen(opslag) == []


def test_upload_pagina_vraagt_csrf_token(route):
    """The size guard moves the CSRF check into the view: it is still made."""
    from .inloggen import TweeFactorClient

    client = TweeFactorClient(enforce_csrf_checks=True)
    client.force_login(route["gebruikers"]["toegang"])
    antwoord = client.post(
        f"/jeugdigen/{route['jeugdige_zwolle'].pk}/documenten/nieuw/",
        {"soort": "overig", "titel": "Brief", "bestand": bestand()},
    )
    assert antwoord.status_code == 403 and not Document.objects.exists()


def test_inzage_avg_noemt_documenten_zonder_opslagnaam(route):
    """R-P7 (AVG art. 15): the child's export lists its documents (kind, title, size) without the
    stored object's name; the bytes are downloaded from the dossier."""
    import json

    from jeugdregie.bewaring.services.inzage import exporteer

    document = voeg_toe(route, titel="Verwijsbrief huisarts")
    export = exporteer(jeugdige=route["jeugdige_zwolle"], formaat="json", door=route["gebruikers"]["toegang"])
    tekst = export.inhoud.decode()
    data = json.loads(tekst)
    [onderdeel] = [o for o in data["gegevens"] if o["onderdeel"] == "documenten"]
    [rij] = onderdeel["rijen"]
    assert rij["titel"] == "Verwijsbrief huisarts" and rij["bestand"] == "(bestand, niet opgenomen)"
    assert document.bestand.name not in tekst
