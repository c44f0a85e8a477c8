"""Care without an allocation (iJw IV096): the toegang refers a child to the assignment; the
opdrachtnemer reports start (JW305) and stop (JW307) keyed by product and begindatum, no
ToewijzingNummer, and gains sight of the child through the start (R-P1: a ``Betrokkenheid``
with source ``taakgericht``, kept while the care runs and the region's window after its stop).
It deletes a start or stop it reported in error (StatusAanlevering 3, IV008): ``trek_stop_in``,
then ``trek_start_in``, which also ends the sight that start granted."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.catalogus.models import Product
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.services import registreer_betrokkenheid, vervallen_betrokkenheid
from jeugdregie.toewijzingen.constants import RedenBeeindiging

from ..constants import Foutcode, Gebeurtenissoort
from ..gebeurtenissen import ZorgGewijzigd
from ..models import Opdrachtverwijzing, TaakgerichteOpdracht, Zorgperiode
from ..policies import mag_naar_opdracht_verwijzen, mag_zorg_melden
from .gemeenschappelijk import audit, gebeurtenis


@transaction.atomic
def verwijs_naar_opdracht(
    *, opdracht: TaakgerichteOpdracht, jeugdige: Jeugdige, door, context=None
) -> Opdrachtverwijzing:
    """iJw IV096: the toegang of the child's municipality refers it to the assignment — no
    keuzebudget, no allocation, no JW301. Only for a resident of a municipality the assignment
    serves, while the assignment has not ended."""
    opdracht = TaakgerichteOpdracht.objects.select_for_update().get(pk=opdracht.pk)
    dag = vandaag()
    woonplaats = jeugdige.woonplaats_op(dag)
    gemeente_ids = set(opdracht.gemeenten.values_list("pk", flat=True))
    if woonplaats is None or not mag_naar_opdracht_verwijzen(door, woonplaats.gemeente_id):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de toegang van de woongemeente van de jeugdige verwijst naar de opdracht.",
            field="door",
        )
    gemeente_id = woonplaats.gemeente_id
    if gemeente_id not in gemeente_ids:
        raise DomainError(
            Foutcode.GEMEENTE_NIET_IN_OPDRACHT,
            f"De opdracht '{opdracht.naam}' bedient {woonplaats.gemeente.naam} niet: verwijs deze jeugdige via de "
            "gewone route (toewijzing met keuzebudget).",
            field="jeugdige",
        )
    if opdracht.einddatum is not None and opdracht.einddatum < dag:
        raise DomainError(
            Foutcode.BUITEN_OPDRACHT,
            f"De opdracht '{opdracht.naam}' is geëindigd op {opdracht.einddatum:%d-%m-%Y}; verwijs naar een "
            "lopende opdracht.",
            field="opdracht",
        )
    verwijzing, nieuw = Opdrachtverwijzing.objects.get_or_create(
        opdracht=opdracht,
        jeugdige=jeugdige,
        defaults={"gemeente_id": gemeente_id, "verwezen_op": dag, "verwezen_door": door},
    )
    if nieuw:
        gebeurtenis(opdracht, Gebeurtenissoort.VERWEZEN, door, verwijzing=verwijzing.pk, gemeente=gemeente_id)
        audit(verwijzing, Actie.AANMAKEN, door, f"opdracht={opdracht.pk}", jeugdige=jeugdige, context=context)
    return verwijzing


def _vereis_opdrachtnemer(opdracht: TaakgerichteOpdracht, door) -> None:
    if not mag_zorg_melden(door, opdracht.aanbieder_id):
        raise DomainError(
            Foutcode.ROL, "Alleen de opdrachtnemer van deze opdracht meldt de start en stop van zorg.", field="door"
        )


def _product(opdracht: TaakgerichteOpdracht, productcode: str) -> Product:
    product = opdracht.producten.filter(code=(productcode or "").strip()).first()
    if product is None:
        raise DomainError(
            Foutcode.PRODUCT_NIET_IN_OPDRACHT,
            f"Product {productcode!r} valt niet onder de opdracht '{opdracht.naam}'; meld een product van de opdracht.",
            field="product",
        )
    return product


def _verwijzing(opdracht: TaakgerichteOpdracht, bsn: str, gemeente_id: int | None = None) -> Opdrachtverwijzing:
    """The referral of the child with this BSN, locked. The same answer whether the BSN is
    unknown or not referred: the provider learns nothing about the register (R-P4). With
    ``gemeente_id`` (the municipality an iJw message is addressed to) the referral must be that
    municipality's."""
    verwijzing = (
        Opdrachtverwijzing.objects.select_for_update(of=("self",))
        .select_related("jeugdige", "gemeente")
        .filter(opdracht=opdracht, jeugdige__bsn=(bsn or "").strip())
        .first()
    )
    if verwijzing is None:
        raise DomainError(
            Foutcode.GEEN_VERWIJZING,
            "Deze jeugdige is niet door de toegang naar deze opdracht verwezen. Vraag de toegang van de woongemeente "
            "om een verwijzing voordat u de start meldt.",
            field="bsn",
        )
    if gemeente_id is not None and verwijzing.gemeente_id != gemeente_id:
        raise DomainError(
            Foutcode.ANDERE_GEMEENTE,
            f"Deze jeugdige is verwezen door de toegang van {verwijzing.gemeente.naam}: stuur de start en stop aan die "
            "gemeente.",
            field="gemeente",
        )
    return verwijzing


@transaction.atomic
def meld_start(
    *,
    opdracht: TaakgerichteOpdracht,
    bsn: str,
    productcode: str,
    begindatum: date,
    door,
    gemeente_id: int | None = None,
    context=None,
) -> Zorgperiode:
    """JW305 under a task-based assignment (iJw IV096): keyed by (child, product, begindatum).
    ``gemeente_id``: the municipality the message is addressed to (the referral's must match)."""
    opdracht = TaakgerichteOpdracht.objects.get(pk=opdracht.pk)
    _vereis_opdrachtnemer(opdracht, door)
    product = _product(opdracht, productcode)
    verwijzing = _verwijzing(opdracht, bsn, gemeente_id)
    if begindatum < opdracht.begindatum or (opdracht.einddatum is not None and begindatum > opdracht.einddatum):
        einde = f" tot en met {opdracht.einddatum:%d-%m-%Y}" if opdracht.einddatum else ""
        raise DomainError(
            Foutcode.BUITEN_OPDRACHT,
            f"De opdracht '{opdracht.naam}' loopt vanaf {opdracht.begindatum:%d-%m-%Y}{einde}; een start op "
            f"{begindatum:%d-%m-%Y} valt daarbuiten. Meld de werkelijke begindatum binnen de looptijd.",
            field="begindatum",
        )
    if begindatum > vandaag():
        raise DomainError(
            Foutcode.PERIODE_ONGELDIG,
            "Meld een start pas als de zorg begonnen is: de begindatum ligt na vandaag.",
            field="begindatum",
        )
    if Zorgperiode.objects.filter(
        opdracht=opdracht, jeugdige=verwijzing.jeugdige, product=product, begindatum=begindatum
    ).exists():
        raise DomainError(
            Foutcode.START_BESTAAT,
            f"De start van {product.code} op {begindatum:%d-%m-%Y} is al gemeld voor deze jeugdige.",
            field="begindatum",
        )
    periode = Zorgperiode.objects.create(
        opdracht=opdracht,
        jeugdige=verwijzing.jeugdige,
        gemeente_id=verwijzing.gemeente_id,
        product=product,
        begindatum=begindatum,
        start_gemeld_op=vandaag(),
    )
    registreer_betrokkenheid(
        jeugdige=verwijzing.jeugdige,
        bron=BetrokkenheidBron.TAAKGERICHT,
        begindatum=begindatum,
        aanbieder=opdracht.aanbieder,
    )
    gebeurtenis(opdracht, Gebeurtenissoort.GESTART, door, zorgperiode=periode.pk, product=product.code)
    publiceer(ZorgGewijzigd(zorgperiode_id=periode.pk, dagen=frozenset({begindatum})))
    audit(
        periode,
        Actie.AANMAKEN,
        door,
        f"start opdracht={opdracht.pk} product={product.code}",
        jeugdige=periode.jeugdige,
        context=context,
    )
    return periode


@transaction.atomic
def meld_stop(
    *,
    opdracht: TaakgerichteOpdracht,
    bsn: str,
    productcode: str,
    begindatum: date,
    einddatum: date,
    reden: str,
    door,
    gemeente_id: int | None = None,
    context=None,
) -> Zorgperiode:
    """JW307 under a task-based assignment (iJw IV096): the start it ends is found by product and
    begindatum; a stop without that start is refused. ``reden``: the RedenBeeindiging, a code of
    codelist JZ588 (``toewijzingen.constants.RedenBeeindiging``), kept with the period."""
    opdracht = TaakgerichteOpdracht.objects.get(pk=opdracht.pk)
    _vereis_opdrachtnemer(opdracht, door)
    product = _product(opdracht, productcode)
    reden = (reden or "").strip()
    if reden not in RedenBeeindiging.values:
        codes = ", ".join(RedenBeeindiging.values)
        raise DomainError(
            Foutcode.REDEN_ONGELDIG,
            f"Reden beëindiging {reden!r} staat niet in codelijst JZ588 ({codes}); meld bijvoorbeeld 31 als de "
            "levering volgens plan is beëindigd.",
            field="reden",
        )
    periode = _gemelde_periode(opdracht, bsn, product, begindatum, gemeente_id)
    if periode is None:
        raise DomainError(
            Foutcode.STOP_ZONDER_START,
            f"Er is geen start van {product.code} op {begindatum:%d-%m-%Y} gemeld voor deze jeugdige: een stop "
            "verwijst naar de start met hetzelfde product en dezelfde begindatum. Meld eerst de start.",
            field="begindatum",
        )
    if periode.einddatum is not None:
        raise DomainError(
            Foutcode.AL_GESTOPT,
            f"De zorg van {product.code} vanaf {begindatum:%d-%m-%Y} is al gestopt op {periode.einddatum:%d-%m-%Y}.",
            field="einddatum",
        )
    if einddatum < begindatum or einddatum > vandaag():
        raise DomainError(
            Foutcode.PERIODE_ONGELDIG,
            f"De einddatum moet tussen de begindatum ({begindatum:%d-%m-%Y}) en vandaag liggen.",
            field="einddatum",
        )
    periode.einddatum = einddatum
    periode.stop_gemeld_op = vandaag()
    periode.reden_beeindiging = reden
    periode.save(update_fields=["einddatum", "stop_gemeld_op", "reden_beeindiging"])
    gebeurtenis(opdracht, Gebeurtenissoort.GESTOPT, door, zorgperiode=periode.pk, product=product.code, reden=reden)
    publiceer(ZorgGewijzigd(zorgperiode_id=periode.pk, dagen=frozenset({einddatum})))
    audit(
        periode,
        Actie.WIJZIGEN,
        door,
        f"stop opdracht={opdracht.pk} product={product.code} reden={reden}",
        jeugdige=periode.jeugdige,
        context=context,
    )
    return periode


def _gemelde_periode(
    opdracht: TaakgerichteOpdracht, bsn: str, product: Product, begindatum: date, gemeente_id: int | None
) -> Zorgperiode | None:
    """The reported care with this key (child, product, begindatum), locked; a start reported to
    another municipality than ``gemeente_id`` is not that municipality's."""
    periode = (
        Zorgperiode.objects.select_for_update(of=("self",))
        .select_related("jeugdige")
        .filter(opdracht=opdracht, jeugdige__bsn=(bsn or "").strip(), product=product, begindatum=begindatum)
        .first()
    )
    if periode is not None and gemeente_id is not None and periode.gemeente_id != gemeente_id:
        return None
    return periode


@transaction.atomic
def trek_start_in(
    *,
    opdracht: TaakgerichteOpdracht,
    bsn: str,
    productcode: str,
    begindatum: date,
    door,
    gemeente_id: int | None = None,
    context=None,
) -> Zorgperiode:
    """JW305 StatusAanlevering 3 (iJw IV008, IV096): the opdrachtnemer deletes a start it reported
    in error. A start with a stop is deleted after its stop (TR071). The care period is removed
    (its key is free again for the right start) and, when the provider reports no other care for
    the child, the sight the start granted ends (the ``Betrokkenheid`` of source ``taakgericht``).
    Returns the removed period (without pk)."""
    opdracht = TaakgerichteOpdracht.objects.select_related("aanbieder").get(pk=opdracht.pk)
    _vereis_opdrachtnemer(opdracht, door)
    product = _product(opdracht, productcode)
    periode = _gemelde_periode(opdracht, bsn, product, begindatum, gemeente_id)
    if periode is None:
        raise DomainError(
            Foutcode.GEEN_AANLEVERING,
            f"Er is geen start van {product.code} op {begindatum:%d-%m-%Y} gemeld voor deze jeugdige om te "
            "verwijderen.",
            field="begindatum",
        )
    if periode.einddatum is not None:
        raise DomainError(
            Foutcode.EERST_STOP_VERWIJDEREN,
            f"De zorg van {product.code} vanaf {begindatum:%d-%m-%Y} is gestopt op {periode.einddatum:%d-%m-%Y}: "
            "verwijder eerst de stop, dan de start.",
            field="begindatum",
        )
    jeugdige, periode_id = periode.jeugdige, periode.pk
    audit(
        periode,
        Actie.VERWIJDEREN,
        door,
        f"start ingetrokken opdracht={opdracht.pk} product={product.code}",
        jeugdige=jeugdige,
        context=context,
    )
    periode.delete()
    if not Zorgperiode.objects.filter(opdracht__aanbieder_id=opdracht.aanbieder_id, jeugdige=jeugdige).exists():
        vervallen_betrokkenheid(jeugdige=jeugdige, bron=BetrokkenheidBron.TAAKGERICHT, aanbieder=opdracht.aanbieder)
    gebeurtenis(opdracht, Gebeurtenissoort.START_INGETROKKEN, door, zorgperiode=periode_id, product=product.code)
    publiceer(ZorgGewijzigd(zorgperiode_id=periode_id, dagen=frozenset({begindatum})))
    return periode


@transaction.atomic
def trek_stop_in(
    *,
    opdracht: TaakgerichteOpdracht,
    bsn: str,
    productcode: str,
    begindatum: date,
    einddatum: date,
    reden: str,
    door,
    gemeente_id: int | None = None,
    context=None,
) -> Zorgperiode:
    """JW307 StatusAanlevering 3 (iJw IV008, IV096): the opdrachtnemer deletes a stop it reported
    in error — the one with this key, Einddatum and RedenBeeindiging (TR063) — so the care runs
    again (and the sight with it)."""
    opdracht = TaakgerichteOpdracht.objects.get(pk=opdracht.pk)
    _vereis_opdrachtnemer(opdracht, door)
    product = _product(opdracht, productcode)
    reden = (reden or "").strip()
    periode = _gemelde_periode(opdracht, bsn, product, begindatum, gemeente_id)
    if (
        periode is None
        or periode.einddatum != einddatum
        or (periode.reden_beeindiging and periode.reden_beeindiging != reden)
    ):
        raise DomainError(
            Foutcode.GEEN_AANLEVERING,
            f"Er is geen stop van {product.code} (start {begindatum:%d-%m-%Y}) op {einddatum:%d-%m-%Y} met reden "
            f"{reden} gemeld voor deze jeugdige om te verwijderen.",
            field="einddatum",
        )
    periode.einddatum = None
    periode.stop_gemeld_op = None
    periode.reden_beeindiging = ""
    periode.save(update_fields=["einddatum", "stop_gemeld_op", "reden_beeindiging"])
    gebeurtenis(
        opdracht, Gebeurtenissoort.STOP_INGETROKKEN, door, zorgperiode=periode.pk, product=product.code, reden=reden
    )
    publiceer(ZorgGewijzigd(zorgperiode_id=periode.pk, dagen=frozenset({einddatum})))
    audit(
        periode,
        Actie.WIJZIGEN,
        door,
        f"stop ingetrokken opdracht={opdracht.pk} product={product.code} einddatum={einddatum:%Y-%m-%d}",
        jeugdige=periode.jeugdige,
        context=context,
    )
    return periode
