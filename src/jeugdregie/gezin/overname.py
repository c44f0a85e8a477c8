"""Taking families over from a source (issue 20 §1): a previous system, the gezag register or the
synthetic region. Unlike the toegang's own entries (``services.voeg_gezinslid_toe``, dated today)
a taken-over family keeps the date it holds since (usually the child's birth), so letters about
earlier decisions reach the right people (R-D1).

Every member passes the same checks as an entry by the toegang (``services._controleer_gezinslid``
and the gezag rules); a family that breaks one is refused whole with the child named by id, and a
batch is written in one transaction (nothing half-saved). A child that already has family rows
is skipped, so a second run adds nothing. One audit row per batch names the young people it
touched (R-P2, the way an export does)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.models import Jeugdige

from .constants import Foutcode, Gezinsrol, Kanaal
from .models import Contactvoorkeur, Gezinslid, GezinslidAdres
from .services import MAX_GEZAGSDRAGERS, Gezinsliddata, _controleer_email, _controleer_gezinslid


@dataclass(frozen=True)
class Gezinsopgave:
    """One child's family as the source holds it."""

    jeugdige_id: int
    sinds: date
    leden: tuple[Gezinsliddata, ...]
    email_jeugdige: str = ""  # the youth's own e-mail; then letters from 12 go digitally


def _controleer_opgave(opgave: Gezinsopgave) -> list[dict]:
    velden = []
    for data in opgave.leden:
        try:
            velden.append(_controleer_gezinslid(data))
        except DomainError as fout:
            raise DomainError(fout.code, f"Jeugdige {opgave.jeugdige_id}: {fout.message}", field=fout.field) from fout
    gezag = [v for v in velden if v["gezag"]]
    if len(gezag) > MAX_GEZAGSDRAGERS:
        raise DomainError(Foutcode.GEZAG_VOL, f"Jeugdige {opgave.jeugdige_id}: meer dan twee gezagsdragers.")
    if len({v["rol"] == Gezinsrol.OUDER for v in gezag}) > 1:
        raise DomainError(Foutcode.GEZAG_BOTST, f"Jeugdige {opgave.jeugdige_id}: voogdij naast ouderlijk gezag.")
    if opgave.email_jeugdige:
        _controleer_email(opgave.email_jeugdige, Kanaal.DIGITAAL, veld="email_jeugdige")
    return velden


def neem_gezinnen_over(opgaven: Iterable[Gezinsopgave], *, door=None, doel: str = "") -> int:
    """Write the families of ``opgaven`` (children without family rows only); returns the number
    of children that got one. Checks everything before writing anything."""
    opgaven = list(opgaven)
    gecontroleerd = [(opgave, _controleer_opgave(opgave)) for opgave in opgaven]
    ids = [opgave.jeugdige_id for opgave in opgaven]
    with transaction.atomic():
        al = set(Gezinslid.objects.filter(jeugdige_id__in=ids).values_list("jeugdige_id", flat=True))
        nieuw = [(o, v) for o, v in gecontroleerd if o.jeugdige_id not in al]
        if not nieuw:
            return 0
        leden, adressen = [], []
        for opgave, velden in nieuw:
            for v in velden:
                adres = v.pop("adres")
                leden.append(Gezinslid(jeugdige_id=opgave.jeugdige_id, begindatum=opgave.sinds, **v))
                adressen.append(adres)
        Gezinslid.objects.bulk_create(leden, batch_size=2000)
        met_adres = [(lid, a) for lid, a in zip(leden, adressen, strict=True) if a]
        GezinslidAdres.objects.bulk_create(
            [GezinslidAdres(gezinslid=lid, begindatum=lid.begindatum, **a) for lid, a in met_adres], batch_size=2000
        )
        Contactvoorkeur.objects.bulk_create(
            [
                Contactvoorkeur(jeugdige_id=o.jeugdige_id, email=o.email_jeugdige, kanaal=Kanaal.DIGITAAL)
                for o, _ in nieuw
                if o.email_jeugdige
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        kinderen = Jeugdige.objects.filter(pk__in=[o.jeugdige_id for o, _ in nieuw]).only("pk", "bsn")
        log(
            actie=Actie.AANMAKEN,
            objecttype="gezin.Gezinslid",
            door=door,
            doel=doel or "overname van gezinnen en gezag",
            details=f"overname: {len(nieuw)} gezinnen, {len(leden)} leden",
            jeugdigen=[(k.pk, k.pseudoniem) for k in kinderen],
        )
    return len(nieuw)
