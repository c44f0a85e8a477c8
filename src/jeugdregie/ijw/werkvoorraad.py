"""The worklist items of the iJw outbox (issue 15 §1, §2): the messages that have not reached a
provider yet, with what to do about them.

- **Adres ontbreekt** (toegang): every allocation of the municipality whose young person has no
  address and no phone today while the allocation runs, or while a message about it waits
  (``Uitboxwacht``, reason ``contact``: also a withdrawal or an ended allocation). The item
  links to the child's contact page; once the address is entered the message goes at once.
- **Berichten die de standaard niet halen** (toegang of the municipality, beheerder of the
  region): a message we built fails the XSD or the standard's stylesheet, or building it failed.
  The fault is ours; the beheerder has the outbox try again after the repair
  (``views.Wachtrij``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jeugdregie.common.periods import geldig_op_q
from jeugdregie.jeugdigen.models import Adres, Telefoonnummer
from jeugdregie.jeugdigen.policies import leesbare_jeugdigen, weergave_jeugdige
from jeugdregie.toewijzingen.constants import ToewijzingStatus
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.toewijzingen.werkvoorraad import Werkitem, Werkvoorraad

from .constants import Wachtreden
from .models import Uitboxwacht
from .policies import GEMEENTE, REGIO, bereik, mag_uitbox_inzien

LOPEND = (ToewijzingStatus.TOEGEWEZEN, ToewijzingStatus.GESTART)
TECHNISCH = (Wachtreden.STANDAARD, Wachtreden.FOUT)


@dataclass(frozen=True)
class AdresOntbreekt:
    """An allocation whose young person has no address and no phone: its JW301 waits, or will,
    until the toegang enters one (``services.wachtrij``)."""

    toewijzing: Toewijzing
    naam: str
    leesbaar: bool
    wacht: bool  # a message about it waits in the outbox now

    def __str__(self) -> str:
        t = self.toewijzing
        tekst = gettext("%(naam)s: %(soort)s bij %(aanbieder)s vanaf %(begin)s") % {
            "naam": self.naam,
            "soort": t.get_soort_display().lower(),
            "aanbieder": t.aanbieder,
            "begin": f"{t.begindatum:%d-%m-%Y}",
        }
        if t.status not in LOPEND:
            tekst += gettext(" (%(status)s)") % {"status": t.get_status_display().lower()}
        return tekst + (gettext("; het bericht wacht") if self.wacht else "")

    def get_absolute_url(self) -> str:
        if self.leesbaar:  # the toegang of the child's municipality enters the address
            return reverse("jeugdigen:contact", args=[self.toewijzing.jeugdige_id])
        return self.toewijzing.verwijzing.get_absolute_url() if self.toewijzing.verwijzing_id else ""


def adres_ontbreekt(gebruiker, *, op: date, limiet: int | None = 200) -> list[AdresOntbreekt]:
    """Issue 15 §2: the allocations of the user's municipality (see the module docstring); the
    child is named as the user may see it."""
    wachtend = set(
        Uitboxwacht.objects.filter(gemeente_id=gebruiker.gemeente_id, reden=Wachtreden.CONTACT_ONTBREEKT)
        .exclude(toewijzing_id=None)
        .values_list("toewijzing_id", flat=True)
    )
    toewijzingen = list(
        Toewijzing.objects.filter(gemeente_id=gebruiker.gemeente_id)
        .filter(Q(status__in=LOPEND, einddatum__gte=op) | Q(pk__in=wachtend))
        .exclude(Exists(Adres.objects.filter(geldig_op_q(op), jeugdige_id=OuterRef("jeugdige_id"))))
        .exclude(Exists(Telefoonnummer.objects.filter(geldig_op_q(op), jeugdige_id=OuterRef("jeugdige_id"))))
        .select_related("jeugdige", "aanbieder", "verwijzing")
        .order_by("begindatum", "pk")[:limiet]
    )
    leesbaar = leesbare_jeugdigen(gebruiker, {t.jeugdige_id for t in toewijzingen})
    return [
        AdresOntbreekt(
            t, weergave_jeugdige(gebruiker, t.jeugdige, leesbaar=leesbaar), t.jeugdige_id in leesbaar, t.pk in wachtend
        )
        for t in toewijzingen
    ]


@dataclass(frozen=True)
class WachtendBericht:
    """A message the outbox could not make for a technical reason (ids and rule codes only)."""

    wacht: Uitboxwacht

    def __str__(self) -> str:
        w = self.wacht
        regels = f" ({', '.join(w.regels)})" if w.regels else ""
        return gettext(
            "%(type)s aan %(aanbieder)s, toewijzing %(toewijzing)s: %(reden)s%(regels)s; sinds %(sinds)s, "
            "%(pogingen)s pogingen"
        ) % {
            "type": w.berichttype or gettext("bericht"),
            "aanbieder": w.aanbieder or "?",
            "toewijzing": w.toewijzing_id or "–",
            "reden": w.get_reden_display().lower(),
            "regels": regels,
            "sinds": timezone.localtime(w.sinds).strftime("%d-%m-%Y %H:%M"),
            "pogingen": w.pogingen,
        }

    def get_absolute_url(self) -> str:
        return f"{reverse('ijw:wachtrij')}#wacht-{self.wacht.pk}"


def technisch_wachtend(gebruiker, *, limiet: int | None = 200) -> list[WachtendBericht]:
    rijen = Uitboxwacht.objects.voor_gebruiker(gebruiker).filter(reden__in=TECHNISCH).select_related("aanbieder")
    return [WachtendBericht(w) for w in rijen.order_by("sinds", "pk")[:limiet]]


def _adres_item(rij: AdresOntbreekt) -> Werkitem:
    """Issue 15 §2: the address is due before the allocation can go to the provider; waiting since
    the allocation's start."""
    t = rij.toewijzing
    onderwerp = gettext("Toewijzing %(nr)s: adres of telefoonnummer invoeren") % {"nr": t.pk}
    if rij.wacht:
        onderwerp += gettext("; het bericht wacht")
    return Werkitem(
        soort="toewijzing",
        pk=t.pk,
        url=rij.get_absolute_url(),
        onderwerp=onderwerp,
        jeugdige=t.jeugdige,
        andere_partij=str(t.aanbieder),
        sinds=t.begindatum,
        bron=rij,
    )


def _technisch_item(rij: WachtendBericht) -> Werkitem:
    """Issue 15 §1: a message that fails the standard, waiting since it was first tried (ids only)."""
    w = rij.wacht
    return Werkitem(
        soort="uitboxwacht",
        pk=w.pk,
        url=rij.get_absolute_url(),
        onderwerp=gettext("%(type)s, toewijzing %(toewijzing)s: %(reden)s; %(pogingen)s pogingen")
        % {
            "type": w.berichttype or gettext("bericht"),
            "toewijzing": w.toewijzing_id or "–",
            "reden": w.get_reden_display().lower(),
            "pogingen": w.pogingen,
        },
        andere_partij=str(w.aanbieder or ""),
        sinds=timezone.localtime(w.sinds).date(),
        bron=rij,
    )


def werkvoorraden(gebruiker, *, op: date) -> list[Werkvoorraad]:
    """The iJw outbox's worklists for the home page: the toegang's, the beheerder's; none else."""
    if not mag_uitbox_inzien(gebruiker):
        return []
    technisch = Werkvoorraad(
        _("Berichten die de iJw-standaard niet halen"),
        technisch_wachtend(gebruiker, limiet=None),
        _(
            "Jeugdregie bouwde een bericht dat de controle van de standaard niet doorstaat; het is niet verstuurd "
            "en de aanbieder weet het nog niet. De fout zit in Jeugdregie: de functioneel beheerder laat het "
            "opnieuw proberen na herstel."
        ),
        slug="ijw-standaard",
        item=_technisch_item,
        op=op,
    )
    scope = bereik(gebruiker)
    if scope == GEMEENTE:
        lijsten = [
            Werkvoorraad(
                _("Adres ontbreekt"),
                adres_ontbreekt(gebruiker, op=op, limiet=None),
                _(
                    "Adres ontbreekt: de toewijzing kan pas naar de aanbieder als het adres of telefoonnummer "
                    "bekend is."
                ),
                slug="adres-ontbreekt",
                item=_adres_item,
                op=op,
            )
        ]
        return lijsten + ([technisch] if technisch.aantal else [])
    return [technisch] if scope == REGIO else []
