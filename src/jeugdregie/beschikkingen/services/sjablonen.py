"""Letter templates per municipality, versioned (issue 20 §2): the beheerder's save is a new
version; a letter keeps the version it used (``Beschikking.sjabloon``)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log_persoonsgegevens
from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Gemeente

from ..constants import Foutcode
from ..models import Sjabloon
from ..policies import mag_sjabloon_bewerken

#: The wording a municipality starts with, in plain language (B1); the beheerder changes it.
STANDAARD = {
    "afzender": "Gemeente {gemeente}, team Jeugd",
    "ondertekenaar": "Het college van burgemeester en wethouders van {gemeente}",
    "functie_ondertekenaar": "Namens het college: de teamleider Jeugd",
    "inleiding": "U krijgt deze brief omdat de gemeente een besluit heeft genomen over jeugdhulp. "
    "In deze brief leest u wat wij hebben besloten. En waarom.",
    "slot": "Wij hopen dat wij u zo goed hebben uitgelegd wat wij besloten hebben.",
    "contact": "Heeft u vragen over deze brief? Bel dan het team Jeugd van de gemeente {gemeente}. "
    "Of stuur ons een e-mail. Noem dan het nummer van deze brief.",
}
VELDEN = tuple(STANDAARD)


def huidig_sjabloon(gemeente: Gemeente) -> Sjabloon:
    """The municipality's newest version; version 1 with the standard wording when it has none."""
    sjabloon = Sjabloon.objects.filter(gemeente=gemeente).order_by("-versie").first()
    if sjabloon is not None:
        return sjabloon
    with transaction.atomic():
        Gemeente.objects.select_for_update().get(pk=gemeente.pk)  # one first version per municipality
        sjabloon = Sjabloon.objects.filter(gemeente=gemeente).order_by("-versie").first()
        if sjabloon is None:
            sjabloon = Sjabloon.objects.create(
                gemeente=gemeente, versie=1, **{v: t.format(gemeente=gemeente.naam) for v, t in STANDAARD.items()}
            )
    return sjabloon


@transaction.atomic
def bewaar_sjabloon(
    *, gemeente: Gemeente, door, logo: UploadedFile | None = None, logo_houden: bool = True, **teksten: str
) -> Sjabloon:
    """A new version of ``gemeente``'s template with these texts (each required). The logo
    stays from the previous version unless a new one is given or ``logo_houden`` is false."""
    if not mag_sjabloon_bewerken(door, gemeente):
        raise DomainError(Foutcode.SJABLOON, "U mag de brieven van deze gemeente niet aanpassen.", field=None)
    teksten = {veld: (teksten.get(veld) or "").strip() for veld in VELDEN}
    leeg = [veld for veld, tekst in teksten.items() if not tekst]
    if leeg:
        raise DomainError(Foutcode.SJABLOON, "Vul alle teksten van de brief in.", field=leeg[0])
    Gemeente.objects.select_for_update().get(pk=gemeente.pk)  # versions are numbered one by one
    vorige = Sjabloon.objects.filter(gemeente=gemeente).order_by("-versie").first()
    versie = (Sjabloon.objects.filter(gemeente=gemeente).aggregate(m=Max("versie"))["m"] or 0) + 1
    sjabloon = Sjabloon(gemeente=gemeente, versie=versie, door=door, **teksten)
    if logo is not None:
        sjabloon.logo.save(logo.name or "logo", logo, save=False)
    elif logo_houden and vorige is not None and vorige.logo:
        sjabloon.logo.name = vorige.logo.name  # the same file: versions never change it
    sjabloon.save()
    log_persoonsgegevens(actie=Actie.AANMAKEN, obj=sjabloon, door=door, details=f"versie {versie}")
    return sjabloon
