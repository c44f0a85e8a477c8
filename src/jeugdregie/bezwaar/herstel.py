"""The new decision after a gegrond objection (R-D2): "its outcome changes the original decision
through the normal services". Which normal service depends on what the letter decided:

| original decision (route event)                         | new decision                                    |
|---------------------------------------------------------|-------------------------------------------------|
| a provider's request refused (``verzoek_afgewezen``)    | the toegang's referral for that child and       |
| a submission refused (``aanmelding_afgewezen``)         | provider (``registreer_verwijzing``); the       |
| an allocation withdrawn (``toewijzing_ingetrokken``)    | provider screens it and the allocation that     |
|                                                         | follows gets its own beschikking                |
| anything else (an allocation, Wonen, an adjustment, a   | taken by the toegang on the route's own page;   |
| crisis decision)                                        | the bezwaar waits on the worklist until its new |
|                                                         | beschikking is linked (``koppel_nieuw_besluit``)|

The referral is the route's one way to grant care: every rule of R-T1…R-T8 and R-A4 applies to
it as to any referral, and a refusal there undoes the whole decision on the objection."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.catalogus.constants import KeuzebudgetSoort
from jeugdregie.catalogus.models import Product
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Aanmelding, Verwijzing
from jeugdregie.verwijzingen.services.keuzebudget import BudgetKeuze
from jeugdregie.verwijzingen.services.verwijzen import registreer_verwijzing
from jeugdregie.verzoeken.models import Toewijzingsverzoek

#: The original decisions that a gegrond objection turns into a referral (see the table above).
HERVERWIJZEN = frozenset(
    {
        Gebeurtenissoort.VERZOEK_AFGEWEZEN,
        Gebeurtenissoort.AANMELDING_AFGEWEZEN,
        Gebeurtenissoort.TOEWIJZING_INGETROKKEN,
    }
)


@dataclass(frozen=True)
class Herverwijzing:
    """What the new referral holds: the results and the budget (the toegang may change the
    proposal from the original before deciding)."""

    aanbieder: Aanbieder
    resultaten: Sequence[str]
    budget: BudgetKeuze
    product_indicatie: Product | None = None
    grond_18plus: str = ""


def wordt_herverwezen(beschikking: Beschikking, *, op: date) -> bool:
    """Whether a gegrond objection re-makes this decision by a referral at once: only for the
    decisions above, and only while the letter's municipality is still responsible for the child
    (R-D3). After a move the decision on the objection stays with the municipality that took it
    (Awb 7:1), but the new care is for the municipality the woonplaatsbeginsel names: the bezwaar
    then waits on the worklist like the other kinds, and the new decision follows the handover."""
    if beschikking.gebeurtenissoort not in HERVERWIJZEN:
        return False
    return verantwoordelijke_gemeente(beschikking.jeugdige, op).gemeente_id == beschikking.gemeente_id


def _object(beschikking: Beschikking):
    """The decided object (the letter's key: the bulk history's letters have no event row)."""
    soort = beschikking.gebeurtenissoort
    if soort == Gebeurtenissoort.TOEWIJZING_INGETROKKEN:
        return Toewijzing.objects.select_related("verwijzing__keuzebudget").get(pk=beschikking.besluit_id)
    if soort == Gebeurtenissoort.VERZOEK_AFGEWEZEN:
        return Toewijzingsverzoek.objects.select_related("product").get(pk=beschikking.besluit_id)
    return Aanmelding.objects.get(pk=beschikking.besluit_id)


def voorstel(beschikking: Beschikking, *, op: date | None = None) -> Herverwijzing | None:
    """The referral the original asked for or held: the withdrawn allocation's results and
    budget, the submission's form, or the request's product and budget. None when this kind of
    decision is not re-made by a referral."""
    if not wordt_herverwezen(beschikking, op=op or vandaag()):
        return None
    obj = _object(beschikking)
    if isinstance(obj, Toewijzing):
        oud: Verwijzing = obj.verwijzing
        kb = oud.keuzebudget
        return Herverwijzing(
            aanbieder=obj.aanbieder,
            resultaten=[r.omschrijving for r in oud.resultaten.all()],
            budget=BudgetKeuze(
                soort=KeuzebudgetSoort(kb.soort),
                niveau=kb.niveau,
                offerte_bedrag=kb.bedrag if kb.is_offerte else None,
            ),
            product_indicatie=oud.product_indicatie,
            grond_18plus=oud.grond_18plus,
        )
    if isinstance(obj, Toewijzingsverzoek):
        return Herverwijzing(
            aanbieder=obj.aanbieder,
            resultaten=[],
            budget=BudgetKeuze(
                soort=KeuzebudgetSoort.HERSTEL,
                niveau=None if obj.budget is not None else 3,
                offerte_bedrag=obj.budget,
            ),
            product_indicatie=obj.product,
        )
    g = obj.gegevens
    return Herverwijzing(
        aanbieder=Aanbieder.objects.get(pk=g["aanbieder_id"]),
        resultaten=list(g.get("resultaten", [])),
        budget=BudgetKeuze(
            soort=KeuzebudgetSoort(g["soort"]),
            niveau=g.get("niveau"),
            offerte_bedrag=Decimal(g["offerte_bedrag"]) if g.get("offerte_bedrag") else None,
        ),
        product_indicatie=Product.objects.filter(code=g.get("product_indicatie") or None).first(),
        grond_18plus=g.get("grond_18plus", ""),
    )


def met_wijzigingen(voorstel: Herverwijzing, **wijzigingen) -> Herverwijzing:
    """The proposal with what the toegang changed on the form."""
    return replace(voorstel, **{k: v for k, v in wijzigingen.items() if v is not None})


def herverwijs(
    *, beschikking: Beschikking, herverwijzing: Herverwijzing, datum: date, door, context=None
) -> Verwijzing:
    """The new decision: the toegang's referral for the child of the letter and the provider of the
    original, dated ``datum`` (the day of the decision on the objection). Raises the route's
    ``DomainError``."""
    return registreer_verwijzing(
        jeugdige=beschikking.jeugdige,
        aanbieder=herverwijzing.aanbieder,
        resultaten=herverwijzing.resultaten,
        budget=herverwijzing.budget,
        datum=datum,
        door=door,
        product_indicatie=herverwijzing.product_indicatie,
        grond_18plus=herverwijzing.grond_18plus,
        context=context,
    )
