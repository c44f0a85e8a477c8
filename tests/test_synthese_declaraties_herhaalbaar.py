"""Synthetic declarations (issue 4 §9): deterministic per seed and idempotent, and the command with
and without declarations. Each test builds a region of its own, so these are apart from
tests/test_synthese_declaraties.py, whose tests share one region built once for the module."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from jeugdregie.betalingen.models import Betaalbatch, Betaalpost
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.declaraties.models import Declaratie, Declaratieregel
from jeugdregie.synthese.declaraties import genereer_declaraties
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.verantwoording.models import Crisisbekostiging

pytestmark = pytest.mark.slow


def stil(_):
    return None


def _samenvatting():
    regels = Declaratieregel.objects
    return (
        Declaratie.objects.count(),
        regels.count(),
        regels.filter(status="goedgekeurd").aggregate(s=Sum("bedrag"))["s"],
        sorted(Counter(regels.values_list("status", "afkeur")).items()),
        sorted(Declaratie.objects.values_list("nummer", "ingediend_op", "inhoud_hash", "goedgekeurd_bedrag")),
        Betaalbatch.objects.aggregate(s=Sum("totaal"))["s"],
        Budgetstand.objects.aggregate(g=Sum("goedgekeurd"), v=Sum("vrijgevallen")),
    )


def _wis_declaraties():
    Budgetmutatie.objects.all().delete()
    Budgetstand.objects.all().delete()
    Declaratieregel.objects.update(credit_van=None)
    Declaratieregel.objects.all().delete()
    Betaalpost.objects.all().delete()
    Declaratie.objects.all().delete()
    Betaalbatch.objects.all().delete()


def test_deterministisch_en_idempotent(catalogus):
    """Same seed, same declarations; a second run adds nothing; another seed differs."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=stil)
    eerste = genereer_declaraties(peildatum=PEILDATUM, seed=7, melden=stil)
    samenvatting = _samenvatting()
    tweede = genereer_declaraties(peildatum=PEILDATUM, seed=7, melden=stil)
    assert tweede.overgeslagen and tweede.totaal == 0 and _samenvatting() == samenvatting
    _wis_declaraties()
    opnieuw = genereer_declaraties(peildatum=PEILDATUM, seed=7, melden=stil)
    assert opnieuw.rijen == eerste.rijen and _samenvatting() == samenvatting
    _wis_declaraties()
    genereer_declaraties(peildatum=PEILDATUM, seed=8, melden=stil)
    assert _samenvatting() != samenvatting


def test_commando_met_en_zonder_declaraties(catalogus):
    uit = StringIO()
    call_command(
        "genereer_regio",
        "--schaal",
        "0.01",
        "--seed",
        "3",
        "--peildatum",
        "2026-01-01",
        "--zonder-declaraties",
        stdout=uit,
    )
    assert not Declaratie.objects.exists() and "0 nieuwe declaratierijen" in uit.getvalue()
    uit = StringIO()
    call_command("genereer_regio", "--schaal", "0.01", "--seed", "3", "--peildatum", "2026-01-01", stdout=uit)
    tekst = uit.getvalue()
    assert Declaratie.objects.exists() and Betaalbatch.objects.exists()
    assert "declaraties:" in tekst and "afgekeurd" in tekst and "betaalbatches" in tekst and "(100%)" in tekst
    assert "trajecten: al aanwezig" in tekst and "nieuwe declaratierijen" in tekst
    # R-B4: the demo region gets illustrative crisis funding for the trajectory years, once.
    assert sorted(Crisisbekostiging.objects.values_list("jaar", flat=True)) == [2022, 2023, 2024, 2025, 2026]
