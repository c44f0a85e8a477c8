"""The measures register (R-K6): registering a measure on a provider with the norm it follows
from, recording its outcome, and closing it. Only the contract manager of the provider's region
writes; every write leaves an event row (``Maatregelgebeurtenis``) and an audit row. A refusal
raises ``DomainError`` and changes nothing.

Lifecycle (``MAATREGEL_OVERGANGEN``): open → afgerond; closing needs the outcome. A temporary
client stop (cliëntenstop) has an inclusive period ``stop_van``–``stop_tot`` and shows in the
toegang's choice list while it runs and the measure is open (R-K7, services/keuzeinfo.py)."""

from __future__ import annotations

import logging
from datetime import date

from django.db import models, transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Aanbieder

from ..constants import Periodesoort
from ..indicatoren.register import REGISTER
from ..models_maatregel import (
    MAATREGEL_OVERGANGEN,
    Maatregel,
    Maatregelgebeurtenis,
    MaatregelSoort,
    MaatregelStatus,
)
from ..policies import mag_maatregelen_vastleggen
from .rollup import periodebegin
from .signalen import SIGNAALCODES

logger = logging.getLogger(__name__)


class Foutcode(models.TextChoices):
    """Refusals of the measures register (R-K6)."""

    ROL = "MAA001", "Rol niet bevoegd"  # R-K6, R-P1: only the region's contract manager
    NORM = "MAA002", "Norm ontbreekt of is onbekend"  # R-K6: the norm it follows from
    BESLUIT = "MAA003", "Besluit ontbreekt"  # R-K6
    DATUM = "MAA004", "Datum ongeldig"  # R-K6: follow-up date
    STOP = "MAA005", "Periode cliëntenstop ongeldig"  # R-K6
    SOORT = "MAA006", "Soort maatregel onbekend"
    UITKOMST = "MAA007", "Uitkomst ontbreekt"  # R-K6
    OVERGANG = "MAA008", "Statusovergang niet toegestaan"


def _controleer_schrijver(door, aanbieder: Aanbieder) -> None:
    if door is None or not mag_maatregelen_vastleggen(door, aanbieder):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de contractmanager van de regio van deze aanbieder legt maatregelen vast.",
            field="door",
        )


def _tekst(waarde: str, code: Foutcode, melding: str, veld: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise DomainError(code, melding, field=veld)
    return waarde


def _norm(indicator: str, periodesoort: str, periode: date | None) -> tuple[str, str, date]:
    code = (indicator or "").strip().upper()
    if code not in REGISTER and code not in SIGNAALCODES:
        raise DomainError(
            Foutcode.NORM, "Kies de indicator of het signaal waaruit de maatregel volgt.", field="indicator"
        )
    if periodesoort not in Periodesoort.values:
        raise DomainError(Foutcode.NORM, "Kies maand, kwartaal of jaar als periode van de norm.", field="periodesoort")
    if periode is None:
        raise DomainError(Foutcode.NORM, "Vul de periode in waarover de norm gemeten is.", field="periode")
    return code, periodesoort, periodebegin(periode, periodesoort)


def _stop(soort: str, van: date | None, tot: date | None) -> tuple[date | None, date | None]:
    if soort != MaatregelSoort.CLIENTENSTOP:
        if van or tot:
            raise DomainError(
                Foutcode.STOP, "Een periode hoort alleen bij een tijdelijke cliëntenstop.", field="stop_van"
            )
        return None, None
    if van is None or tot is None:
        raise DomainError(
            Foutcode.STOP, "Vul bij een tijdelijke cliëntenstop de eerste en de laatste dag in.", field="stop_van"
        )
    if tot < van:
        raise DomainError(
            Foutcode.STOP, "De laatste dag van de cliëntenstop ligt voor de eerste dag.", field="stop_tot"
        )
    return van, tot


def _gebeurtenis(maatregel: Maatregel, gebeurtenis: str, *, door, actie: Actie, **gegevens) -> None:
    Maatregelgebeurtenis.objects.create(maatregel=maatregel, gebeurtenis=gebeurtenis, door=door, gegevens=gegevens)
    details = " ".join(f"{k}={v}" for k, v in {"gebeurtenis": gebeurtenis, **gegevens}.items())
    log(actie=actie, objecttype=maatregel._meta.label, object_id=maatregel.pk, door=door, details=details)
    logger.info(gebeurtenis, extra={"velden": {"maatregel_id": maatregel.pk, "aanbieder_id": maatregel.aanbieder_id}})


@transaction.atomic
def registreer_maatregel(
    *,
    aanbieder: Aanbieder,
    soort: MaatregelSoort | str,
    indicator: str,
    periodesoort: Periodesoort | str,
    periode: date | None,
    besluit: str,
    besluit_op: date,
    opvolgdatum: date | None,
    normreferentie: str = "",
    stop_van: date | None = None,
    stop_tot: date | None = None,
    door,
) -> Maatregel:
    """R-K6: record a measure on ``aanbieder`` with its norm (indicator/signal code + period),
    decision and follow-up date; a client stop with its inclusive period."""
    _controleer_schrijver(door, aanbieder)
    if soort not in MaatregelSoort.values:
        raise DomainError(Foutcode.SOORT, "Kies een van de vier soorten maatregel.", field="soort")
    indicator, periodesoort, periode = _norm(indicator, periodesoort, periode)
    besluit = _tekst(besluit, Foutcode.BESLUIT, "Beschrijf het besluit.", "besluit")
    if besluit_op is None:
        raise DomainError(Foutcode.DATUM, "Vul de datum van het besluit in.", field="besluit_op")
    if opvolgdatum is None or opvolgdatum < besluit_op:
        raise DomainError(
            Foutcode.DATUM, "Kies een opvolgdatum op of na de datum van het besluit.", field="opvolgdatum"
        )
    stop_van, stop_tot = _stop(soort, stop_van, stop_tot)
    maatregel = Maatregel.objects.create(
        aanbieder=aanbieder,
        soort=soort,
        indicator=indicator,
        periodesoort=periodesoort,
        periode=periode,
        normreferentie=(normreferentie or "").strip()[:200],
        besluit=besluit,
        besluit_op=besluit_op,
        opvolgdatum=opvolgdatum,
        stop_van=stop_van,
        stop_tot=stop_tot,
        aangemaakt_door=door,
    )
    _gebeurtenis(
        maatregel,
        "maatregel_geregistreerd",
        door=door,
        actie=Actie.AANMAKEN,
        soort=str(soort),
        indicator=indicator,
        periode=periode.isoformat(),
    )
    return maatregel


def _vergrendeld(maatregel: Maatregel, door) -> Maatregel:
    maatregel = Maatregel.objects.select_for_update().select_related("aanbieder").get(pk=maatregel.pk)
    _controleer_schrijver(door, maatregel.aanbieder)
    if maatregel.status != MaatregelStatus.OPEN:
        raise DomainError(Foutcode.OVERGANG, "Deze maatregel is afgerond en kan niet meer wijzigen.", field="status")
    return maatregel


@transaction.atomic
def leg_uitkomst_vast(*, maatregel: Maatregel, uitkomst: str, door) -> Maatregel:
    """R-K6: the outcome of an open measure (may be revised until it is closed)."""
    maatregel = _vergrendeld(maatregel, door)
    maatregel.uitkomst = _tekst(uitkomst, Foutcode.UITKOMST, "Beschrijf de uitkomst van de maatregel.", "uitkomst")
    maatregel.save(update_fields=["uitkomst"])
    _gebeurtenis(maatregel, "uitkomst_vastgelegd", door=door, actie=Actie.WIJZIGEN)
    return maatregel


@transaction.atomic
def rond_maatregel_af(*, maatregel: Maatregel, datum: date, door, uitkomst: str = "") -> Maatregel:
    """R-K6: close an open measure; it needs its outcome (given here or recorded before)."""
    maatregel = _vergrendeld(maatregel, door)
    if MaatregelStatus.AFGEROND not in MAATREGEL_OVERGANGEN[MaatregelStatus(maatregel.status)]:
        raise DomainError(Foutcode.OVERGANG, "Deze maatregel kan niet worden afgerond.", field="status")
    if (uitkomst or "").strip():
        maatregel.uitkomst = uitkomst.strip()
    _tekst(maatregel.uitkomst, Foutcode.UITKOMST, "Leg eerst de uitkomst vast; daarna kunt u afronden.", "uitkomst")
    if datum is None or datum < maatregel.besluit_op:
        raise DomainError(Foutcode.DATUM, "Kies een afronddatum op of na de datum van het besluit.", field="datum")
    maatregel.status, maatregel.afgerond_op = MaatregelStatus.AFGEROND, datum
    maatregel.save(update_fields=["status", "afgerond_op", "uitkomst"])
    _gebeurtenis(maatregel, "maatregel_afgerond", door=door, actie=Actie.WIJZIGEN, datum=datum.isoformat())
    return maatregel
