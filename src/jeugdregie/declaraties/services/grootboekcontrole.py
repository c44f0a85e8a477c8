"""The budget ledgers' invariants (R-B5, R-B7) checked against the declaration lines: used by the
property tests after every step (tests/test_grootboek_eigenschappen.py) and by the multi-process
load test afterwards (bench/meerproces.py, issue 17). For every allocation's ledger:

- ``0 ≤ goedgekeurd`` and ``goedgekeurd + vrijgevallen ≤ vastgelegd ≤ toegewezen`` (R-B7);
- ``goedgekeurd`` = the net sum of the approved lines (debits − credits) of the allocation;
- ``vastgelegd``, ``goedgekeurd`` and ``vrijgevallen`` = the sums of their ledger bookings;
- ``toegewezen`` = the keuzebudget as the toegang last set it (never raised by a line);
- a withdrawn allocation commits nothing beyond what it spent;
- no debit was approved after the allocation's declaration window had closed (counted from the
  end, or from the later day on which an end dated in the past was recorded).

It lives with the declarations, not in ``budgetten``: it compares the ledger with the lines, and
``budgetten`` is the earlier stage that may not import them (STYLE.md, the layers). Read-only;
the sums are grouped per allocation in a few queries, so a whole region is checked at once."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from jeugdregie.budgetten.constants import VASTLEGGINGEN, Mutatiesoort
from jeugdregie.budgetten.models import Budgetmutatie, Budgetstand
from jeugdregie.budgetten.services.grootboek import sluitdatum, termijnbegin
from jeugdregie.common.money import euro
from jeugdregie.organisaties.regelset import Tijdlijn
from jeugdregie.toewijzingen.constants import ToewijzingStatus

from ..constants import RegelStatus
from ..models import Declaratieregel

NUL = Decimal("0.00")


def _sommen(rijen, sleutel: str) -> dict[tuple[int, str], Decimal]:
    """(allocation id, key) → the sum in whole cents (SQL sums are floating point on SQLite)."""
    return {
        (rij["toewijzing_id"], rij[sleutel]): euro(rij["s"] or NUL)
        for rij in rijen.values("toewijzing_id", sleutel).annotate(s=Sum("bedrag")).order_by()
    }


def controleer_grootboeken() -> list[str]:
    """Every broken invariant as a Dutch description naming the ledger; empty when all hold."""
    goedgekeurd = Declaratieregel.objects.filter(status=RegelStatus.GOEDGEKEURD, toewijzing__isnull=False)
    regels = _sommen(goedgekeurd, "debet_credit")
    boekingen = _sommen(Budgetmutatie.objects.all(), "soort")
    per_toewijzing: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for (toewijzing_id, soort), bedrag in boekingen.items():
        per_toewijzing[toewijzing_id][soort] = bedrag
    debets: dict[int, list] = defaultdict(list)
    for toewijzing_id, ingediend in goedgekeurd.filter(debet_credit="D").values_list(
        "toewijzing_id", "declaratie__ingediend_op"
    ):
        debets[toewijzing_id].append(ingediend)

    fouten: list[str] = []
    tijdlijn = Tijdlijn.alle()
    standen = Budgetstand.objects.select_related("toewijzing__keuzebudget", "toewijzing__gemeente")
    for stand in standen.order_by("toewijzing_id"):
        tw = stand.toewijzing
        naam = f"grootboek van toewijzing {tw.pk}"

        def som(*soorten: str, tw_id: int = tw.pk) -> Decimal:
            return euro(sum((per_toewijzing[tw_id].get(s, NUL) for s in soorten), NUL))

        if stand.goedgekeurd < NUL:
            fouten.append(f"{naam}: goedgekeurd {stand.goedgekeurd} is negatief")
        if not stand.goedgekeurd + stand.vrijgevallen <= stand.vastgelegd <= stand.toegewezen:
            fouten.append(
                f"{naam}: niet goedgekeurd {stand.goedgekeurd} + vrijgevallen {stand.vrijgevallen} ≤ "
                f"vastgelegd {stand.vastgelegd} ≤ toegewezen {stand.toegewezen}"
            )
        netto = regels.get((tw.pk, "D"), NUL) - regels.get((tw.pk, "C"), NUL)
        if stand.goedgekeurd != netto:
            fouten.append(f"{naam}: goedgekeurd {stand.goedgekeurd} ≠ goedgekeurde regels netto {netto}")
        for veld, waarde, verwacht in (
            ("vastgelegd", stand.vastgelegd, som(*VASTLEGGINGEN)),
            ("goedgekeurd", stand.goedgekeurd, som(Mutatiesoort.GOEDGEKEURD, Mutatiesoort.GECREDITEERD)),
            ("vrijgevallen", stand.vrijgevallen, som(Mutatiesoort.VRIJGEVALLEN)),
        ):
            if waarde != verwacht:
                fouten.append(f"{naam}: {veld} {waarde} ≠ som van de boekingen {verwacht}")
        keuzebudget = tw.keuzebudget
        if keuzebudget is not None and stand.toegewezen != keuzebudget.bedrag:
            fouten.append(f"{naam}: toegewezen {stand.toegewezen} ≠ keuzebudget {keuzebudget.bedrag}")
        if tw.status == ToewijzingStatus.INGETROKKEN and stand.vastgelegd != stand.goedgekeurd + stand.vrijgevallen:
            fouten.append(f"{naam}: ingetrokken maar vastgelegd {stand.vastgelegd} ≠ goedgekeurd + vrijgevallen")
        einde = tw.stopdatum_zorg if tw.status == ToewijzingStatus.GESTOPT and tw.stopdatum_zorg else tw.einddatum
        # R-R1: the rule set valid on the day the window counts from, as the intake reads it
        versie = tijdlijn.regels(tw.gemeente.regio_id, termijnbegin(einde, stand.termijn_vanaf))
        termijn = versie.declaratietermijn_dagen
        sluit = sluitdatum(einde, stand.termijn_vanaf, termijn)
        te_laat = [i for i in debets.get(tw.pk, []) if timezone.localdate(i) > sluit]
        if te_laat:
            fouten.append(f"{naam}: {len(te_laat)} debetregel(s) goedgekeurd na het sluiten van de termijn op {sluit}")
    return fouten
