from io import StringIO

from django.core.management import call_command

from jeugdregie.jeugdigen.bsn import is_geldig_bsn
from jeugdregie.jeugdigen.models import Betrokkenheid, Jeugdige, Woonplaats
from jeugdregie.organisaties.models import Aanbieder, Contract, Gemeente, Inschrijving, Verwijzer
from jeugdregie.synthese.regio import genereer_regio


def _momentopname():
    return list(
        Jeugdige.objects.order_by("bsn", "woonplaatsen__begindatum").values_list(
            "bsn", "voornamen", "achternaam", "geboortedatum", "geslacht", "woonplaatsen__gemeente__cbs_code"
        )
    )


def test_regio_is_deterministisch_en_idempotent(catalogus):
    """Issue 2 §7: deterministic per seed; a second run duplicates nothing."""
    eerste = genereer_regio(schaal=0.02, seed=7, melden=lambda _: None)
    momentopname = _momentopname()
    tellingen = [m.objects.count() for m in (Gemeente, Aanbieder, Contract, Verwijzer, Jeugdige, Woonplaats)]
    tweede = genereer_regio(schaal=0.02, seed=7, melden=lambda _: None)
    assert tweede.jeugdigen_nieuw == 0 and eerste.jeugdigen_nieuw == eerste.jeugdigen_totaal
    assert [m.objects.count() for m in (Gemeente, Aanbieder, Contract, Verwijzer, Jeugdige, Woonplaats)] == tellingen
    Betrokkenheid.objects.all().delete()
    Woonplaats.objects.all().delete()
    Jeugdige.objects.all().delete()
    genereer_regio(schaal=0.02, seed=7, melden=lambda _: None)
    assert _momentopname() == momentopname


def test_andere_seed_geeft_andere_regio(catalogus):
    genereer_regio(schaal=0.01, seed=1, melden=lambda _: None)
    een = _momentopname()
    Betrokkenheid.objects.all().delete()
    Woonplaats.objects.all().delete()
    Jeugdige.objects.all().delete()
    genereer_regio(schaal=0.01, seed=2, melden=lambda _: None)
    assert _momentopname() != een


def test_regio_volgt_spec_verhoudingen(catalogus):
    """SPEC §2: 11 municipalities at real sizes, ≈12% of young people in care, valid BSNs,
    every young person with exactly one current residence."""
    resultaat = genereer_regio(schaal=0.1, seed=42, melden=lambda _: None)
    assert Gemeente.objects.count() == 11
    assert Gemeente.objects.get(cbs_code="0193").jeugdigen == 26617
    assert 110_000 < sum(Gemeente.objects.values_list("jeugdigen", flat=True)) < 116_000
    assert 11_000 < resultaat.jeugdigen_totaal < 11_600
    assert 0.10 < resultaat.in_zorg / resultaat.jeugdigen_totaal < 0.14
    assert all(is_geldig_bsn(b) for b in Jeugdige.objects.values_list("bsn", flat=True))
    assert Woonplaats.objects.filter(einddatum__isnull=True).count() == Jeugdige.objects.count()
    assert Woonplaats.objects.filter(einddatum__isnull=False).exists()  # some moved
    assert Betrokkenheid.objects.filter(aanbieder__isnull=False).count() == resultaat.in_zorg
    assert Inschrijving.objects.exists()
    assert Aanbieder.objects.count() == 15


def test_schaal_boven_een_voegt_andere_gemeenten_toe(catalogus):
    """--schaal N > 1 brings in the other CBS municipalities in their own youth regions."""
    resultaat = genereer_regio(schaal=1.01, seed=42, melden=lambda _: None)
    assert Gemeente.objects.count() == 342
    assert Gemeente.objects.filter(regio__code="ijsselland").count() == 11
    assert resultaat.jeugdigen_totaal > 113_000


def test_commando_toont_voortgang(catalogus):
    uit = StringIO()
    call_command("genereer_regio", "--schaal", "0.01", "--seed", "3", stdout=uit)
    tekst = uit.getvalue()
    assert "11 gemeenten" in tekst and "(100%)" in tekst and "rijen/s" in tekst and "Klaar:" in tekst
