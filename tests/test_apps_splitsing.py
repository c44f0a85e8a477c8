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
VOOR_WONEN = [("toewijzingen", "0012_crisis_naar_eigen_app")]
VOOR_VERZOEKEN = [("toewijzingen", "0013_wonen_naar_eigen_app")]
VOOR_PLAN_EN_HSWV = [("toewijzingen", "0014_verzoeken_naar_eigen_app")]
VOOR_VERWIJZINGEN = [("toewijzingen", "0015_plan_en_hswv_naar_eigen_apps")]


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


@pytest.mark.django_db(transaction=True)
def test_crisisrijen_overleven_de_splitsing_heen_en_terug():
    """Given a crisis report and its retroactive request written under the old schema (models in
    ``toewijzingen``); when migrated forwards, the ``crisis`` models read both rows with their
    link; when migrated back, the old models read them again."""
    laad_catalogus()
    gemeente, crisisdienst = GemeenteFactory(), AanbiederFactory()
    melder = GebruikerFactory(rol=Rol.AANBIEDER, aanbieder=crisisdienst)
    product = Product.objects.get(code="46C02")
    gemeld = datetime(2026, 5, 4, 22, 15, tzinfo=timezone.get_default_timezone())
    try:
        oud = _migreer(VOOR_CRISIS)
        melding = oud.get_model("toewijzingen", "Crisismelding").objects.create(
            gemeente_id=gemeente.pk,
            crisisdienst_id=crisisdienst.pk,
            bron="toegang",
            gemeld_op=gemeld,
            bsn="123456782",
            geregistreerd_door_id=melder.pk,
        )
        verzoek = oud.get_model("toewijzingen", "Crisisopvolgingsverzoek").objects.create(
            melding_id=melding.pk,
            gemeente_id=gemeente.pk,
            aanbieder_id=crisisdienst.pk,
            product_id=product.pk,
            startdatum=date(2026, 5, 5),
            ingediend_op=date(2026, 5, 6),
            uiterlijk=date(2026, 5, 8),
        )

        _migreer(_laatste())
        nu = Crisisopvolgingsverzoek.objects.select_related("melding").get(pk=verzoek.pk)
        assert (nu.melding.pk, nu.melding.bsn, nu.melding.gemeld_op) == (melding.pk, "123456782", gemeld)
        assert (nu.startdatum, nu.status, nu.product_id) == (date(2026, 5, 5), "ingediend", product.pk)

        terug = _migreer(VOOR_CRISIS)
        rij = terug.get_model("toewijzingen", "Crisisopvolgingsverzoek").objects.get(pk=verzoek.pk)
        assert (rij.melding_id, rij.uiterlijk) == (melding.pk, date(2026, 5, 8))
    finally:
        _migreer(_laatste())


@pytest.mark.django_db(transaction=True)
def test_wonenrijen_overleven_de_splitsing_heen_en_terug(route):
    """Given a matching and a bed request on a Wonen allocation, written under the schema before
    the wonen app; when migrated forwards, the ``wonen`` models read them on their allocation;
    when migrated back, the old models read them again."""
    toewijzing = wonen(route)
    aangevraagd = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.get_default_timezone())
    try:
        oud = _migreer(VOOR_WONEN)
        matching = oud.get_model("toewijzingen", "Matching").objects.create(
            toewijzing_id=toewijzing.pk, startdatum=date(2026, 5, 1), voorkeur="netwerk"
        )
        verzoek = oud.get_model("toewijzingen", "Verblijfsverzoek").objects.create(
            toewijzing_id=toewijzing.pk, aangevraagd_op=aangevraagd
        )

        _migreer(_laatste())
        assert list(toewijzing.matchings.values_list("pk", "startdatum", "voorkeur")) == [
            (matching.pk, date(2026, 5, 1), "netwerk")
        ]
        assert list(toewijzing.verblijfsverzoeken.values_list("pk", "aangevraagd_op", "spoed")) == [
            (verzoek.pk, aangevraagd, True)
        ]

        terug = _migreer(VOOR_WONEN)
        rij = terug.get_model("toewijzingen", "Matching").objects.get(pk=matching.pk)
        assert (rij.toewijzing_id, rij.einddatum) == (toewijzing.pk, None)
    finally:
        _migreer(_laatste())


@pytest.mark.django_db(transaction=True)
def test_verzoekrijen_overleven_de_splitsing_heen_en_terug(route):
    """Given a JW315 request under investigation, written under the schema before the verzoeken
    app; when migrated forwards, the ``verzoeken`` model reads it (status, reference, receipt) and
    its unique reference still holds; when migrated back, the old model reads it again."""
    ontvangen = datetime(2026, 4, 1, 10, 0, tzinfo=timezone.get_default_timezone())
    rij = {
        "jeugdige_id": route["jeugdige_zwolle"].pk,
        "gemeente_id": route["zwolle"].pk,
        "aanbieder_id": route["aanbieder"].pk,
        "referentie_aanbieder": "40A12341234",
        "ingangsdatum": date(2026, 4, 6),
        "status": "in_onderzoek",
        "ontvangen_op": ontvangen,
    }
    try:
        oud = _migreer(VOOR_VERZOEKEN)
        verzoek = oud.get_model("toewijzingen", "Toewijzingsverzoek").objects.create(**rij)

        _migreer(_laatste())
        nu = Toewijzingsverzoek.objects.get(pk=verzoek.pk)
        assert (nu.status, nu.referentie_aanbieder, nu.ontvangen_op) == ("in_onderzoek", "40A12341234", ontvangen)
        assert list(Toewijzingsverzoek.objects.onderhanden().values_list("pk", flat=True)) == [verzoek.pk]
        with pytest.raises(IntegrityError), transaction.atomic():
            Toewijzingsverzoek.objects.create(**rij)

        terug = _migreer(VOOR_VERZOEKEN)
        assert terug.get_model("toewijzingen", "Toewijzingsverzoek").objects.get(pk=verzoek.pk).status == "in_onderzoek"
    finally:
        _migreer(_laatste())


@pytest.mark.django_db(transaction=True)
def test_plan_en_hswv_overleven_de_splitsing_heen_en_terug(route):
    """Given a plan with an approach and progress for a result, and an HSWV inzet, written under
    the schema before the hulpverlening and hswv apps; when migrated forwards, the new models read
    them with their links; when migrated back, the old models read them again."""

    toewijzing = wonen(route)
    resultaat = toewijzing.verwijzing.resultaten.get()
    collectief = AanbiederFactory()
    try:
        oud = _migreer(VOOR_PLAN_EN_HSWV)
        plan = oud.get_model("toewijzingen", "Hulpverleningsplan").objects.create(
            toewijzing_id=toewijzing.pk, opgesteld_op=date(2026, 3, 9), met_jeugdige=True
        )
        oud.get_model("toewijzingen", "PlanAfspraak").objects.create(
            plan_id=plan.pk, resultaat_id=resultaat.pk, aanpak="Elke week op school."
        )
        oud.get_model("toewijzingen", "Voortgang").objects.create(
            plan_id=plan.pk, resultaat_id=resultaat.pk, datum=date(2026, 4, 1), stand="op_koers"
        )
        inzet = oud.get_model("toewijzingen", "HswvInzet").objects.create(
            jeugdige_id=toewijzing.jeugdige_id,
            gemeente_id=toewijzing.gemeente_id,
            collectief_id=collectief.pk,
            onderdelen=["screening"],
            complexiteit="Meerdere systemen.",
            begindatum=date(2026, 3, 2),
        )

        _migreer(_laatste())
        nu = Hulpverleningsplan.objects.get(toewijzing=toewijzing)
        assert (nu.pk, nu.met_jeugdige) == (plan.pk, True)
        assert list(nu.afspraken.values_list("resultaat_id", "aanpak")) == [(resultaat.pk, "Elke week op school.")]
        assert list(nu.voortgang.values_list("datum", "stand")) == [(date(2026, 4, 1), "op_koers")]
        hswv = HswvInzet.objects.get(pk=inzet.pk)
        assert (hswv.collectief_id, hswv.onderdelen, hswv.status) == (collectief.pk, ["screening"], "lopend")

        terug = _migreer(VOOR_PLAN_EN_HSWV)
        assert terug.get_model("toewijzingen", "PlanAfspraak").objects.get().plan_id == plan.pk
        assert terug.get_model("toewijzingen", "HswvInzet").objects.get().pk == inzet.pk
    finally:
        _migreer(_laatste())


@pytest.mark.django_db(transaction=True)
def test_verwijzingen_overleven_de_splitsing_heen_en_terug(route):
    """Given a referral with its result and keuzebudget, the allocation on it, the submission it
    came from, a notification and an event row, written under the schema before the verwijzingen
    app; when migrated forwards, the ``verwijzingen`` models read them and the allocation still
    reaches its referral and budget; when migrated back, the old models read them again."""
    zara, zwolle, aanbieder = route["jeugdige_zwolle"], route["zwolle"], route["aanbieder"]
    ingediend = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.get_default_timezone())
    try:
        oud = _migreer(VOOR_VERWIJZINGEN, zonder=["verwijzingen"])
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
            ingediend_op=ingediend,
            bsn=zara.bsn,
            gegevens={"datum": "2026-03-02"},
            status="verwerkt",
            verwijzing_id=verwijzing.pk,
        )
        model("Melding").objects.create(jeugdige_id=zara.pk, aan_gemeente_id=zwolle.pk, onderwerp="Verwijzing 1")
        rij = model("Gebeurtenis").objects.create(
            objecttype="verwijzing", object_id=verwijzing.pk, gebeurtenis="verwijzing_geregistreerd"
        )

        _migreer(_laatste())
        nu = Toewijzing.objects.select_related("verwijzing", "keuzebudget").get(pk=toewijzing.pk)
        assert (nu.verwijzing.pk, nu.verwijzing.status, nu.keuzebudget.bedrag) == (
            verwijzing.pk,
            "geaccepteerd",
            Decimal("2400.00"),
        )
        assert list(nu.verwijzing.resultaten.values_list("omschrijving", flat=True)) == ["Weer naar school."]
        assert Aanmelding.objects.get(verwijzing=nu.verwijzing).pk == aanmelding.pk
        assert Aanmelding.objects.get().verwijsdatum == date(2026, 3, 2)
        assert Melding.objects.get().onderwerp == "Verwijzing 1"
        assert Gebeurtenis.objects.get(pk=rij.pk).gebeurtenis == "verwijzing_geregistreerd"
        with pytest.raises(IntegrityError), transaction.atomic():  # one budget per referral still holds
            Keuzebudget.objects.create(
                verwijzing_id=verwijzing.pk,
                soort="herstel",
                niveau=2,
                bedrag="1.00",
                begindatum=date(2026, 3, 2),
                einddatum=date(2027, 3, 1),
            )

        terug = _migreer(VOOR_VERWIJZINGEN, zonder=["verwijzingen"])
        oude = terug.get_model("toewijzingen", "Toewijzing").objects.get(pk=toewijzing.pk)
        assert (oude.verwijzing_id, oude.keuzebudget_id) == (verwijzing.pk, budget.pk)
        assert terug.get_model("toewijzingen", "Aanmelding").objects.get().verwijzing_id == verwijzing.pk
    finally:
        _migreer(_laatste())
