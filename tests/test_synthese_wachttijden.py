"""The demo region's waiting times (R-S6): reported through the domain service for each
provider's contracted categories, dated today, in plausible proportions, idempotent."""

import random
from collections import Counter

from jeugdregie.audit.models import AuditRegel
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder, Regio, Wachttijdmelding
from jeugdregie.organisaties.services import gecontracteerde_categorieen
from jeugdregie.synthese.regio import PEILDATUM, genereer_regio
from jeugdregie.synthese.wachttijden import _weken, meld_demo_wachttijden


def stil(_):
    pass


def test_demoregio_meldt_wachttijden_via_de_service(catalogus):
    """R-S6: every report is on a contracted category of its provider, dated by the server today,
    audit-logged (so made by ``meld_wachttijd``); most categories have one; a second run adds none."""
    genereer_regio(peildatum=PEILDATUM, schaal=0.02, seed=7, melden=stil, met_trajecten=False)
    regio = Regio.objects.get(code="ijsselland")
    nieuw = meld_demo_wachttijden(regio=regio, seed=7)
    meldingen = list(Wachttijdmelding.objects.all())
    assert nieuw == len(meldingen) > 0
    mogelijk = 0
    for aanbieder in Aanbieder.objects.filter(regio=regio):
        categorieen = gecontracteerde_categorieen(aanbieder=aanbieder, dag=vandaag())
        mogelijk += len(categorieen)
        eigen = [m for m in meldingen if m.aanbieder_id == aanbieder.pk]
        assert {m.productcategorie for m in eigen} <= set(categorieen)
        assert len(eigen) == len({m.productcategorie for m in eigen})
    assert len(meldingen) >= 0.7 * mogelijk
    assert {m.gemeld_op for m in meldingen} == {vandaag()}
    assert all(0 <= m.weken <= 20 for m in meldingen)
    assert AuditRegel.objects.filter(objecttype="organisaties.Wachttijdmelding").count() == len(meldingen)
    assert meld_demo_wachttijden(regio=regio, seed=7) == 0
    assert Wachttijdmelding.objects.count() == len(meldingen)


def test_verdeling_meestal_twee_tot_acht_weken():
    """R-S6: plausible proportions: about three quarters 2–8 weeks, some longer, few shorter."""
    rng = random.Random(1)
    trekkingen = Counter(
        "kort" if w < 2 else "gewoon" if w <= 8 else "lang" for w in (_weken(rng) for _ in range(5000))
    )
    assert 0.7 < trekkingen["gewoon"] / 5000 < 0.8
    assert 0.12 < trekkingen["lang"] / 5000 < 0.18
    assert 0.07 < trekkingen["kort"] / 5000 < 0.13
