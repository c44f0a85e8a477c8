"""Write-side of bezwaar and beroep (issue 20 §3, R-D2). Keyword-only, the acting user as
``door``, one transaction each, every date the server's (``vandaag``), an event row and an audit
row per change; a broken rule raises ``DomainError`` with a Dutch message and writes nothing.

Awb in short: the objection term is 6 weeks after the letter was sent (6:7, 6:8); a late
objection is registered as late and declared niet-ontvankelijk unless the lateness is excusable
(6:11); the objector is heard (7:2) unless that is not needed (7:3); an advisory committee
advises first where one is used (7:13); the decision term is 6 weeks, 12 with a committee, once
extendable by 6 (7:10); the decision is motivated (7:12). ``termijnen`` does the arithmetic."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag

from . import herstel, termijnen
from .constants import BEZWAAR_OVERGANGEN, BeroepStatus, Bezwaargebeurtenissoort, BezwaarStatus, Foutcode, Uitkomst
from .models import Beroep, Bezwaar, Bezwaargebeurtenis
from .policies import mag_bezwaar_behandelen


def _vereis_toegang(gemeente_id: int, door) -> None:
    if not mag_bezwaar_behandelen(door, gemeente_id):
        raise DomainError(
            Foutcode.ROL, "Alleen de toegang van de gemeente die het besluit nam, behandelt dit bezwaar.", field="door"
        )


def _gebeurtenis(bezwaar: Bezwaar, soort: Bezwaargebeurtenissoort, door, **gegevens) -> None:
    Bezwaargebeurtenis.objects.create(
        bezwaar=bezwaar, soort=soort, door=door if getattr(door, "is_authenticated", False) else None, gegevens=gegevens
    )


def _log(bezwaar: Bezwaar, actie: Actie, door, context, details: str) -> None:
    log(
        actie=actie,
        objecttype=Bezwaar._meta.label,
        object_id=bezwaar.pk,
        door=door,
        context=context,
        jeugdige=bezwaar.jeugdige,
        details=details,
    )


def _open(bezwaar: Bezwaar, door) -> Bezwaar:
    """Lock the row (one of two concurrent steps wins), then who and whether it still runs."""
    bezwaar = Bezwaar.objects.select_for_update(of=("self",)).select_related("beschikking").get(pk=bezwaar.pk)
    _vereis_toegang(bezwaar.gemeente_id, door)
    if not BEZWAAR_OVERGANGEN[BezwaarStatus(bezwaar.status)]:
        raise DomainError(
            Foutcode.OVERGANG,
            f"Dit bezwaar is {bezwaar.get_status_display().lower()}: er kan niets meer aan veranderen.",
            field="status",
        )
    return bezwaar


def _tekst(waarde: str, code: Foutcode, melding: str, veld: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise DomainError(code, melding, field=veld)
    return waarde


@transaction.atomic
def registreer_bezwaar(
    *,
    beschikking: Beschikking,
    indiener: str,
    gronden: str,
    door,
    ter_post_op: date | None = None,
    adviescommissie: bool = False,
    context=None,
) -> Bezwaar:
    """R-D2: register an objection received today. Its terms are fixed now; a late one is
    registered all the same, marked late (Awb 6:11: niet-ontvankelijk unless excusable)."""
    beschikking = Beschikking.objects.select_for_update().get(pk=beschikking.pk)
    _vereis_toegang(beschikking.gemeente_id, door)
    if beschikking.verzonden_op is None:
        raise DomainError(
            Foutcode.NIET_VERZONDEN,
            "Deze beschikking is nog niet verzonden. Leg eerst de verzending vast: de bezwaartermijn begint de dag "
            "daarna.",
            field="beschikking",
        )
    indiener = _tekst(indiener, Foutcode.GRONDEN, "Vul in wie het bezwaar maakt.", "indiener")
    gronden = _tekst(gronden, Foutcode.GRONDEN, "Vul de gronden in: waarom is de indiener het niet eens?", "gronden")
    ontvangen_op = vandaag()
    if ter_post_op is not None and not (beschikking.verzonden_op <= ter_post_op <= ontvangen_op):
        raise DomainError(
            Foutcode.POSTDATUM,
            f"De datum van het poststempel moet tussen de verzending van de beschikking "
            f"({beschikking.verzonden_op:%d-%m-%Y}) en vandaag liggen.",
            field="ter_post_op",
        )
    if Bezwaar.objects.lopend().filter(beschikking=beschikking).exists():
        raise DomainError(
            Foutcode.DUBBEL,
            "Tegen deze beschikking loopt al een bezwaar. Voeg deze gronden toe aan dat bezwaar.",
            field="beschikking",
        )
    t = termijnen.termijnen(
        verzonden_op=beschikking.verzonden_op,
        ontvangen_op=ontvangen_op,
        ter_post_op=ter_post_op,
        adviescommissie=adviescommissie,
    )
    bezwaar = Bezwaar.objects.create(
        gemeente_id=beschikking.gemeente_id,
        jeugdige_id=beschikking.jeugdige_id,
        beschikking=beschikking,
        nummer=f"tijdelijk-{beschikking.pk}-{ontvangen_op:%Y%m%d}",
        indiener=indiener,
        gronden=gronden,
        ontvangen_op=ontvangen_op,
        ter_post_op=ter_post_op,
        einde_bezwaartermijn=t.einde_bezwaartermijn,
        tijdig=t.tijdig,
        adviescommissie=adviescommissie,
        einde_beslistermijn=t.einde_beslistermijn,
        geregistreerd_door=door,
    )
    bezwaar.nummer = f"BZ-{ontvangen_op:%Y}-{bezwaar.pk:05d}"
    bezwaar.save(update_fields=["nummer"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.ONTVANGEN, door, beschikking_id=beschikking.pk, tijdig=t.tijdig)
    _log(bezwaar, Actie.AANMAKEN, door, context, f"bezwaar tegen beschikking {beschikking.pk}")
    return bezwaar


@transaction.atomic
def verklaar_verschoonbaar(*, bezwaar: Bezwaar, motivering: str, door, context=None) -> Bezwaar:
    """Awb 6:11: the lateness of a late objection is excusable, with the reason; it is then
    handled like one on time."""
    bezwaar = _open(bezwaar, door)
    if bezwaar.tijdig:
        raise DomainError(
            Foutcode.OVERGANG, "Dit bezwaar is op tijd: er is niets te verschonen.", field="verschoonbaar"
        )
    bezwaar.verschoonbaar_motivering = _tekst(
        motivering, Foutcode.MOTIVERING, "Leg uit waarom de termijnoverschrijding verschoonbaar is.", "motivering"
    )
    bezwaar.verschoonbaar = True
    bezwaar.save(update_fields=["verschoonbaar", "verschoonbaar_motivering"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.ONTVANGEN, door, verschoonbaar=True)
    _log(bezwaar, Actie.WIJZIGEN, door, context, "termijnoverschrijding verschoonbaar")
    return bezwaar


@transaction.atomic
def registreer_hoorzitting(*, bezwaar: Bezwaar, door, context=None) -> Bezwaar:
    """Awb 7:2: the objector was heard today."""
    bezwaar = _open(bezwaar, door)
    bezwaar.gehoord_op = vandaag()
    bezwaar.save(update_fields=["gehoord_op"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.GEHOORD, door)
    _log(bezwaar, Actie.WIJZIGEN, door, context, "hoorzitting gehouden")
    return bezwaar


@transaction.atomic
def zie_af_van_horen(*, bezwaar: Bezwaar, reden: str, door, context=None) -> Bezwaar:
    """Awb 7:3: no hearing (e.g. the objection is manifestly inadmissible or fully met, or the
    objector waived it), with the reason."""
    bezwaar = _open(bezwaar, door)
    bezwaar.horen_afgezien_reden = _tekst(
        reden, Foutcode.MOTIVERING, "Geef de reden waarom de indiener niet wordt gehoord.", "reden"
    )
    bezwaar.save(update_fields=["horen_afgezien_reden"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.HOREN_AFGEZIEN, door)
    _log(bezwaar, Actie.WIJZIGEN, door, context, "van horen afgezien")
    return bezwaar


@transaction.atomic
def registreer_advies(*, bezwaar: Bezwaar, advies: str, door, context=None) -> Bezwaar:
    """Awb 7:13: the advisory committee's advice, received today."""
    bezwaar = _open(bezwaar, door)
    if not bezwaar.adviescommissie:
        raise DomainError(
            Foutcode.ADVIES,
            "Dit bezwaar gaat niet naar de adviescommissie: er is geen advies te registreren.",
            field="advies",
        )
    bezwaar.advies = _tekst(advies, Foutcode.ADVIES, "Vat het advies van de commissie samen.", "advies")
    bezwaar.advies_op = vandaag()
    bezwaar.save(update_fields=["advies", "advies_op"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.ADVIES, door)
    _log(bezwaar, Actie.WIJZIGEN, door, context, "advies commissie")
    return bezwaar


@transaction.atomic
def verdaag(*, bezwaar: Bezwaar, motivering: str, door, context=None) -> Bezwaar:
    """Awb 7:10 lid 2: extend the decision term once by six weeks, while it still runs."""
    bezwaar = _open(bezwaar, door)
    op = vandaag()
    if not termijnen.mag_verdagen(
        op=op, einde=bezwaar.einde_beslistermijn, al_verdaagd=bezwaar.verdaagd_op is not None
    ):
        melding = (
            "De beslissing is al eens verdaagd: een tweede verdaging kan alleen met instemming van de indiener."
            if bezwaar.verdaagd_op is not None
            else f"De beslistermijn is op {bezwaar.einde_beslistermijn:%d-%m-%Y} verstreken: verdagen kan niet meer."
        )
        raise DomainError(Foutcode.VERDAGING, melding, field="verdagen")
    bezwaar.verdaging_motivering = _tekst(
        motivering,
        Foutcode.MOTIVERING,
        "Geef de reden van de verdaging: de indiener krijgt die te horen.",
        "motivering",
    )
    verzonden_op = bezwaar.beschikking.verzonden_op
    assert verzonden_op is not None  # an objection is registered only against a sent letter
    bezwaar.einde_beslistermijn = termijnen.einde_beslistermijn(
        verzonden_op=verzonden_op,
        ontvangen_op=bezwaar.ontvangen_op,
        adviescommissie=bezwaar.adviescommissie,
        verdaagd=True,
    )
    bezwaar.verdaagd_op = op
    bezwaar.save(update_fields=["einde_beslistermijn", "verdaagd_op", "verdaging_motivering"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.VERDAAGD, door, tot=bezwaar.einde_beslistermijn.isoformat())
    _log(bezwaar, Actie.WIJZIGEN, door, context, "beslissing verdaagd")
    return bezwaar


def _controleer_beslissing(bezwaar: Bezwaar, uitkomst: Uitkomst) -> None:
    if uitkomst == Uitkomst.NIET_ONTVANKELIJK:
        return
    if not bezwaar.ontvankelijk_qua_termijn:
        raise DomainError(
            Foutcode.TE_LAAT,
            f"Dit bezwaar kwam te laat (de termijn liep tot en met {bezwaar.einde_bezwaartermijn:%d-%m-%Y}) en de "
            "overschrijding is niet verschoonbaar verklaard. Verklaar het niet-ontvankelijk, of leg eerst vast "
            "waarom de overschrijding verschoonbaar is.",
            field="uitkomst",
        )
    if bezwaar.adviescommissie and bezwaar.advies_op is None:
        raise DomainError(Foutcode.ADVIES, "Registreer eerst het advies van de adviescommissie.", field="uitkomst")
    if uitkomst == Uitkomst.ONGEGROND and bezwaar.gehoord_op is None and not bezwaar.horen_afgezien_reden:
        raise DomainError(
            Foutcode.HOREN,
            "Hoor de indiener eerst, of leg vast waarom horen niet nodig is.",
            field="uitkomst",
        )


@transaction.atomic
def beslis_op_bezwaar(
    *,
    bezwaar: Bezwaar,
    uitkomst: Uitkomst | str,
    motivering: str,
    door,
    herverwijzing: herstel.Herverwijzing | None = None,
    context=None,
) -> Bezwaar:
    """R-D2: decide, motivated (Awb 7:12), on the server's date. Gegrond: the original decision
    is re-made through the route's normal service (``herstel``) in the same transaction: the
    referral for a refused request or submission or a withdrawn allocation (its allocation then
    gets its own beschikking); any other decision the toegang re-makes on the route's page, and
    the bezwaar waits on the worklist for its new beschikking. A refusal by the route undoes
    the decision on the objection too."""
    bezwaar = _open(bezwaar, door)
    if uitkomst not in Uitkomst.values:
        raise DomainError(
            Foutcode.MOTIVERING, "Kies de uitkomst: gegrond, ongegrond of niet-ontvankelijk.", field="uitkomst"
        )
    uitkomst = Uitkomst(uitkomst)
    motivering = _tekst(
        motivering,
        Foutcode.MOTIVERING,
        "Motiveer de beslissing op het bezwaar: de indiener moet weten waarom.",
        "motivering",
    )
    _controleer_beslissing(bezwaar, uitkomst)
    op = vandaag()
    if uitkomst == Uitkomst.GEGROND and herstel.wordt_herverwezen(bezwaar.beschikking, op=op):
        verwijzing = herstel.herverwijs(
            beschikking=bezwaar.beschikking,
            herverwijzing=herverwijzing or _voorstel(bezwaar),
            datum=op,
            door=door,
            context=context,
        )
        bezwaar.nieuwe_verwijzing = verwijzing
        _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.NIEUW_BESLUIT, door, verwijzing_id=verwijzing.pk)
    bezwaar.status = BezwaarStatus.BESLOTEN
    bezwaar.uitkomst = uitkomst
    bezwaar.motivering = motivering
    bezwaar.besloten_op = op
    bezwaar.besloten_door = door
    bezwaar.save(
        update_fields=["status", "uitkomst", "motivering", "besloten_op", "besloten_door", "nieuwe_verwijzing"]
    )
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.BESLOTEN, door, uitkomst=str(uitkomst))
    _log(bezwaar, Actie.WIJZIGEN, door, context, f"beslissing op bezwaar: {uitkomst}")
    return bezwaar


def _voorstel(bezwaar: Bezwaar) -> herstel.Herverwijzing:
    voorstel = herstel.voorstel(bezwaar.beschikking)
    assert voorstel is not None
    return voorstel


@transaction.atomic
def trek_bezwaar_in(*, bezwaar: Bezwaar, door, context=None) -> Bezwaar:
    """Awb 6:21: the objector withdraws; the original decision stands."""
    bezwaar = _open(bezwaar, door)
    bezwaar.status = BezwaarStatus.INGETROKKEN
    bezwaar.save(update_fields=["status"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.INGETROKKEN, door)
    _log(bezwaar, Actie.WIJZIGEN, door, context, "bezwaar ingetrokken")
    return bezwaar


@transaction.atomic
def koppel_nieuw_besluit(*, bezwaar: Bezwaar, beschikking: Beschikking, door, context=None) -> Bezwaar:
    """R-D2: a gegrond objection whose new decision the toegang took on the route's own page:
    link that decision's beschikking (same child, made on or after the decision on the
    objection, not the original)."""
    bezwaar = Bezwaar.objects.select_for_update(of=("self",)).get(pk=bezwaar.pk)
    _vereis_toegang(bezwaar.gemeente_id, door)
    if not bezwaar.wacht_op_nieuw_besluit:
        raise DomainError(Foutcode.HERSTEL, "Dit bezwaar wacht niet op een nieuw besluit.", field="beschikking")
    assert bezwaar.besloten_op is not None
    past = (
        beschikking.jeugdige_id == bezwaar.jeugdige_id
        and beschikking.gemeente_id == bezwaar.gemeente_id
        and beschikking.pk != bezwaar.beschikking_id
        and beschikking.datum >= bezwaar.besloten_op
    )
    if not past:
        raise DomainError(
            Foutcode.HERSTEL,
            "Kies een beschikking van dezelfde jeugdige die na de beslissing op bezwaar is gemaakt.",
            field="beschikking",
        )
    bezwaar.nieuwe_beschikking = beschikking
    bezwaar.save(update_fields=["nieuwe_beschikking"])
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.NIEUW_BESLUIT, door, beschikking_id=beschikking.pk)
    _log(bezwaar, Actie.WIJZIGEN, door, context, f"nieuw besluit: beschikking {beschikking.pk}")
    return bezwaar


@transaction.atomic
def registreer_beroep(*, bezwaar: Bezwaar, rechtbank: str, zaaknummer: str = "", door, context=None) -> Beroep:
    """R-D2: the objector appealed to the court against the decision on the objection; the
    municipality learned of it today. Late when after the appeal term (Awb 6:7): registered and
    marked, the court decides."""
    bezwaar = Bezwaar.objects.select_for_update(of=("self",)).get(pk=bezwaar.pk)
    _vereis_toegang(bezwaar.gemeente_id, door)
    if bezwaar.status != BezwaarStatus.BESLOTEN:
        raise DomainError(Foutcode.BEROEP, "Beroep kan pas na de beslissing op het bezwaar.", field="rechtbank")
    if Beroep.objects.filter(bezwaar=bezwaar).exists():
        raise DomainError(Foutcode.BEROEP, "Het beroep tegen deze beslissing is al geregistreerd.", field="rechtbank")
    rechtbank = _tekst(rechtbank, Foutcode.BEROEP, "Vul de rechtbank in.", "rechtbank")
    op = vandaag()
    assert bezwaar.besloten_op is not None
    beroep = Beroep.objects.create(
        bezwaar=bezwaar,
        rechtbank=rechtbank,
        zaaknummer=(zaaknummer or "").strip(),
        ingesteld_op=op,
        tijdig=op <= termijnen.einde_beroepstermijn(bezwaar.besloten_op),
        geregistreerd_door=door,
    )
    _gebeurtenis(bezwaar, Bezwaargebeurtenissoort.BEROEP_INGESTELD, door, beroep_id=beroep.pk, tijdig=beroep.tijdig)
    _log(bezwaar, Actie.AANMAKEN, door, context, f"beroep {beroep.pk}")
    return beroep


@transaction.atomic
def registreer_uitspraak(*, beroep: Beroep, uitkomst: Uitkomst | str, toelichting: str, door, context=None) -> Beroep:
    """R-D2: the court's judgment, registered today."""
    beroep = Beroep.objects.select_for_update(of=("self",)).select_related("bezwaar").get(pk=beroep.pk)
    _vereis_toegang(beroep.bezwaar.gemeente_id, door)
    if beroep.status != BeroepStatus.INGESTELD:
        raise DomainError(Foutcode.BEROEP, "De uitspraak is al geregistreerd.", field="uitkomst")
    if uitkomst not in Uitkomst.values:
        raise DomainError(Foutcode.BEROEP, "Kies de uitkomst van de uitspraak.", field="uitkomst")
    beroep.uitkomst = Uitkomst(uitkomst)
    beroep.toelichting = (toelichting or "").strip()
    beroep.uitspraak_op = vandaag()
    beroep.status = BeroepStatus.UITSPRAAK
    beroep.save(update_fields=["uitkomst", "toelichting", "uitspraak_op", "status"])
    _gebeurtenis(beroep.bezwaar, Bezwaargebeurtenissoort.UITSPRAAK, door, uitkomst=str(beroep.uitkomst))
    _log(beroep.bezwaar, Actie.WIJZIGEN, door, context, f"uitspraak beroep {beroep.pk}")
    return beroep
