"""Provider information in the toegang's choice list while referring (R-K7, SPEC §11.4): per
provider the tariff groups it uses, its average trajectory duration, the share of results
achieved, and a warning while a temporary client stop runs (R-K6).

* Tariff groups: the distinct tariff groups of the products on its approved debit declaration
  lines whose period starts in the last ``VENSTER_DAGEN`` days up to the day of the list.
* Duration and results: over its allocations whose care stopped in that window; duration is the
  calendar days from start to stop of care, averaged; results achieved is the share scored
  "behaald" among those with a result score (R-H5).
* Client stop: an open ``Maatregel`` of kind cliëntenstop whose inclusive period contains the day.

Three aggregate queries plus one for client stops, for the whole list at once (never a query
per provider). ``bereken`` answers the choice list's ``Aanbiederinfovraag``, listed in
``jeugdregie/abonnementen.py`` (toewijzingen is an earlier stage and cannot import this app)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from jeugdregie.common.onthulling import drempel, is_klein
from jeugdregie.declaraties.constants import DebetCredit, RegelStatus
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.organisaties.models import Aanbieder
from jeugdregie.toewijzingen.constants import Resultaatscore, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.services.keuzelijst import Aanbiederinfo, Aanbiederinfovraag

from ..indicatoren.basis import Dagen
from ..models_maatregel import Maatregel

VENSTER_DAGEN = 365  # "last 12 months"


def _geheel(waarde: Decimal) -> Decimal:
    return waarde.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def tariefgroepen(ids: Sequence[int], datum: date) -> dict[int, list[int]]:
    """Provider id -> the tariff group numbers on its approved lines in the window, ascending."""
    rijen = (
        Declaratieregel.objects.filter(
            aanbieder_id__in=ids,
            status=RegelStatus.GOEDGEKEURD,
            debet_credit=DebetCredit.DEBET,
            begindatum__gt=datum - timedelta(days=VENSTER_DAGEN),
            begindatum__lte=datum,
            product__tariefgroep__isnull=False,
        )
        .values_list("aanbieder_id", "product__tariefgroep__nummer")
        .distinct()
        .order_by("aanbieder_id", "product__tariefgroep__nummer")
    )
    groepen: dict[int, list[int]] = defaultdict(list)
    for aanbieder_id, nummer in rijen:
        groepen[aanbieder_id].append(nummer)
    return groepen


def trajecten(ids: Sequence[int], datum: date) -> dict[int, dict]:
    """Provider id -> {n, dagen, gescoord, behaald} over allocations stopped in the window."""
    rijen = (
        Toewijzing.objects.filter(
            aanbieder_id__in=ids,
            status=ToewijzingStatus.GESTOPT,
            startdatum_zorg__isnull=False,
            stopdatum_zorg__gt=datum - timedelta(days=VENSTER_DAGEN),
            stopdatum_zorg__lte=datum,
        )
        .values("aanbieder_id")
        .annotate(
            n=Count("id"),
            dagen=Sum(Dagen("stopdatum_zorg", "startdatum_zorg")),
            gescoord=Count("id", filter=~Q(resultaatscore="")),
            behaald=Count("id", filter=Q(resultaatscore=Resultaatscore.BEHAALD)),
        )
        .order_by()
    )
    return {r["aanbieder_id"]: dict(r) for r in rijen}


def _regels(tg: list[int] | None, s: dict | None, stop: Maatregel | None) -> list[Aanbiederinfo]:
    geen = _("geen gegevens")
    regels = []
    if stop is not None:
        tekst = _("tijdelijke cliëntenstop t/m %(tot)s") % {"tot": f"{stop.stop_tot:%d-%m-%Y}"}
        regels.append(Aanbiederinfo(_("Let op"), tekst, waarschuwing=True))
    regels.append(Aanbiederinfo(_("Tariefgroepen"), ", ".join(f"TG{n}" for n in tg) if tg else geen))
    # Issue 14 §7: an average or share over fewer than 5 trajectories could point to a child.
    klein = _("minder dan %(n)s trajecten, niet getoond") % {"n": drempel()}
    duur = geen
    if s and is_klein(s["n"]):
        duur = klein
    elif s:
        duur = _("%(dagen)s dagen (n=%(n)s)") % {"dagen": _geheel(Decimal(s["dagen"]) / s["n"]), "n": s["n"]}
    regels.append(Aanbiederinfo(_("Gemiddelde duur"), duur))
    behaald = geen
    if s and is_klein(s["gescoord"]):
        behaald = klein
    elif s and s["gescoord"]:
        behaald = f"{_geheel(Decimal(s['behaald']) * 100 / s['gescoord'])}% (n={s['gescoord']})"
    regels.append(Aanbiederinfo(_("Resultaten behaald"), behaald))
    return regels


def beantwoord(vraag: Aanbiederinfovraag) -> dict[int, list[Aanbiederinfo]]:
    """The answer to the choice list's question (``keuzelijst.Aanbiederinfovraag``, R-K7), listed
    in ``jeugdregie/abonnementen.py``."""
    return bereken(vraag.aanbieders, vraag.datum)


def bereken(aanbieders: Sequence[Aanbieder], datum: date) -> dict[int, list[Aanbiederinfo]]:
    """Per provider id, the lines of information on ``datum`` (R-K7)."""
    ids = [a.pk for a in aanbieders]
    groepen, stats = tariefgroepen(ids, datum), trajecten(ids, datum)
    stops = {
        m.aanbieder_id: m
        for m in Maatregel.objects.clientenstop_op(datum).filter(aanbieder_id__in=ids).order_by("stop_tot")
    }
    return {pk: _regels(groepen.get(pk), stats.get(pk), stops.get(pk)) for pk in ids}
