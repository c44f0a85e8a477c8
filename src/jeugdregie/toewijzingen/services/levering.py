"""Registered delivered volume per month and product: the spend source of the budget forecast
(R-A3) until approved declarations take over, and the one check of which products an
allocation covers (R-W4), which the declarations reuse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Protocol

from django.db import transaction

from jeugdregie.catalogus.constants import Onderdeel
from jeugdregie.catalogus.models import Product
from jeugdregie.catalogus.services import geldig_tarief
from jeugdregie.common.errors import DomainError
from jeugdregie.common.money import euro
from jeugdregie.toewijzingen.constants import FoutcodeVervolg, ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Levering, Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer
from jeugdregie.verwijzingen.services.verwijzen import controleer_contract

# What each kind of allocation may carry. Crisisopvolging: ambulant spoedhulp first, then the
# crisis products (R-C3).
ONDERDELEN_PER_SOORT: dict[str, set[Onderdeel]] = {
    ToewijzingSoort.KEUZEBUDGET: {Onderdeel.AMBULANT, Onderdeel.DYSLEXIE},
    ToewijzingSoort.CRISISOPVOLGING: {Onderdeel.AMBULANT, Onderdeel.CRISIS},
}


class ToewijzingMetSoort(Protocol):
    """What ``controleer_product_past`` reads of an allocation: a ``Toewijzing`` or the
    declarations' value row (``declaraties.services.context.ToewijzingRij``)."""

    @property
    def soort(self) -> str: ...

    @property
    def product_id(self) -> int | None: ...

    def get_soort_display(self) -> str: ...


def controleer_product_past(toewijzing: ToewijzingMetSoort, product: Product) -> None:
    """R-W4: treatment, individual support and day care are never inside the Wonen tariff; they
    need a separate ambulant allocation. A Wonen allocation carries its own intensity only.
    R-B8/TR340: a crisisopvolging allocation carries the one product the toegang allocated
    (ambulant spoedhulp, crisisopvolging per uur or the crisis bed with its motivation, R-C3)."""
    if toewijzing.soort == ToewijzingSoort.WONEN_VERBLIJF:
        if product.pk != toewijzing.product_id:
            raise DomainError(
                FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING,
                f"{product.code} valt niet onder deze zorgtoewijzing Wonen/Verblijf: behandeling, individuele "
                "begeleiding en dagbesteding vallen nooit onder het Wonen-tarief en vragen een aparte ambulante "
                "toewijzing.",
                field="product",
            )
        return
    if toewijzing.soort == ToewijzingSoort.CRISISOPVOLGING and toewijzing.product_id is not None:
        if product.pk != toewijzing.product_id:
            raise DomainError(
                FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING,
                f"{product.code} valt niet onder deze toewijzing crisisopvolging: alleen het toegewezen product "
                "telt. Is een ander product nodig, zoals een crisisbed, vraag dat dan aan bij de toegang, "
                "voor een crisisbed met de motivering waarom het onvermijdelijk is.",
                field="product",
            )
        return
    # The text value is the key as well (TextChoices are str): no enum lookup per declared line.
    if product.onderdeel not in ONDERDELEN_PER_SOORT[toewijzing.soort]:
        raise DomainError(
            FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING,
            f"{product.code} ({product.get_onderdeel_display()}) valt niet onder een "
            f"{toewijzing.get_soort_display().lower()}; Wonen/Verblijf vraagt een eigen zorgtoewijzing.",
            field="product",
        )


@transaction.atomic
def registreer_levering(*, toewijzing: Toewijzing, product: Product, maand: date, volume, door) -> Levering:
    """Record one month of delivered volume for started care; amount = volume × tariff on the
    first day of the month."""
    toewijzing = Toewijzing.objects.select_for_update(of=("self",)).select_related("verwijzing").get(pk=toewijzing.pk)
    vereis_aanbieder_van(toewijzing.verwijzing, door)
    try:
        volume = Decimal(str(volume)) if not isinstance(volume, Decimal) else volume
    except InvalidOperation:
        raise DomainError(FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING, "Vul een getal in.", field="volume") from None
    if volume <= 0:
        raise DomainError(
            FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING, "Het volume moet groter zijn dan 0.", field="volume"
        )
    maand = maand.replace(day=1)
    if toewijzing.status not in (ToewijzingStatus.GESTART, ToewijzingStatus.GESTOPT) or not toewijzing.startdatum_zorg:
        raise DomainError(
            FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING, "Levering kan pas na de start van de zorg.", field="maand"
        )
    laatste = toewijzing.stopdatum_zorg or toewijzing.einddatum
    eerste = toewijzing.eerste_startdatum_zorg  # the months before a restart (OP379) stay open
    if maand < eerste.replace(day=1) or maand > laatste:
        raise DomainError(
            FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING,
            f"De maand {maand:%m-%Y} valt buiten de zorgperiode {eerste:%d-%m-%Y} tot en met {laatste:%d-%m-%Y}.",
            field="maand",
        )
    controleer_product_past(toewijzing, product)
    controleer_contract(toewijzing.aanbieder, maand, product, toewijzing.gemeente)
    if Levering.objects.filter(toewijzing=toewijzing, product=product, maand=maand).exists():
        raise DomainError(
            FoutcodeVervolg.PRODUCT_BUITEN_TOEWIJZING,
            f"Voor {product.code} in {maand:%m-%Y} is al een levering geregistreerd.",
            field="maand",
        )
    tarief = geldig_tarief(product=product, dag=maand, regio_id=toewijzing.gemeente.regio_id)
    levering = Levering.objects.create(
        toewijzing=toewijzing, product=product, maand=maand, volume=volume, bedrag=euro(volume * tarief.bedrag)
    )
    registreer(
        levering, Gebeurtenissoort.LEVERING_GEREGISTREERD, door=door, product=product.code, maand=maand.isoformat()
    )
    return levering
