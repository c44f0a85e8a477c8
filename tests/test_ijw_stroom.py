"""The scripted full iJw flow of issue 5 §8 (R-M1, R-M2): JW315 → JW319 "in onderzoek" → JW301 →
JW305 → JW323 (good lines, over budget, outside the period, a duplicate, a credit without a debit)
→ JW325 with the expected codes → JW317 → JW301 → JW307. Every message goes through the receiver
or the outbox exactly as in production; each retour and outbound message is schema-valid."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.catalogus.models import Product
from jeugdregie.ijw.constants import NS_BASIS, Berichttype, Richting, namespace
from jeugdregie.ijw.models import Bericht
from jeugdregie.ijw.services.ontvangen import ontvang as ontvang_bericht
from jeugdregie.ijw.xml.schemas import is_geldig
from jeugdregie.organisaties.models import Inschrijving
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.toewijzingen.services import besluit_aanpassing, screen_verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.verzoeken.services import honoreer_met_verwijzing, zet_in_onderzoek

from .builders.ijw import declaratie as jw323
from .builders.ijw import start_stop as regie
from .builders.ijw import verzoek as jw315
from .builders.ijw import wijziging as jw317
from .klok import op_de_dag

NU = datetime(2026, 5, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def nu(monkeypatch):
    """The flow runs on 12 May 2026: April is declarable, reason 2 is within 6 months of the start."""
    monkeypatch.setattr(timezone, "now", lambda: NU)


def vandaag(data: bytes) -> bytes:
    """The start/stop builder dates its messages 1 July 2026; this flow sends them on its own day."""
    return data.replace(b"2026-07-01", NU.date().isoformat().encode())


def codes(xml: bytes, klasse: str) -> list[list[str]]:
    root = etree.fromstring(xml)
    return [[c.text for c in el.find("{*}RetourCodes")] for el in root.iter(f"{{*}}{klasse}")]


def uitgaand(berichttype: str) -> list[Bericht]:
    return list(Bericht.objects.filter(richting=Richting.UIT, berichttype=berichttype).order_by("id"))


def lees(bericht: Bericht) -> etree._Element:
    root = etree.fromstring(bytes(bericht.inhoud))
    assert is_geldig(root, bericht.berichttype)
    return root


def test_volledige_berichtenstroom(route, django_capture_on_commit_callbacks):
    """Issue 5 §8: the whole exchange for one client, in order, with the expected codes. Each
    step ends as its own transaction would: its after-commit work (the outbox) runs."""
    aanbieder, toegang = route["gebruikers"]["aanbieder"], route["gebruikers"]["toegang"]

    def ontvang(data):
        with django_capture_on_commit_callbacks(execute=True):
            return ontvang_bericht(data, door=aanbieder)

    zara = route["jeugdige_zwolle"]
    ns301 = {"m": namespace(Berichttype.JW301), "ijw": NS_BASIS}

    # JW315: the provider asks for an allocation; JW316 accepts the message (0200 everywhere).
    ontvangst = ontvang(
        jw315.jw315(route, "V-1", bsn=zara.bsn, producten=[jw315.product("REF-315")], dagtekening=date(2026, 4, 1))
    )
    assert codes(ontvangst.retour_xml, "Client") == [["0200"]]
    assert codes(ontvangst.retour_xml, "AangevraagdProduct") == [["0200"]]
    verzoek = Toewijzingsverzoek.objects.get()
    assert (verzoek.status, verzoek.referentie_aanbieder) == ("open", "REF-315")

    # JW319 "in onderzoek": created after the toegang's decision commits.
    with django_capture_on_commit_callbacks(execute=True):
        zet_in_onderzoek(verzoek=verzoek, door=toegang)
    [jw319] = uitgaand(Berichttype.JW319)
    antwoord = lees(jw319)
    assert antwoord.findtext("{*}Antwoord/{*}VerzoekAntwoord") == "2"
    assert antwoord.findtext("{*}Antwoord/{*}ReferentieAanbieder") == "REF-315"

    # The toegang honours the request; the provider accepts at screening: JW301 with the budget.
    with django_capture_on_commit_callbacks(execute=True):
        verwijzing = honoreer_met_verwijzing(
            verzoek=verzoek,
            resultaten=["Zara gaat weer naar school."],
            budget=jw315.HERSTEL_2,
            datum=date(2026, 4, 1),
            door=toegang,
        )
    with django_capture_on_commit_callbacks(execute=True), op_de_dag(date(2026, 4, 2)):
        screen_verwijzing(verwijzing=verwijzing, uitkomst="geaccepteerd", door=aanbieder)
    toewijzing = Toewijzing.objects.get(verwijzing=verwijzing)
    budget = verwijzing.keuzebudget
    [jw301] = uitgaand(Berichttype.JW301)
    product = lees(jw301).find("m:Client/m:ToegewezenProducten/m:ToegewezenProduct", ns301)
    assert product.findtext("m:ToewijzingNummer", namespaces=ns301) == str(toewijzing.pk)
    assert product.findtext("m:ReferentieAanbieder", namespaces=ns301) == "REF-315"
    assert product.findtext("m:Budget", namespaces=ns301) == str(int(budget.bedrag * 100))
    assert product.findtext("m:Einddatum", namespaces=ns301) == budget.einddatum.isoformat()

    # JW305: start of care; JW306 0200 and the allocation has started.
    ontvangst = ontvang(
        vandaag(regie.bericht(route, [regie.product(toewijzing.pk, begindatum=date(2026, 4, 7))], identificatie="S-1"))
    )
    assert codes(ontvangst.retour_xml, "StartProduct") == [["0200"]]
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.startdatum_zorg) == ("gestart", date(2026, 4, 7))

    # A first JW323 approves R1 (8001); the second mixes good and bad lines.
    eerste = ontvang(jw323.jw323(route, [jw323.prestatie(toewijzing, "R1")], identificatie="D-1", nummer="DN1"))
    assert jw323._antwoord(eerste)[:2] == (["0200"], ["8001"])
    # May is not over yet (TR388: a line runs to the end of its month), so the lines are April's,
    # each for another product the provider is contracted and registered for (R-B8).
    contract = route["aanbieder"].contract_op(date(2026, 4, 1))
    Inschrijving.objects.create(
        contract=contract, product=Product.objects.get(code="45A04"), begindatum=date(2026, 1, 1)
    )
    over = int(budget.bedrag) // 98 + 1  # more hours than the budget still holds
    gemengd = [
        jw323.prestatie(toewijzing, "R2", uren=4, code="41D01", tarief=1400, bedrag=4 * 1400),  # good
        jw323.prestatie(toewijzing, "R3", uren=over, code="45A04", tarief=9800, bedrag=over * 9800),  # over budget
        jw323.prestatie(toewijzing, "R4", maand=(2026, 3)),  # before the allocation begins
        jw323.prestatie(toewijzing, "R1"),  # duplicate reference
        jw323.prestatie(toewijzing, "C1", vorig="R9", dc="C"),  # credit without a debit
    ]
    tweede = ontvang(jw323.jw323(route, gemengd, identificatie="D-2", nummer="DN2"))
    header, _, _ingediend, toegekend, afgewezen = jw323._antwoord(tweede)
    assert header == ["0200"]
    assert afgewezen == [("R3", ["9369"]), ("R4", ["9307"]), ("R1", ["8021"]), ("C1", ["8017"])]
    assert toegekend == 4 * 1400
    stand = Budgetstand.objects.get(toewijzing=toewijzing)
    assert stand.goedgekeurd == 10 * jw323.TARIEF_TG3 + Decimal("56.00")

    # JW317: a higher budget (reason 2: the help does not work); JW318 0200, request on the worklist.
    verhoogd = int(budget.bedrag * 100) + 100_000
    ontvangst = ontvang(
        jw317.jw317(
            route, te_wijzigen=[jw317.wijziging(toewijzing, budget=verhoogd)], identificatie="W-1", referentie="REF-317"
        )
    )
    assert codes(ontvangst.retour_xml, "Verzoek") == [["0200"]]
    aanvraag = Aanpassingsaanvraag.objects.get()
    assert (aanvraag.status, aanvraag.referentie_aanbieder) == ("ingediend", "REF-317")

    # The toegang grants it: a new JW301 with the new budget and RedenWijziging 12.
    with django_capture_on_commit_callbacks(execute=True):
        besluit_aanpassing(
            aanvraag=aanvraag,
            besluit="toegekend",
            motivering="Andere aanpak nodig.",
            door=toegang,
            toegekend_bedrag=Decimal(verhoogd) / 100,
        )
    nieuw = lees(uitgaand(Berichttype.JW301)[-1]).find("m:Client/m:ToegewezenProducten/m:ToegewezenProduct", ns301)
    assert len(uitgaand(Berichttype.JW301)) == 2
    assert nieuw.findtext("m:Budget", namespaces=ns301) == str(verhoogd)
    assert nieuw.findtext("m:RedenWijziging", namespaces=ns301) == "12"
    assert nieuw.findtext("m:ReferentieAanbieder", namespaces=ns301) == "REF-317"

    # JW307: stop of care; JW308 0200 and the allocation has stopped.
    ontvangst = ontvang(
        vandaag(
            regie.stop(
                route,
                [regie.product(toewijzing.pk, begindatum=date(2026, 4, 7), reden="31", einddatum=date(2026, 5, 11))],
                identificatie="T-1",
            )
        )
    )
    assert codes(ontvangst.retour_xml, "StopProduct") == [["0200"]]
    toewijzing.refresh_from_db()
    assert (toewijzing.status, toewijzing.stopdatum_zorg) == ("gestopt", date(2026, 5, 11))
    # The log holds every message once: six in, six retours, three JW301/JW319.
    assert Bericht.objects.filter(richting=Richting.IN).count() == 6
    assert sorted(Bericht.objects.filter(richting=Richting.UIT).values_list("berichttype", flat=True)) == [
        "JW301",
        "JW301",
        "JW306",
        "JW308",
        "JW316",
        "JW318",
        "JW319",
        "JW325",
        "JW325",
    ]


def test_regels_gelden_gelijk_voor_elke_gemeente_van_de_regio(route):
    """R-M2: one administration for all municipalities: the same provider's JW305 to another
    municipality of the region goes through the same receiver and rules, and a message for an
    allocation of the other municipality is judged against that municipality (9019 here)."""
    aanbieder = route["gebruikers"]["aanbieder"]
    toewijzing = regie.toegewezen(route)
    bericht = vandaag(regie.bericht(route, [regie.product(toewijzing.pk)], identificatie="S-D"))
    naar_deventer = bericht.replace(
        f"<jw305:Ontvanger>{route['zwolle'].cbs_code}<".encode(),
        f"<jw305:Ontvanger>{route['deventer'].cbs_code}<".encode(),
    )
    ontvangst = ontvang_bericht(naar_deventer, door=aanbieder)
    assert ontvangst.bericht.gemeente == route["deventer"]
    assert codes(ontvangst.retour_xml, "StartProduct") == [["9019"]]
    assert ontvang_bericht(bericht.replace(b"S-D", b"S-Z"), door=aanbieder).bericht.status == "verwerkt"
