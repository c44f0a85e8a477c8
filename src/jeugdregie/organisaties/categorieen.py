"""R-R1: a region's provider categories, the comparable groups of providers (SPEC §11.2: "no
provider is unique") its scorecards, norms and signals compare within. The one place the list is
read (``models.categorieen``, re-exported here) and changed (``stel_categorie_vast``).

A region without rows of its own uses the standard list (``AanbiederCategorie``: the categories of
the IJsselland model). The first change copies the standard list into the region's rows, so the
region's list is then wholly its own: the functioneel beheerder adds categories and renames them.
A category is never removed (providers and norms refer to its code); the standard codes keep their
meaning (``crisis``: the crisis service, R-C1)."""

from __future__ import annotations

import re

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError

from .constants import AanbiederCategorie, Foutcode
from .models import Aanbiedercategorie, Regio, categorieen, onbekende_categorie
from .policies import mag_regelset_beheren

__all__ = ["categorieen", "categoriekeuzes", "controleer_categorie", "stel_categorie_vast"]

CODE = re.compile(r"^[a-z][a-z0-9_-]{1,19}$")


def categoriekeuzes(regio_id: int | None) -> list[tuple[str, str]]:
    """The region's categories as form choices."""
    return list(categorieen(regio_id).items())


def controleer_categorie(regio_id: int, code: str) -> None:
    """A provider of ``regio_id`` has a category of that region's list; a DomainError naming the
    choices otherwise."""
    lijst = categorieen(regio_id)
    if code not in lijst:
        raise DomainError(Foutcode.CATEGORIE_ONBEKEND, onbekende_categorie(code, lijst), field="categorie")


@transaction.atomic
def stel_categorie_vast(*, regio: Regio, code: str, naam: str, door) -> Aanbiedercategorie:
    """R-R1: add a category to ``regio``'s list, or rename one (same code). Only the region's
    functioneel beheerder; audit-logged; every check before anything is written."""
    if door is not None and not mag_regelset_beheren(door, regio):
        raise DomainError(
            Foutcode.REGELSET_GEEN_TOEGANG,
            "Alleen de functioneel beheerder van de regio stelt de aanbiedercategorieën vast.",
            field="regio",
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
    bestaande_namen = {n.lower(): c for c, n in categorieen(regio.pk).items()}
    if bestaande_namen.get(naam.lower(), code) != code:
        raise DomainError(
            Foutcode.CATEGORIE_ONGELDIG,
            f"De naam {naam!r} heeft de categorie {bestaande_namen[naam.lower()]!r} al: kies een andere naam.",
            field="naam",
        )
    if not Aanbiedercategorie.objects.filter(regio=regio).exists():  # from now on the region's own list
        Aanbiedercategorie.objects.bulk_create(
            Aanbiedercategorie(regio=regio, code=c, naam=str(label), vastgesteld_door=door)
            for c, label in AanbiederCategorie.choices
        )
    categorie, aangemaakt = Aanbiedercategorie.objects.update_or_create(
        regio=regio, code=code, defaults={"naam": naam, "vastgesteld_door": door}
    )
    log(
        actie=Actie.AANMAKEN if aangemaakt else Actie.WIJZIGEN,
        objecttype=Aanbiedercategorie._meta.label,
        object_id=categorie.pk,
        door=door,
        details=f"regio={regio.pk} code={code} naam={naam}",
    )
    return categorie
