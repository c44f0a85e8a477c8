"""R-R1: a region's provider categories, the comparable groups of providers (SPEC §11.2: "no
provider is unique") its scorecards, norms and signals compare within. The one place the list is
read (``models.categorieen``, re-exported here) and changed (``stel_categorie_vast``).

A region without rows of its own uses the standard list (``AanbiederCategorie``: the categories of
the IJsselland model). The first change copies the standard list into the region's rows, valid
from the Jeugdwet's start, so the region's list is then wholly its own and its past unchanged: the
functioneel beheerder adds categories and renames them from a date on, today or later, like every
part of the rule set (R-R1: a change holds from its start date on and nowhere else). A category is
never removed (providers and norms refer to its code); the standard codes keep their meaning
(``crisis``: the crisis service, R-C1)."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag

from .constants import AanbiederCategorie, Foutcode
from .models import JEUGDWET, Aanbiedercategorie, Regio, categorieen, lijst_op, onbekende_categorie
from .policies import mag_regelset_beheren

__all__ = ["categorieen", "categoriekeuzes", "controleer_categorie", "stel_categorie_vast", "versies"]

CODE = re.compile(r"^[a-z][a-z0-9_-]{1,19}$")


def categoriekeuzes(regio_id: int | None, op: date | None = None) -> list[tuple[str, str]]:
    """The region's categories on ``op`` (default today) as form choices."""
    return list(categorieen(regio_id, op).items())


def controleer_categorie(regio_id: int, code: str, op: date | None = None) -> None:
    """A provider (today) or a norm (from its start) of ``regio_id`` has a category of that
    region's list on ``op``; a DomainError naming the choices otherwise."""
    lijst = categorieen(regio_id, op)
    if code not in lijst:
        raise DomainError(Foutcode.CATEGORIE_ONBEKEND, onbekende_categorie(code, lijst), field="categorie")


def versies(regio: Regio) -> list[Aanbiedercategorie]:
    """Every version of the region's own list, newest start first (the screen's history)."""
    return list(
        Aanbiedercategorie.objects.filter(regio=regio)
        .select_related("vastgesteld_door")
        .order_by("-geldig_vanaf", "naam")
    )


@transaction.atomic
def stel_categorie_vast(
    *, regio: Regio, code: str, naam: str, door, geldig_vanaf: date | None = None
) -> Aanbiedercategorie:
    """R-R1: add a category to ``regio``'s list, or rename one (same code), from ``geldig_vanaf``
    on (default today; never in the past: the lists of earlier dates stay as they were). Only the
    region's functioneel beheerder; audit-logged; every check before anything is written."""
    if door is not None and not mag_regelset_beheren(door, regio):
        raise DomainError(
            Foutcode.REGELSET_GEEN_TOEGANG,
            "Alleen de functioneel beheerder van de regio stelt de aanbiedercategorieën vast.",
            field="regio",
        )
    dag = vandaag()
    vanaf = geldig_vanaf or dag
    if vanaf < dag:
        raise DomainError(
            Foutcode.CATEGORIE_ONGELDIG,
            f"Een categorie geldt vanaf vandaag of later; {vanaf:%d-%m-%Y} ligt in het verleden. Kies "
            f"{dag:%d-%m-%Y} of een latere datum.",
            field="geldig_vanaf",
        )
    code, naam = (code or "").strip().lower(), " ".join((naam or "").split())
    if not CODE.match(code):
        raise DomainError(
            Foutcode.CATEGORIE_ONGELDIG,
            "Code: 2 tot 20 tekens, kleine letters, cijfers, '-' of '_', beginnend met een letter, bijvoorbeeld "
            "'ambulant-lokaal'.",
            field="code",
        )
    if not naam or len(naam) > 100:
        raise DomainError(Foutcode.CATEGORIE_ONGELDIG, "Naam: vul een naam in van hooguit 100 tekens.", field="naam")
    Regio.objects.select_for_update().filter(pk=regio.pk).first()  # one writer per region at a time
    eigen = list(Aanbiedercategorie.objects.filter(regio=regio).values_list("code", "naam", "geldig_vanaf"))
    bestaand = eigen or [(c, str(label), JEUGDWET) for c, label in AanbiederCategorie.choices]
    _controleer_naam(bestaand, code, naam, vanaf)
    if not eigen:  # from now on the region's own list; its past stays the standard list
        Aanbiedercategorie.objects.bulk_create(
            Aanbiedercategorie(regio=regio, code=c, naam=n, geldig_vanaf=v, vastgesteld_door=None)
            for c, n, v in bestaand
        )
    categorie, aangemaakt = Aanbiedercategorie.objects.update_or_create(
        regio=regio, code=code, geldig_vanaf=vanaf, defaults={"naam": naam, "vastgesteld_door": door}
    )
    log(
        actie=Actie.AANMAKEN if aangemaakt else Actie.WIJZIGEN,
        objecttype=Aanbiedercategorie._meta.label,
        object_id=categorie.pk,
        door=door,
        details=f"regio={regio.pk} code={code} naam={naam} geldig_vanaf={vanaf.isoformat()}",
    )
    return categorie


def _controleer_naam(bestaand: list[tuple[str, str, date]], code: str, naam: str, vanaf: date) -> None:
    """No two categories share a name on any day: checked on the new version's start and on every
    later start of a version, with the new version in place (ORG023)."""
    versies = [v for v in bestaand if (v[0], v[2]) != (code, vanaf)] + [(code, naam, vanaf)]
    for dag in sorted({vanaf, *(v for _c, _n, v in bestaand if v > vanaf)}):
        gezien: dict[str, str] = {}
        for andere, andere_naam in lijst_op(versies, dag).items():
            if andere_naam.lower() in gezien:
                eerste = gezien[andere_naam.lower()]
                bezet = eerste if eerste != code else andere
                raise DomainError(
                    Foutcode.CATEGORIE_ONGELDIG,
                    f"De naam {naam!r} heeft de categorie {bezet!r} al"
                    + (f" vanaf {dag:%d-%m-%Y}" if dag > vanaf else "")
                    + ": kies een andere naam.",
                    field="naam",
                )
            gezien[andere_naam.lower()] = andere
