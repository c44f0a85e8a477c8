"""``manage.py ijw_demo`` (synthese/ijw_demo.py): real iJw messages of the demo provider on a
small synthetic region, so the embedded demo shows a message log (R-M1, issue 5); idempotent
through the message identity (TR056)."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from jeugdregie.accounts.models import Gebruiker
from jeugdregie.budgetten.models import Budgetmutatie
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.ijw.models import Bericht
from jeugdregie.portaal.werkvoorraden import route_werkvoorraden as werkvoorraden
from jeugdregie.synthese.demogebruikers import maak_demogebruikers
from jeugdregie.synthese.ijw_demo import speel
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Gebeurtenis, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek

VANDAAG = date(2026, 6, 15)  # the demo items of the region are anchored on this day


def _log():
    return list(
        Bericht.objects.filter(richting="in").order_by("id").values_list("berichttype", "identificatie", "status")
    )


def _tellingen():
    modellen = (Bericht, Gebeurtenis, Toewijzing, Toewijzingsverzoek, Verwijzing, Declaratieregel, Budgetmutatie)
    return [m.objects.count() for m in modellen]


def test_demo_vult_het_berichtenlog_en_tweede_run_verandert_niets(catalogus):
    """R-M1, TR056: the demo provider's messages go through the receiver and the real services:
    an open JW315 on the toegang's worklist, a decided one (JW319 and JW301 from the outbox), a
    JW305 start, a JW323 with one wrong amount (TR346: 9346 in the JW325), a replay and a refusal.
    A second run only replays: nothing is added."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.05, seed=42, melden=lambda _: None, vandaag=VANDAAG)
    maak_demogebruikers()

    eerste = speel(vandaag=VANDAAG)

    assert _log() == [
        ("JW315", "DEMO-V1", "verwerkt"),
        ("JW315", "DEMO-V2", "verwerkt"),
        ("JW305", "DEMO-S1", "verwerkt"),
        ("JW323", "DEMO-D1", "afgekeurd"),
        ("JW305", "DEMO-F1", "geweigerd"),
    ]
    uit = Counter(Bericht.objects.filter(richting="uit").values_list("berichttype", flat=True))
    assert uit == {"JW316": 2, "JW306": 1, "JW325": 1, "JW319": 1, "JW301": 1}
    declaratie = Bericht.objects.get(identificatie="DEMO-D1")
    assert [(f["klasse"], f["codes"]) for f in declaratie.fouten] == [("Prestatie", ["9346"])]
    regels = Declaratieregel.objects.filter(declaratie_id=declaratie.declaratie_id).order_by("volgnummer")
    assert list(regels.values_list("status", "retourcode")) == [
        ("goedgekeurd", ""),
        ("goedgekeurd", ""),
        ("afgekeurd", "9346"),
    ]
    assert Bericht.objects.get(identificatie="DEMO-S1").toewijzing.status == "gestart"
    aanbieder = Bericht.objects.get(identificatie="DEMO-V1").aanbieder
    verzoeken = Toewijzingsverzoek.objects.filter(aanbieder=aanbieder).order_by("referentie_aanbieder")
    assert list(verzoeken.values_list("referentie_aanbieder", "status", "verwijzing__status")) == [
        ("DEMO-V1-1", "open", None),
        ("DEMO-V2-1", "gehonoreerd", "geaccepteerd"),
    ]
    lijsten = {
        str(lijst.titel): lijst.aantal for lijst in werkvoorraden(Gebruiker.objects.get(username="toegang"), op=VANDAAG)
    }
    assert lijsten["Verzoeken om toewijzing (JW315)"] == 1
    assert any("DEMO-S1 nogmaals verstuurd: verwerkt (herhaald" in regel for regel in eerste)
    assert any("DEMO-F1" in regel and "geweigerd, IJW005" in regel for regel in eerste)

    tellingen = _tellingen()
    tweede = speel(vandaag=VANDAAG)

    assert _tellingen() == tellingen
    assert sum("(herhaald: de eerdere retour)" in regel for regel in tweede) == 5
    assert any("DEMO-F1" in regel and "al eerder geweigerd" in regel for regel in tweede)
    assert "- Besluit op DEMO-V2: al genomen." in tweede


def test_demo_zonder_regio_meldt_dat_en_stuurt_niets(db):
    """Without the demo region the command says what to do first and sends nothing."""
    uit = StringIO()
    call_command("ijw_demo", stdout=uit)
    assert "draai eerst genereer_regio" in uit.getvalue()
    assert not Bericht.objects.exists()


def test_demo_niet_toegestaan_buiten_de_demo(db, settings):
    """Never in production: refused unless demo users are allowed; nothing is sent."""
    settings.DEMO_GEBRUIKERS_TOEGESTAAN = False
    with pytest.raises(ImproperlyConfigured):
        speel()
    assert not Bericht.objects.exists()
