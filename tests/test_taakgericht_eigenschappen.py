"""R-R2 as invariants: the funding variant against a brute-force reading of the assignments, the
payment schedule and population split for random lump sums and municipality sizes, and random
sequences of payments and replays. Each database example runs in a savepoint rolled back after."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jeugdregie.catalogus.constants import Bekostiging, Eenheid, IjwEenheid, IjwProductcategorie, Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.verdelen import verdeel_centen
from jeugdregie.taakgericht.constants import Foutcode, Gebeurtenissoort
from jeugdregie.taakgericht.models import Opdrachtgebeurtenis, TaakgerichteOpdracht, Termijn
from jeugdregie.taakgericht.services import betaal_termijn, stel_betaalschema_op, termijnbedragen
from jeugdregie.taakgericht.variant import bekostigingsvariant, eerste_taakgerichte_dag, opdrachtperioden

from .builders.taakgericht import mvs, zonder_mvs
from .factories import AanbiederFactory, GemeenteFactory

DAG0 = date(2026, 1, 1)
DAG = st.integers(0, 40).map(lambda n: DAG0 + timedelta(days=n))
DB = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _product(code: str, bekostiging: str) -> Product:
    return Product.objects.create(
        code=code,
        naam=code,
        onderdeel=Onderdeel.AMBULANT,
        eenheid=Eenheid.UUR,
        bekostiging=bekostiging,
        ijw_productcategorie=IjwProductcategorie.AMBULANT,
        ijw_eenheid=IjwEenheid.UUR,
    )


@pytest.mark.django_db
@DB
@given(data=st.data())
def test_variant_is_wat_de_opdrachten_zeggen(data):
    """R-R2, OP261: for random assignments (municipalities, products, periods) the variant of every
    (municipality, product, day) is taakgericht exactly when some assignment covers all three, else
    the product's own; the declaration check's first task-based day of a period is the first day
    on which that holds."""
    with transaction.atomic():
        gemeenten = [
            GemeenteFactory(cbs_code=f"09{n:02d}", naam=f"G{n}", inwoners=1000, jeugdigen=200) for n in range(3)
        ]
        producten = [
            _product("T0001", Bekostiging.INSPANNINGSGERICHT),
            _product("T0002", Bekostiging.INSPANNINGSGERICHT),
            _product("T0003", Bekostiging.TAAKGERICHT),  # task-based in the catalogue (the crisis kind)
        ]
        aanbieder = AanbiederFactory()
        opdrachten = []
        for n in range(data.draw(st.integers(0, 4), label="opdrachten")):
            begin = data.draw(DAG, label="begin")
            einde = data.draw(st.one_of(st.none(), DAG.filter(lambda d, b=begin: d >= b)), label="einde")
            opdracht = TaakgerichteOpdracht.objects.create(
                regio=aanbieder.regio, aanbieder=aanbieder, naam=f"O{n}", begindatum=begin, einddatum=einde
            )
            opdracht.gemeenten.set(data.draw(st.sets(st.sampled_from(gemeenten), min_size=1), label="gemeenten"))
            opdracht.producten.set(data.draw(st.sets(st.sampled_from(producten), min_size=1), label="producten"))
            opdrachten.append((set(opdracht.gemeenten.all()), set(opdracht.producten.all()), begin, einde))

        def gedekt(gemeente, product, dag) -> bool:
            return any(
                gemeente in gs and product in ps and b <= dag and (e is None or dag <= e) for gs, ps, b, e in opdrachten
            )

        perioden = opdrachtperioden(gemeente_ids=[g.pk for g in gemeenten], product_ids=[p.pk for p in producten])
        for _ in range(10):
            gemeente = data.draw(st.sampled_from(gemeenten), label="vraag gemeente")
            product = data.draw(st.sampled_from(producten), label="vraag product")
            dag = data.draw(DAG, label="vraag dag")
            verwacht = Bekostiging.TAAKGERICHT if gedekt(gemeente, product, dag) else product.bekostiging
            assert bekostigingsvariant(gemeente, product, dag) == verwacht
            tot = dag + timedelta(days=data.draw(st.integers(0, 10), label="lengte"))
            dagen = [dag + timedelta(days=n) for n in range((tot - dag).days + 1)]
            eerste = next((d for d in dagen if gedekt(gemeente, product, d)), None)
            gevonden = eerste_taakgerichte_dag(perioden, gemeente.pk, product.pk, dag, tot)
            assert (gevonden[0] if gevonden else None) == eerste
        transaction.set_rollback(True)


@settings(max_examples=300)
@given(
    jaarcenten=st.integers(1, 10**14),
    jeugdigen=st.lists(st.integers(0, 200_000), min_size=1, max_size=8).filter(lambda xs: sum(xs) > 0),
)
def test_termijnen_en_aandelen_tellen_exact_op(jaarcenten, jeugdigen):
    """R-R2: twelve terms add up to the lump sum, all but the last equal and the last carrying the
    remainder (fewer than 12 cents); every term's population shares add up to the term and no
    share is more than a cent from its exact share."""
    termijnen = termijnbedragen(jaarcenten)
    assert len(termijnen) == 12 and sum(termijnen) == jaarcenten
    assert len(set(termijnen[:11])) == 1 and 0 <= termijnen[11] - termijnen[0] < 12
    gewichten = dict(enumerate(jeugdigen))
    for termijn in set(termijnen):
        delen = verdeel_centen(termijn, gewichten)
        assert sum(delen.values()) == termijn
        for k, deel in delen.items():
            assert abs(deel - termijn * gewichten[k] / sum(jeugdigen)) < 1


@pytest.mark.django_db
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    bedrag=st.integers(12, 10**11).map(lambda c: Decimal(c) / 100),
    jeugdigen=st.tuples(st.integers(0, 50_000), st.integers(1, 50_000)),
    betalingen=st.lists(st.integers(0, 11), max_size=20),
)
def test_betaalschema_en_betalingen_onder_willekeurige_reeksen(route, bedrag, jeugdigen, betalingen):
    """R-R2 through the services: the schedule's terms add up to the lump sum and each term's
    shares to the term; random sequences of payments and replays pay every term at most once (a
    replay is refused), and the total paid equals the sum of the paid terms."""
    route = zonder_mvs(route)
    with transaction.atomic():
        opdracht = mvs(route, bedrag=bedrag)
        type(route["zwolle"]).objects.filter(pk=route["zwolle"].pk).update(jeugdigen=jeugdigen[0])
        type(route["kampen"]).objects.filter(pk=route["kampen"].pk).update(jeugdigen=jeugdigen[1])
        termijnen = stel_betaalschema_op(opdracht, 2026, door=route["gebruikers"]["contractmanager"])
        assert sum(t.bedrag for t in termijnen) == bedrag
        for termijn in termijnen:
            assert sum(a.bedrag for a in termijn.aandelen.all()) == termijn.bedrag
        betaald: set[int] = set()
        for index in betalingen:
            try:
                betaal_termijn(termijnen[index], door=route["gebruikers"]["financieel"])
            except DomainError as fout:
                assert fout.code == Foutcode.AL_BETAALD and index in betaald
            else:
                assert index not in betaald
                betaald.add(index)
        rijen = Termijn.objects.filter(opdracht=opdracht, betaald_op__isnull=False)
        assert {t.volgnummer - 1 for t in rijen} == betaald
        assert sum(t.bedrag for t in rijen) == sum((termijnen[i].bedrag for i in betaald), Decimal("0"))
        assert Opdrachtgebeurtenis.objects.filter(opdracht=opdracht, soort=Gebeurtenissoort.BETAALD).count() == len(
            betaald
        )
        transaction.set_rollback(True)
