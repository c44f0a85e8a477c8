"""Notifications to organisations (R-S3, R-H3) and a user's inbox (issue 19 §3). Subjects carry
ids only, never health data.

Every notification is made by ``maak_melding``: its kind, its subject and the item it links to;
after the commit ``MeldingGemaakt`` asks a worker to e-mail it (``services.mailen``). Read state
is per user (``MeldingGelezen``); which kinds come by e-mail too (``Meldingvoorkeur``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from jeugdregie.common.domein import publiceer
from jeugdregie.verwijzingen.besluiten import MeldingGemaakt
from jeugdregie.verwijzingen.constants import STANDAARD_PER_EMAIL, MeldingDoel, MeldingSoort
from jeugdregie.verwijzingen.models import Melding, MeldingGelezen, Meldingvoorkeur, Verwijzing


def maak_melding(
    *,
    soort: MeldingSoort,
    onderwerp: str,
    jeugdige_id: int,
    aan_gemeente_id: int | None = None,
    aan_aanbieder_id: int | None = None,
    aan_verwijzer_id: int | None = None,
    doel: MeldingDoel | None = None,
    doel_id: int | None = None,
) -> Melding:
    """A notification to one organisation, about ``doel``/``doel_id`` (none: the child)."""
    assert sum(x is not None for x in (aan_gemeente_id, aan_aanbieder_id, aan_verwijzer_id)) == 1
    melding = Melding.objects.create(
        soort=soort,
        onderwerp=onderwerp,
        jeugdige_id=jeugdige_id,
        aan_gemeente_id=aan_gemeente_id,
        aan_aanbieder_id=aan_aanbieder_id,
        aan_verwijzer_id=aan_verwijzer_id,
        doel=doel or "",
        doel_id=doel_id if doel else None,
    )
    publiceer(MeldingGemaakt(melding.pk))
    return melding


def maak_melding_eenmalig(
    *,
    sleutel: str,
    soort: MeldingSoort,
    onderwerp: str,
    jeugdige_id: int,
    aan_gemeente_id: int,
    doel: MeldingDoel,
    doel_id: int,
) -> Melding | None:
    """Issue 17 §2: a notification that must exist once (a deadline reminder), by its key; None
    when it was made before (then nothing is mailed again either)."""
    melding, nieuw = Melding.objects.get_or_create(
        sleutel=sleutel,
        defaults={
            "soort": soort,
            "onderwerp": onderwerp,
            "jeugdige_id": jeugdige_id,
            "aan_gemeente_id": aan_gemeente_id,
            "doel": doel,
            "doel_id": doel_id,
        },
    )
    if not nieuw:
        return None
    publiceer(MeldingGemaakt(melding.pk))
    return melding


def meld_verwijzer(verwijzing: Verwijzing, onderwerp: str, *, soort: MeldingSoort) -> Melding:
    """Notify the initial referrer: the GP or GI if there was one, else the toegang; the link is
    the referral, which both see (``policies.bereik_route``)."""
    aan = (
        {"aan_verwijzer_id": verwijzing.verwijzer_id}
        if verwijzing.verwijzer_id
        else {"aan_gemeente_id": verwijzing.gemeente_id}
    )
    return maak_melding(
        soort=soort,
        onderwerp=onderwerp,
        jeugdige_id=verwijzing.jeugdige_id,
        doel=MeldingDoel.VERWIJZING,
        doel_id=verwijzing.pk,
        **aan,
    )


def markeer_gelezen(*, melding: Melding, door) -> None:
    """Issue 19 §3: ``door`` read ``melding`` (again: nothing changes). The caller got
    ``melding`` from ``Melding.objects.voor_gebruiker(door)``."""
    MeldingGelezen.objects.get_or_create(melding=melding, gebruiker=door)


@transaction.atomic
def markeer_alles_gelezen(*, door, soort: MeldingSoort | None = None) -> int:
    """Issue 19 §3: every unread notification in ``door``'s inbox (of ``soort`` when given) read;
    the count marked."""
    meldingen = Melding.objects.voor_gebruiker(door).ongelezen(door)
    if soort:
        meldingen = meldingen.filter(soort=soort)
    rijen = [MeldingGelezen(melding_id=pk, gebruiker=door) for pk in meldingen.values_list("pk", flat=True)]
    MeldingGelezen.objects.bulk_create(rijen, batch_size=1000, ignore_conflicts=True)
    return len(rijen)


def per_email(gebruiker) -> set[str]:
    """The kinds ``gebruiker`` receives by e-mail: its choices over the defaults."""
    gekozen = dict(Meldingvoorkeur.objects.filter(gebruiker=gebruiker).values_list("soort", "per_email"))
    return {s for s in MeldingSoort.values if gekozen.get(s, s in STANDAARD_PER_EMAIL)}


@transaction.atomic
def zet_per_email(*, door, soorten: Iterable[str]) -> set[str]:
    """Issue 19 §3: ``door`` chooses which kinds come by e-mail (all others not); one row per
    kind, so a later change of the defaults does not overrule a choice made."""
    gekozen = set(soorten)
    for soort in MeldingSoort.values:
        Meldingvoorkeur.objects.update_or_create(gebruiker=door, soort=soort, defaults={"per_email": soort in gekozen})
    return per_email(door)
