"""Payment batches (SPEC §8 betalen, R-V1 reconciliation, R-P1 scoping): one batch per
municipality per ended month of submission, taking whole declarations, one post per provider net
of credits, maker-checker, replay- and concurrency-safe, exported as CSV and SEPA pain.001.001.03."""

import csv
import io
import threading
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from schwifty import IBAN

from jeugdregie.betalingen.constants import BatchStatus
from jeugdregie.betalingen.models import Batchdeclaratie, Batchgebeurtenis, Betaalbatch, Betaalpost
from jeugdregie.betalingen.services import csv_bestand, keur_goed, maak_batch, reconciliatie, sepa_bestand, wijs_af
from jeugdregie.betalingen.services.export import NS, valideer_pain001
from jeugdregie.betalingen.services.regels import maandgrenzen
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.models import Declaratie, Declaratieregel

from .builders.betalingen import NA_MEI, TZ, betaalwereld, declaraties_mei, iban, maart, mei
from .builders.declaraties import declareer, regel
from .factories import GebruikerFactory


@pytest.fixture
def betalen(route):
    """The `route` with accounts, a second finance user of Zwolle, a finance user of Deventer and
    three running allocations (``builders.betalingen.betaalwereld``)."""
    return betaalwereld(route)


#: The event row of the May batch: ids, amounts (as text) and counts only.
GEGEVENS_MEI = {"totaal": "1290.00", "aantal_regels": 4, "declaraties": 3}


def _posten(batch):
    return sorted((p.aanbieder.naam, p.bedrag, p.aantal_regels, p.iban) for p in batch.posten.all())


def _gekoppeld(batch):
    """The lines the batch pays: the approved lines of its declarations."""
    regels = Declaratieregel.objects.filter(declaratie__batchdeclaratie__betaalbatch=batch, status="goedgekeurd")
    return sorted(regels.values_list("referentie", flat=True))


def _declaraties(batch):
    return sorted(Declaratie.objects.filter(batchdeclaratie__betaalbatch=batch).values_list("nummer", flat=True))


def _in_een_batch():
    return Declaratie.objects.filter(batchdeclaratie__isnull=False)


# --- preparing ---------------------------------------------------------------------------------


def test_maandgrenzen_in_nederlandse_tijd():
    """The month is the Amsterdam calendar month: 1 May 00:00 CEST is 30 April 22:00 UTC."""
    begin, einde = maandgrenzen(2026, 5)
    assert begin.astimezone(ZoneInfo("UTC")) == datetime(2026, 4, 30, 22, 0, tzinfo=ZoneInfo("UTC"))
    assert einde.astimezone(ZoneInfo("UTC")) == datetime(2026, 5, 31, 22, 0, tzinfo=ZoneInfo("UTC"))
    assert maandgrenzen(2026, 12)[1] == datetime(2027, 1, 1, tzinfo=TZ)


def test_batch_betaalt_netto_per_aanbieder_alleen_open_regels_van_gemeente_en_maand(betalen):
    """SPEC §8: the batch takes the declarations of this municipality submitted in this month
    and pays per provider Σ debit − Σ credit of their approved lines; rejected lines, other
    months (Amsterdam time) and the other municipality stay out."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    a, b = betalen["aanbieder"], betalen["andere_aanbieder"]
    assert (batch.status, batch.totaal, batch.aantal_regels) == ("voorbereid", Decimal("1290.00"), 4)
    assert _posten(batch) == sorted([(a.naam, Decimal("860.00"), 3, a.iban), (b.naam, Decimal("430.00"), 1, b.iban)])
    assert _declaraties(batch) == ["B-1", "D-1", "D-2"]
    assert _gekoppeld(batch) == ["B1", "C1", "R1", "R2"]
    # R3 is rejected: its declaration is in the batch, the line is in no post
    assert Declaratieregel.objects.get(referentie="R3").status == "afgekeurd"
    post_a = batch.posten.get(aanbieder=a)
    assert sorted(post_a.regels().values_list("referentie", flat=True)) == ["C1", "R1", "R2"]
    niet = Declaratie.objects.filter(batchdeclaratie__isnull=True).values_list("nummer", flat=True)
    assert sorted(niet) == ["B-0", "B-2", "DV-1"]
    # the same event row from either route (one statement on PostgreSQL, registreer on SQLite)
    assert [(e.gebeurtenis, e.door, e.tijdstip, e.gegevens) for e in batch.gebeurtenissen.all()] == [
        ("voorbereid", betalen["gebruikers"]["financieel"], batch.voorbereid_op, GEGEVENS_MEI)
    ]


def test_voorbereiden_is_setgebaseerd(betalen):
    """W4: the declarations are linked by one INSERT … SELECT of their batch rows and the posts
    made by one INSERT … SELECT … GROUP BY (on PostgreSQL both inside the one statement of a new
    batch); no statement per line or per post, no UPDATE of the lines or the declarations."""
    declaraties_mei(betalen)
    with CaptureQueriesContext(connections["default"]) as vastgelegd:
        mei(betalen)
    sql = [q["sql"] for q in vastgelegd.captured_queries]
    posten = [q for q in sql if 'INSERT INTO "betalingen_betaalpost"' in q]
    assert len(posten) == 1 and posten[0].count('INSERT INTO "betalingen_betaalpost"') == 1
    assert "GROUP BY" in posten[0]
    koppelingen = [q for q in sql if 'INSERT INTO "betalingen_batchdeclaratie"' in q]
    assert len(koppelingen) == 1 and koppelingen[0].count('INSERT INTO "betalingen_batchdeclaratie"') == 1
    assert not [q for q in sql if 'UPDATE "declaraties_declaratie"' in q]
    regels = '"declaraties_declaratieregel"'
    assert not [q for q in sql if f"UPDATE {regels}" in q or f"INTO {regels}" in q]
    # PostgreSQL: the municipality's turn (row lock), the month's batch looked up (locked), then
    # the set-based preparation
    assert len(sql) <= (5 if connections["default"].vendor == "postgresql" else 12)


def test_post_met_meer_credit_dan_debet_is_negatief(betalen):
    """SPEC §8: a post is the net; credits in a later month than their debit make it negative."""
    declareer(betalen, [maart(betalen["tw_a"], "R1")], ingediend_op=datetime(2026, 4, 15, tzinfo=TZ))
    declareer(
        betalen,
        [maart(betalen["tw_a"], "C1", debet_credit="C", credit_referentie="R1")],
        nummer="D-2",
        ingediend_op=datetime(2026, 5, 15, tzinfo=TZ),
    )
    declareer(
        betalen,
        [regel(betalen["tw_b"], "B1", uren="5")],
        nummer="B-1",
        door="andere_aanbieder",
        ingediend_op=datetime(2026, 5, 15, tzinfo=TZ),
    )
    batch = mei(betalen)
    assert sorted(p.bedrag for p in batch.posten.all()) == [Decimal("-860.00"), Decimal("430.00")]
    assert batch.totaal == Decimal("-430.00")


def test_herhaling_maakt_niets_nieuws(betalen):
    """Idempotent: the same municipality and month again returns the existing batch, unchanged."""
    declaraties_mei(betalen)
    eerste = mei(betalen)
    tweede = mei(betalen, door="financieel_2")
    assert tweede.pk == eerste.pk
    assert tweede.voorbereid_door == betalen["gebruikers"]["financieel"]
    assert (Betaalbatch.objects.count(), Betaalpost.objects.count(), Batchgebeurtenis.objects.count()) == (1, 2, 1)
    assert _gekoppeld(eerste) == ["B1", "C1", "R1", "R2"]
    assert _declaraties(eerste) == ["B-1", "D-1", "D-2"]


@pytest.mark.parametrize("rol", ["toegang", "aanbieder", "contractmanager", "financieel_deventer"])
def test_alleen_financieel_van_de_gemeente_bereidt_voor(betalen, rol):
    """R-P1: only a finance user of the municipality prepares its batch; nothing is created."""
    declaraties_mei(betalen)
    with pytest.raises(DomainError, match="Alleen een financieel medewerker van de gemeente") as fout:
        mei(betalen, door=rol)
    assert fout.value.code == "BET001"
    assert not Betaalbatch.objects.exists()
    assert not _in_een_batch().exists()


def test_alleen_een_afgelopen_maand_in_nederlandse_tijd(betalen):
    """SPEC §8: a batch only for a month that has ended in Amsterdam. On 31 May 23:59 May is
    refused; on 1 June 00:30 (still 31 May in UTC) May may be prepared, June and July not."""
    declaraties_mei(betalen)
    financieel = betalen["gebruikers"]["financieel"]
    for jaar, maand, nu in [
        (2026, 5, datetime(2026, 5, 31, 23, 59, tzinfo=TZ)),
        (2026, 6, NA_MEI),
        (2026, 7, NA_MEI),
    ]:
        with pytest.raises(DomainError, match=r"nog niet afgelopen.*pas na afloop van de maand") as fout:
            maak_batch(gemeente=betalen["zwolle"], jaar=jaar, maand=maand, door=financieel, nu=nu)
        assert fout.value.code == "BET002"
    assert not Betaalbatch.objects.exists() and not _in_een_batch().exists()
    mei_batch = maak_batch(gemeente=betalen["zwolle"], jaar=2026, maand=5, door=financieel, nu=NA_MEI)
    assert (mei_batch.totaal, _declaraties(mei_batch)) == (Decimal("1290.00"), ["B-1", "D-1", "D-2"])
    with pytest.raises(DomainError, match="maand van 1 tot en met 12"):
        maak_batch(gemeente=betalen["zwolle"], jaar=2026, maand=13, door=financieel, nu=NA_MEI)
    assert Betaalbatch.objects.count() == 1


def test_lopende_maand_wordt_geweigerd(betalen):
    """SPEC §8: the current month (today's clock, Amsterdam) has not ended: no batch, nothing
    linked, even when it has approved lines."""
    nu = timezone.localtime(timezone.now(), TZ)
    declareer(
        betalen,
        [maart(betalen["tw_a"], "R1", uren="1")],
        nummer="D-nu",
        ingediend_op=nu,
    )
    with pytest.raises(DomainError, match="pas na afloop van de maand") as fout:
        maak_batch(gemeente=betalen["zwolle"], jaar=nu.year, maand=nu.month, door=betalen["gebruikers"]["financieel"])
    assert fout.value.code == "BET002"
    assert not Betaalbatch.objects.exists() and not _in_een_batch().exists()


def test_maand_zonder_regels_maakt_geen_batch(betalen):
    with pytest.raises(DomainError, match="geen goedgekeurde, nog niet betaalde") as fout:
        mei(betalen)
    assert fout.value.code == "BET003"
    assert not Betaalbatch.objects.exists()


# --- maker-checker -----------------------------------------------------------------------------


def test_tweede_financieel_medewerker_keurt_goed(betalen):
    declaraties_mei(betalen)
    batch = keur_goed(batch=mei(betalen), door=betalen["gebruikers"]["financieel_2"])
    batch.refresh_from_db()
    assert (batch.status, batch.beoordeeld_door) == ("goedgekeurd", betalen["gebruikers"]["financieel_2"])
    assert [e.gebeurtenis for e in batch.gebeurtenissen.all()] == ["voorbereid", "goedgekeurd"]


def test_voorbereider_keurt_niet_zelf_goed(betalen):
    """Maker-checker: the preparer cannot approve or reject; nothing changes."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    for actie in (
        lambda: keur_goed(batch=batch, door=betalen["gebruikers"]["financieel"]),
        lambda: wijs_af(batch=batch, door=betalen["gebruikers"]["financieel"], toelichting="fout"),
    ):
        with pytest.raises(DomainError, match="zelf voorbereid") as fout:
            actie()
        assert fout.value.code == "BET005"
    batch.refresh_from_db()
    assert (batch.status, batch.beoordeeld_door, batch.totaal) == ("voorbereid", None, Decimal("1290.00"))
    assert len(_gekoppeld(batch)) == 4


def test_database_weigert_voorbereider_als_beoordelaar(betalen):
    """Maker-checker, second guard: the check constraint betaalbatch_vier_ogen."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Betaalbatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.GOEDGEKEURD, beoordeeld_door=batch.voorbereid_door
        )
    batch.refresh_from_db()
    assert (batch.status, batch.beoordeeld_door) == ("voorbereid", None)


@pytest.mark.parametrize("rol", ["financieel_deventer", "contractmanager", "toegang"])
def test_alleen_financieel_van_de_gemeente_beoordeelt(betalen, rol):
    declaraties_mei(betalen)
    batch = mei(betalen)
    with pytest.raises(DomainError) as fout:
        keur_goed(batch=batch, door=betalen["gebruikers"][rol])
    assert fout.value.code == "BET001"
    batch.refresh_from_db()
    assert batch.status == "voorbereid"


def test_alleen_een_voorbereide_batch_wordt_beoordeeld(betalen):
    declaraties_mei(betalen)
    batch = keur_goed(batch=mei(betalen), door=betalen["gebruikers"]["financieel_2"])
    derde = GebruikerFactory(financieel_rol=True, gemeente=betalen["zwolle"])
    for actie in (
        lambda: keur_goed(batch=batch, door=derde),
        lambda: wijs_af(batch=batch, door=derde, toelichting="x"),
    ):
        with pytest.raises(DomainError, match="is 'Goedgekeurd'") as fout:
            actie()
        assert fout.value.code == "BET004"
    batch.refresh_from_db()
    assert (batch.status, batch.beoordeeld_door) == ("goedgekeurd", betalen["gebruikers"]["financieel_2"])
    assert len(_gekoppeld(batch)) == 4


def test_afwijzen_geeft_regels_vrij_en_opnieuw_voorbereiden_gebruikt_dezelfde_batch(betalen):
    """Rejecting releases the declarations; preparing the month again re-prepares the same batch
    row (new preparer) with the released declarations and any recorded since."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    with pytest.raises(DomainError, match="Geef een toelichting") as fout:
        wijs_af(batch=batch, door=betalen["gebruikers"]["financieel_2"], toelichting="  ")
    assert fout.value.code == "BET006" and Betaalpost.objects.count() == 2

    afgewezen = wijs_af(batch=batch, door=betalen["gebruikers"]["financieel_2"], toelichting="IBAN controleren")
    assert (afgewezen.status, afgewezen.totaal, afgewezen.aantal_regels) == ("afgewezen", Decimal("0.00"), 0)
    assert afgewezen.toelichting == "IBAN controleren"
    assert not Betaalpost.objects.exists()
    assert not _in_een_batch().exists()
    assert afgewezen.gebeurtenissen.get(gebeurtenis="afgewezen").gegevens["vrijgegeven_declaraties"] == 3
    assert reconciliatie(afgewezen).klopt and reconciliatie(afgewezen).open_aantal == 4

    # a declaration of May recorded since (backdated: only a correction of the data can do that)
    declareer(
        betalen,
        [maart(betalen["tw_a"], "R4", uren="1")],
        nummer="D-4",
        ingediend_op=datetime(2026, 5, 28, tzinfo=TZ),
    )
    opnieuw = mei(betalen, door="financieel_2", nu=None)  # now: after the rejection
    assert opnieuw.pk == batch.pk and Betaalbatch.objects.count() == 1
    assert (opnieuw.status, opnieuw.voorbereid_door, opnieuw.beoordeeld_door) == (
        "voorbereid",
        betalen["gebruikers"]["financieel_2"],
        None,
    )
    assert (opnieuw.totaal, opnieuw.aantal_regels) == (Decimal("1376.00"), 5)
    assert _gekoppeld(opnieuw) == ["B1", "C1", "R1", "R2", "R4"]
    assert _declaraties(opnieuw) == ["B-1", "D-1", "D-2", "D-4"]
    assert [e.gebeurtenis for e in opnieuw.gebeurtenissen.all()] == ["voorbereid", "afgewezen", "opnieuw_voorbereid"]
    # now the first preparer may judge it
    assert keur_goed(batch=opnieuw, door=betalen["gebruikers"]["financieel"]).status == "goedgekeurd"


# --- reconciliation (R-V1) ---------------------------------------------------------------------


def test_aansluiting_klopt(betalen):
    declaraties_mei(betalen)
    aansluiting = reconciliatie(mei(betalen))
    assert aansluiting.klopt and aansluiting.verschillen == ()
    assert (aansluiting.batch_totaal, aansluiting.posten_totaal, aansluiting.regels_totaal) == (
        Decimal("1290.00"),
        Decimal("1290.00"),
        Decimal("1290.00"),
    )
    assert (aansluiting.batch_aantal, aansluiting.posten_aantal, aansluiting.regels_aantal) == (4, 4, 4)
    assert (aansluiting.open_aantal, aansluiting.open_bedrag) == (0, Decimal("0.00"))


def test_aansluiting_ontdekt_gewijzigd_bedrag_en_goedkeuren_wordt_geweigerd(betalen):
    """R-V1: a post amount changed behind the service's back is found, with the difference."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    a = betalen["aanbieder"]
    Betaalpost.objects.filter(batch=batch, aanbieder=a).update(bedrag=Decimal("960.00"))
    aansluiting = reconciliatie(batch)
    assert not aansluiting.klopt
    assert aansluiting.posten_totaal == Decimal("1390.00") and aansluiting.regels_totaal == Decimal("1290.00")
    assert aansluiting.verschillen == (
        "Batchtotaal € 1.290,00 ≠ som van de posten € 1.390,00 (verschil € -100,00).",
        f"Post {a.naam} (AGB {a.agb_code}): € 960,00, de goedgekeurde regels netto € 860,00 (verschil € 100,00).",
    )
    with pytest.raises(DomainError, match="aansluiting klopt niet") as fout:
        keur_goed(batch=batch, door=betalen["gebruikers"]["financieel_2"])
    assert fout.value.code == "BET007"
    batch.refresh_from_db()
    assert batch.status == "voorbereid"


def test_aansluiting_ontdekt_gewijzigde_regel(betalen):
    """R-V1: a line amount changed behind the services' back no longer matches its post; a
    rejected line turned approved shows in the count as well."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    a = betalen["aanbieder"]
    Declaratieregel.objects.filter(referentie="R1").update(bedrag=Decimal("900.00"))
    assert reconciliatie(batch).verschillen == (
        f"Post {a.naam} (AGB {a.agb_code}): € 860,00, de goedgekeurde regels netto € 900,00 (verschil € -40,00).",
    )
    Declaratieregel.objects.filter(referentie="R3").update(status="goedgekeurd", bedrag=Decimal("0.00"))
    assert reconciliatie(batch).verschillen[1:] == (
        f"Post {a.naam} (AGB {a.agb_code}): 3 regels vermeld, 4 in de batch.",
    )


def test_aansluiting_ontdekt_vreemde_declaratie(betalen):
    """R-V1: a declaration of another month linked to the batch is reported, and the post of
    its provider no longer equals its lines."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    Batchdeclaratie.objects.create(betaalbatch=batch, declaratie=Declaratie.objects.get(nummer="B-2"))
    verschillen = reconciliatie(batch).verschillen
    assert "1 declaratie(s) in de batch horen niet bij deze gemeente of niet bij deze maand." in verschillen
    assert any("1 regels vermeld, 2 in de batch" in v for v in verschillen)
    assert any("€ 430,00, de goedgekeurde regels netto € 860,00" in v for v in verschillen)


def test_aansluiting_meldt_declaratie_in_geen_batch(betalen):
    """R-V1: every declaration of the ended month is in its batch. One recorded afterwards
    (backdated, only by a correction of the data) is reported and stops approval; rejecting and
    preparing again takes it along."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    declareer(
        betalen,
        [maart(betalen["tw_a"], "R9", uren="2")],
        nummer="D-9",
        ingediend_op=datetime(2026, 5, 30, tzinfo=TZ),
    )
    aansluiting = reconciliatie(batch)
    assert (aansluiting.open_declaraties, aansluiting.open_aantal, aansluiting.open_bedrag) == (
        1,
        1,
        Decimal("172.00"),
    )
    assert aansluiting.verschillen == (
        "1 declaratie(s) van Zwolle uit 05-2026 met 1 goedgekeurde regel(s) (netto € 172,00) zitten in geen "
        "enkele batch.",
    )
    with pytest.raises(DomainError, match="geen enkele batch") as fout:
        keur_goed(batch=batch, door=betalen["gebruikers"]["financieel_2"])
    assert fout.value.code == "BET007"
    wijs_af(batch=batch, door=betalen["gebruikers"]["financieel_2"], toelichting="D-9 ontbreekt")
    opnieuw = mei(betalen)
    assert "D-9" in _declaraties(opnieuw) and opnieuw.totaal == Decimal("1462.00")
    assert reconciliatie(opnieuw).klopt


# --- exports -----------------------------------------------------------------------------------


def goedgekeurd_met_te_verrekenen(b):
    """May: provider A −€ 860 (credit of an April debit), provider B € 430 + € 430; approved."""
    declareer(b, [maart(b["tw_a"], "R1")], ingediend_op=datetime(2026, 4, 15, tzinfo=TZ))
    declareer(
        b,
        [maart(b["tw_a"], "C1", debet_credit="C", credit_referentie="R1")],
        nummer="D-2",
        ingediend_op=datetime(2026, 5, 15, tzinfo=TZ),
    )
    declareer(
        b,
        [maart(b["tw_b"], "B0", uren="5"), regel(b["tw_b"], "B1", uren="5")],
        nummer="B-1",
        door="andere_aanbieder",
        ingediend_op=datetime(2026, 5, 15, tzinfo=TZ),
    )
    return keur_goed(batch=mei(b), door=b["gebruikers"]["financieel_2"])


def test_csv_een_regel_per_post_met_decimale_komma(betalen):
    batch = goedgekeurd_met_te_verrekenen(betalen)
    inhoud = csv_bestand(batch, door=betalen["gebruikers"]["financieel"]).decode("utf-8")
    assert inhoud.startswith("\ufeff")
    rijen = list(csv.reader(io.StringIO(inhoud.lstrip("\ufeff")), delimiter=";"))
    a, b = betalen["aanbieder"], betalen["andere_aanbieder"]
    verwacht = sorted(
        [
            ["JR-0193-202605", "Zwolle", "2026-05", a.naam, a.agb_code, a.iban, "-860,00", "1", "te verrekenen"],
            ["JR-0193-202605", "Zwolle", "2026-05", b.naam, b.agb_code, b.iban, "860,00", "2", "overmaken"],
        ]
    )
    assert rijen[0] == [
        "Batchreferentie",
        "Gemeente",
        "Periode",
        "Aanbieder",
        "AGB-code",
        "IBAN",
        "Bedrag",
        "Aantal regels",
        "Soort",
    ]
    assert rijen[1:] == verwacht
    assert batch.gebeurtenissen.filter(gebeurtenis="csv_geexporteerd").count() == 1


def test_sepa_valideert_en_bevat_alleen_positieve_posten(betalen):
    """pain.001.001.03 validated against the XSD in sepaxml; the debtor is the municipality; a
    post at or below zero is no credit transfer (te verrekenen)."""
    batch = goedgekeurd_met_te_verrekenen(betalen)
    xml = sepa_bestand(batch, door=betalen["gebruikers"]["financieel"], uitvoerdatum=date(2026, 12, 1))
    valideer_pain001(xml)  # does not raise
    n = {"p": NS}
    doc = ET.fromstring(xml)
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId", namespaces=n) == "JR-0193-202605"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=n) == "1"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=n) == "860.00"
    pmt = doc.find("p:CstmrCdtTrfInitn/p:PmtInf", n)
    assert pmt.findtext("p:ReqdExctnDt", namespaces=n) == "2026-12-01"
    assert pmt.findtext("p:Dbtr/p:Nm", namespaces=n) == "Zwolle"
    assert pmt.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=n) == betalen["zwolle"].iban
    assert pmt.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=n) == "BNGHNL2G"
    [tx] = pmt.findall("p:CdtTrfTxInf", n)
    b = betalen["andere_aanbieder"]
    assert tx.findtext("p:Amt/p:InstdAmt", namespaces=n) == "860.00"
    assert tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=n) == b.iban
    assert tx.findtext("p:Cdtr/p:Nm", namespaces=n) == b.naam
    assert tx.findtext("p:PmtId/p:EndToEndId", namespaces=n) == f"JR-0193-202605-{b.agb_code}"
    assert betalen["aanbieder"].iban not in xml.decode()
    assert batch.gebeurtenissen.filter(gebeurtenis="sepa_geexporteerd").count() == 1


def test_alleen_goedgekeurde_batch_wordt_geexporteerd(betalen):
    declaraties_mei(betalen)
    batch = mei(betalen)
    for export in (csv_bestand, sepa_bestand):
        with pytest.raises(DomainError, match="Alleen een goedgekeurde betaalbatch") as fout:
            export(batch, door=betalen["gebruikers"]["financieel"])
        assert fout.value.code == "BET004"
    with pytest.raises(DomainError) as fout:
        csv_bestand(batch, door=betalen["gebruikers"]["financieel_deventer"])
    assert fout.value.code == "BET001"
    assert not batch.gebeurtenissen.exclude(gebeurtenis="voorbereid").exists()


def test_ongeldige_iban_blokkeert_goedkeuren_en_export(betalen):
    """An invalid or missing IBAN is refused with the provider's name: approval is refused, and
    an export of an approved batch whose account was changed afterwards writes nothing."""
    b = betalen["andere_aanbieder"]
    b.iban = "NL00RABO0123456789"
    b.save()
    declaraties_mei(betalen)
    batch = mei(betalen)
    with pytest.raises(DomainError, match=f"{b.naam} \\(AGB {b.agb_code}\\): IBAN 'NL00RABO0123456789' is ongeldig"):
        keur_goed(batch=batch, door=betalen["gebruikers"]["financieel_2"])
    batch.refresh_from_db()
    assert batch.status == "voorbereid"

    Betaalpost.objects.filter(batch=batch, aanbieder=b).update(iban=iban("INGB", 98500002))
    batch = keur_goed(batch=batch, door=betalen["gebruikers"]["financieel_2"])
    Betaalpost.objects.filter(batch=batch, aanbieder=b).update(iban="")
    with pytest.raises(DomainError, match=f"Ongeldige rekening bij {b.naam} .*geen IBAN vastgelegd") as fout:
        sepa_bestand(batch, door=betalen["gebruikers"]["financieel"])
    assert fout.value.code == "BET008"
    betalen["zwolle"].iban = ""
    betalen["zwolle"].save()
    with pytest.raises(DomainError, match="Gemeente Zwolle: geen IBAN vastgelegd"):
        sepa_bestand(Betaalbatch.objects.get(pk=batch.pk), door=betalen["gebruikers"]["financieel"])
    assert not batch.gebeurtenissen.filter(gebeurtenis="sepa_geexporteerd").exists()


def test_ongeldig_sepa_bestand_wordt_geweigerd():
    with pytest.raises(DomainError, match=r"voldoet niet aan pain\.001\.001\.03") as fout:
        valideer_pain001(b'<?xml version="1.0"?><Document xmlns="' + NS.encode() + b'"><CstmrCdtTrfInitn/></Document>')
    assert fout.value.code == "BET010"


# --- scoping (R-P1) ----------------------------------------------------------------------------


def test_wie_ziet_welke_batch_en_post(betalen):
    """Finance: its own municipality; contract manager, policy, board: their region (aggregates,
    no personal data); a provider only its own posts; other roles nothing."""
    declaraties_mei(betalen)
    zwolle = mei(betalen)
    deventer = maak_batch(
        gemeente=betalen["deventer"], jaar=2026, maand=5, door=betalen["gebruikers"]["financieel_deventer"]
    )
    g = betalen["gebruikers"]

    def batches(rol):
        return set(Betaalbatch.objects.voor_gebruiker(g[rol]).values_list("pk", flat=True))

    def posten(rol):
        return sorted(Betaalpost.objects.voor_gebruiker(g[rol]).values_list("batch_id", "aanbieder__naam"))

    assert batches("financieel") == {zwolle.pk}
    assert batches("financieel_deventer") == {deventer.pk}
    for rol in ("contractmanager", "beleid", "bestuurder"):
        assert batches(rol) == {zwolle.pk, deventer.pk}
    for rol in ("toegang", "aanbieder", "huisarts", "gi", "beheerder"):
        assert batches(rol) == set()
    a, b = betalen["aanbieder"].naam, betalen["andere_aanbieder"].naam
    assert posten("aanbieder") == sorted([(zwolle.pk, a), (deventer.pk, a)])
    assert posten("andere_aanbieder") == [(zwolle.pk, b)]
    assert posten("financieel_deventer") == [(deventer.pk, a)]
    assert posten("toegang") == []


# --- REST API ----------------------------------------------------------------------------------


def _api(client, gebruiker, methode, pad, data=None):
    client.force_login(gebruiker)
    if methode == "post":
        return client.post(pad, data or {}, content_type="application/json")
    return client.get(pad)


def test_api_voorbereiden_goedkeuren_en_downloaden(client, betalen):
    declaraties_mei(betalen)
    g = betalen["gebruikers"]
    antwoord = _api(client, g["financieel"], "post", "/api/v1/betaalbatches/", {"jaar": 2026, "maand": 5})
    assert antwoord.status_code == 201, antwoord.content
    batch = antwoord.json()
    assert (batch["referentie"], batch["status"], batch["totaal"], batch["aantal_regels"]) == (
        "JR-0193-202605",
        "voorbereid",
        "1290.00",
        4,
    )
    assert sorted((p["aanbieder"], p["bedrag"], p["aantal_regels"], p["soort"]) for p in batch["posten"]) == sorted(
        [
            (betalen["aanbieder"].agb_code, "860.00", 3, "overmaken"),
            (betalen["andere_aanbieder"].agb_code, "430.00", 1, "overmaken"),
        ]
    )
    herhaald = _api(client, g["financieel"], "post", "/api/v1/betaalbatches/", {"jaar": 2026, "maand": 5})
    assert herhaald.json()["id"] == batch["id"] and Betaalpost.objects.count() == 2

    pad = f"/api/v1/betaalbatches/{batch['id']}/"
    zelf = _api(client, g["financieel"], "post", pad + "goedkeuren/")
    assert zelf.status_code == 400 and zelf.json()["fouten"][0]["code"] == "BET005"
    assert _api(client, g["financieel"], "get", pad + "sepa/").json()["fouten"][0]["code"] == "BET004"
    goed = _api(client, g["financieel_2"], "post", pad + "goedkeuren/")
    assert goed.status_code == 200 and goed.json()["status"] == "goedgekeurd"
    assert goed.json()["beoordeeld_door"] == g["financieel_2"].username
    aansluiting = _api(client, g["financieel"], "get", pad + "aansluiting/").json()
    assert (aansluiting["klopt"], aansluiting["regels_totaal"], aansluiting["verschillen"]) == (True, "1290.00", [])

    csv_antwoord = _api(client, g["financieel"], "get", pad + "csv/")
    assert csv_antwoord.status_code == 200 and csv_antwoord["Content-Type"].startswith("text/csv")
    assert "JR-0193-202605.csv" in csv_antwoord["Content-Disposition"]
    assert ";860,00;3;overmaken" in csv_antwoord.content.decode()
    sepa = _api(client, g["financieel"], "get", pad + "sepa/")
    assert sepa.status_code == 200 and sepa["Content-Type"] == "application/xml"
    valideer_pain001(sepa.content)
    assert b"<CtrlSum>1290.00</CtrlSum>" in sepa.content


def test_api_andere_gemeente_en_rollen(client, betalen):
    """R-P1: finance of another municipality gets 404 (scope), other roles 403 for actions."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    g = betalen["gebruikers"]
    pad = f"/api/v1/betaalbatches/{batch.pk}/"
    for methode, actie in [
        ("get", ""),
        ("post", "goedkeuren/"),
        ("post", "afwijzen/"),
        ("get", "csv/"),
        ("get", "sepa/"),
    ]:
        assert _api(client, g["financieel_deventer"], methode, pad + actie, {"toelichting": "x"}).status_code == 404
    assert _api(client, g["financieel_deventer"], "get", "/api/v1/betaalbatches/").json()["count"] == 0
    assert _api(client, g["contractmanager"], "get", pad).json()["totaal"] == "1290.00"
    assert _api(client, g["contractmanager"], "post", pad + "goedkeuren/").status_code == 403
    assert _api(client, g["beleid"], "post", "/api/v1/betaalbatches/", {"jaar": 2026, "maand": 4}).status_code == 403
    for rol in ("toegang", "aanbieder", "beheerder"):
        assert _api(client, g[rol], "get", "/api/v1/betaalbatches/").status_code == 403
    eigen = _api(client, g["andere_aanbieder"], "get", "/api/v1/betaalposten/").json()
    assert [(p["aanbieder"], p["bedrag"], p["referentie"]) for p in eigen["results"]] == [
        (betalen["andere_aanbieder"].agb_code, "430.00", "JR-0193-202605")
    ]
    client.logout()
    assert client.get("/api/v1/betaalbatches/").status_code in (401, 403)
    batch.refresh_from_db()
    assert batch.status == "voorbereid" and Betaalpost.objects.count() == 2


def test_api_afwijzen(client, betalen):
    declaraties_mei(betalen)
    batch = mei(betalen)
    pad = f"/api/v1/betaalbatches/{batch.pk}/afwijzen/"
    checker = betalen["gebruikers"]["financieel_2"]
    assert _api(client, checker, "post", pad, {}).status_code == 400
    antwoord = _api(client, checker, "post", pad, {"toelichting": "Credit C1 eerst navragen"})
    assert antwoord.status_code == 200
    assert (antwoord.json()["status"], antwoord.json()["posten"], antwoord.json()["toelichting"]) == (
        "afgewezen",
        [],
        "Credit C1 eerst navragen",
    )
    assert not _in_een_batch().exists()


# --- pages -------------------------------------------------------------------------------------


def test_paginas_voorbereiden_beoordelen_en_downloaden(client, betalen):
    declaraties_mei(betalen)
    g = betalen["gebruikers"]
    client.force_login(g["financieel"])
    assert client.get("/betalingen/nieuw/").status_code == 200
    antwoord = client.post("/betalingen/nieuw/", {"jaar": 2026, "maand": 5})
    batch = Betaalbatch.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == f"/betalingen/{batch.pk}/"
    inhoud = client.get(antwoord["Location"]).content.decode()
    assert "JR-0193-202605" in inhoud and "De aansluiting klopt" in inhoud
    assert "U heeft deze batch voorbereid" in inhoud and "Goedkeuren</button>" not in inhoud
    client.post(f"/betalingen/{batch.pk}/goedkeuren/")
    batch.refresh_from_db()
    assert batch.status == "voorbereid"
    assert client.get(f"/betalingen/{batch.pk}/sepa/").status_code == 302  # refused: not approved

    client.force_login(g["financieel_2"])
    assert "Goedkeuren</button>" in client.get(f"/betalingen/{batch.pk}/").content.decode()
    client.post(f"/betalingen/{batch.pk}/goedkeuren/")
    batch.refresh_from_db()
    assert batch.status == "goedgekeurd"
    pagina = client.get(f"/betalingen/{batch.pk}/").content.decode()
    assert "Download SEPA" in pagina
    csv_antwoord = client.get(f"/betalingen/{batch.pk}/csv/")
    assert csv_antwoord.status_code == 200 and "Batchreferentie;Gemeente" in csv_antwoord.content.decode()
    sepa = client.get(f"/betalingen/{batch.pk}/sepa/")
    assert sepa.status_code == 200
    valideer_pain001(sepa.content)

    lijst = client.get("/betalingen/?jaar=2026").content.decode()
    assert "JR-0193-202605" in lijst and "Nieuwe betaalbatch" in lijst


def test_paginas_afwijzen_en_opnieuw_voorbereiden(client, betalen):
    declaraties_mei(betalen)
    batch = mei(betalen)
    client.force_login(betalen["gebruikers"]["financieel_2"])
    client.post(f"/betalingen/{batch.pk}/afwijzen/", {"toelichting": ""})
    batch.refresh_from_db()
    assert batch.status == "voorbereid"
    client.post(f"/betalingen/{batch.pk}/afwijzen/", {"toelichting": "Bedragen navragen"})
    batch.refresh_from_db()
    assert batch.status == "afgewezen"
    pagina = client.get(f"/betalingen/{batch.pk}/").content.decode()
    assert "Bedragen navragen" in pagina and "Batch opnieuw voorbereiden" in pagina
    client.post("/betalingen/nieuw/", {"jaar": 2026, "maand": 5})
    batch.refresh_from_db()
    assert (batch.status, batch.voorbereid_door, batch.totaal) == (
        "voorbereid",
        betalen["gebruikers"]["financieel_2"],
        Decimal("1290.00"),
    )


def test_paginas_andere_gemeente_ziet_en_keurt_niets(client, betalen):
    """R-P1: another municipality's finance user gets 404 for the batch and cannot approve it."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    client.force_login(betalen["gebruikers"]["financieel_deventer"])
    assert "JR-0193-202605" not in client.get("/betalingen/").content.decode()
    for pad in ("", "csv/", "sepa/"):
        assert client.get(f"/betalingen/{batch.pk}/{pad}").status_code == 404
    assert client.post(f"/betalingen/{batch.pk}/goedkeuren/").status_code == 404
    assert client.post(f"/betalingen/{batch.pk}/afwijzen/", {"toelichting": "x"}).status_code == 404
    batch.refresh_from_db()
    assert (batch.status, batch.beoordeeld_door) == ("voorbereid", None)


def test_paginas_regio_leest_en_andere_rollen_niet(client, betalen):
    declaraties_mei(betalen)
    batch = mei(betalen)
    g = betalen["gebruikers"]
    client.force_login(g["contractmanager"])
    pagina = client.get(f"/betalingen/{batch.pk}/").content.decode()
    assert "€ 1.290,00" in pagina and "Goedkeuren</button>" not in pagina
    assert "Betaalbatches" in client.get("/").content.decode()
    assert client.post(f"/betalingen/{batch.pk}/goedkeuren/").status_code == 403
    assert client.get("/betalingen/nieuw/").status_code == 403
    for rol in ("toegang", "aanbieder", "beheerder"):
        client.force_login(g[rol])
        assert client.get("/betalingen/").status_code == 403
        assert client.get(f"/betalingen/{batch.pk}/").status_code == 403
    assert "/betalingen/" not in client.get("/").content.decode()


def test_pagina_toont_gewijzigd_bedrag_in_aansluiting(client, betalen):
    """R-V1 on the batch page: a tampered post shows the difference."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    Betaalpost.objects.filter(batch=batch, aanbieder=betalen["andere_aanbieder"]).update(bedrag=Decimal("400.00"))
    client.force_login(betalen["gebruikers"]["financieel_2"])
    pagina = client.get(f"/betalingen/{batch.pk}/").content.decode()
    assert "De aansluiting klopt niet" in pagina and "verschil € -30,00" in pagina


def test_synthetische_regio_heeft_geldige_demo_ibans(catalogus):
    """The demo region can be paid by SEPA: every municipality and provider gets a valid Dutch
    IBAN, derived deterministically from its CBS or AGB code."""
    from jeugdregie.organisaties.models import Aanbieder, Gemeente
    from jeugdregie.synthese.regio import PEILDATUM, genereer_regio

    genereer_regio(peildatum=PEILDATUM, schaal=0.01, seed=1, melden=lambda _: None, met_trajecten=False)
    assert Gemeente.objects.get(cbs_code="0193").iban == iban("BNGH", 193)
    assert Aanbieder.objects.get(agb_code="98000001").iban == iban("RABO", 98000001)
    for rekening in [
        *Gemeente.objects.values_list("iban", flat=True),
        *Aanbieder.objects.values_list("iban", flat=True),
    ]:
        assert IBAN(rekening).country_code == "NL"


# --- concurrency (PostgreSQL, separate connections) --------------------------------------------


def _tegelijk(*taken):
    """Run the callables at the same moment, each in a thread with its own connection; returns
    each outcome: the return value or the exception raised."""
    uitkomsten, start = [None] * len(taken), threading.Barrier(len(taken))

    def draai(i, taak):
        try:
            start.wait()
            uitkomsten[i] = taak()
        except Exception as fout:
            uitkomsten[i] = fout
        finally:
            connections.close_all()

    threads = [threading.Thread(target=draai, args=(i, taak)) for i, taak in enumerate(taken)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return uitkomsten


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_voorbereiden_maakt_een_batch_en_elke_declaratie_in_een_batch(betalen):
    """Two finance users prepare the same month at the same moment: the unique constraint lets
    one commit the batch and its posts, the other gets that batch; every declaration of the month
    is in exactly that batch, every approved line in one post."""
    declaraties_mei(betalen)
    uitkomsten = _tegelijk(lambda: mei(betalen), lambda: mei(betalen, door="financieel_2"))
    assert all(isinstance(u, Betaalbatch) for u in uitkomsten), uitkomsten
    assert len({u.pk for u in uitkomsten}) == 1
    assert {(u.totaal, u.aantal_regels) for u in uitkomsten} == {(Decimal("1290.00"), 4)}
    batch = Betaalbatch.objects.get()
    assert Betaalpost.objects.count() == 2
    assert Batchgebeurtenis.objects.filter(gebeurtenis="voorbereid").count() == 1
    assert _gekoppeld(batch) == ["B1", "C1", "R1", "R2"]
    assert _declaraties(batch) == ["B-1", "D-1", "D-2"]
    assert sorted(_in_een_batch().values_list("nummer", flat=True)) == ["B-1", "D-1", "D-2"]
    assert reconciliatie(batch).klopt


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_opnieuw_voorbereiden_na_afwijzing(betalen):
    """Two finance users prepare a rejected batch again at the same moment: the row lock lets
    one re-prepare it, the other gets that batch; the posts are made once."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    wijs_af(batch=batch, door=betalen["gebruikers"]["financieel_2"], toelichting="Opnieuw")
    uitkomsten = _tegelijk(lambda: mei(betalen), lambda: mei(betalen, door="financieel_2"))
    assert all(isinstance(u, Betaalbatch) for u in uitkomsten), uitkomsten
    assert {u.pk for u in uitkomsten} == {batch.pk}
    batch.refresh_from_db()
    assert (batch.status, batch.totaal, batch.aantal_regels) == ("voorbereid", Decimal("1290.00"), 4)
    assert Betaalpost.objects.count() == 2
    assert Batchgebeurtenis.objects.filter(gebeurtenis="opnieuw_voorbereid").count() == 1
    assert _declaraties(batch) == ["B-1", "D-1", "D-2"] and reconciliatie(batch).klopt


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("tweede", ["goedkeuren", "afwijzen"])
def test_gelijktijdig_beoordelen_een_wint(betalen, tweede):
    """Two checkers judge the same batch at once: the row lock lets one through, the other gets
    a clear refusal (the batch is no longer 'voorbereid')."""
    declaraties_mei(betalen)
    batch = mei(betalen)
    derde = GebruikerFactory(financieel_rol=True, gemeente=betalen["zwolle"])
    eerste = lambda: keur_goed(batch=batch, door=betalen["gebruikers"]["financieel_2"])  # noqa: E731
    andere = (
        (lambda: keur_goed(batch=batch, door=derde))
        if tweede == "goedkeuren"
        else (lambda: wijs_af(batch=batch, door=derde, toelichting="Nog navragen"))
    )
    uitkomsten = _tegelijk(eerste, andere)
    gelukt = [u for u in uitkomsten if isinstance(u, Betaalbatch)]
    geweigerd = [u for u in uitkomsten if isinstance(u, DomainError)]
    assert len(gelukt) == 1 and len(geweigerd) == 1, uitkomsten
    assert geweigerd[0].code == "BET004" and "kan niet naar" in geweigerd[0].message
    batch.refresh_from_db()
    assert (batch.status, batch.beoordeeld_door_id) == (gelukt[0].status, gelukt[0].beoordeeld_door_id)
    assert Batchgebeurtenis.objects.exclude(gebeurtenis="voorbereid").count() == 1
    assert len(_gekoppeld(batch)) == (4 if batch.status == "goedgekeurd" else 0)
    assert _in_een_batch().count() == (3 if batch.status == "goedgekeurd" else 0)
