"""Matching and placement for Wonen/Verblijf (R-W5, R-W6)."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import nu
from jeugdregie.toewijzingen.constants import ToewijzingSoort, ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.services.bevoegdheid import vereis_aanbieder_van, vereis_toegang_van
from jeugdregie.toewijzingen.verblijf import met_verblijf
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.services.gebeurtenissen import registreer

from ..constants import Foutcode, PlaatsingsVoorkeur
from ..models import Matching, Verblijfsverzoek

LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)


def _matching_fout(message: str, field: str) -> DomainError:
    return DomainError(Foutcode.MATCHING, message, field=field)


@transaction.atomic
def start_matching(*, toewijzing: Toewijzing, startdatum: date, door) -> Matching:
    """R-W5: the provider matches; one open matching per zorgtoewijzing."""
    toewijzing = Toewijzing.objects.select_for_update(of=("self",)).select_related("verwijzing").get(pk=toewijzing.pk)
    vereis_aanbieder_van(toewijzing.verwijzing, door)
    if toewijzing.soort != ToewijzingSoort.WONEN_VERBLIJF or toewijzing.status not in LOPEND:
        raise _matching_fout("Matching hoort bij een lopende zorgtoewijzing Wonen/Verblijf.", "toewijzing")
    if toewijzing.matchings.filter(einddatum__isnull=True).exists():
        raise _matching_fout("Er loopt al een matching voor deze zorgtoewijzing.", "toewijzing")
    if startdatum < toewijzing.verwijzing.datum:
        raise _matching_fout("De matching kan niet beginnen voor de zorgtoewijzing.", "startdatum")
    matching = Matching.objects.create(toewijzing=toewijzing, startdatum=startdatum, door=door)
    registreer(matching, Gebeurtenissoort.MATCHING_GESTART, door=door, toewijzing_id=toewijzing.pk)
    return matching


@transaction.atomic
def rond_matching_af(
    *, matching: Matching, einddatum: date, voorkeur: PlaatsingsVoorkeur, door, motivering: str = ""
) -> Matching:
    """R-W5: record the end and the placement found: network/family first, then a family form;
    a leefgroep needs a motivation why neither fits."""
    matching = (
        Matching.objects.select_for_update(of=("self",)).select_related("toewijzing__verwijzing").get(pk=matching.pk)
    )
    vereis_aanbieder_van(matching.toewijzing.verwijzing, door)
    if matching.einddatum is not None:
        raise _matching_fout("Deze matching is al afgerond.", "matching")
    if einddatum < matching.startdatum:
        raise _matching_fout(
            f"De einddatum ligt voor de start van de matching ({matching.startdatum:%d-%m-%Y}).", "einddatum"
        )
    try:
        voorkeur = PlaatsingsVoorkeur(voorkeur)
    except ValueError:
        raise _matching_fout("Kies netwerk, gezinsvorm of leefgroep.", "voorkeur") from None
    motivering = motivering.strip()
    if voorkeur == PlaatsingsVoorkeur.LEEFGROEP and not motivering:
        raise _matching_fout(
            "Een leefgroep komt pas na netwerk en gezinsvorm: motiveer waarom die niet passen.", "motivering"
        )
    matching.einddatum = einddatum
    matching.voorkeur = voorkeur
    matching.motivering = motivering
    matching.save(update_fields=["einddatum", "voorkeur", "motivering"])
    registreer(
        matching,
        Gebeurtenissoort.MATCHING_AFGEROND,
        door=door,
        voorkeur=str(voorkeur),
        dagen=(einddatum - matching.startdatum).days,
    )
    return matching


@transaction.atomic
def vraag_bed_aan(*, toewijzing: Toewijzing, door, spoed: bool = True) -> Verblijfsverzoek:
    """R-W6: the toegang requests a verblijfsbed; the request time starts the 24-hour norm. That
    time is the server's moment of the request (R-B9), never one the client states."""
    toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
    vereis_toegang_van(toewijzing.gemeente_id, door)
    if not met_verblijf(toewijzing) or toewijzing.status not in LOPEND:  # R-W7: a crisis bed is Verblijf
        raise DomainError(
            Foutcode.VERBLIJFSBED,
            "Een verblijfsbed hoort bij een lopende zorgtoewijzing Wonen/Verblijf of een toegewezen crisisbed.",
            field="toewijzing",
        )
    if toewijzing.verblijfsverzoeken.filter(geplaatst_op__isnull=True).exists():
        raise DomainError(Foutcode.VERBLIJFSBED, "Er staat al een open verzoek voor een bed.", field="toewijzing")
    verzoek = Verblijfsverzoek.objects.create(
        toewijzing=toewijzing, aangevraagd_op=nu(), spoed=spoed, aangevraagd_door=door
    )
    registreer(verzoek, Gebeurtenissoort.BED_AANGEVRAAGD, door=door, spoed=spoed)
    return verzoek


@transaction.atomic
def registreer_plaatsing(*, verzoek: Verblijfsverzoek, geplaatst_op: datetime, door) -> Verblijfsverzoek:
    """R-W6: the provider records the placement moment; whether it was within 24 hours follows."""
    verzoek = (
        Verblijfsverzoek.objects.select_for_update(of=("self",))
        .select_related("toewijzing__verwijzing")
        .get(pk=verzoek.pk)
    )
    vereis_aanbieder_van(verzoek.toewijzing.verwijzing, door)
    if verzoek.geplaatst_op is not None:
        raise DomainError(Foutcode.VERBLIJFSBED, "Deze plaatsing is al geregistreerd.", field="verzoek")
    if geplaatst_op < verzoek.aangevraagd_op:
        raise DomainError(
            Foutcode.VERBLIJFSBED,
            f"De plaatsing ligt voor de aanvraag ({timezone.localtime(verzoek.aangevraagd_op):%d-%m-%Y %H:%M}).",
            field="geplaatst_op",
        )
    verzoek.geplaatst_op = geplaatst_op
    verzoek.geplaatst_door = door
    verzoek.save(update_fields=["geplaatst_op", "geplaatst_door"])
    registreer(verzoek, Gebeurtenissoort.BED_GEPLAATST, door=door, binnen_24_uur=verzoek.binnen_norm(geplaatst_op))
    return verzoek
