"""Issue 16 §1: one explicit event mechanism. A service publishes a typed event; who listens is
listed in ``jeugdregie/abonnementen.py``; after-commit subscribers run through Django's public
``on_commit`` (robust), never for a rolled-back transaction, and a failing one is logged without
undoing the decision or stopping the next. No module-level hook list, no private Django API,
no free-string event names remain."""

from __future__ import annotations

import ast
import dataclasses
import logging
from pathlib import Path

import pytest
from django.db import transaction

from jeugdregie import abonnementen
from jeugdregie.common import domein
from jeugdregie.jeugdigen.gebeurtenissen import ContactGewijzigd
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer

SRC = Path(__file__).resolve().parents[1] / "src" / "jeugdregie"


def _modules():
    for pad in sorted(SRC.rglob("*.py")):
        if "migrations" not in pad.parts:
            yield pad, ast.parse(pad.read_text(encoding="utf-8"))


def test_elk_abonnement_hangt_aan_een_getypeerde_gebeurtenis():
    """Typed payloads: every table keys on a frozen dataclass, every subscriber is a function."""
    for tabel in (abonnementen.IN_TRANSACTIE, abonnementen.NA_COMMIT, abonnementen.VRAGEN):
        for soort, abonnees in tabel.items():
            assert dataclasses.is_dataclass(soort) and soort.__dataclass_params__.frozen, soort
            assert abonnees and all(callable(a) for a in abonnees), soort


def test_geen_haaklijsten_geen_privé_django_api_en_geen_ready_registraties():
    """No module-level list of callables filled from ``AppConfig.ready()`` and no access to
    Django's private ``run_on_commit`` anywhere in the source."""
    gevonden = []
    for pad, boom in _modules():
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.Attribute) and knoop.attr == "run_on_commit":
                gevonden.append(f"{pad.name}: run_on_commit")
            lijst = isinstance(knoop, ast.AnnAssign) and isinstance(knoop.value, ast.List)
            if lijst and "Callable" in ast.unparse(knoop.annotation):
                gevonden.append(f"{pad.name}: haaklijst {ast.unparse(knoop.target)}")
            if isinstance(knoop, ast.FunctionDef) and knoop.name == "ready":
                for kind in ast.walk(knoop):
                    if isinstance(kind, ast.Attribute) and kind.attr == "append":
                        gevonden.append(f"{pad.name}: ready() vult een lijst")
    assert gevonden == []


def test_gebeurtenissen_van_de_route_dragen_een_soort_uit_de_opsomming():
    """No free-string event names: every ``registreer`` call in the source passes a member of
    ``Gebeurtenissoort``, never a string literal."""
    vrij = []
    for pad, boom in _modules():
        for knoop in ast.walk(boom):
            if (
                (
                    isinstance(knoop, ast.Call)
                    and getattr(knoop.func, "id", getattr(knoop.func, "attr", "")) == "registreer"
                )
                and len(knoop.args) >= 2
                and isinstance(knoop.args[1], ast.Constant)
            ):
                vrij.append(f"{pad.name}:{knoop.lineno}")
    assert vrij == []


def test_registreer_weigert_een_onbekende_soort_en_schrijft_niets(route):
    with pytest.raises(ValueError):
        registreer(route["jeugdige_zwolle"], "iets_anders")
    assert not Gebeurtenis.objects.exists()


def test_na_commit_alleen_na_de_commit_en_niet_na_terugdraaien(route, monkeypatch, django_capture_on_commit_callbacks):
    ontvangen = []
    monkeypatch.setitem(abonnementen.NA_COMMIT, ContactGewijzigd, [ontvangen.append])
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            domein.publiceer(ContactGewijzigd(1))
            assert ontvangen == []  # not inside the transaction
        try:
            with transaction.atomic():
                domein.publiceer(ContactGewijzigd(2))
                raise RuntimeError("terug")
        except RuntimeError:
            pass
    assert ontvangen == [ContactGewijzigd(1)]


def test_falende_abonnee_wordt_gelogd_en_de_volgende_draait(
    route, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    ontvangen = []

    def kapot(gebeurtenis):
        raise RuntimeError("kapot")

    monkeypatch.setitem(abonnementen.NA_COMMIT, ContactGewijzigd, [kapot, ontvangen.append])
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        domein.publiceer(ContactGewijzigd(3))
    assert ontvangen == [ContactGewijzigd(3)]
    assert [r.getMessage() for r in caplog.records] == ["na_commit_mislukt"]
    assert caplog.records[0].velden == {
        "abonnee": "test_falende_abonnee_wordt_gelogd_en_de_volgende_draait.<locals>.kapot",
        "gebeurtenis": "ContactGewijzigd",
    }


def test_registreer_publiceert_de_vastgelegde_gebeurtenis(route, monkeypatch, django_capture_on_commit_callbacks):
    from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd

    ontvangen = []
    monkeypatch.setitem(abonnementen.NA_COMMIT, GebeurtenisVastgelegd, [ontvangen.append])
    with django_capture_on_commit_callbacks(execute=True):
        rij = registreer(route["jeugdige_zwolle"], Gebeurtenissoort.PLAN_OPGESTELD)
    assert ontvangen == [GebeurtenisVastgelegd(rij.pk, Gebeurtenissoort.PLAN_OPGESTELD, "jeugdige", rij.object_id)]


def _laag_per_app() -> dict[str, int]:
    """The rank of each app in the layers contract of pyproject.toml (0 = bottom, ``common``)."""
    import re
    import tomllib

    pyproject = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in pyproject["tool"]["importlinter"]["contracts"] if c["id"] == "lagen")
    return {
        app: rang
        for rang, laag in enumerate(reversed(contract["layers"]))
        for app in re.split(r"\s*[|:]\s*", laag.strip())
    }


def test_geen_verborgen_pijl_naar_een_latere_stap_via_het_appregister():
    """Issue 16 §1/§2: an earlier stage never reaches a later one's models through the app
    registry (``apps.get_model``), which the import graph and import-linter cannot see. R-P4's
    register asks the route and HSWV instead (``jeugdigen.gebeurtenissen.Relatievraag``,
    answered as listed in ``abonnementen.VRAGEN``). Migrations are history and not scanned."""
    rang = _laag_per_app()
    verborgen = []
    for pad, boom in _modules():
        app = pad.relative_to(SRC).parts[0]
        for knoop in ast.walk(boom):
            if (
                isinstance(knoop, ast.Call)
                and isinstance(knoop.func, ast.Attribute)
                and knoop.func.attr == "get_model"
                and knoop.args
                and isinstance(knoop.args[0], ast.Constant)
            ):
                doel = knoop.args[0].value
                if app in rang and rang.get(doel, -1) > rang[app]:
                    verborgen.append(f"{pad.relative_to(SRC)}:{knoop.lineno} -> {doel}")
    assert verborgen == []
    assert rang["jeugdigen"] < rang["toewijzingen"] < rang["hswv"]  # the scan can see a breach


def test_het_register_vraagt_de_route_en_hswv_naar_lopende_relaties():
    """R-P4: the question about an organisation's running relations is answered by the route
    (referrals and allocations), by HSWV and by the task-based assignments (R-R2: the start the
    opdrachtnemer reported), in that order."""
    from jeugdregie.hswv import vragen as hswv
    from jeugdregie.jeugdigen.gebeurtenissen import Relatievraag
    from jeugdregie.taakgericht import vragen as taakgericht
    from jeugdregie.toewijzingen import vragen as route

    assert abonnementen.VRAGEN[Relatievraag] == [
        route.beantwoord_relatievraag,
        hswv.beantwoord_relatievraag,
        taakgericht.beantwoord_relatievraag,
    ]


def test_de_verwijzing_vraagt_de_toewijzing_naar_lopende_keuzebudgetten(route):
    """R-A4/R-T5, TW026 (issue 16 §3): the referral asks which keuzebudgets run instead of
    importing the allocation; the allocation answers, per provider or for all, without the
    referral named as ``behalve``, and a stopped or withdrawn allocation no longer runs."""
    from datetime import date

    from jeugdregie.toewijzingen import vragen
    from jeugdregie.verwijzingen.besluiten import Keuzebudgetvraag, Lopendkeuzebudget
    from jeugdregie.verwijzingen.services.verwijzen import lopende_keuzebudgetten

    from .builders.route import screen, verwijs

    assert abonnementen.VRAGEN[Keuzebudgetvraag] == [vragen.beantwoord_keuzebudgetvraag]
    verwijzing = verwijs(route)
    screen(route, verwijzing, op=verwijzing.datum)
    toewijzing = verwijzing.toewijzingen.get()
    zara, aanbieder = toewijzing.jeugdige, toewijzing.aanbieder
    periode = (toewijzing.begindatum, toewijzing.einddatum)
    loopt = [Lopendkeuzebudget(*periode)]
    assert lopende_keuzebudgetten(zara, *periode) == loopt
    assert lopende_keuzebudgetten(zara, *periode, aanbieder=aanbieder) == loopt
    assert lopende_keuzebudgetten(zara, *periode, aanbieder=route["andere_aanbieder"]) == []
    assert lopende_keuzebudgetten(zara, *periode, behalve=toewijzing.verwijzing) == []
    assert lopende_keuzebudgetten(zara, date(2099, 1, 1), date(2099, 12, 31)) == []
    type(toewijzing).objects.filter(pk=toewijzing.pk).update(status="ingetrokken")
    assert lopende_keuzebudgetten(zara, *periode) == []
