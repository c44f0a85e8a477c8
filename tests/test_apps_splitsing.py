"""Issue 16 §3: concepts split off ``toewijzingen`` into apps of their own keep their tables and
every row. The migrations move the models in Django's state only; a row written before the split
is read through the new app's model after it, and again through the old one when migrated back,
on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from jeugdregie.accounts.constants import Rol
from jeugdregie.catalogus.loader import laad_catalogus
from jeugdregie.catalogus.models import Product
from jeugdregie.crisis.models import Crisismelding, Crisisopvolgingsverzoek
from jeugdregie.hswv.models import HswvInzet
from jeugdregie.hulpverlening.models import Hulpverleningsplan, PlanAfspraak, Voortgang
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Aanmelding, Gebeurtenis, Keuzebudget, Melding, Resultaat, Verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek
from jeugdregie.wonen.models import Matching, Verblijfsverzoek

from .builders.wonen import wonen
from .factories import AanbiederFactory, GebruikerFactory, GemeenteFactory

VOOR_CRISIS = [("toewijzingen", "0011_gebeurtenissoort")]


def _migreer(doel, *, zonder=()):
    """Migrate to ``doel`` (with the apps in ``zonder`` fully unapplied) and return the historical
    models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate([*doel, *((app, None) for app in zonder)])
    executor.loader.build_graph()
    return executor.loader.project_state(doel).apps


def _laatste():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_verhuisde_modellen_houden_hun_tabel():
    """The moved models name the tables the old app created (no rename, no copy)."""
    assert Crisismelding._meta.app_label == "crisis"
    assert Crisismelding._meta.db_table == "toewijzingen_crisismelding"
    assert Crisisopvolgingsverzoek._meta.db_table == "toewijzingen_crisisopvolgingsverzoek"
    assert (Matching._meta.app_label, Matching._meta.db_table) == ("wonen", "toewijzingen_matching")
    assert Verblijfsverzoek._meta.db_table == "toewijzingen_verblijfsverzoek"
    for model, app in [
        (Hulpverleningsplan, "hulpverlening"),
        (PlanAfspraak, "hulpverlening"),
        (Voortgang, "hulpverlening"),
        (HswvInzet, "hswv"),
        (Verwijzing, "verwijzingen"),
        (Resultaat, "verwijzingen"),
        (Keuzebudget, "verwijzingen"),
        (Aanmelding, "verwijzingen"),
        (Melding, "verwijzingen"),
        (Gebeurtenis, "verwijzingen"),
    ]:
        assert (model._meta.app_label, model._meta.db_table) == (app, f"toewijzingen_{model._meta.model_name}")
    assert (Toewijzingsverzoek._meta.app_label, Toewijzingsverzoek._meta.db_table) == (
        "verzoeken",
        "toewijzingen_toewijzingsverzoek",
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_rijen_van_elk_afgesplitst_concept_overleven_de_splitsingen_heen_en_terug(route):
    """Given a row of every concept split off ``toewijzingen`` (a crisis report with its
    retroactive request; a matching and a bed request; a JW315 request under investigation; a plan
    with an approach and progress and an HSWV inzet; a referral with its result, keuzebudget,
    allocation, submission, notification and event row), written under the schema before the
    first split; when migrated forwards over every split, the new apps' models read them with
    their links and the unique constraints still hold; when migrated back over every split, the
    old models read them again.

    One chain over all five splits (crisis, wonen, verzoeken, hulpverlening and hswv,
    verwijzingen) instead of one test per split: each migration run crosses every split, and the
    suite migrates back and forth four times instead of twenty."""
    # what the current models write first: the rows of the old schema point to them
    laad_catalogus()
    crisisdienst = AanbiederFactory()
    voor_crisis = {
        "gemeente": GemeenteFactory().pk,
        "crisisdienst": crisisdienst.pk,
        "melder": GebruikerFactory(rol=Rol.AANBIEDER, aanbieder=crisisdienst).pk,
        "product": Product.objects.get(code="46C02").pk,
    }
    voor_wonen = voor_plan = wonen(route)  # a Wonen allocation: its matching, bed request and plan
    collectief = AanbiederFactory().pk
    resultaat = voor_plan.verwijzing.resultaten.get().pk
    oud = _migreer(VOOR_CRISIS, zonder=["verwijzingen"])
    try:
        crisis = _schrijf_crisis(oud, voor_crisis)
        wonenrijen = _schrijf_wonen(oud, voor_wonen)
        verzoek = _schrijf_verzoek(oud, route)
        plan = _schrijf_plan_en_hswv(oud, voor_plan, resultaat, collectief)
        verwijzing = _schrijf_verwijzing(oud, route)

        _migreer(_laatste())
        _lees_crisis(crisis)
        _lees_wonen(wonenrijen)
        _lees_verzoek(verzoek)
        _lees_plan_en_hswv(plan)
        _lees_verwijzing(verwijzing)

        terug = _migreer(VOOR_CRISIS, zonder=["verwijzingen"]).get_model
        rij = terug("toewijzingen", "Crisisopvolgingsverzoek").objects.get(pk=crisis["verzoek"])
        assert (rij.melding_id, rij.uiterlijk) == (crisis["melding"], date(2026, 5, 8))
        rij = terug("toewijzingen", "Matching").objects.get(pk=wonenrijen["matching"])
        assert (rij.toewijzing_id, rij.einddatum) == (wonenrijen["toewijzing"].pk, None)
        assert terug("toewijzingen", "Toewijzingsverzoek").objects.get(pk=verzoek["pk"]).status == "in_onderzoek"
        assert terug("toewijzingen", "PlanAfspraak").objects.get(plan_id=plan["plan"]).aanpak == "Elke week op school."
        assert terug("toewijzingen", "HswvInzet").objects.filter(pk=plan["inzet"]).exists()
        oude = terug("toewijzingen", "Toewijzing").objects.get(pk=verwijzing["toewijzing"])
        assert (oude.verwijzing_id, oude.keuzebudget_id) == (verwijzing["verwijzing"], verwijzing["budget"])
        aanmelding = terug("toewijzingen", "Aanmelding").objects.get(pk=verwijzing["aanmelding"])
        assert aanmelding.verwijzing_id == verwijzing["verwijzing"]
    finally:
        _migreer(_laatste())


GEMELD = datetime(2026, 5, 4, 22, 15, tzinfo=timezone.get_default_timezone())


def _schrijf_crisis(oud, voor: dict) -> dict:
    melding = oud.get_model("toewijzingen", "Crisismelding").objects.create(
        gemeente_id=voor["gemeente"],
        crisisdienst_id=voor["crisisdienst"],
        bron="toegang",
        gemeld_op=GEMELD,
        bsn="123456782",
        geregistreerd_door_id=voor["melder"],
    )
    verzoek = oud.get_model("toewijzingen", "Crisisopvolgingsverzoek").objects.create(
        melding_id=melding.pk,
        gemeente_id=voor["gemeente"],
        aanbieder_id=voor["crisisdienst"],
        product_id=voor["product"],
        startdatum=date(2026, 5, 5),
        ingediend_op=date(2026, 5, 6),
        uiterlijk=date(2026, 5, 8),
    )
    return {"melding": melding.pk, "verzoek": verzoek.pk, "product": voor["product"]}


def _lees_crisis(crisis: dict) -> None:
    nu = Crisisopvolgingsverzoek.objects.select_related("melding").get(pk=crisis["verzoek"])
    assert (nu.melding.pk, nu.melding.bsn, nu.melding.gemeld_op) == (crisis["melding"], "123456782", GEMELD)
    assert (nu.startdatum, nu.status, nu.product_id) == (date(2026, 5, 5), "ingediend", crisis["product"])


AANGEVRAAGD = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.get_default_timezone())


def _schrijf_wonen(oud, toewijzing) -> dict:
    matching = oud.get_model("toewijzingen", "Matching").objects.create(
        toewijzing_id=toewijzing.pk, startdatum=date(2026, 5, 1), voorkeur="netwerk"
    )
    verzoek = oud.get_model("toewijzingen", "Verblijfsverzoek").objects.create(
        toewijzing_id=toewijzing.pk, aangevraagd_op=AANGEVRAAGD
    )
    return {"toewijzing": toewijzing, "matching": matching.pk, "verblijfsverzoek": verzoek.pk}


def _lees_wonen(rijen: dict) -> None:
    toewijzing = rijen["toewijzing"]
    assert list(toewijzing.matchings.values_list("pk", "startdatum", "voorkeur")) == [
        (rijen["matching"], date(2026, 5, 1), "netwerk")
    ]
    assert list(toewijzing.verblijfsverzoeken.values_list("pk", "aangevraagd_op", "spoed")) == [
        (rijen["verblijfsverzoek"], AANGEVRAAGD, True)
    ]


ONTVANGEN = datetime(2026, 4, 1, 10, 0, tzinfo=timezone.get_default_timezone())


def _schrijf_verzoek(oud, route) -> dict:
    rij = {
        "jeugdige_id": route["jeugdige_zwolle"].pk,
        "gemeente_id": route["zwolle"].pk,
        "aanbieder_id": route["aanbieder"].pk,
        "referentie_aanbieder": "40A12341234",
        "ingangsdatum": date(2026, 4, 6),
        "status": "in_onderzoek",
        "ontvangen_op": ONTVANGEN,
    }
    verzoek = oud.get_model("toewijzingen", "Toewijzingsverzoek").objects.create(**rij)
    return {"pk": verzoek.pk, "rij": rij}


def _lees_verzoek(verzoek: dict) -> None:
    nu = Toewijzingsverzoek.objects.get(pk=verzoek["pk"])
    assert (nu.status, nu.referentie_aanbieder, nu.ontvangen_op) == ("in_onderzoek", "40A12341234", ONTVANGEN)
    assert list(Toewijzingsverzoek.objects.onderhanden().values_list("pk", flat=True)) == [verzoek["pk"]]
    with pytest.raises(IntegrityError), transaction.atomic():  # the unique reference still holds
        Toewijzingsverzoek.objects.create(**verzoek["rij"])


def _schrijf_plan_en_hswv(oud, toewijzing, resultaat: int, collectief: int) -> dict:
    plan = oud.get_model("toewijzingen", "Hulpverleningsplan").objects.create(
        toewijzing_id=toewijzing.pk, opgesteld_op=date(2026, 3, 9), met_jeugdige=True
    )
    oud.get_model("toewijzingen", "PlanAfspraak").objects.create(
        plan_id=plan.pk, resultaat_id=resultaat, aanpak="Elke week op school."
    )
    oud.get_model("toewijzingen", "Voortgang").objects.create(
        plan_id=plan.pk, resultaat_id=resultaat, datum=date(2026, 4, 1), stand="op_koers"
    )
    inzet = oud.get_model("toewijzingen", "HswvInzet").objects.create(
        jeugdige_id=toewijzing.jeugdige_id,
        gemeente_id=toewijzing.gemeente_id,
        collectief_id=collectief,
        onderdelen=["screening"],
        complexiteit="Meerdere systemen.",
        begindatum=date(2026, 3, 2),
    )
    return {
        "toewijzing": toewijzing.pk,
        "resultaat": resultaat,
        "collectief": collectief,
        "plan": plan.pk,
        "inzet": inzet.pk,
    }


def _lees_plan_en_hswv(plan: dict) -> None:
    nu = Hulpverleningsplan.objects.get(toewijzing_id=plan["toewijzing"])
    assert (nu.pk, nu.met_jeugdige) == (plan["plan"], True)
    assert list(nu.afspraken.values_list("resultaat_id", "aanpak")) == [(plan["resultaat"], "Elke week op school.")]
    assert list(nu.voortgang.values_list("datum", "stand")) == [(date(2026, 4, 1), "op_koers")]
    hswv = HswvInzet.objects.get(pk=plan["inzet"])
    assert (hswv.collectief_id, hswv.onderdelen, hswv.status) == (plan["collectief"], ["screening"], "lopend")


INGEDIEND = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.get_default_timezone())


def _schrijf_verwijzing(oud, route) -> dict:
    zara, zwolle, aanbieder = route["jeugdige_zwolle"], route["zwolle"], route["aanbieder"]
    model = lambda naam: oud.get_model("toewijzingen", naam)  # noqa: E731
    verwijzing = model("Verwijzing").objects.create(
        jeugdige_id=zara.pk,
        gemeente_id=zwolle.pk,
        verwijzer_type="01",
        aanbieder_id=aanbieder.pk,
        datum=date(2026, 3, 2),
        status="geaccepteerd",
    )
    model("Resultaat").objects.create(verwijzing_id=verwijzing.pk, omschrijving="Weer naar school.")
    budget = model("Keuzebudget").objects.create(
        verwijzing_id=verwijzing.pk,
        soort="herstel",
        niveau=2,
        bedrag="2400.00",
        begindatum=date(2026, 3, 2),
        einddatum=date(2027, 3, 1),
    )
    toewijzing = model("Toewijzing").objects.create(
        verwijzing_id=verwijzing.pk,
        jeugdige_id=zara.pk,
        gemeente_id=zwolle.pk,
        aanbieder_id=aanbieder.pk,
        soort="keuzebudget",
        keuzebudget_id=budget.pk,
        begindatum=date(2026, 3, 2),
        einddatum=date(2027, 3, 1),
    )
    aanmelding = model("Aanmelding").objects.create(
        door_id=route["gebruikers"]["aanbieder"].pk,
        regio_id=zwolle.regio_id,
        ingediend_op=INGEDIEND,
        bsn=zara.bsn,
        gegevens={"datum": "2026-03-02"},
        status="verwerkt",
        verwijzing_id=verwijzing.pk,
    )
    melding = model("Melding").objects.create(jeugdige_id=zara.pk, aan_gemeente_id=zwolle.pk, onderwerp="Verwijzing 1")
    rij = model("Gebeurtenis").objects.create(
        objecttype="verwijzing", object_id=verwijzing.pk, gebeurtenis="verwijzing_geregistreerd"
    )
    return {
        "verwijzing": verwijzing.pk,
        "budget": budget.pk,
        "toewijzing": toewijzing.pk,
        "aanmelding": aanmelding.pk,
        "melding": melding.pk,
        "gebeurtenis": rij.pk,
    }


def _lees_verwijzing(rijen: dict) -> None:
    nu = Toewijzing.objects.select_related("verwijzing", "keuzebudget").get(pk=rijen["toewijzing"])
    assert (nu.verwijzing.pk, nu.verwijzing.status, nu.keuzebudget.bedrag) == (
        rijen["verwijzing"],
        "geaccepteerd",
        Decimal("2400.00"),
    )
    assert list(nu.verwijzing.resultaten.values_list("omschrijving", flat=True)) == ["Weer naar school."]
    aanmelding = Aanmelding.objects.get(verwijzing=nu.verwijzing)
    assert (aanmelding.pk, aanmelding.verwijsdatum) == (rijen["aanmelding"], date(2026, 3, 2))
    assert Melding.objects.get(pk=rijen["melding"]).onderwerp == "Verwijzing 1"
    assert Gebeurtenis.objects.get(pk=rijen["gebeurtenis"]).gebeurtenis == "verwijzing_geregistreerd"
    with pytest.raises(IntegrityError), transaction.atomic():  # one budget per referral still holds
        Keuzebudget.objects.create(
            verwijzing_id=rijen["verwijzing"],
            soort="herstel",
            niveau=2,
            bedrag="1.00",
            begindatum=date(2026, 3, 2),
            einddatum=date(2027, 3, 1),
        )
