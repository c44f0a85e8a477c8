"""Write-side of casusregie (issue 22 §4, R-R3). Keyword-only, the acting user as ``door``, the
request's audit context as ``context`` (never a request), one transaction each with the casus row
locked, every date the server's (``vandaag``), an audit row per change; a broken rule raises
``DomainError`` (``constants.Foutcode``, CSR001–CSR011) with a Dutch message and writes nothing.

The seed (004 §2.3): four steps — vraaganalyse, resultaat, middelen, toetsing — with one named
casusregisseur, the family's fixed contact, who coordinates and adjusts the trajectory, scales
down by securing the conditions at home (wonen, werk, schulden …) and keeps a waakvlam for
chronic, lifelong situations. Voluntary care: the local team's worker; during a measure: the GI.
Whether the region works this way and the waakvlam interval are rule-set parameters (R-R1)."""

from __future__ import annotations

from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.organisaties.models import Gemeente
from jeugdregie.organisaties.regelset import regels
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

from .constants import FASE_OVERGANGEN, Fase, Foutcode, Stap, Toetsuitkomst, Voorwaarde
from .models import Casus, Casusstap, Regiewissel, Waakvlamcontrole
from .policies import (
    is_casusregisseur,
    kan_casusregisseur_zijn,
    mag_casus_inzien,
    mag_casus_openen,
    mag_regisseur_wisselen,
)


def _log(casus: Casus, actie: Actie, door, context, details: str) -> None:
    log(
        actie=actie,
        objecttype=Casus._meta.label,
        object_id=casus.pk,
        door=door,
        context=context,
        jeugdige=casus.jeugdige,
        details=details,
    )


def _tekst(waarde: str, melding: str, veld: str, code: Foutcode = Foutcode.INHOUD) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise DomainError(code, melding, field=veld)
    return waarde


def gi_met_maatregel(jeugdige_id: int, *, op) -> set[int]:
    """The GIs (``Verwijzer`` ids) holding a running measure (OTS, voogdij) for the child on
    ``op``: an allocation with a ``maatregel`` that runs that day, on the GI's bepaling."""
    return set(
        Toewijzing.objects.filter(jeugdige_id=jeugdige_id, verwijzing__verwijzer__isnull=False)
        .exclude(maatregel="")
        .actief_op(op)
        .values_list("verwijzing__verwijzer_id", flat=True)
    )


def _vereis_regisseur_mogelijk(kandidaat, *, gemeente_id: int, jeugdige_id: int, op) -> None:
    gi = gi_met_maatregel(jeugdige_id, op=op)
    if not kan_casusregisseur_zijn(kandidaat, gemeente_id=gemeente_id, gi_met_maatregel=gi):
        raise DomainError(
            Foutcode.REGISSEUR,
            "Kies als casusregisseur een medewerker van de toegang van deze gemeente, of een medewerker van de GI "
            "als die een lopende maatregel (OTS of voogdij) voor deze jeugdige uitvoert.",
            field="casusregisseur",
        )


def _vereis_actief(gemeente: Gemeente, op) -> None:
    if not regels(gemeente.regio_id, op).casusregie_actief:  # R-R1: the rule set valid today
        raise DomainError(
            Foutcode.NIET_ACTIEF,
            "Deze regio werkt (nog) niet met casusregie in het systeem. De functioneel beheerder zet casusregie aan "
            "in de regelset.",
            field="jeugdige",
        )


@transaction.atomic
def open_casus(*, jeugdige: Jeugdige, gemeente: Gemeente, casusregisseur, door, context=None) -> Casus:
    """R-R3: the toegang of the responsible municipality opens casusregie for the child and
    names its casusregisseur. Refused in a region whose rule set has casusregie off, for a child
    the municipality is not responsible for today, with a second open casus, or with a
    casusregisseur of another organisation (or a GI without the measure)."""
    if not mag_casus_openen(door, gemeente.pk):
        raise DomainError(
            Foutcode.ROL, "Alleen de toegang van de verantwoordelijke gemeente opent casusregie.", field="door"
        )
    op = vandaag()
    _vereis_actief(gemeente, op)
    jeugdige = Jeugdige.objects.select_for_update().get(pk=jeugdige.pk)  # one opener per child at a time
    if not Jeugdige.objects.verantwoordelijk(gemeente.pk, op).filter(pk=jeugdige.pk).exists():
        raise DomainError(
            Foutcode.JEUGDIGE,
            f"{gemeente.naam} is vandaag niet verantwoordelijk voor deze jeugdige; casusregie opent de gemeente "
            "waar de jeugdige woont (woonplaatsbeginsel).",
            field="jeugdige",
        )
    if Casus.objects.open().filter(jeugdige=jeugdige, gemeente=gemeente).exists():
        raise DomainError(
            Foutcode.DUBBEL,
            "Voor deze jeugdige loopt al casusregie. Ga verder in die casus, of wissel daar de casusregisseur.",
            field="jeugdige",
        )
    _vereis_regisseur_mogelijk(casusregisseur, gemeente_id=gemeente.pk, jeugdige_id=jeugdige.pk, op=op)
    try:
        with transaction.atomic():
            casus = Casus.objects.create(
                jeugdige=jeugdige,
                gemeente=gemeente,
                casusregisseur=casusregisseur,
                geopend_op=op,
                geopend_door=door,
            )
    except IntegrityError:  # a concurrent opener won (constraint casus_een_open)
        raise DomainError(Foutcode.DUBBEL, "Voor deze jeugdige loopt al casusregie.", field="jeugdige") from None
    _log(casus, Actie.AANMAKEN, door, context, f"casus geopend; casusregisseur {casusregisseur.pk}")
    return casus


def _casus(casus: Casus, door, *, fase: Fase | None = None) -> Casus:
    """Lock the row (one of two concurrent changes wins), then who and the phase."""
    casus = Casus.objects.select_for_update(of=("self",)).select_related("jeugdige").get(pk=casus.pk)
    if not is_casusregisseur(door, casus):
        raise DomainError(
            Foutcode.ROL,
            "Alleen de casusregisseur van deze casus legt dit vast. Is dat iemand anders geworden, dan vraagt u de "
            "toegang om de casusregie aan u over te dragen.",
            field="door",
        )
    if fase is not None and casus.fase != fase:
        raise DomainError(
            Foutcode.FASE,
            f"Deze casus is {casus.get_fase_display().lower()}: dit kan nu niet.",
            field="fase",
        )
    return casus


def _verwijzingen(casus: Casus, verwijzingen: Iterable[Verwijzing]) -> list[Verwijzing]:
    gekozen = list(verwijzingen or [])
    if any(v.jeugdige_id != casus.jeugdige_id for v in gekozen):
        raise DomainError(Foutcode.VERWIJZING, "Kies alleen verwijzingen van deze jeugdige.", field="verwijzingen")
    return gekozen


@transaction.atomic
def leg_stap_vast(
    *,
    casus: Casus,
    stap: Stap | int,
    inhoud: str,
    door,
    uitkomst: Toetsuitkomst | str = "",
    verwijzingen: Iterable[Verwijzing] = (),
    context=None,
) -> Casusstap:
    """R-R3: the casusregisseur records the next step. In order within a ronde (2 needs 1, 3
    needs 2, 4 needs 3); step 4 carries its outcome. After a toetsing "deels" or "niet bereikt" a
    new ronde starts at step 2 (a new result) or 3 (other means), as the casusregisseur
    chooses; after "bereikt" the casus is scaled down (``schaal_af``)."""
    casus = _casus(casus, door, fase=Fase.LOPEND)
    if stap not in Stap.values:
        raise DomainError(Foutcode.VOLGORDE, "Kies stap 1, 2, 3 of 4.", field="stap")
    stap = Stap(stap)
    toegestaan = casus.volgende_stappen
    if stap not in toegestaan:
        if casus.mag_afschalen:
            melding = "Het resultaat is bereikt: schaal af of zet de casus op de waakvlam."
        elif len(toegestaan) == 1:
            melding = (
                f"Stap {stap.value} is nog niet aan de beurt: leg eerst stap {toegestaan[0]} "
                f"({Stap(toegestaan[0]).label}) vast."
            )
        else:
            melding = (
                "Het resultaat is niet (helemaal) bereikt: begin een nieuwe ronde bij stap 2 (resultaat) of stap 3 "
                "(middelen)."
            )
        raise DomainError(Foutcode.VOLGORDE, melding, field="stap")
    inhoud = _tekst(inhoud, f"Beschrijf stap {stap.value}: {stap.label}", "inhoud")
    if stap == Stap.TOETSING:
        if uitkomst not in Toetsuitkomst.values:
            raise DomainError(
                Foutcode.UITKOMST, "Kies de uitkomst van de toetsing: bereikt, deels of niet bereikt.", field="uitkomst"
            )
        uitkomst = Toetsuitkomst(uitkomst)
    else:
        uitkomst = ""
    gekozen = _verwijzingen(casus, verwijzingen) if stap == Stap.MIDDELEN else []
    if casus.laatste_stap == Stap.TOETSING:  # a new ronde after "deels" or "niet bereikt"
        casus.ronde += 1
    rij = Casusstap.objects.create(
        casus=casus, stap=stap, ronde=casus.ronde, inhoud=inhoud, uitkomst=uitkomst, door=door
    )
    if gekozen:
        rij.verwijzingen.set(gekozen)
    casus.laatste_stap = stap
    casus.laatste_uitkomst = uitkomst
    casus.save(update_fields=["ronde", "laatste_stap", "laatste_uitkomst"])
    _log(casus, Actie.WIJZIGEN, door, context, f"ronde {casus.ronde} stap {stap.value} {uitkomst}".strip())
    return rij


def _volgende_controle(casus: Casus, op):
    """R-R1: the interval of the rule set valid on the day of the check."""
    maanden = regels(casus.gemeente.regio_id, op).waakvlam_controle_maanden
    return op + relativedelta(months=maanden)


@transaction.atomic
def schaal_af(
    *,
    casus: Casus,
    voorwaarden: Iterable[str],
    toelichting: str = "",
    waakvlam: bool = False,
    door,
    context=None,
) -> Casus:
    """R-R3: after a toetsing "bereikt" the casusregisseur records the conditions secured in the
    family's context (wonen, werk en inkomen, schulden, school, anders: explained) and closes
    the casus, or, for a chronic or lifelong situation, keeps a waakvlam: the first check then
    falls the rule set's interval after today."""
    casus = _casus(casus, door, fase=Fase.LOPEND)
    if not casus.mag_afschalen:
        raise DomainError(
            Foutcode.FASE,
            "Afschalen kan na een toetsing waarin het resultaat bereikt is. Leg eerst de toetsing (stap 4) vast.",
            field="voorwaarden",
        )
    gekozen = sorted(set(voorwaarden or []))
    onbekend = [v for v in gekozen if v not in Voorwaarde.values]
    if not gekozen or onbekend:
        raise DomainError(
            Foutcode.VOORWAARDEN,
            "Kies welke voorwaarden in het gezin geregeld zijn, zoals wonen, werk en inkomen, schulden of school.",
            field="voorwaarden",
        )
    toelichting = (toelichting or "").strip()
    if Voorwaarde.ANDERS in gekozen and not toelichting:
        raise DomainError(Foutcode.VOORWAARDEN, "Licht toe welke andere voorwaarde geregeld is.", field="toelichting")
    op = vandaag()
    casus.voorwaarden = gekozen
    casus.afschaling_toelichting = toelichting
    if waakvlam:
        casus.fase = Fase.WAAKVLAM
        casus.waakvlam_controle_op = _volgende_controle(casus, op)
    else:
        casus.fase = Fase.AFGESLOTEN
        casus.afgesloten_op = op
    assert casus.fase in FASE_OVERGANGEN[Fase.LOPEND]
    casus.save(update_fields=["voorwaarden", "afschaling_toelichting", "fase", "waakvlam_controle_op", "afgesloten_op"])
    _log(casus, Actie.WIJZIGEN, door, context, f"afgeschaald: {casus.fase}; voorwaarden {','.join(gekozen)}")
    return casus


@transaction.atomic
def waakvlam_controle(*, casus: Casus, bevinding: str, door, context=None) -> Waakvlamcontrole:
    """R-R3: the casusregisseur checks a casus on the waakvlam; the next check falls the interval
    of the rule set valid today after today (R-R1)."""
    casus = _casus(casus, door, fase=Fase.WAAKVLAM)
    bevinding = _tekst(bevinding, "Beschrijf hoe het met de jeugdige en het gezin gaat.", "bevinding")
    op = vandaag()
    volgende = _volgende_controle(casus, op)
    controle = Waakvlamcontrole.objects.create(casus=casus, op=op, bevinding=bevinding, volgende_op=volgende, door=door)
    casus.waakvlam_controle_op = volgende
    casus.save(update_fields=["waakvlam_controle_op"])
    _log(casus, Actie.WIJZIGEN, door, context, f"waakvlamcontrole; volgende {volgende.isoformat()}")
    return controle


@transaction.atomic
def schaal_op(*, casus: Casus, reden: str, door, context=None) -> Casus:
    """R-R3: from the waakvlam back into casusregie: a new ronde, starting at step 1
    (vraaganalyse)."""
    casus = _casus(casus, door, fase=Fase.WAAKVLAM)
    reden = _tekst(reden, "Geef aan waarom er weer hulp nodig is.", "reden")
    casus.fase = Fase.LOPEND
    casus.ronde += 1
    casus.laatste_stap = 0
    casus.laatste_uitkomst = ""
    casus.waakvlam_controle_op = None
    casus.save(update_fields=["fase", "ronde", "laatste_stap", "laatste_uitkomst", "waakvlam_controle_op"])
    Waakvlamcontrole.objects.create(casus=casus, op=vandaag(), bevinding=reden, opgeschaald=True, door=door)
    _log(casus, Actie.WIJZIGEN, door, context, f"opgeschaald naar ronde {casus.ronde}")
    return casus


@transaction.atomic
def wissel_casusregisseur(*, casus: Casus, nieuwe, reden: str, door, context=None) -> Regiewissel:
    """R-R3: the toegang of the municipality names another casusregisseur (e.g. the GI when a
    measure starts, the local team again after it). One at a time: the former one loses access
    at once; the history is kept (``Regiewissel``)."""
    casus = Casus.objects.select_for_update(of=("self",)).select_related("jeugdige").get(pk=casus.pk)
    if not mag_regisseur_wisselen(door, casus):
        raise DomainError(Foutcode.ROL, "Alleen de toegang van de gemeente wisselt de casusregisseur.", field="door")
    if casus.fase == Fase.AFGESLOTEN:
        raise DomainError(
            Foutcode.FASE, "Deze casus is afgesloten: er is geen casusregisseur meer nodig.", field="fase"
        )
    if nieuwe is None or nieuwe.pk == casus.casusregisseur_id:
        raise DomainError(Foutcode.REGISSEUR, "Kies een andere casusregisseur dan de huidige.", field="casusregisseur")
    _vereis_regisseur_mogelijk(nieuwe, gemeente_id=casus.gemeente_id, jeugdige_id=casus.jeugdige_id, op=vandaag())
    reden = _tekst(reden, "Geef de reden van de wissel.", "reden")
    wissel = Regiewissel.objects.create(
        casus=casus, van_id=casus.casusregisseur_id, naar=nieuwe, door=door, reden=reden
    )
    casus.casusregisseur = nieuwe
    casus.save(update_fields=["casusregisseur"])
    _log(casus, Actie.WIJZIGEN, door, context, f"casusregisseur {wissel.van_id} -> {nieuwe.pk}")
    return wissel


def lees_casus(*, casus: Casus, door, context=None) -> Casus:
    """R-R3, R-P2: a read of the casus outside a page (a page's reads are logged by
    ``PaginaMixin``): refused for anyone but the casusregisseur and the toegang, logged. Read
    afresh: the caller's copy may name a former casusregisseur."""
    casus = Casus.objects.select_related("jeugdige").get(pk=casus.pk)
    if not mag_casus_inzien(door, casus):
        raise DomainError(Foutcode.ROL, "U kunt deze casus niet inzien.", field="door")
    _log(casus, Actie.LEZEN, door, context, "casus gelezen")
    return casus
