"""Writing the assignment and note of a worklist item (issue 19 §1). The only code that writes
``Werktoewijzing`` rows; audit-logged like every other change (R-P2)."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.toewijzingen.werkvoorraad import Werkvoorraad

from .models import Werktoewijzing
from .policies.werkvoorraad import mag_toegewezen_worden, organisatie_van

NOTITIE_MAX = 500
#: Nine digits in a row, or split by single spaces, dots, commas, slashes, dashes or underscores:
#: what a BSN looks like. A note is shown to every colleague and exported: it never holds a BSN (R-P3).
_BSN_ACHTIG = re.compile(r"(?<!\d)\d(?:[ .,/_\-]?\d){8}(?!\d)")


class Fout(TextChoices):
    NIET_IN_WERKVOORRAAD = "niet_in_werkvoorraad", "Het item staat niet op deze werkvoorraad."
    GEEN_COLLEGA = "geen_collega", "Alleen een collega van de eigen organisatie met dezelfde rol."
    NOTITIE_TE_LANG = "notitie_te_lang", "De notitie is te lang."
    NOTITIE_BSN = "notitie_bsn", "Een notitie bevat geen BSN."


def wijs_werkitem_toe(
    *, werkvoorraad: Werkvoorraad, sleutel: str, toegewezen_aan, notitie: str, door, context=None
) -> Werktoewijzing:
    """Assign the item ``sleutel`` (``soort:pk``) of ``door``'s worklist to a colleague (or to
    nobody: ``toegewezen_aan=None``) with a short note. ``werkvoorraad`` is the list as ``door``
    may see it (``policies.werkvoorraad.werkvoorraad_van``); the item must be on it. The note is
    at most 500 characters and holds no BSN-like number."""
    soort, _, pk = sleutel.partition(":")
    if not pk.isdigit() or not werkvoorraad.bevat(soort, int(pk)):
        raise DomainError(Fout.NIET_IN_WERKVOORRAAD, gettext("Dit item staat niet (meer) op deze werkvoorraad."))
    if toegewezen_aan is not None and not mag_toegewezen_worden(door, toegewezen_aan):
        raise DomainError(
            Fout.GEEN_COLLEGA,
            gettext("U kunt een item alleen toewijzen aan een collega van uw eigen organisatie met dezelfde rol."),
            field="toegewezen_aan",
        )
    notitie = (notitie or "").strip()
    if len(notitie) > NOTITIE_MAX:
        raise DomainError(
            Fout.NOTITIE_TE_LANG,
            gettext("De notitie is te lang: hooguit %(max)s tekens.") % {"max": NOTITIE_MAX},
            field="notitie",
        )
    if _BSN_ACHTIG.search(notitie):
        raise DomainError(
            Fout.NOTITIE_BSN,
            gettext("Zet geen BSN of ander nummer van 9 cijfers in een notitie; noem het verwijzingsnummer."),
            field="notitie",
        )
    organisatie = organisatie_van(door)
    with transaction.atomic():
        rij, nieuw = Werktoewijzing.objects.select_for_update().get_or_create(
            soort=soort,
            object_id=int(pk),
            organisatie=organisatie,
            defaults={"gewijzigd_op": timezone.now(), "gewijzigd_door": door},
        )
        rij.toegewezen_aan = toegewezen_aan
        rij.notitie = notitie
        rij.gewijzigd_op = timezone.now()
        rij.gewijzigd_door = door
        rij.save()
        log(
            actie=Actie.AANMAKEN if nieuw else Actie.WIJZIGEN,
            objecttype=Werktoewijzing._meta.label,
            object_id=rij.pk,
            door=door,
            context=context,
            # ids only: never the note's text (it is free text)
            details=f"werkvoorraad {werkvoorraad.slug}, item {soort}:{pk}, toegewezen aan "
            f"{toegewezen_aan.pk if toegewezen_aan else '-'}, notitie {len(notitie)} tekens",
        )
    return rij


def koppel_toewijzingen(gebruiker, items) -> None:
    """Set each item's ``toewijzing`` (the assignment and note of ``gebruiker``'s organisation),
    in one query."""
    organisatie = organisatie_van(gebruiker)
    if not items or not organisatie:
        return
    soorten = {i.soort for i in items}
    rijen = Werktoewijzing.objects.filter(
        organisatie=organisatie, soort__in=soorten, object_id__in={i.pk for i in items}
    ).select_related("toegewezen_aan")
    per_sleutel = {f"{r.soort}:{r.object_id}": r for r in rijen}
    for item in items:
        item.toewijzing = per_sleutel.get(item.sleutel)


def kaarten(gebruiker, lijsten: list[Werkvoorraad], *, context) -> list[tuple[Werkvoorraad, list]]:
    """The home page's worklist cards (issue 19 §1): each list with its first items
    (``OP_KAART``), named as ``gebruiker`` may see them, with their assignment and note. The
    cards name children (initials and age), so showing them is a read of personal data and is
    logged like a list page (R-P2, R-P6): one row naming the young people on the cards. No row
    when no card names a child."""
    from jeugdregie.audit.toegangslog import gezocht
    from jeugdregie.toewijzingen.werkitem import OP_KAART

    uitkomst, genoemd = [], []
    for lijst in lijsten:
        items = lijst.werkitems(gebruiker, limiet=OP_KAART) if lijst.aantal else []
        koppel_toewijzingen(gebruiker, items)
        uitkomst.append((lijst, items))
        genoemd += [item.jeugdige for item in items if item.jeugdige is not None and item.jeugdige_weergave]
    if genoemd:
        gezocht(
            context=context,
            objecttype="portaal.Werkvoorraad",
            details=f"startpagina: {len(genoemd)} werkitems met een jeugdige",
            objecten=genoemd,
        )
    return uitkomst
