"""Waiting times of the demo region (R-S6): every provider reports, through the domain service,
an expected waiting time for each category it is contracted for today. Most reports are 2–8
weeks, some longer (9–20), a few short (0–1); about one in ten categories has no report, so the
choice list also shows "onbekend". Deterministic per seed and idempotent: a category already
reported today is left alone."""

from __future__ import annotations

import random

from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Aanbieder, Regio, Wachttijdmelding
from jeugdregie.organisaties.services import gecontracteerde_categorieen, meld_wachttijd

ZONDER_MELDING = 0.1


def _weken(rng: random.Random) -> int:
    kans = rng.random()
    if kans < 0.75:
        return rng.randint(2, 8)
    if kans < 0.9:
        return rng.randint(9, 20)
    return rng.randint(0, 1)


def meld_demo_wachttijden(*, regio: Regio, seed: int = 42) -> int:
    """The number of new reports."""
    rng = random.Random(f"wachttijden-{seed}")
    dag = vandaag()
    gemeld = set(Wachttijdmelding.objects.filter(gemeld_op=dag).values_list("aanbieder_id", "productcategorie"))
    nieuw = 0
    for aanbieder in Aanbieder.objects.filter(regio=regio).order_by("agb_code"):
        for categorie in gecontracteerde_categorieen(aanbieder=aanbieder, dag=dag):
            weken, stil = _weken(rng), rng.random() < ZONDER_MELDING
            if stil or (aanbieder.pk, categorie) in gemeld:
                continue
            meld_wachttijd(aanbieder=aanbieder, productcategorie=categorie, weken=weken, door=None)
            nieuw += 1
    return nieuw
