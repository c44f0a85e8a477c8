"""R-R1 (issue 22 §1): tariffs and keuzebudgets per region. The catalogue's tariffs and keuzebudget
years (no region) hold in every region without its own; a region's own tariff holds from its start
date on, its own keuzebudget year for that year, and nowhere else. One choice rule
(``catalogus.models.kies_tarief``/``tariefreeks``) serves every reader: the product, the intake's
context, the amounts an allocation commits and the synthetic region. Set by the region's
functioneel beheerder in Dutch screens, checked, audit-logged, never in the past."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdregie.audit.models import AuditRegel
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import KeuzebudgetJaar, Product, Tarief, kies_tarief, tarieven_in_regio
from jeugdregie.catalogus.regionaal import stel_regiokeuzebudgetten_vast, stel_regiotarief_vast
from jeugdregie.common.errors import DomainError
from jeugdregie.declaraties.services.context import Context
from jeugdregie.toewijzingen.services.bedrag import etmalen_bedrag, tarieven_van
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze, bepaal_budget, niveaus, standaardbedrag

from .builders.declaraties import _afkeur, declareer, regel
from .builders.route import gestart
from .factories import RegioFactory
from .klok import op_de_dag

TZ = ZoneInfo("Europe/Amsterdam")
VANDAAG = date(2026, 3, 1)  # the server's date on which the beheerder sets the region's values
MEI = date(2026, 5, 1)


def _ijsselland(route):
    return route["zwolle"].regio


def _tarief(route, code="45A03", begindatum=MEI, bedrag="90.00", door="beheerder", einddatum=None):
    with op_de_dag(VANDAAG):
        return stel_regiotarief_vast(
            regio_id=_ijsselland(route).pk,
            product=Product.objects.get(code=code),
            begindatum=begindatum,
            einddatum=einddatum,
            bedrag=bedrag,
            door=route["gebruikers"][door] if door else None,
        )


# --- tariffs ---------------------------------------------------------------------------------------


def test_eigen_tarief_geldt_vanaf_zijn_begindatum_in_de_regio_en_nergens_anders(route):
    """R-R1: a region's own tariff holds in that region from its start on; before it, and in
    another region, the catalogue's."""
    product = Product.objects.get(code="45A03")
    catalogus = product.tarief_op(MEI).bedrag
    _tarief(route, bedrag="90.00")
    ijsselland = _ijsselland(route).pk
    andere = RegioFactory(code="rijnmond", naam="Rijnmond").pk
    assert product.tarief_op(MEI - timedelta(days=1), ijsselland).bedrag == catalogus
    assert product.tarief_op(MEI, ijsselland).bedrag == Decimal("90.00")
    assert product.tarief_op(MEI, andere).bedrag == catalogus
    assert product.tarief_op(MEI).bedrag == catalogus  # the catalogue itself is unchanged


def test_de_intake_betaalt_het_tarief_van_de_regio_vanaf_de_begindatum(route):
    """R-R1 with R-B2: the intake checks a line's amount against the tariff of the allocation's
    region on the line's day: April at the catalogue's tariff, May at the region's own."""
    toewijzing = gestart(route)
    _tarief(route, bedrag="90.00")
    ingediend = datetime(2026, 6, 3, 10, 0, tzinfo=TZ)
    april = regel(toewijzing, "APR", uren="10")  # 10 × the catalogue's 86.00
    mei_oud = regel(toewijzing, "MEI-1", uren="10", maand=(2026, 5))
    mei_nieuw = regel(toewijzing, "MEI-2", uren="10", maand=(2026, 5), bedrag=Decimal("900.00"))
    declaratie = declareer(route, [april, mei_oud, mei_nieuw], ingediend_op=ingediend)
    uitkomst = _afkeur(declaratie)
    assert uitkomst[0] == ("goedgekeurd", "", "")
    assert uitkomst[1][0] == "afgekeurd"  # May at the catalogue's tariff: the amount is wrong
    assert uitkomst[2] == ("goedgekeurd", "", "")


def test_een_nieuw_tarief_beeindigt_het_lopende_eigen_tarief(route):
    """R-R1: a second own tariff ends the region's running one the day before its start; one that
    starts on or after another own tariff's start is refused and nothing changes."""
    eerste = _tarief(route, bedrag="90.00")
    tweede = _tarief(route, begindatum=date(2026, 9, 1), bedrag="95.00")
    eerste.refresh_from_db()
    assert eerste.einddatum == date(2026, 8, 31) and tweede.einddatum is None
    voor = list(Tarief.objects.filter(regio=_ijsselland(route)).values_list("pk", "begindatum", "einddatum", "bedrag"))
    with pytest.raises(DomainError, match="al een tarief vanaf 01-09-2026"):
        _tarief(route, begindatum=date(2026, 7, 1), bedrag="99.00")
    assert (
        list(Tarief.objects.filter(regio=_ijsselland(route)).values_list("pk", "begindatum", "einddatum", "bedrag"))
        == voor
    )


def test_een_tarief_in_het_verleden_of_door_een_ander_wordt_geweigerd(route):
    """R-R1 with R-B9: the server's date bounds the start (never the past); only the region's
    functioneel beheerder sets a tariff; a refusal writes nothing; a change is audit-logged."""
    with pytest.raises(DomainError, match="vanaf vandaag of later"):
        _tarief(route, begindatum=VANDAAG - timedelta(days=1))
    for wie in ("toegang", "contractmanager", "financieel", "aanbieder"):
        with pytest.raises(DomainError, match="Alleen de functioneel beheerder"):
            _tarief(route, door=wie)
    with pytest.raises(DomainError, match="negatief"):
        _tarief(route, bedrag="-1")
    assert not Tarief.objects.filter(regio__isnull=False).exists()
    tarief = _tarief(route)
    assert AuditRegel.objects.filter(objecttype="catalogus.Tarief", object_id=str(tarief.pk)).exists()


def test_het_toegewezen_bedrag_van_wonen_rekent_met_het_tarief_van_de_regio(route):
    """R-R1 with R-B7: the amount a Wonen allocation commits is Σ per day of the tariff holding in
    its region that day: the catalogue's before the region's own, the own one after."""
    product = Product.objects.filter(eenheid="etmaal", intensiteit__isnull=False).order_by("code").first()
    regio_id = _ijsselland(route).pk
    catalogus = product.tarief_op(MEI).bedrag
    _tarief(route, code=product.code, bedrag=str(catalogus + 10))
    bedrag = etmalen_bedrag(product, date(2026, 4, 29), date(2026, 5, 2), regio_id=regio_id)
    assert bedrag == 2 * catalogus + 2 * (catalogus + 10)
    assert etmalen_bedrag(product, date(2026, 4, 29), date(2026, 5, 2), regio_id=None) == 4 * catalogus


DAGEN = st.integers(0, 40).map(lambda n: date(2026, 1, 1) + timedelta(days=n))


def _perioden(data, label: str) -> list[tuple[date, date | None]]:
    """Up to three non-overlapping inclusive periods (the service refuses overlaps)."""
    grenzen = sorted(data.draw(st.sets(DAGEN, max_size=6), label=label))
    perioden = []
    for i in range(0, len(grenzen) - 1, 2):
        perioden.append((grenzen[i], grenzen[i + 1]))
    if len(grenzen) % 2 == 1 and data.draw(st.booleans(), label=f"{label} open"):
        perioden.append((grenzen[-1], None))
    return perioden


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_elke_lezer_kiest_hetzelfde_tarief(route, data):
    """R-R1 as an invariant: for random catalogue and regional tariff periods, on every day the
    product (``tarief_op``), the intake's context, the amounts' timeline (``tarieven_van``,
    ``tarieven_in_regio``) agree, and each equals the definition: the region's own tariff valid
    that day, else the catalogue's, else none."""
    regio = _ijsselland(route)
    andere = RegioFactory(code="rijnmond", naam="Rijnmond")
    product = Product.objects.get(code="45A03")
    with transaction.atomic():
        Tarief.objects.filter(product=product).delete()
        rijen = []
        for regio_id, label in ((None, "catalogus"), (regio.pk, "eigen"), (andere.pk, "andere")):
            for n, (begin, einde) in enumerate(_perioden(data, label)):
                bedrag = Decimal(100 * (1 + (regio_id is not None)) + n + (regio_id == andere.pk) * 50)
                rijen.append(
                    Tarief.objects.create(
                        product=product, regio_id=regio_id, begindatum=begin, einddatum=einde, bedrag=bedrag
                    )
                )
        context = Context(aanbieder_id=0, gemeente_id=0, vandaag=VANDAAG, toewijzingen={}, producten={})
        context.tarieven = {product.pk: list(Tarief.objects.filter(product=product))}
        for vraag_regio in (regio.pk, andere.pk):
            reeks = tarieven_van(product.pk, vraag_regio)
            assert reeks == tarieven_in_regio(vraag_regio, [product.pk]).get(product.pk, [])
            for _ in range(6):
                dag = data.draw(DAGEN, label="dag")
                geldig = [t for t in rijen if t.begindatum <= dag and (t.einddatum is None or dag <= t.einddatum)]
                eigen = [t.bedrag for t in geldig if t.regio_id == vraag_regio]
                algemeen = [t.bedrag for t in geldig if t.regio_id is None]
                definitie = (eigen or algemeen or [None])[0]
                via_product = product.tarief_op(dag, vraag_regio)
                via_context = context.tarief_op(product, dag, vraag_regio)
                via_reeks = [b for van, tot, b in reeks if van <= dag and (tot is None or dag <= tot)]
                assert len(via_reeks) <= 1, reeks  # the timeline never overlaps itself
                assert (via_product.bedrag if via_product else None) == definitie
                assert (via_context.bedrag if via_context else None) == definitie
                assert (via_reeks[0] if via_reeks else None) == definitie
                gekozen = kies_tarief(geldig, vraag_regio)
                assert (gekozen.bedrag if gekozen else None) == definitie
        transaction.set_rollback(True)


# --- keuzebudgets ----------------------------------------------------------------------------------


def _keuzebudgetten(route, jaar=2027, niveaus=None, door="beheerder", **extra):
    with op_de_dag(VANDAAG):
        return stel_regiokeuzebudgetten_vast(
            regio_id=_ijsselland(route).pk,
            jaar=jaar,
            niveaus=niveaus if niveaus is not None else {1: "500", 2: "1500", 3: "4000", 4: "9000"},
            max_maanden_herstel=extra.pop("herstel", 9),
            max_maanden_duurzaam=extra.pop("duurzaam", 12),
            duurzaam_uitgesloten=extra.pop("uitgesloten", ()),
            door=route["gebruikers"][door] if door else None,
        )


def test_eigen_keuzebudgetten_gelden_voor_hun_jaar_in_de_regio_en_nergens_anders(route):
    """R-R1 (R-T4, R-T5): the region's own keuzebudgets of 2027 — four levels, herstel at most nine
    months — hold for budgets beginning in 2027 in that region; 2026, and another region, keep the
    catalogue's six levels."""
    ijsselland = _ijsselland(route).pk
    andere = RegioFactory(code="rijnmond", naam="Rijnmond").pk
    catalogus_2027 = standaardbedrag(2, op=date(2027, 2, 1), regio_id=andere)
    _keuzebudgetten(route)
    herstel_2 = BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=2)
    assert bepaal_budget(herstel_2, begindatum=date(2027, 2, 1), regio_id=ijsselland) == (
        Decimal("1500.00"),
        date(2027, 10, 31),
    )
    assert bepaal_budget(herstel_2, begindatum=date(2027, 2, 1), regio_id=andere)[0] == catalogus_2027
    assert [n.niveau for n in niveaus(op=date(2027, 2, 1), regio_id=ijsselland)] == [1, 2, 3, 4]
    assert [n.niveau for n in niveaus(op=date(2026, 2, 1), regio_id=ijsselland)] == [1, 2, 3, 4, 5, 6]
    assert [n.niveau for n in niveaus(op=date(2027, 2, 1), regio_id=andere)] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(DomainError, match="van 1 tot en met 4"):
        bepaal_budget(
            BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=5), begindatum=date(2027, 1, 5), regio_id=ijsselland
        )
    with pytest.raises(DomainError, match="maximaal 9 maanden"):
        bepaal_budget(
            BudgetKeuze(soort=KeuzebudgetSoort.HERSTEL, niveau=1, einddatum=date(2027, 12, 31)),
            begindatum=date(2027, 1, 1),
            regio_id=ijsselland,
        )


def test_de_uitsluitingen_van_duurzaam_zijn_die_van_de_regio(route):
    """R-R1 with R-B2: what a duurzaam budget may not use in 2027 is the region's own list."""
    tg2 = Product.objects.get(code="45A02")
    rij = _keuzebudgetten(route, uitgesloten=[tg2])
    assert list(rij.duurzaam_uitgesloten.all()) == [tg2]
    catalogus = KeuzebudgetJaar.van(2027, None)
    assert tg2 not in catalogus.duurzaam_uitgesloten.all()
    assert KeuzebudgetJaar.van(2027, _ijsselland(route).pk) == rij


@pytest.mark.parametrize(
    ("niveaus", "melding"),
    [
        ({}, "ten minste het bedrag van niveau 1"),
        ({1: "500", 3: "900"}, "zonder gaten"),
        ({1: "500", 2: "400"}, "moet hoger zijn dan niveau 1"),
        ({1: "0"}, "groter dan nul"),
        ({1: "abc"}, "geen bedrag"),
    ],
)
def test_ongeldige_keuzebudgetten_worden_geweigerd_en_er_verandert_niets(route, niveaus, melding):
    """R-R1: levels numbered 1..N, each amount above the one before; a Dutch message; nothing saved."""
    with pytest.raises(DomainError, match=melding):
        _keuzebudgetten(route, niveaus=niveaus)
    assert not KeuzebudgetJaar.objects.filter(regio__isnull=False).exists()


def test_keuzebudgetten_van_een_lopend_jaar_of_door_een_ander_worden_geweigerd(route):
    """R-R1: only a year that has not begun (budgets of a running year keep their levels), only by
    the region's functioneel beheerder; audit-logged."""
    with pytest.raises(DomainError, match="voordat dat jaar begint"):
        _keuzebudgetten(route, jaar=2026)
    with pytest.raises(DomainError, match="Alleen de functioneel beheerder"):
        _keuzebudgetten(route, door="toegang")
    with pytest.raises(DomainError, match="maanden van 1 tot en met 60"):
        _keuzebudgetten(route, herstel=0)
    assert not KeuzebudgetJaar.objects.filter(regio__isnull=False).exists()
    rij = _keuzebudgetten(route)
    opnieuw = _keuzebudgetten(route, niveaus={1: "600", 2: "1600"})
    assert opnieuw.pk == rij.pk and [n.bedrag for n in opnieuw.niveaus.order_by("niveau")] == [
        Decimal("600.00"),
        Decimal("1600.00"),
    ]
    assert AuditRegel.objects.filter(objecttype="catalogus.KeuzebudgetJaar", object_id=str(rij.pk)).count() == 2


# --- screens ---------------------------------------------------------------------------------------


def test_schermen_van_de_beheerder(client, route):
    """R-R1: the beheerder sees per product the catalogue's tariff and the region's, sets an own
    tariff and keuzebudgets in Dutch forms; the service's message shows on the form."""
    client.force_login(route["gebruikers"]["beheerder"])
    tg3 = Product.objects.get(code="45A03")
    with op_de_dag(VANDAAG):
        pagina = client.get("/organisaties/regelset/tarieven/").content.decode()
        assert "Tarieven van IJsselland" in pagina and "45A03" in pagina and "€ 86,00" in pagina
        fout = client.post(
            "/organisaties/regelset/tarieven/", {"product": tg3.pk, "begindatum": "2026-02-01", "bedrag": "90"}
        )
        assert fout.status_code == 200 and "vanaf vandaag of later" in fout.content.decode()
        goed = client.post(
            "/organisaties/regelset/tarieven/", {"product": tg3.pk, "begindatum": "2026-05-01", "bedrag": "90"}
        )
        assert goed.status_code == 302
        pagina = client.get("/organisaties/regelset/tarieven/").content.decode()
        assert "€ 90,00 vanaf 01-05-2026" in pagina
        formulier = client.get("/organisaties/regelset/keuzebudgetten/").content.decode()
        assert 'name="niveau_1"' in formulier and 'value="2027"' in formulier and "(catalogus)" in formulier
        antwoord = client.post(
            "/organisaties/regelset/keuzebudgetten/",
            {
                "jaar": "2027",
                "max_maanden_herstel": "9",
                "max_maanden_duurzaam": "12",
                "niveau_1": "500",
                "niveau_2": "800",
            },
        )
        assert antwoord.status_code == 302
        pagina = client.get("/organisaties/regelset/keuzebudgetten/").content.decode()
    assert "eigen keuzebudgetten van de regio" in pagina and "€ 800,00" in pagina
    assert [n.niveau for n in niveaus(op=date(2027, 3, 1), regio_id=_ijsselland(route).pk)] == [1, 2]


@pytest.mark.parametrize("wie", ["toegang", "aanbieder", "contractmanager", "beleid", "financieel"])
def test_schermen_geweigerd_voor_andere_rollen(client, route, wie):
    """R-R1 with R-P4: only the functioneel beheerder uses these pages; a post changes nothing."""
    client.force_login(route["gebruikers"][wie])
    tg3 = Product.objects.get(code="45A03")
    assert client.get("/organisaties/regelset/tarieven/").status_code == 403
    assert client.get("/organisaties/regelset/keuzebudgetten/").status_code == 403
    antwoord = client.post(
        "/organisaties/regelset/tarieven/", {"product": tg3.pk, "begindatum": "2030-01-01", "bedrag": "1"}
    )
    assert antwoord.status_code == 403
    assert not Tarief.objects.filter(regio__isnull=False).exists()


def test_de_catalogus_in_de_admin_alleen_door_de_installatiebeheerder(route, rf):
    """R-R1, "who else could do this?": the catalogue holds in every region, so with a second
    region a region's functioneel beheerder — even with every catalogue permission in the admin —
    reads it there but cannot add, change or delete a tariff, product or keuzebudget year; the
    installation's administrator (superuser) can. (With one region its beheerder keeps doing so:
    tests/test_permissiematrix.py.)"""
    from django.contrib import admin
    from django.contrib.auth.models import Permission

    RegioFactory(code="rijnmond", naam="Rijnmond")
    beheerder = route["gebruikers"]["beheerder"]
    beheerder.is_staff = True
    beheerder.save(update_fields=["is_staff"])
    beheerder.user_permissions.set(Permission.objects.filter(content_type__app_label="catalogus"))
    beheerder = type(beheerder).objects.get(pk=beheerder.pk)  # fresh permission cache
    superuser = type(beheerder).objects.create_superuser("installatie", password="x")
    for model in (Tarief, Product, KeuzebudgetJaar):
        modeladmin = admin.site._registry[model]
        verzoek = rf.get("/admin/")
        verzoek.user = beheerder
        assert modeladmin.has_view_permission(verzoek)
        assert not modeladmin.has_add_permission(verzoek)
        assert not modeladmin.has_change_permission(verzoek)
        assert not modeladmin.has_delete_permission(verzoek)
        verzoek.user = superuser
        assert modeladmin.has_add_permission(verzoek) and modeladmin.has_change_permission(verzoek)


def test_geen_vaste_grens_op_tariefgroepen_en_intensiteiten(catalogus):
    """Issue 22 §1 (no hard-coded "tariff groups ≤ 7, intensities ≤ 10"): how many tariff groups
    and Wonen intensities there are is the catalogue's data — an eighth tariff group and an
    eleventh intensity pass validation; 0 still does not."""
    from django.core.exceptions import ValidationError

    from jeugdregie.catalogus.models import Product, Tariefgroep

    achtste = Tariefgroep(nummer=8, naam="Tariefgroep 8", opleidingsniveau="wo+++", fwg="FWG 80")
    achtste.full_clean()
    wonen = Product.objects.get(code="44W08")
    wonen.intensiteit = 11
    wonen.full_clean()
    wonen.intensiteit = 0
    with pytest.raises(ValidationError):
        wonen.full_clean()
