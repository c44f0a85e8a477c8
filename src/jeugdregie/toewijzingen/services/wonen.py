"""Wonen/Verblijf zorgtoewijzing (SPEC §4.3, R-W1…R-W3, R-W7, R-W8)."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction

from jeugdregie.accounts.constants import Rol
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.catalogus.constants import Onderdeel, Woonvorm
from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.common.periods import leeftijd_op
from jeugdregie.jeugdigen.constants import BetrokkenheidBron
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.organisaties.models import Aanbieder, Verwijzer

from ..constants import Foutcode, Plaatsing, ToewijzingSoort, ToewijzingStatus, VerwijzingStatus
from ..models import Resultaat, Toewijzing, Verwijzing
from .bevoegdheid import vereis_toegang_van
from .doelgroep import controleer_doelgroep
from .gebeurtenissen import registreer
from .verwijzen import controleer_contract
from .zicht import geef_zicht

GEZINSVORMEN = {Woonvorm.PLEEGZORG, Woonvorm.GEZINSHUIS}
TOEKOMSTPLAN_VANAF = 16


def _fout(message: str, field: str) -> DomainError:
    return DomainError(Foutcode.WONEN, message, field=field)


def _controleer_leeftijd(
    jeugdige: Jeugdige, woonvorm: Woonvorm, begindatum: date, einddatum: date, grond_18plus: str, toekomstplan: bool
) -> None:
    """R-W7: family forms end at 18 (to 21, and 21–23 as verlengde jeugdhulp); leefgroep and
    respite at 18, later only in consultation with the toegang. A future plan from 16."""
    controleer_doelgroep(geboortedatum=jeugdige.geboortedatum, op=begindatum, grond=grond_18plus, door_toegang=True)
    leeftijd_einde = leeftijd_op(jeugdige.geboortedatum, einddatum)
    if leeftijd_einde >= 18 and not grond_18plus:
        achttien = jeugdige.geboortedatum + relativedelta(years=18) - timedelta(days=1)
        raise _fout(
            f"De jeugdige wordt 18 op {achttien + timedelta(days=1):%d-%m-%Y}: {woonvorm.label.lower()} eindigt dan. "
            "Leg de grond voor verlenging vast of kies een einddatum tot en met "
            f"{achttien:%d-%m-%Y} (R-W7).",
            "einddatum",
        )
    if leeftijd_einde >= 21 and woonvorm not in GEZINSVORMEN:
        raise _fout(
            "Na 21 jaar kan alleen pleegzorg of een gezinshuis doorlopen als verlengde jeugdhulp (R-W7).", "einddatum"
        )
    if leeftijd_op(jeugdige.geboortedatum, begindatum) >= TOEKOMSTPLAN_VANAF and not toekomstplan:
        raise _fout("Vanaf 16 jaar is een toekomstplan vereist (R-W7). Leg vast dat het er is.", "toekomstplan")


@transaction.atomic
def wijs_wonen_toe(
    *,
    jeugdige: Jeugdige,
    aanbieder: Aanbieder,
    product: Product,
    begindatum: date,
    einddatum: date,
    ambulant_onvoldoende: bool,
    resultaten: list[str],
    door,
    plaatsing: Plaatsing = Plaatsing.VRIJWILLIG,
    gi: Verwijzer | None = None,
    maatregel: str = "",
    machtiging_van: date | None = None,
    machtiging_tot: date | None = None,
    grond_18plus: str = "",
    toekomstplan: bool = False,
    request=None,
) -> Toewijzing:
    """A Wonen/Verblijf zorgtoewijzing by the toegang (R-W1): one of the ten intensities and at
    most one year (R-W3); forced placements need a GI, a measure and a court authorisation (R-W2)."""
    woonplaats = jeugdige.woonplaats_op(begindatum)
    if woonplaats is None:
        raise _fout("Van deze jeugdige is op de begindatum geen woonplaats bekend.", "jeugdige")
    if door is None or door.rol != Rol.TOEGANG:
        raise DomainError(
            Foutcode.ROL,
            "Wonen/Verblijf vraagt een zorgtoewijzing van de toegang; andere verwijzers "
            "kunnen die alleen aanvragen bij de toegang (R-W1).",
            field="door",
        )
    vereis_toegang_van(woonplaats.gemeente_id, door)
    if product.onderdeel != Onderdeel.WONEN_VERBLIJF or product.intensiteit is None:
        raise _fout("Kies een van de tien Wonen/Verblijf-intensiteiten (R-W3).", "product")
    if not ambulant_onvoldoende:
        raise _fout("Leg eerst vast dat ambulante hulp alleen niet volstaat (R-W3).", "ambulant_onvoldoende")
    if einddatum < begindatum:
        raise DomainError(
            Foutcode.PERIODE,
            f"De einddatum {einddatum:%d-%m-%Y} ligt voor de begindatum {begindatum:%d-%m-%Y}.",
            field="einddatum",
        )
    uiterst = begindatum + relativedelta(years=1) - timedelta(days=1)
    if einddatum > uiterst:
        raise _fout(
            f"Een zorgtoewijzing Wonen/Verblijf duurt maximaal een jaar: tot en met {uiterst:%d-%m-%Y} (R-W3).",
            "einddatum",
        )
    if plaatsing == Plaatsing.GEDWONGEN:
        if gi is None or gi.type != VerwijzerType.GI or not maatregel or not (machtiging_van and machtiging_tot):
            raise _fout(
                "Een gedwongen plaatsing vraagt een bepaling van de GI, een OTS- of voogdijmaatregel en de "
                "machtiging uithuisplaatsing met data (R-W2).",
                "plaatsing",
            )
        if not machtiging_van <= begindatum <= machtiging_tot:
            raise _fout("De plaatsing moet binnen de machtiging uithuisplaatsing beginnen (R-W2).", "machtiging_van")
    woonvorm = Woonvorm(product.woonvorm or Woonvorm.LEEFGROEP)
    _controleer_leeftijd(jeugdige, woonvorm, begindatum, einddatum, grond_18plus, toekomstplan)
    controleer_contract(aanbieder, begindatum, product)
    resultaten = [r.strip() for r in resultaten if r and r.strip()]
    if not resultaten:
        raise DomainError(Foutcode.GEEN_RESULTAAT, "Leg ten minste één resultaat vast (R-T1).", field="resultaten")

    verwijzing = Verwijzing.objects.create(
        jeugdige=jeugdige,
        gemeente_id=woonplaats.gemeente_id,
        aanbieder=aanbieder,
        product_indicatie=product,
        verwijzer_type=VerwijzerType.GI if gi else VerwijzerType.GEMEENTE,
        verwijzer=gi,
        datum=begindatum,
        status=VerwijzingStatus.GEACCEPTEERD,
        grond_18plus=grond_18plus,
        aangemaakt_door=door,
    )
    Resultaat.objects.bulk_create(Resultaat(verwijzing=verwijzing, omschrijving=r) for r in resultaten)
    toewijzing = Toewijzing.objects.create(
        verwijzing=verwijzing,
        jeugdige=jeugdige,
        gemeente_id=woonplaats.gemeente_id,
        aanbieder=aanbieder,
        soort=ToewijzingSoort.WONEN_VERBLIJF,
        product=product,
        begindatum=begindatum,
        einddatum=einddatum,
        woonvorm=woonvorm,
        ambulant_onvoldoende=True,
        plaatsing=plaatsing,
        maatregel=maatregel,
        machtiging_van=machtiging_van,
        machtiging_tot=machtiging_tot,
        toekomstplan=toekomstplan,
    )
    geef_zicht(
        jeugdige=jeugdige,
        aanbieder=aanbieder,
        verwijzer=gi,
        bron_aanbieder=BetrokkenheidBron.TOEWIJZING,
        begindatum=begindatum,
    )
    registreer(toewijzing, "zorgtoewijzing_wonen", door=door, product=product.code, plaatsing=str(plaatsing))
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=toewijzing, jeugdige=jeugdige, door=door, request=request)
    return toewijzing


@transaction.atomic
def wijzig_intensiteit(
    *, toewijzing: Toewijzing, product: Product, door, toestemming_verwijzer: bool, met_verhuizing: bool = False
) -> Toewijzing:
    """R-W8: a change of intensity always needs the referrer's consent; for pleegzorg and
    gezinshuis it means a move (discouraged, so it must be confirmed explicitly)."""
    toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
    vereis_toegang_van(toewijzing.gemeente_id, door)
    if toewijzing.soort != ToewijzingSoort.WONEN_VERBLIJF or toewijzing.status not in (
        ToewijzingStatus.TOEGEWEZEN,
        ToewijzingStatus.GESTART,
    ):
        raise _fout("Alleen een lopende zorgtoewijzing Wonen/Verblijf kan van intensiteit wisselen.", "toewijzing")
    if (
        product.onderdeel != Onderdeel.WONEN_VERBLIJF
        or product.intensiteit is None
        or product.pk == toewijzing.product_id
    ):
        raise _fout("Kies een andere Wonen/Verblijf-intensiteit.", "product")
    if not toestemming_verwijzer:
        raise _fout(
            "Een wijziging van intensiteit vraagt altijd de toestemming van de verwijzer (R-W8).",
            "toestemming_verwijzer",
        )
    if toewijzing.woonvorm in GEZINSVORMEN and not met_verhuizing:
        raise _fout(
            "Bij pleegzorg en een gezinshuis betekent een andere intensiteit een verhuizing; dat wordt "
            "ontraden. Bevestig de verhuizing als die toch nodig is (R-W8).",
            "met_verhuizing",
        )
    controleer_contract(toewijzing.aanbieder, toewijzing.begindatum, product)
    oud = toewijzing.product_id
    toewijzing.product = product
    toewijzing.save(update_fields=["product"])
    registreer(toewijzing, "intensiteit_gewijzigd", door=door, van=oud, naar=product.pk, verhuizing=met_verhuizing)
    return toewijzing
