"""Payment batches per municipality per calendar month, with maker-checker (SPEC §8, R-P1).

Only a month that has ended (Europe/Amsterdam) is prepared: the intake stamps a declaration
with the moment it arrives, so none can join that month afterwards and a batch's contents are
final. ``maak_batch`` is set-based (``voorbereiding.py``): the batch row, one ``INSERT … SELECT``
that links the month's declarations to it (a ``Batchdeclaratie`` row each, one-to-one, so a
declaration is never in two batches), one ``INSERT … SELECT … GROUP BY`` of the posts (one per
provider: Σ debit − Σ credit of the approved lines of those declarations) and the batch totals; on PostgreSQL a new
batch is all of that in one statement. It is replay-safe and safe under concurrency: the unique
constraint ``betaalbatch_uniek_per_maand`` lets exactly one of two runs create the batch, and
the other gets that batch."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from jeugdregie.common.errors import DomainError
from jeugdregie.organisaties.models import Gemeente

from ..constants import BATCH_OVERGANGEN, BatchStatus, Foutcode, Gebeurtenissoort
from ..models import Batchdeclaratie, Betaalbatch, Betaalpost
from ..policies import mag_betaalbatch_behandelen
from . import voorbereiding
from .aansluiting import Aansluiting, reconciliatie
from .gebeurtenissen import registreer
from .regels import maandgrenzen
from .rekening import iban_fout

__all__ = ["Aansluiting", "keur_goed", "maak_batch", "reconciliatie", "wijs_af"]


def controleer_financieel(door, gemeente_id: int | None, handeling: str) -> None:
    """Only a finance user of the batch's municipality prepares, judges or exports (R-P1)."""
    if not mag_betaalbatch_behandelen(door, gemeente_id):
        raise DomainError(
            Foutcode.ROL,
            f"Alleen een financieel medewerker van de gemeente kan een betaalbatch {handeling}.",
            field="door",
        )


def _controleer_periode(jaar: int, maand: int, nu: datetime) -> None:
    """SPEC §8: a batch is for a calendar month that has ended in Dutch local time, so no
    declaration of that month can arrive after it is prepared."""
    if not 1 <= maand <= 12 or not 2000 <= jaar <= 9999:
        raise DomainError(Foutcode.PERIODE, "Kies een maand van 1 tot en met 12 en een geldig jaar.", field="maand")
    if nu < maandgrenzen(jaar, maand)[1]:
        raise DomainError(
            Foutcode.PERIODE,
            f"{maand:02d}-{jaar} is nog niet afgelopen. Een betaalbatch kan pas na afloop van de maand; "
            "kies een eerdere maand.",
            field="maand",
        )


def _controleer_overgang(batch: Betaalbatch, naar: BatchStatus) -> None:
    huidig = BatchStatus(batch.status)
    if naar not in BATCH_OVERGANGEN[huidig]:
        raise DomainError(
            Foutcode.STATUS,
            f"Deze betaalbatch is '{huidig.label}' en kan niet naar '{naar.label}'. "
            "Alleen een voorbereide batch wordt goedgekeurd of afgewezen.",
            field="status",
        )


def _heropen(batch: Betaalbatch, door, nu: datetime) -> None:
    """A rejected batch is prepared again on the same row, by a (possibly other) finance user."""
    _controleer_overgang(batch, BatchStatus.VOORBEREID)
    batch.status = BatchStatus.VOORBEREID
    batch.voorbereid_door = door
    batch.voorbereid_op = nu
    batch.beoordeeld_door = None
    batch.beoordeeld_op = None
    batch.toelichting = ""
    batch.save(
        update_fields=["status", "voorbereid_door", "voorbereid_op", "beoordeeld_door", "beoordeeld_op", "toelichting"]
    )


def _controleer_niet_leeg(batch: Betaalbatch, gemeente: Gemeente) -> None:
    if batch.aantal_regels == 0:
        raise DomainError(
            Foutcode.LEEG,
            f"Er zijn geen goedgekeurde, nog niet betaalde declaratieregels van {gemeente.naam} "
            f"ingediend in {batch.maand:02d}-{batch.jaar}. Er is geen betaalbatch gemaakt.",
            field="maand",
        )


def _nieuwe_batch(gemeente: Gemeente, jaar: int, maand: int, door, nu: datetime) -> Betaalbatch:
    """A new batch with its posts and event row; ``IntegrityError`` when the month has one."""
    if voorbereiding.in_een_statement():
        batch = voorbereiding.maak_in_een(gemeente=gemeente, jaar=jaar, maand=maand, door=door, nu=nu)
        _controleer_niet_leeg(batch, gemeente)
        return batch
    batch = Betaalbatch.objects.create(
        gemeente=gemeente, jaar=jaar, maand=maand, voorbereid_door=door, voorbereid_op=nu
    )
    _bereid_voor(batch, gemeente, Gebeurtenissoort.VOORBEREID, door, nu)
    return batch


def _bereid_voor(batch: Betaalbatch, gemeente: Gemeente, soort: Gebeurtenissoort, door, nu: datetime) -> None:
    declaraties = voorbereiding.vul(batch)
    _controleer_niet_leeg(batch, gemeente)
    registreer(
        batch,
        soort,
        door=door,
        tijdstip=nu,
        totaal=batch.totaal,
        aantal_regels=batch.aantal_regels,
        declaraties=declaraties,
    )


def maak_batch(*, gemeente: Gemeente, jaar: int, maand: int, door, nu: datetime | None = None) -> Betaalbatch:
    """Prepare the batch of the municipality for the (ended) month in which the declarations
    were submitted. Again for the same month: the existing batch, nothing new; after a
    rejection: the same batch prepared again with the declarations it released."""
    nu = nu or timezone.now()
    controleer_financieel(door, getattr(gemeente, "pk", None), "voorbereiden")
    _controleer_periode(jaar, maand, nu)
    try:
        with transaction.atomic():
            _beurt_van_de_gemeente(gemeente)
            return _batch_van_de_maand(gemeente, jaar, maand, door, nu)
    except IntegrityError:
        # Only without row locks (SQLite): a concurrent run committed the month's batch first.
        with transaction.atomic():
            return _batch_van_de_maand(gemeente, jaar, maand, door, nu)


def _beurt_van_de_gemeente(gemeente: Gemeente) -> None:
    """Preparations of one municipality's batches take turns: a lock on its row, taken before
    anything else. Without it two finance users re-preparing a rejected batch at once
    deadlocked on PostgreSQL (one locked the batch and released declarations while the other's
    INSERT of the batch waited on the unique index; found by
    ``test_gelijktijdig_opnieuw_voorbereiden_na_afwijzing`` in CI). ``FOR NO KEY UPDATE``, so
    the rows that merely refer to the municipality (an intake's declarations) are not held
    up. SQLite takes no row locks; it serialises writers itself."""
    list(Gemeente.objects.select_for_update(no_key=True).filter(pk=gemeente.pk).values_list("pk", flat=True))


def _batch_van_de_maand(gemeente: Gemeente, jaar: int, maand: int, door, nu: datetime) -> Betaalbatch:
    """The month's batch: new; or the existing one, prepared again when it was rejected."""
    batch = Betaalbatch.objects.select_for_update().filter(gemeente=gemeente, jaar=jaar, maand=maand).first()
    if batch is None:
        return _nieuwe_batch(gemeente, jaar, maand, door, nu)
    if batch.status == BatchStatus.AFGEWEZEN:
        _heropen(batch, door, nu)
        _bereid_voor(batch, gemeente, Gebeurtenissoort.OPNIEUW_VOORBEREID, door, nu)
    return batch


def _vergrendel(batch: Betaalbatch) -> Betaalbatch:
    return Betaalbatch.objects.select_for_update().select_related("gemeente").get(pk=batch.pk)


def _controleer_beoordelaar(batch: Betaalbatch, door, naar: BatchStatus) -> None:
    """Maker-checker: a finance user of the municipality other than the preparer, on a prepared
    batch. The check constraint ``betaalbatch_vier_ogen`` guards the same in the database."""
    controleer_financieel(door, batch.gemeente_id, "goedkeuren of afwijzen")
    _controleer_overgang(batch, naar)
    if batch.voorbereid_door_id == door.pk:
        raise DomainError(
            Foutcode.VIER_OGEN,
            "U heeft deze betaalbatch zelf voorbereid. Een andere financieel medewerker van "
            f"{batch.gemeente.naam} keurt hem goed of wijst hem af (vier-ogenprincipe).",
            field="door",
        )


def rekening_fouten(batch: Betaalbatch) -> list[str]:
    """The accounts that stop payment: the municipality's, and that of every post to pay out."""
    fouten = []
    if fout := iban_fout(batch.gemeente.iban):
        fouten.append(f"gemeente {batch.gemeente.naam}: {fout}")
    for post in batch.posten.select_related("aanbieder").filter(bedrag__gt=0):
        if fout := iban_fout(post.iban):
            fouten.append(f"{post.aanbieder.naam} (AGB {post.aanbieder.agb_code}): {fout}")
    return fouten


def keur_goed(*, batch: Betaalbatch, door, nu: datetime | None = None) -> Betaalbatch:
    """Approve: only when the reconciliation holds and every account to pay to is valid."""
    nu = nu or timezone.now()
    with transaction.atomic():
        batch = _vergrendel(batch)
        _controleer_beoordelaar(batch, door, BatchStatus.GOEDGEKEURD)
        aansluiting = reconciliatie(batch)
        if not aansluiting.klopt:
            raise DomainError(
                Foutcode.AANSLUITING,
                "Goedkeuren kan niet, de aansluiting klopt niet: "
                + " ".join(aansluiting.verschillen)
                + " Wijs de batch af en bereid hem opnieuw voor.",
            )
        if fouten := rekening_fouten(batch):
            raise DomainError(
                Foutcode.IBAN,
                "Goedkeuren kan niet, er ontbreekt een geldige rekening bij "
                + "; ".join(fouten)
                + ". Leg het IBAN vast, wijs de batch af en bereid hem opnieuw voor.",
                field="iban",
            )
        batch.status = BatchStatus.GOEDGEKEURD
        batch.beoordeeld_door = door
        batch.beoordeeld_op = nu
        batch.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
        registreer(batch, Gebeurtenissoort.GOEDGEKEURD, door=door, tijdstip=nu, totaal=batch.totaal)
    return batch


def wijs_af(*, batch: Betaalbatch, door, toelichting: str, nu: datetime | None = None) -> Betaalbatch:
    """Reject: the declarations are released (unpaid again) and the posts removed, so a new
    preparation of the same month pays them."""
    nu = nu or timezone.now()
    toelichting = (toelichting or "").strip()
    if not toelichting:
        raise DomainError(
            Foutcode.TOELICHTING,
            "Geef een toelichting: waarom wordt de batch afgewezen en wat moet de voorbereider herstellen?",
            field="toelichting",
        )
    with transaction.atomic():
        batch = _vergrendel(batch)
        _controleer_beoordelaar(batch, door, BatchStatus.AFGEWEZEN)
        vrijgegeven, _ = Batchdeclaratie.objects.filter(betaalbatch=batch).delete()
        Betaalpost.objects.filter(batch=batch).delete()
        registreer(
            batch,
            Gebeurtenissoort.AFGEWEZEN,
            door=door,
            tijdstip=nu,
            totaal=batch.totaal,
            vrijgegeven_declaraties=vrijgegeven,
            toelichting=toelichting[:500],
        )
        batch.status = BatchStatus.AFGEWEZEN
        batch.beoordeeld_door = door
        batch.beoordeeld_op = nu
        batch.toelichting = toelichting
        batch.totaal = 0
        batch.aantal_regels = 0
        batch.save(
            update_fields=["status", "beoordeeld_door", "beoordeeld_op", "toelichting", "totaal", "aantal_regels"]
        )
    return batch
