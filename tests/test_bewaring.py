"""Retention and data-subject rights (R-P7, issue 14 §5): retention per data class from settings,
the anonymisation job with its dry-run report, the per-child export (AVG art. 15) and correction
with history (art. 16), access for the child's own municipality only."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import Sum
from django.test import override_settings

from jeugdregie.audit.models import AuditRegel
from jeugdregie.bewaring.checks import controleer_bewaartermijnen
from jeugdregie.bewaring.constants import Dataklasse
from jeugdregie.bewaring.models import Anonimisering, Bewaarverlenging, Correctie
from jeugdregie.bewaring.services.inzage import exporteer
from jeugdregie.bewaring.services.opschonen import opschonen
from jeugdregie.bewaring.services.rechten import bewaar_langer, corrigeer
from jeugdregie.bewaring.termijnen import termijnen
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Resultaat

from .builders.declaraties import declareer, regel
from .builders.route import gestart
from .klok import op_de_dag


@pytest.fixture
def dossier(route):
    """Zara (Zwolle): referral 2 March 2026, allocation to 1 March 2027 (dossier term ends
    1 March 2042), one approved declaration line April 2026 (financial term ends 31-12-2033).
    Daan (Deventer) has no care: his term runs from his registration (December 2026)."""
    toewijzing = gestart(route)
    declareer(route, [regel(toewijzing)])
    return {**route, "toewijzing": toewijzing}


def _ids(rapport):
    return {b.jeugdige_id for b in rapport.te_anonimiseren}


def test_proefdraai_telt_per_dataklasse_en_wijzigt_niets(dossier):
    """R-P7: the dry run reports per data class what expired and changes nothing."""
    zara, daan = dossier["jeugdige_zwolle"], dossier["jeugdige_deventer"]
    audit_voor = AuditRegel.objects.count()
    with op_de_dag(date(2045, 1, 1)):
        rapport = opschonen()
    assert _ids(rapport) == {zara.pk, daan.pk}
    dossierregel = rapport.regels[Dataklasse.JEUGDHULPDOSSIER]
    assert (dossierregel.verlopen, dossierregel.geanonimiseerd, dossierregel.bewaard) == (2, 2, 0)
    assert rapport.regels[Dataklasse.AUDITLOG].verlopen == audit_voor  # every row is from 2026
    assert "Proefdraai" in rapport.tekst() and "Jeugdhulpdossier" in rapport.tekst()
    zara.refresh_from_db()
    assert (zara.voornamen, zara.achternaam) == ("Zara", "Zwolsma")
    assert not Anonimisering.objects.exists() and AuditRegel.objects.count() == audit_voor


def test_dossier_binnen_termijn_blijft(dossier):
    """R-P7: 15 years after the end of care (1 March 2027 → kept through 1 March 2042)."""
    with op_de_dag(date(2042, 3, 1)):
        rapport = opschonen(uitvoeren=True)
    assert _ids(rapport) == {dossier["jeugdige_deventer"].pk}
    assert Jeugdige.objects.get(pk=dossier["jeugdige_zwolle"].pk).achternaam == "Zwolsma"


def test_uitvoeren_anonimiseert_houdt_aggregaten_en_is_idempotent(dossier):
    """R-P7: the job anonymises BSN, names, day of birth and free text, keeps the rows that feed
    aggregates, leaves the (hash-chained, R-P6) audit log intact, and a rerun does nothing."""
    zara = dossier["jeugdige_zwolle"]
    bsn = zara.bsn
    bedrag_voor = Declaratieregel.objects.aggregate(s=Sum("bedrag"))["s"]
    audit_voor = set(AuditRegel.objects.values_list("pk", flat=True))
    with op_de_dag(date(2045, 1, 1)):
        rapport = opschonen(uitvoeren=True)
        assert rapport.regels[Dataklasse.JEUGDHULPDOSSIER].geanonimiseerd == 2
        tweede = opschonen(uitvoeren=True)
    assert tweede.te_anonimiseren == [] and tweede.al_geanonimiseerd == 2
    zara.refresh_from_db()
    assert zara.bsn == f"X{zara.pk:08X}" and zara.bsn != bsn
    assert (zara.voornamen, zara.achternaam, zara.geboortedatum) == ("", "Geanonimiseerd", date(2012, 7, 1))
    assert Resultaat.objects.get().omschrijving == ""  # "Zara gaat weer ..." named her
    assert not Betrokkenheid.objects.filter(jeugdige=zara).exists()
    assert Toewijzing.objects.filter(jeugdige=zara).count() == 1
    assert Declaratieregel.objects.aggregate(s=Sum("bedrag"))["s"] == bedrag_voor == Decimal("860.00")
    na = set(AuditRegel.objects.values_list("pk", flat=True))
    assert audit_voor < na  # nothing removed
    nieuw = AuditRegel.objects.filter(pk__in=na - audit_voor, actie="verwijderen")
    assert sorted(nieuw.values_list("client_id", flat=True)) == sorted([zara.pk, dossier["jeugdige_deventer"].pk])
    assert all(bsn not in r.details for r in nieuw)


def test_anonimiseren_laat_in_geen_enkele_app_vrije_tekst_of_bsn_achter(dossier):
    """R-P7: anonymisation blanks every free text, typed BSN and submitted form about the child in
    every app that holds one, found through the schema: also the apps split off toewijzingen
    (crisis, HSWV, the plan's approaches and progress one level further down) and the submission
    that led to the referral. Issue 16: a fixed list of apps had missed them after the split."""
    from django.db import models as m
    from django.utils import timezone

    from jeugdregie.bewaring.services import verwant
    from jeugdregie.bewaring.services.inzage import verzamel
    from jeugdregie.bewaring.services.opschonen import VRIJE_TEKST_BEWAARD
    from jeugdregie.crisis.models import Crisismelding
    from jeugdregie.hswv.models import HswvInzet
    from jeugdregie.hulpverlening.models import Hulpverleningsplan, PlanAfspraak, Voortgang
    from jeugdregie.verwijzingen.models import Aanmelding

    from .factories import AanbiederFactory

    zara, toewijzing = dossier["jeugdige_zwolle"], dossier["toewijzing"]
    bsn, resultaat = zara.bsn, Resultaat.objects.get()
    Crisismelding.objects.create(
        jeugdige=zara,
        gemeente=dossier["zwolle"],
        crisisdienst=dossier["aanbieder"],
        bron="toegang",
        gemeld_op=timezone.now(),
        bsn=bsn,
        geregistreerd_door=dossier["gebruikers"]["toegang"],
    )
    Aanmelding.objects.create(
        door=dossier["gebruikers"]["aanbieder"],
        regio=dossier["zwolle"].regio,
        ingediend_op=timezone.now(),
        bsn=bsn,
        gegevens={"resultaten": ["Zara gaat weer naar school."]},
        verwijzing=toewijzing.verwijzing,
    )
    # a submission the toegang refused (no referral) and a crisis report not linked to the child:
    # found by the BSN as typed, not by a foreign key
    Aanmelding.objects.create(
        door=dossier["gebruikers"]["aanbieder"],
        regio=dossier["zwolle"].regio,
        ingediend_op=timezone.now(),
        bsn=bsn,
        gegevens={"resultaten": ["Zara wil weer sporten."]},
        status="niet_verwerkt",
        toelichting="Zara heeft al hulp.",
    )
    Crisismelding.objects.create(
        gemeente=dossier["zwolle"],
        crisisdienst=dossier["aanbieder"],
        bron="toegang",
        gemeld_op=timezone.now(),
        bsn=bsn,
        geregistreerd_door=dossier["gebruikers"]["toegang"],
    )
    plan = Hulpverleningsplan.objects.create(toewijzing=toewijzing, opgesteld_op=date(2026, 3, 9), met_jeugdige=True)
    PlanAfspraak.objects.create(plan=plan, resultaat=resultaat, aanpak="Zara fietst elke dag met haar mentor.")
    Voortgang.objects.create(
        plan=plan, resultaat=resultaat, datum=date(2026, 4, 1), stand="op_koers", toelichting="Zara is blij."
    )
    HswvInzet.objects.create(
        jeugdige=zara,
        gemeente=dossier["zwolle"],
        collectief=AanbiederFactory(),
        onderdelen=["screening"],
        complexiteit="Zara en haar broer.",
        begindatum=date(2026, 3, 2),
    )
    gevuld = {r.model._meta.label for r, qs in verwant.objecten(zara) if qs.exists()}
    assert {"crisis.Crisismelding", "verwijzingen.Aanmelding", "hulpverlening.PlanAfspraak"} <= gevuld
    inzage = json.dumps(verzamel(zara), default=str)  # AVG art. 15: the unlinked rows are in the export too
    assert "Zara wil weer sporten." in inzage and "Zara heeft al hulp." in inzage
    assert {"hulpverlening.Voortgang", "hswv.HswvInzet"} <= gevuld

    with op_de_dag(date(2045, 1, 1)):
        opschonen(uitvoeren=True)

    achtergebleven = []
    for relatie, qs in verwant.objecten(zara):
        if relatie.model._meta.app_label in VRIJE_TEKST_BEWAARD:
            continue
        for rij in qs:
            for veld in relatie.model._meta.concrete_fields:
                waarde = getattr(rij, veld.attname)
                if isinstance(veld, m.TextField) and waarde:
                    achtergebleven.append(f"{relatie.model._meta.label}.{veld.name}")
                if isinstance(veld, (m.CharField, m.JSONField)) and (
                    bsn in json.dumps(waarde) or "Zara" in str(waarde)
                ):
                    achtergebleven.append(f"{relatie.model._meta.label}.{veld.name}")
    assert achtergebleven == []
    assert not Aanmelding.objects.filter(bsn=bsn).exists() and not Crisismelding.objects.filter(bsn=bsn).exists()
    assert Aanmelding.objects.filter(gegevens={}).count() == 2


def test_ots_blijft_tot_30_jaar_na_meerderjarigheid(dossier):
    """R-P7: OTS/voogdij until 30 years after majority — Zara (born 17-05-2012) through her 48th
    birthday, 17-05-2060."""
    Toewijzing.objects.filter(pk=dossier["toewijzing"].pk).update(maatregel="ots")
    zara = dossier["jeugdige_zwolle"].pk
    with op_de_dag(date(2060, 5, 17)):
        assert zara not in _ids(opschonen())
    with op_de_dag(date(2060, 5, 18)):
        rapport = opschonen()
    assert zara in _ids(rapport)
    assert rapport.regels[Dataklasse.JEUGDBESCHERMING].verlopen == 1


def test_langer_bewaren_wordt_gehonoreerd(dossier):
    """R-P7 (Jeugdwet 7.3.8): "longer where careful care needs it" — a per-child decision with a
    reason that the job honours."""
    zara = dossier["jeugdige_zwolle"]
    bewaar_langer(jeugdige=zara, tot=date(2050, 1, 1), reden="Broertje in zorg", door=dossier["gebruikers"]["toegang"])
    with op_de_dag(date(2045, 1, 1)):
        rapport = opschonen(uitvoeren=True)
    assert zara.pk not in _ids(rapport) and rapport.langer_bewaard == 1
    assert Jeugdige.objects.get(pk=zara.pk).achternaam == "Zwolsma"
    assert AuditRegel.objects.filter(objecttype="bewaring.Bewaarverlenging", client_id=zara.pk).count() == 1


def test_langer_bewaren_vraagt_reden_en_eigen_gemeente(dossier):
    """R-P7: a reason is required; only the child's own municipality decides."""
    zara = dossier["jeugdige_zwolle"]
    with pytest.raises(DomainError) as fout:
        bewaar_langer(jeugdige=zara, tot=date(2050, 1, 1), reden=" ", door=dossier["gebruikers"]["toegang"])
    assert fout.value.code == "BEW002"
    with pytest.raises(DomainError) as fout:
        bewaar_langer(
            jeugdige=zara, tot=date(2050, 1, 1), reden="x", door=dossier["gebruikers"]["toegang_andere_gemeente"]
        )
    assert fout.value.code == "BEW001"
    assert not Bewaarverlenging.objects.exists()


def test_termijnen_komen_uit_de_instellingen_en_per_regio(dossier):
    """R-P7: retention is configuration; a region may override a term."""
    regio = dossier["zwolle"].regio.code
    assert termijnen().jaren_na_einde_zorg == 15 and termijnen().audit_jaren == 5
    with override_settings(
        JEUGDREGIE_BEWAARTERMIJNEN_PER_REGIO={regio: {"jeugdhulpdossier": {"jaren_na_einde_zorg": 20}}}
    ):
        assert termijnen(regio).jaren_na_einde_zorg == 20
        with op_de_dag(date(2045, 1, 1)):
            assert dossier["jeugdige_zwolle"].pk not in _ids(opschonen())


def test_auditlog_korter_dan_vijf_jaar_wordt_geweigerd(db):
    """R-P7 (NEN 7513): an audit term under 5 years is refused by `manage.py check` and the job."""
    with override_settings(JEUGDREGIE_BEWAARTERMIJNEN={"auditlog": {"jaren": 3}}):
        fouten = controleer_bewaartermijnen()
        assert [f.id for f in fouten] == ["bewaring.E001"] and "NEN 7513" in fouten[0].msg
        with pytest.raises(ImproperlyConfigured):
            termijnen()
    assert controleer_bewaartermijnen() == []


def test_productie_start_niet_met_audittermijn_onder_vijf_jaar():
    """R-P7 (NEN 7513): production settings refuse an audit retention under 5 years."""
    from .builders.beveiliging import _production_check

    resultaat = _production_check(
        DJANGO_SECRET_KEY="p" * 20 + "-echt-geheim-" + "q" * 30,
        JEUGDREGIE_PSEUDONIEM_SLEUTEL="s" * 40,
        DATABASE_URL="sqlite:////tmp/x.sqlite3",
        JEUGDREGIE_AUDIT_BEWAARJAREN="4",
    )
    assert resultaat.returncode != 0 and "NEN 7513 vraagt minstens 5" in resultaat.stderr


def test_commando_proefdraai_drukt_rapport(dossier, capsys):
    """R-P7: `manage.py bewaring opschonen` without --uitvoeren is a dry run."""
    with op_de_dag(date(2045, 1, 1)):
        call_command("bewaring", "opschonen")
    uit = capsys.readouterr().out
    assert "Proefdraai" in uit and "te anonimiseren: 2" in uit and "Auditlog" in uit
    assert not Anonimisering.objects.exists()


def test_inzage_json_bevat_alle_gegevens_en_wordt_gelogd(client, dossier):
    """R-P7 (AVG art. 15): the child's own municipality exports everything held, audit-logged."""
    zara = dossier["jeugdige_zwolle"]
    client.force_login(dossier["gebruikers"]["toegang"])
    antwoord = client.get(f"/bewaring/jeugdigen/{zara.pk}/inzage.json")
    assert antwoord.status_code == 200 and "no-store" in antwoord["Cache-Control"]
    data = json.loads(antwoord.content)
    assert data["jeugdige"]["BSN"] == zara.bsn
    modellen = {o["model"] for o in data["gegevens"]}
    assert {
        "jeugdigen.Woonplaats",
        "verwijzingen.Verwijzing",
        "toewijzingen.Toewijzing",
        "verwijzingen.Resultaat",
        "declaraties.Declaratieregel",
    } <= modellen
    assert any(r["objecttype"] == "verwijzingen.Verwijzing" for r in data["auditregels"])
    export = AuditRegel.objects.filter(actie="exporteren", client_id=zara.pk)
    assert export.count() == 1 and export.get().doel == "inzageverzoek (AVG art. 15)"


def test_inzage_pdf(client, dossier):
    """R-P7 (AVG art. 15): the same export as PDF."""
    zara = dossier["jeugdige_zwolle"]
    client.force_login(dossier["gebruikers"]["toegang"])
    antwoord = client.get(f"/bewaring/jeugdigen/{zara.pk}/inzage.pdf")
    assert antwoord.status_code == 200 and antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "wie,status",
    [
        ("toegang_andere_gemeente", 404),
        ("aanbieder", 403),
        ("financieel", 403),
        ("huisarts", 403),
        ("contractmanager", 403),
    ],
)
def test_alleen_eigen_gemeente_krijgt_inzage_of_corrigeert(client, wereld, wie, status):
    """R-P7, R-P4: the pages of a child's rights are for the toegang of its municipality only."""
    zara = wereld["jeugdige_zwolle"]
    client.force_login(wereld["gebruikers"][wie])
    for pad in ("", "inzage.json", "corrigeren/"):
        antwoord = client.get(f"/bewaring/jeugdigen/{zara.pk}/{pad}")
        assert antwoord.status_code == status and b"Zwolsma" not in antwoord.content
    assert client.post(f"/bewaring/jeugdigen/{zara.pk}/corrigeren/", {"achternaam": "X"}).status_code == status
    assert not AuditRegel.objects.filter(actie="exporteren").exists()


def test_anoniem_wordt_naar_inloggen_gestuurd(client, wereld):
    """R-P7: no export without login."""
    antwoord = client.get(f"/bewaring/jeugdigen/{wereld['jeugdige_zwolle'].pk}/inzage.json")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/inloggen/")


def test_inzage_service_weigert_andere_rol(wereld):
    """R-P7: the service checks the policy too (not only the page)."""
    with pytest.raises(DomainError) as fout:
        exporteer(jeugdige=wereld["jeugdige_zwolle"], formaat="json", door=wereld["gebruikers"]["aanbieder"])
    assert fout.value.code == "BEW001"


def test_correctie_met_geschiedenis_en_auditregel(client, wereld):
    """R-P7 (AVG art. 16): a correction keeps who, when, old → new and why; the audit row names
    the fields, never the values."""
    zara = wereld["jeugdige_zwolle"]
    toegang = wereld["gebruikers"]["toegang"]
    client.force_login(toegang)
    antwoord = client.post(
        f"/bewaring/jeugdigen/{zara.pk}/corrigeren/",
        {
            "voornamen": "Zara",
            "achternaam": "Zwolsma-de Vries",
            "geboortedatum": "2012-05-17",
            "geslacht": zara.geslacht,
            "reden": "Naam verkeerd gespeld (verzoek ouder)",
        },
    )
    assert antwoord.status_code == 302
    zara.refresh_from_db()
    assert zara.achternaam == "Zwolsma-de Vries"
    correctie = Correctie.objects.get()
    assert (correctie.veld, correctie.oud, correctie.nieuw, correctie.door, correctie.reden) == (
        "achternaam",
        "Zwolsma",
        "Zwolsma-de Vries",
        toegang,
        "Naam verkeerd gespeld (verzoek ouder)",
    )
    regel_ = AuditRegel.objects.get(actie="wijzigen", client_id=zara.pk)
    assert regel_.details == "correctie van: achternaam" and "Zwolsma" not in regel_.details
    pagina = client.get(f"/bewaring/jeugdigen/{zara.pk}/")
    assert "Zwolsma-de Vries" in pagina.content.decode() and "verzoek ouder" in pagina.content.decode()


def test_correctie_zonder_reden_of_wijziging_verandert_niets(wereld):
    """R-P7 (AVG art. 16): no correction without a reason or without a change; nothing written."""
    zara = wereld["jeugdige_zwolle"]
    toegang = wereld["gebruikers"]["toegang"]
    with pytest.raises(DomainError) as fout:
        corrigeer(jeugdige=zara, wijzigingen={"achternaam": "Anders"}, reden="", door=toegang)
    assert fout.value.code == "BEW002"
    with pytest.raises(DomainError) as fout:
        corrigeer(jeugdige=zara, wijzigingen={"achternaam": "Zwolsma"}, reden="x", door=toegang)
    assert fout.value.code == "BEW003"
    with pytest.raises(DomainError) as fout:
        corrigeer(jeugdige=zara, wijzigingen={"geboortedatum": date(2099, 1, 1)}, reden="x", door=toegang)
    assert fout.value.code == "BEW004"
    zara.refresh_from_db()
    assert (zara.achternaam, zara.geboortedatum) == ("Zwolsma", date(2012, 5, 17))
    assert not Correctie.objects.exists()
    assert not AuditRegel.objects.filter(actie="wijzigen", client_id=zara.pk).exists()


def test_anonimisering_leegt_correctiegeschiedenis(dossier):
    """R-P7: the correction history holds personal data; anonymisation blanks it."""
    zara = dossier["jeugdige_zwolle"]
    corrigeer(jeugdige=zara, wijzigingen={"voornamen": "Sara"}, reden="spelling", door=dossier["gebruikers"]["toegang"])
    with op_de_dag(date(2045, 1, 1)):
        opschonen(uitvoeren=True)
    assert list(Correctie.objects.values_list("oud", "nieuw")) == [("", "")]


def test_detailpagina_linkt_alleen_voor_eigen_toegang(client, wereld):
    """R-P7: the child's page links to its rights for the toegang of its municipality only."""
    zara = wereld["jeugdige_zwolle"]
    link = f"/bewaring/jeugdigen/{zara.pk}/"
    client.force_login(wereld["gebruikers"]["toegang"])
    assert link in client.get(f"/jeugdigen/{zara.pk}/").content.decode()
    client.force_login(wereld["gebruikers"]["aanbieder"])
    pagina = client.get(f"/jeugdigen/{zara.pk}/")
    assert pagina.status_code == 200 and link not in pagina.content.decode()


def test_inzage_bevat_adres_en_telefoon_in_json_en_pdf(client, dossier):
    """Issue 15 §2, R-P7 (AVG art. 15): the address and phone with their history are in the
    export, JSON and PDF alike."""
    from django.template.loader import render_to_string

    from jeugdregie.bewaring.services.inzage import verzamel
    from jeugdregie.jeugdigen.services_contact import wijzig_contactgegevens

    zara = dossier["jeugdige_zwolle"]
    wijzig_contactgegevens(
        jeugdige=zara,
        woonadres={"straatnaam": "Thorbeckegracht", "huisnummer": "7", "postcode": "8011VM", "plaatsnaam": "Zwolle"},
        telefoonnummers=["06-12345678"],
        door=dossier["gebruikers"]["toegang"],
    )
    client.force_login(dossier["gebruikers"]["toegang"])
    data = json.loads(client.get(f"/bewaring/jeugdigen/{zara.pk}/inzage.json").content)
    per_model = {o["model"]: o["rijen"] for o in data["gegevens"]}
    straten = [r["straatnaam"] for r in per_model["jeugdigen.Adres"]]
    assert "Thorbeckegracht" in straten and "Assendorperstraat" in straten  # the history too
    assert [r["nummer"] for r in per_model["jeugdigen.Telefoonnummer"]] == ["0612345678"]
    html = render_to_string("bewaring/inzage_pdf.html", {"data": verzamel(zara), "jeugdige": zara})
    assert "Thorbeckegracht" in html and "0612345678" in html


def test_correctie_van_adres_en_telefoon_met_geschiedenis(client, wereld):
    """Issue 15 §2, R-P7 (AVG art. 16): a wrong address or phone is corrected in place (not a
    move); the old and new value, who, when and why are kept; the audit row names the fields."""
    zara = wereld["jeugdige_zwolle"]
    toegang = wereld["gebruikers"]["toegang"]
    adres = zara.adres_op(date(2026, 1, 1))
    client.force_login(toegang)
    basis = {"voornamen": "Zara", "achternaam": "Zwolsma", "geboortedatum": "2012-05-17", "geslacht": zara.geslacht}
    formulier = client.get(f"/bewaring/jeugdigen/{zara.pk}/corrigeren/").content.decode()
    assert 'value="Assendorperstraat"' in formulier
    fout = client.post(
        f"/bewaring/jeugdigen/{zara.pk}/corrigeren/",
        {
            **basis,
            "woon_straatnaam": "Assendorperstraat",
            "woon_huisnummer": "1",
            "woon_postcode": "80",
            "woon_plaatsnaam": "Zwolle",
            "reden": "Postcode verkeerd",
        },
    )
    assert "Postcode moet vier cijfers en twee letters zijn" in fout.content.decode()
    antwoord = client.post(
        f"/bewaring/jeugdigen/{zara.pk}/corrigeren/",
        {
            **basis,
            "woon_straatnaam": "Assendorperstraat",
            "woon_huisnummer": str(adres.huisnummer),
            "woon_postcode": "8012 DJ",
            "woon_plaatsnaam": "Zwolle",
            "telefoon": "038-1234567",
            "reden": "Postcode verkeerd overgenomen (verzoek ouder)",
        },
    )
    assert antwoord.status_code == 302
    adres.refresh_from_db()
    assert (adres.postcode, adres.einddatum) == ("8012DJ", None)  # corrected in place
    correcties = {c.veld: c for c in Correctie.objects.all()}
    assert set(correcties) == {"woonadres", "telefoon"}
    assert "8012 DH" in correcties["woonadres"].oud and "8012 DJ" in correcties["woonadres"].nieuw
    assert (correcties["telefoon"].oud, correcties["telefoon"].nieuw) == ("", "038-1234567")
    regel_ = AuditRegel.objects.get(actie="wijzigen", client_id=zara.pk)
    assert regel_.details == "correctie van: telefoon, woonadres" and "8012" not in regel_.details


def test_anonimisering_verwijdert_adres_en_telefoon(dossier):
    from jeugdregie.jeugdigen.models import Adres, Telefoonnummer

    zara = dossier["jeugdige_zwolle"]
    Telefoonnummer.objects.create(jeugdige=zara, nummer="0612345678", begindatum=date(2020, 1, 1))
    with op_de_dag(date(2045, 1, 1)):
        opschonen(uitvoeren=True)
    assert not Adres.objects.filter(jeugdige=zara).exists()
    assert not Telefoonnummer.objects.filter(jeugdige=zara).exists()


def test_rechten_volgen_het_woonplaatsbeginsel(route, klok):
    """R-D3 with R-P7 (gap of round 1): the rights pages follow the one rule
    (``jeugdigen.woonplaatsbeginsel``), not the latest residence row: a move registered ahead
    hands the rights over on the moving day, not before; during a stay the municipality of the
    address before the stay keeps them, whatever the BRP says."""
    from jeugdregie.bewaring.policies import mag_corrigeren, mag_inzage_geven, mag_langer_bewaren
    from jeugdregie.jeugdigen.services import registreer_verhuizing

    jeugdige = route["jeugdige_zwolle"]
    zwolle, deventer = route["gebruikers"]["toegang"], route["gebruikers"]["toegang_andere_gemeente"]

    def mag(gebruiker):
        return {f(gebruiker, jeugdige) for f in (mag_inzage_geven, mag_corrigeren, mag_langer_bewaren)}

    klok(date(2026, 5, 20))
    registreer_verhuizing(jeugdige=jeugdige, gemeente=route["deventer"], per=date(2026, 6, 1))
    assert (mag(zwolle), mag(deventer)) == ({True}, {False})  # before the moving day: still Zwolle
    klok(date(2026, 6, 1))
    assert (mag(zwolle), mag(deventer)) == ({False}, {True})


def test_rechten_blijven_tijdens_verblijf_bij_de_gemeente_van_ervoor(route, klok):
    """R-D3 with R-P7: a child placed by Zwolle who is registered in Deventer during the stay
    stays Zwolle's (the address before the stay)."""
    from jeugdregie.bewaring.policies import mag_inzage_geven
    from jeugdregie.jeugdigen.services import registreer_verhuizing

    from .builders.wonen import wonen

    wonen(route)  # Zwolle, from 2 March 2026
    registreer_verhuizing(jeugdige=route["jeugdige_zwolle"], gemeente=route["deventer"], per=date(2026, 6, 1))
    klok(date(2026, 7, 1))
    assert mag_inzage_geven(route["gebruikers"]["toegang"], route["jeugdige_zwolle"])
    assert not mag_inzage_geven(route["gebruikers"]["toegang_andere_gemeente"], route["jeugdige_zwolle"])
