"""The declaration intake's helpers (issue 18, benchmark W2): a queryset compiled once
(``common.vaste_query``) gives the plain queryset's rows for every value, and is never kept
compiled when it would keep a value as a constant; a field update of many rows in one statement
(``common.bulk.werk_velden_bij``); the rollup queue's one-statement upsert (``rollup.markeer``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from jeugdregie.beheersing.models import VerouderdePeriode
from jeugdregie.beheersing.services import rollup
from jeugdregie.budgetten.models import Budgetstand
from jeugdregie.common.bulk import werk_velden_bij
from jeugdregie.common.vaste_query import VasteQuery
from jeugdregie.ijw.models import Bericht
from jeugdregie.jeugdigen.models import Jeugdige

from .factories import JeugdigeFactory


def _jeugdigen(ids, geboren_na, uitgezonderd):
    return (
        Jeugdige.objects.filter(pk__any=ids, geboortedatum__gt=geboren_na)
        .exclude(bsn__any=uitgezonderd)
        .order_by("pk")
        .values_list("pk", "bsn", "geboortedatum")
    )


@pytest.mark.django_db
def test_vaste_query_geeft_voor_elke_waarde_de_rijen_van_de_gewone_queryset():
    """Property: on random ids (known and unknown), days and excluded BSNs the compiled query
    gives exactly the plain queryset's rows, in its order; on PostgreSQL it is kept compiled
    (one form for every value), on SQLite the plain queryset runs."""
    rijen = [JeugdigeFactory(geboortedatum=date(2008, 1, 1) + timedelta(days=97 * i)) for i in range(12)]
    ids = [j.pk for j in rijen]
    bsns = [j.bsn for j in rijen]
    query = VasteQuery(_jeugdigen)

    @hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        gevraagd=st.lists(st.sampled_from(ids) | st.integers(min_value=1, max_value=10**6), max_size=8),
        dag=st.dates(min_value=date(2007, 1, 1), max_value=date(2012, 1, 1)),
        uitgezonderd=st.lists(st.sampled_from(bsns), max_size=3),
    )
    def eigenschap(gevraagd, dag, uitgezonderd):
        verwacht = list(_jeugdigen(gevraagd, dag, uitgezonderd))
        assert query(gevraagd, dag, uitgezonderd) == verwacht
        assert query(set(gevraagd), dag, tuple(uitgezonderd)) == verwacht

    eigenschap()
    if connection.vendor == "postgresql":  # one compiled form for every list of BSNs
        assert query._vormen[("default", ("ints", "date", "strs"))] is not None
    else:
        assert query._vormen == {}


@pytest.mark.django_db
def test_een_uit_een_waarde_berekende_parameter_wordt_niet_vastgehouden():
    """A builder that computes a second value from its day (day + 400) would keep that one as a
    constant: the query is not kept compiled, and every call gives the right rows."""
    vroeg = JeugdigeFactory(geboortedatum=date(2010, 1, 1))
    laat = JeugdigeFactory(geboortedatum=date(2011, 6, 1))

    def bouw(dag):
        return (
            Jeugdige.objects.filter(geboortedatum__gte=dag, geboortedatum__lte=dag + timedelta(days=400))
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    query = VasteQuery(bouw)
    assert query(date(2009, 12, 1)) == [vroeg.pk]
    assert query(date(2011, 1, 1)) == [laat.pk]
    assert all(vorm is None for vorm in query._vormen.values())


@pytest.mark.django_db
def test_modellen_en_kolommen_met_een_omzetting_lopen_als_gewone_queryset():
    """Model instances, and a column Django converts (JSON), are not kept compiled: the rows
    would differ from Django's."""
    jeugdige = JeugdigeFactory()
    modellen = VasteQuery(lambda ids: Jeugdige.objects.filter(pk__any=ids))
    assert modellen([jeugdige.pk]) == [jeugdige]
    json = VasteQuery(lambda ids: Bericht.objects.filter(pk__any=ids).values_list("retourcodes", flat=True))
    assert json([1, 2]) == []
    assert all(vorm is None for vorm in [*modellen._vormen.values(), *json._vormen.values()])


@pytest.mark.postgres
@pytest.mark.django_db
def test_de_controle_van_de_testinstellingen_vangt_een_builder_die_buiten_zijn_waarden_leest():
    """A builder that reads something besides its values (here a module-level day, as a clock
    would be) keeps it compiled; the suite's check (JEUGDREGIE_VASTE_QUERY_CONTROLE) compares
    every call with the plain queryset and refuses the difference — so this check can fail."""
    JeugdigeFactory(geboortedatum=date(2010, 1, 1))
    grens = [date(2000, 1, 1)]
    query = VasteQuery(
        lambda ids: Jeugdige.objects.filter(pk__gt=ids, geboortedatum__gt=grens[0]).values_list("pk", flat=True)
    )
    assert len(query(0)) == 1
    grens[0] = date(2020, 1, 1)
    with pytest.raises(AssertionError, match="VasteQuery"):
        query(0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_for_update_buiten_een_transactie_wordt_geweigerd_zoals_door_django():
    query = VasteQuery(lambda ids: Budgetstand.objects.select_for_update().filter(pk__any=ids).values_list("pk"))
    with transaction.atomic():
        assert query([1]) == []
    with pytest.raises(TransactionManagementError):
        query([1])


@pytest.mark.django_db
def test_werk_velden_bij_schrijft_alleen_de_genoemde_velden_van_de_genoemde_rijen():
    een, twee, drie = (JeugdigeFactory(voornamen=f"Naam{i}", achternaam=f"Achter{i}") for i in range(3))
    een.voornamen, een.achternaam, een.geboortedatum = "Eén", "niet geschreven", date(2011, 2, 3)
    twee.voornamen, twee.geboortedatum = "Twee", date(2012, 3, 4)
    drie.voornamen = "niet genoemd"
    werk_velden_bij([een, twee], ["voornamen", "geboortedatum"])
    rijen = dict(
        (pk, rest)
        for pk, *rest in Jeugdige.objects.filter(pk__in=[een.pk, twee.pk, drie.pk]).values_list(
            "pk", "voornamen", "achternaam", "geboortedatum"
        )
    )
    assert rijen[een.pk] == ["Eén", "Achter0", date(2011, 2, 3)]
    assert rijen[twee.pk] == ["Twee", "Achter1", date(2012, 3, 4)]
    assert rijen[drie.pk] == ["Naam2", "Achter2", date(2012, 5, 17)]
    werk_velden_bij([], ["voornamen"])  # nothing to write: no statement, no error


@pytest.mark.django_db
def test_markeer_zet_maanden_in_de_wachtrij_en_haalt_de_claim_weg():
    """``markeer`` (one upsert): each month once per kind, ``sinds`` the moment of the first mark,
    and a month claimed by a running refresh loses its claim; the calendar's last year queues
    nothing."""
    voor = timezone.now()
    rollup.markeer([date(2026, 3, 5), date(2026, 3, 20), date(9999, 12, 31)])
    rollup.markeer([date(2026, 3, 1)], route=True)
    VerouderdePeriode.objects.update(claim="lopend")
    rollup.markeer([date(2026, 3, 9), date(2026, 4, 1)])
    rijen = sorted(VerouderdePeriode.objects.values_list("maand", "route", "claim"))
    assert rijen == [
        (date(2026, 3, 1), False, None),
        (date(2026, 3, 1), True, "lopend"),
        (date(2026, 4, 1), False, None),
    ]
    sinds = VerouderdePeriode.objects.get(maand=date(2026, 3, 1), route=False).sinds
    assert timezone.is_aware(sinds) and voor <= sinds <= timezone.now()
    rollup.markeer([])
    assert VerouderdePeriode.objects.count() == 3
