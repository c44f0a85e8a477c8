"""The outbox (issue 5 §3): every decision the provider must hear about becomes exactly one
outbound message, made after the decision committed. Transactional outbox over the event rows
(``toewijzingen.Gebeurtenis``), which every decision writes in its own transaction: after the
commit ``bij_gebeurtenis`` gets each new event (``GebeurtenisVastgelegd``, subscribed in
``jeugdregie/abonnementen.py``); ``verzamel()`` (also ``manage.py ijw maak``) catches up on whatever is left, e.g.
after a failure, which is logged and never undoes the decision. A message that fails its XSD or
the standard's stylesheet (``postvak.controleer_uitgaand``) is not stored: the event stays
unhandled (no ``Uitboxverwerking``) and every later run tries it again, e.g. once the missing
data is there.

| event (object) | message |
|---|---|
| ``toewijzing_aangemaakt``, ``zorgtoewijzing_wonen`` (toewijzing) | JW301 (+ JW315 reference, TR379) |
| ``crisisopvolging_toegewezen`` (crisisopvolgingsverzoek) | JW301 |
| ``intensiteit_gewijzigd`` (toewijzing) | JW301: the old allocation ended, 05, plus the new one (OP257) |
| ``toewijzing_ingetrokken`` (toewijzing) | JW301 (withdrawn: 13, CS335) |
| ``toewijzing_beeindigd`` (toewijzing, a move: R-D3) | JW301, Einddatum = moving day − 1, RedenWijziging 07 |
| ``aanpassing_besloten`` granted, budget changed | JW301, RedenWijziging 12 (+ JW317 reference) |
| ``aanpassing_besloten`` refused, request came by JW317 | JW319 antwoord 1, WJ759 7 unless named |
| ``verzoek_in_onderzoek`` (toewijzingsverzoek, aanpassingsaanvraag) | JW319 VerzoekAntwoord 2 |
| ``verzoek_afgewezen`` (toewijzingsverzoek) | JW319 VerzoekAntwoord 1 with the WJ759 reason |

Exactly once: a ``Uitboxverwerking`` row per event (one-to-one key; a second run waits for or
skips the first) and ``Bericht.oorzaak`` = ``gebeurtenis:<id>``. Only events after the outbox was
switched on count (``Uitboxstart``, migration 0002)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from lxml import etree

from jeugdregie.common.tijd import vandaag
from jeugdregie.crisis.models import Crisisopvolgingsverzoek
from jeugdregie.jeugdigen.woonplaatsbeginsel import verantwoordelijke_gemeente
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.constants import AanpassingStatus
from jeugdregie.toewijzingen.models import Aanpassingsaanvraag, Toewijzing
from jeugdregie.verwijzingen.besluiten import GebeurtenisVastgelegd
from jeugdregie.verwijzingen.constants import Gebeurtenissoort
from jeugdregie.verwijzingen.models import Gebeurtenis
from jeugdregie.verzoeken.constants import RedenAfwijzingVerzoek
from jeugdregie.verzoeken.models import Toewijzingsverzoek

from ..constants import Berichttype, Richting, Wachtreden
from ..models import Bericht, Uitboxstart, Uitboxverwerking, Uitboxwacht
from ..uitgaand import jw301, jw319
from ..uitgaand.jw319 import VerzoekAntwoord
from ..uitgaand.versies import AANPASSING_BESLOTEN, INTENSITEIT_GEWIJZIGD, WIJZIGINGEN, aanpassing_wijzigt
from ..xml.veilig import Berichtweigering
from .identiteit import nieuwe_identificatie
from .postvak import Uitgaandefout, bewaar_uitgaand

logger = logging.getLogger(__name__)

NIEUW = {Gebeurtenissoort.TOEWIJZING_AANGEMAAKT, Gebeurtenissoort.ZORGTOEWIJZING_WONEN}
CRISISOPVOLGING = Gebeurtenissoort.CRISISOPVOLGING_TOEGEWEZEN
IN_ONDERZOEK = Gebeurtenissoort.VERZOEK_IN_ONDERZOEK
AFGEWEZEN = Gebeurtenissoort.VERZOEK_AFGEWEZEN
OORZAKEN = NIEUW | set(WIJZIGINGEN) | {CRISISOPVOLGING, AANPASSING_BESLOTEN, IN_ONDERZOEK, AFGEWEZEN}
# A refused adjustment is the toegang's judgement of the care asked for (R-A5): WJ759 7.
REDEN_AANPASSING_AFGEWEZEN = RedenAfwijzingVerzoek.ZORGINHOUDELIJK
PER_RONDE = 500


@dataclass(frozen=True)
class Uitgaand:
    root: etree._Element
    berichttype: Berichttype
    gemeente: Gemeente
    aanbieder: Aanbieder
    identificatie: str
    jeugdige_id: int
    toewijzing_id: int | None = None


def verzamel(*, gebeurtenissen: Iterable[int] | None = None) -> list[Bericht]:
    """Turn every deciding event not yet handled into its outbound message, oldest first, in
    rounds of ``PER_RONDE``; each event is tried once per call (a failure is logged and left for
    the next call). ``gebeurtenissen`` limits the run to those ids. Returns the messages made."""
    rijen = Gebeurtenis.objects.filter(gebeurtenis__in=OORZAKEN).filter(
        ~Exists(Uitboxverwerking.objects.filter(gebeurtenis=OuterRef("pk")))
    )
    if gebeurtenissen is not None:
        rijen = rijen.filter(pk__in=list(gebeurtenissen))
    berichten, cursor = [], _vanaf()
    while ronde := list(rijen.filter(pk__gt=cursor).order_by("pk")[:PER_RONDE]):
        for gebeurtenis in ronde:
            cursor = gebeurtenis.pk
            velden = {"gebeurtenis_id": gebeurtenis.pk, "gebeurtenis": gebeurtenis.gebeurtenis}
            try:
                bericht = _verwerk(gebeurtenis)
            except jw301.ContactOntbreekt:  # held back, not handled: goes once the address is known (issue 15)
                logger.info("ijw_uitbox_wacht_op_contact", extra={"velden": velden})
                _wacht(gebeurtenis, Wachtreden.CONTACT_ONTBREEKT, berichttype=Berichttype.JW301)
                continue
            except Berichtweigering as fout:  # our message fails its XSD; the text may quote a name or BSN
                logger.error("ijw_uitbox_mislukt", extra={"velden": {**velden, "code": fout.code}})
                _wacht(gebeurtenis, Wachtreden.STANDAARD, regels=["XSD"])
                continue
            except Uitgaandefout as fout:  # fails a rule of the standard's stylesheet: not sent, retried
                logger.error("ijw_uitbox_mislukt", extra={"velden": {**velden, "regels": fout.regels}})
                _wacht(gebeurtenis, Wachtreden.STANDAARD, berichttype=fout.berichttype, regels=fout.regels)
                continue
            except Exception:
                logger.exception("ijw_uitbox_mislukt", extra={"velden": velden})
                _wacht(gebeurtenis, Wachtreden.FOUT)
                continue
            if bericht is not None:
                berichten.append(bericht)
    return berichten


def _wacht(gebeurtenis: Gebeurtenis, reden: Wachtreden, *, berichttype: str = "", regels: Iterable[str] = ()) -> None:
    """Record (in its own transaction) that this event still waits for its message and why, so
    the toegang's worklist and the beheerder see it (``ijw.werkvoorraad``); the first attempt's
    time stays, the count and the last attempt move on. Never fails the outbox run."""
    if Uitboxverwerking.objects.filter(gebeurtenis=gebeurtenis).exists():
        return  # another run made the message meanwhile (and removed any row): nothing waits
    nu = timezone.now()
    gegevens = {"reden": reden, "berichttype": berichttype, "regels": sorted(set(regels)), "laatste_poging": nu}
    try:
        with transaction.atomic():
            bijgewerkt = Uitboxwacht.objects.filter(gebeurtenis=gebeurtenis).update(
                pogingen=F("pogingen") + 1, **gegevens
            )
            if not bijgewerkt:
                Uitboxwacht.objects.create(gebeurtenis=gebeurtenis, sinds=nu, **gegevens, **_onderwerp(gebeurtenis))
    except Exception:  # a concurrent run wrote the row first, or the subject is gone: the log has it
        logger.exception("ijw_uitbox_wacht_niet_vastgelegd", extra={"velden": {"gebeurtenis_id": gebeurtenis.pk}})


def _onderwerp(gebeurtenis: Gebeurtenis) -> dict[str, int | None]:
    """Municipality, provider, young person and allocation the waiting message is about (ids)."""
    velden = ("gemeente_id", "aanbieder_id", "jeugdige_id")
    if gebeurtenis.objecttype == "toewijzing":
        rij = Toewijzing.objects.filter(pk=gebeurtenis.object_id).values(*velden, "pk").first()
    elif gebeurtenis.objecttype == "crisisopvolgingsverzoek":
        rij = Crisisopvolgingsverzoek.objects.filter(pk=gebeurtenis.object_id).values(*velden, "toewijzing_id").first()
    elif gebeurtenis.objecttype == "toewijzingsverzoek":
        rij = Toewijzingsverzoek.objects.filter(pk=gebeurtenis.object_id).values(*velden).first()
    elif gebeurtenis.objecttype == "aanpassingsaanvraag":
        rij = (
            Aanpassingsaanvraag.objects.filter(pk=gebeurtenis.object_id)
            .values("toewijzing_id", *(f"verwijzing__{veld}" for veld in velden))
            .first()
        )
    else:
        rij = None
    rij = {sleutel.removeprefix("verwijzing__"): waarde for sleutel, waarde in (rij or {}).items()}
    toewijzing = rij.pop("pk", None) or rij.pop("toewijzing_id", None)
    return {**{veld: rij.get(veld) for veld in velden}, "toewijzing_id": toewijzing}


def bij_gebeurtenis(vastgelegd: GebeurtenisVastgelegd) -> None:
    """After the commit of a route event (subscribed in ``jeugdregie/abonnementen.py``): make
    its message now, if it causes one."""
    if vastgelegd.soort in OORZAKEN:
        verzamel(gebeurtenissen=[vastgelegd.gebeurtenis_id])


def _vanaf() -> int:
    return Uitboxstart.objects.order_by("pk").values_list("vanaf_gebeurtenis_id", flat=True).first() or 0


@transaction.atomic
def _verwerk(gebeurtenis: Gebeurtenis) -> Bericht | None:
    try:
        with transaction.atomic():
            verwerking = Uitboxverwerking.objects.create(gebeurtenis=gebeurtenis)
    except IntegrityError:  # another run handled it
        return None
    Uitboxwacht.objects.filter(gebeurtenis=gebeurtenis).delete()  # rolled back with the rest if this fails
    plan = _plan(gebeurtenis)
    if isinstance(plan, str):
        verwerking.toelichting = plan[:200]
        verwerking.save(update_fields=["toelichting"])
        return None
    bericht = bewaar_uitgaand(
        plan.root,
        berichttype=plan.berichttype,
        gemeente=plan.gemeente,
        aanbieder=plan.aanbieder,
        identificatie=plan.identificatie,
        oorzaak=f"gebeurtenis:{gebeurtenis.pk}",
        jeugdige_id=plan.jeugdige_id,
        toewijzing_id=plan.toewijzing_id,
    )
    verwerking.bericht = bericht
    verwerking.save(update_fields=["bericht"])
    logger.info(
        "ijw_bericht_klaargezet",
        extra={
            "velden": {"bericht_id": bericht.pk, "berichttype": bericht.berichttype, "gebeurtenis_id": gebeurtenis.pk}
        },
    )
    return bericht


def _plan(gebeurtenis: Gebeurtenis) -> Uitgaand | str:
    """The message this event causes, or why it causes none."""
    soort, naam = gebeurtenis.objecttype, gebeurtenis.gebeurtenis
    if soort == "toewijzing" and naam in NIEUW | set(WIJZIGINGEN):
        toewijzing = Toewijzing.objects.get(pk=gebeurtenis.object_id)
        referentie = _verzoekreferentie(toewijzing) if naam in NIEUW else ""
        onderwerpen = {toewijzing.pk: referentie}
        if naam == INTENSITEIT_GEWIJZIGD and gebeurtenis.gegevens.get("nieuwe_toewijzing"):
            # OP257: the ended allocation and the new one that takes over, in one message.
            onderwerpen[gebeurtenis.gegevens["nieuwe_toewijzing"]] = ""
        return _jw301(toewijzing, onderwerpen, gebeurtenis)
    if soort == "crisisopvolgingsverzoek" and naam == CRISISOPVOLGING:
        verzoek = Crisisopvolgingsverzoek.objects.select_related("toewijzing").get(pk=gebeurtenis.object_id)
        if verzoek.toewijzing is None:  # granted always links its allocation (services.crisis)
            return "Crisisopvolging toegewezen zonder toewijzing: geen JW301."
        return _jw301(verzoek.toewijzing, {verzoek.toewijzing.pk: ""}, gebeurtenis)
    if soort == "aanpassingsaanvraag" and naam == AANPASSING_BESLOTEN:
        return _aanpassing(gebeurtenis)
    if soort in ("toewijzingsverzoek", "aanpassingsaanvraag") and naam in (IN_ONDERZOEK, AFGEWEZEN):
        return _antwoord(gebeurtenis)
    return f"Geen uitgaand bericht voor {naam} op een {soort}."


def _verzoekreferentie(toewijzing: Toewijzing) -> str:
    """TR379: the ReferentieAanbieder of the JW315 the allocation's referral honoured, if any."""
    verzoeken = Toewijzingsverzoek.objects.filter(verwijzing_id=toewijzing.verwijzing_id)
    return verzoeken.values_list("referentie_aanbieder", flat=True).first() or ""


def _jw301(toewijzing: Toewijzing, onderwerpen: Mapping[int, str], gebeurtenis: Gebeurtenis) -> Uitgaand:
    sleutel = {"jeugdige_id": toewijzing.jeugdige_id, "aanbieder_id": toewijzing.aanbieder_id}
    vorige = (
        Bericht.objects.filter(richting=Richting.UIT, berichttype=Berichttype.JW301, **sleutel)
        .filter(gemeente_id=toewijzing.gemeente_id)
        .exclude(oorzaak=f"gebeurtenis:{gebeurtenis.pk}")
        .order_by("-aangemaakt", "-id")
        .values_list("aangemaakt", flat=True)
        .first()
    )
    dag, identificatie = vandaag(), nieuwe_identificatie()
    producten = jw301.selecteer(
        **sleutel, gemeente_id=toewijzing.gemeente_id, onderwerpen=onderwerpen, vandaag=dag, vorige=vorige
    )
    root = jw301.bouw(
        gemeente=toewijzing.gemeente,
        aanbieder=toewijzing.aanbieder,
        jeugdige=toewijzing.jeugdige,
        producten=producten,
        identificatie=identificatie,
        dagtekening=dag,
    )
    return Uitgaand(
        root,
        Berichttype.JW301,
        toewijzing.gemeente,
        toewijzing.aanbieder,
        identificatie,
        toewijzing.jeugdige_id,
        toewijzing_id=next(iter(onderwerpen)),
    )


def _aanpassing(gebeurtenis: Gebeurtenis) -> Uitgaand | str:
    aanvraag = Aanpassingsaanvraag.objects.select_related("verwijzing__gemeente", "verwijzing__aanbieder").get(
        pk=gebeurtenis.object_id
    )
    if aanvraag.status == AanpassingStatus.AFGEWEZEN:
        return _antwoord(gebeurtenis, aanvraag=aanvraag)
    if not aanpassing_wijzigt(aanvraag):
        return (
            "Het besluit wijzigt geen toewijzing van deze aanbieder (bij meerdere aanbieders krijgt de tweede "
            "aanbieder er een)."
        )
    toewijzingen = list(Toewijzing.objects.filter(keuzebudget__verwijzing=aanvraag.verwijzing_id).order_by("pk"))
    if not toewijzingen:
        return "Nog geen toewijzing op dit keuzebudget: besluit bij de screening."
    referentie = aanvraag.referentie_aanbieder
    return _jw301(toewijzingen[0], {t.pk: referentie for t in toewijzingen}, gebeurtenis)


def _antwoord(gebeurtenis: Gebeurtenis, *, aanvraag: Aanpassingsaanvraag | None = None) -> Uitgaand | str:
    """JW319 on a JW315 (toewijzingsverzoek) or a JW317 (aanpassingsaanvraag with a reference)."""
    antwoord = VerzoekAntwoord.IN_ONDERZOEK if gebeurtenis.gebeurtenis == IN_ONDERZOEK else VerzoekAntwoord.AFGEWEZEN
    woonplaatsgemeente = ""
    if gebeurtenis.objecttype == "toewijzingsverzoek":
        verzoek = Toewijzingsverzoek.objects.select_related("gemeente", "aanbieder", "jeugdige").get(
            pk=gebeurtenis.object_id
        )
        gemeente, aanbieder, referentie = verzoek.gemeente, verzoek.aanbieder, verzoek.referentie_aanbieder
        jeugdige_id, toewijzing_id = verzoek.jeugdige_id, None
        reden = gebeurtenis.gegevens.get("reden") or verzoek.reden_afwijzing
        if reden == jw319.WOONPLAATSBEGINSEL:
            # R-D3: the municipality the woonplaatsbeginsel names (before a stay: the address before it)
            verantwoordelijk = verantwoordelijke_gemeente(verzoek.jeugdige, verzoek.ingangsdatum).gemeente_id
            woonplaatsgemeente = (
                verantwoordelijk is not None
                and Gemeente.objects.filter(pk=verantwoordelijk).values_list("cbs_code", flat=True).first()
            ) or ""
    else:
        aanvraag = aanvraag or Aanpassingsaanvraag.objects.select_related(
            "verwijzing__gemeente", "verwijzing__aanbieder"
        ).get(pk=gebeurtenis.object_id)
        if not aanvraag.referentie_aanbieder:
            return "Aanvraag buiten iJw (geen ReferentieAanbieder): geen JW319."
        gemeente, aanbieder = aanvraag.verwijzing.gemeente, aanvraag.verwijzing.aanbieder
        referentie, jeugdige_id, toewijzing_id = (
            aanvraag.referentie_aanbieder,
            aanvraag.verwijzing.jeugdige_id,
            aanvraag.toewijzing_id,
        )
        reden = gebeurtenis.gegevens.get("reden_afwijzing") or REDEN_AANPASSING_AFGEWEZEN
    identificatie = nieuwe_identificatie()
    root = jw319.bouw(
        afzender=gemeente.cbs_code,
        ontvanger=aanbieder.agb_code,
        identificatie=identificatie,
        dagtekening=vandaag(),
        referentie=referentie,
        antwoord=antwoord,
        reden=str(reden) if antwoord == VerzoekAntwoord.AFGEWEZEN else "",
        woonplaatsgemeente=woonplaatsgemeente,
    )
    return Uitgaand(root, Berichttype.JW319, gemeente, aanbieder, identificatie, jeugdige_id, toewijzing_id)
