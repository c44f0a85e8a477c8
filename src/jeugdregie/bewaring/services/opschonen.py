"""The retention job (R-P7): what expired as of today, and anonymising it.

Per child the data are kept until the latest of

* jeugdhulp dossier: ``jaren_na_einde_zorg`` after the end of care (the latest allocation end or
  stop of care, referral date; the registration date when there is nothing else);
* OTS/voogdij (an allocation with a ``maatregel``): until ``jaren_na_meerderjarigheid`` after
  majority (18 + 30: the 48th birthday);
* financial records: the end of the ``jaren_na_boekjaar``-th year after its last declaration line;
* a ``Bewaarverlenging`` ("longer where careful care needs it").

When that day has passed the child is **anonymised**, not deleted: its BSN, names and day and
month of birth are replaced, free-text fields in its referrals, allocations, declaration lines and
iJw messages are blanked and the stored outbound iJw XML removed, its involvements (which grant
sight) deleted and its correction history emptied. The rows that feed the aggregates (allocations,
declaration lines, amounts, dates, municipality of residence, year of birth, gender) are kept, so
the budget, the production statements and the control figures do not change. The system stores no
street address: residence is the municipality only, kept for the woonplaatsbeginsel.

**The audit log is never changed by this job.** Its rows are hash-chained (R-P6): deleting the
oldest rows would break ``manage.py audit verifieer``, and the application may not update or delete
them at all. They hold no BSN or name (internal id and keyed pseudonym only). The report counts the
rows past the audit term so the privacy officer can decide on an archive procedure (export, then
re-seal the chain) outside the application.

Each child is anonymised in its own transaction together with its audit row, so a crash leaves a
consistent state and a rerun picks up where it stopped (idempotent: an anonymised child has an
``Anonimisering`` row and is skipped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.db import models, transaction
from django.db.models import Exists, ExpressionWrapper, Max, OuterRef, Q, Subquery

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.models import AuditRegel
from jeugdregie.audit.services import log
from jeugdregie.common.domein import publiceer, vraag
from jeugdregie.common.tijd import datum_van, nu, vandaag
from jeugdregie.declaraties.models import Declaratieregel
from jeugdregie.gezin.models import Contactvoorkeur, Gezinslid
from jeugdregie.jeugdigen.models import Adres, Betrokkenheid, Jeugdige, Telefoonnummer, Woonplaats
from jeugdregie.toewijzingen.models import Toewijzing
from jeugdregie.verwijzingen.models import Verwijzing

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

from ..constants import Dataklasse
from ..gebeurtenissen import Geanonimiseerd, Jeugdbeschermingvraag
from ..models import Anonimisering, Bewaarverlenging, Correctie
from ..termijnen import termijnen
from . import verwant

GEANONIMISEERD = "Geanonimiseerd"
# Free text about a child is blanked on anonymisation in every app that holds some, new apps
# included (a fixed list of apps missed the apps split off toewijzingen, issue 16), except the
# retention decisions themselves: their reasons justify keeping or removing.
VRIJE_TEKST_BEWAARD = {"bewaring"}


@dataclass(frozen=True)
class Beoordeling:
    """The retention decision for one child."""

    jeugdige_id: int
    dataklasse: Dataklasse  # the class whose term ends last
    bewaren_tot: date
    verlengd: bool  # kept by a Bewaarverlenging beyond the class terms
    dossier_verlopen: bool  # the care-dossier term alone has passed


@dataclass
class Klasseregel:
    dataklasse: Dataklasse
    verlopen: int = 0
    geanonimiseerd: int = 0
    bewaard: int = 0
    toelichting: str = ""


@dataclass
class Opschoonrapport:
    peildatum: date
    uitgevoerd: bool
    regels: dict[Dataklasse, Klasseregel] = field(default_factory=dict)
    te_anonimiseren: list[Beoordeling] = field(default_factory=list)
    langer_bewaard: int = 0
    al_geanonimiseerd: int = 0

    def tekst(self) -> str:
        kop = "Uitgevoerd" if self.uitgevoerd else "Proefdraai (er is niets gewijzigd; gebruik --uitvoeren)"
        regels = [f"Bewaartermijnen per {self.peildatum:%d-%m-%Y} — {kop}", ""]
        for r in self.regels.values():
            regels.append(f"{r.dataklasse.label}:")
            regels.append(f"  termijn verstreken: {r.verlopen}")
            regels.append(f"  {'geanonimiseerd' if self.uitgevoerd else 'te anonimiseren'}: {r.geanonimiseerd}")
            regels.append(f"  bewaard (andere termijn of langer bewaren loopt nog): {r.bewaard}")
            if r.toelichting:
                regels.append(f"  {r.toelichting}")
        regels.append(f"Langer bewaren (zorgvuldige zorg, Jeugdwet 7.3.8): {self.langer_bewaard} jeugdigen.")
        regels.append(f"Eerder geanonimiseerd: {self.al_geanonimiseerd} jeugdigen.")
        return "\n".join(regels)


def _max(model: type[models.Model], veld: str, **filters) -> Subquery:
    qs = model._base_manager.filter(jeugdige=OuterRef("pk"), **filters).order_by().values("jeugdige")
    return Subquery(qs.annotate(m=Max(veld)).values("m")[:1])


def _jeugdbescherming() -> Q:
    """An allocation with a measure (OTS, voogdij), or a child-protection record a later stage
    keeps (issue 20 §4: a court order document), asked through ``Jeugdbeschermingvraag``."""
    conditie = Q(Exists(Toewijzing.objects.filter(jeugdige=OuterRef("pk")).exclude(maatregel="")))
    for antwoord in vraag(Jeugdbeschermingvraag()):
        conditie |= Q(pk__in=antwoord)
    return conditie


def kandidaten():
    actuele_regio = Woonplaats.objects.filter(jeugdige=OuterRef("pk"), einddatum__isnull=True).values(
        "gemeente__regio__code"
    )[:1]
    return (
        Jeugdige.objects.exclude(pk__in=Anonimisering.objects.values("jeugdige_id"))
        .annotate(
            _einde_toewijzing=_max(Toewijzing, "einddatum"),
            _stop_zorg=_max(Toewijzing, "stopdatum_zorg"),
            _laatste_verwijzing=_max(Verwijzing, "datum"),
            _laatste_declaratie=_max(Declaratieregel, "einddatum"),
            _maatregel=ExpressionWrapper(_jeugdbescherming(), output_field=models.BooleanField()),
            _regio=Subquery(actuele_regio),
        )
        .order_by("pk")
    )


class _Kandidaat(TypedDict):
    """What ``kandidaten`` annotates on each child."""

    _einde_toewijzing: date | None
    _stop_zorg: date | None
    _laatste_verwijzing: date | None
    _laatste_declaratie: date | None
    _maatregel: bool
    _regio: str | None


def beoordeel(jeugdige: WithAnnotations[Jeugdige, _Kandidaat], verlenging: date | None) -> Beoordeling:
    """The retention decision for one child annotated by ``kandidaten``."""
    t = termijnen(jeugdige._regio)
    datums = [d for d in (jeugdige._einde_toewijzing, jeugdige._stop_zorg, jeugdige._laatste_verwijzing) if d]
    einde_zorg = max(datums) if datums else datum_van(jeugdige.aangemaakt)
    dossier_tot = t.dossier_tot(einde_zorg)
    klasse, tot = Dataklasse.JEUGDHULPDOSSIER, dossier_tot
    if jeugdige._maatregel:
        bescherming = t.jeugdbescherming_tot(jeugdige.geboortedatum)
        if bescherming > tot:
            klasse, tot = Dataklasse.JEUGDBESCHERMING, bescherming
    if jeugdige._laatste_declaratie:
        financieel = t.financieel_tot(jeugdige._laatste_declaratie)
        if financieel > tot:
            klasse, tot = Dataklasse.FINANCIEEL, financieel
    verlengd = verlenging is not None and verlenging > tot
    bewaren_tot = verlenging if verlenging is not None and verlengd else tot
    return Beoordeling(jeugdige.pk, klasse, bewaren_tot, verlengd, dossier_verlopen=dossier_tot < vandaag())


def opschonen(*, uitvoeren: bool = False) -> Opschoonrapport:
    """The job: a report per data class; with ``uitvoeren`` also anonymise what expired."""
    peildatum = vandaag()
    rapport = Opschoonrapport(peildatum, uitvoeren)
    regels = {k: Klasseregel(k) for k in Dataklasse}
    rapport.regels = regels
    verlengingen = dict(Bewaarverlenging.objects.values_list("jeugdige_id", "tot"))
    for jeugdige in kandidaten().iterator(chunk_size=2000):
        b = beoordeel(jeugdige, verlengingen.get(jeugdige.pk))
        if b.verlengd:
            rapport.langer_bewaard += 1
        if b.bewaren_tot < peildatum:
            regels[b.dataklasse].verlopen += 1
            rapport.te_anonimiseren.append(b)
        elif b.dossier_verlopen:
            regels[Dataklasse.JEUGDHULPDOSSIER].verlopen += 1
            regels[Dataklasse.JEUGDHULPDOSSIER].bewaard += 1
    t = termijnen()
    grens_financieel = date(peildatum.year - t.jaren_na_boekjaar, 1, 1)
    fin = regels[Dataklasse.FINANCIEEL]
    fin.toelichting = (
        f"Declaratieregels van voor {grens_financieel:%d-%m-%Y}: "
        f"{Declaratieregel.objects.filter(einddatum__lt=grens_financieel).count()}. Ze blijven bestaan "
        "(begroting, verantwoording en cijfers rekenen ermee); de jeugdige erachter wordt geanonimiseerd."
    )
    audit = regels[Dataklasse.AUDITLOG]
    audit.verlopen = AuditRegel.objects.filter(tijdstip__date__lt=t.audit_grens(peildatum)).count()
    audit.bewaard = audit.verlopen
    audit.toelichting = "Auditregels worden niet verwijderd: ze zijn aan elkaar gehasht en bevatten geen BSN of naam."
    rapport.al_geanonimiseerd = Anonimisering.objects.count()
    if uitvoeren:
        for b in rapport.te_anonimiseren:
            if anonimiseer(jeugdige_id=b.jeugdige_id, beoordeling=b):
                regels[b.dataklasse].geanonimiseerd += 1
    else:
        for b in rapport.te_anonimiseren:
            regels[b.dataklasse].geanonimiseerd += 1
    return rapport


@transaction.atomic
def anonimiseer(*, jeugdige_id: int, beoordeling: Beoordeling) -> bool:
    """Anonymise one child (see the module docstring); False when it already was."""
    jeugdige = Jeugdige.objects.select_for_update().filter(pk=jeugdige_id).first()
    if jeugdige is None or Anonimisering.objects.filter(jeugdige_id=jeugdige_id).exists():
        return False
    pseudoniem = f"X{jeugdige.pk:08X}"  # never a valid BSN (not all digits), unique per child
    for relatie, qs in verwant.objecten(jeugdige):
        if relatie.model._meta.app_label in VRIJE_TEKST_BEWAARD:
            continue
        teksten: dict[str, object] = {
            f.name: ""
            for f in relatie.model._meta.concrete_fields
            if isinstance(f, models.TextField) and not f.is_relation
        }
        for veld in relatie.model._meta.concrete_fields:
            if veld.name == "bsn":  # a BSN as typed (crisis report, submission)
                teksten["bsn"] = pseudoniem
            elif veld.name == "gegevens" and isinstance(veld, models.JSONField):
                teksten["gegevens"] = {}  # a form as submitted (results, names)
        if relatie.model._meta.label == "ijw.Bericht":
            teksten["inhoud"] = None  # the stored outbound XML carries BSN and names
        if teksten:
            qs.update(**teksten)
    Betrokkenheid.objects.filter(jeugdige=jeugdige).delete()
    Adres.objects.filter(jeugdige=jeugdige).delete()  # issue 15: address and phone identify the child
    Telefoonnummer.objects.filter(jeugdige=jeugdige).delete()
    Gezinslid.objects.filter(jeugdige=jeugdige).delete()  # issue 20: parents' names and addresses too
    Contactvoorkeur.objects.filter(jeugdige=jeugdige).delete()
    Correctie.objects.filter(jeugdige=jeugdige).update(oud="", nieuw="")
    Bewaarverlenging.objects.filter(jeugdige=jeugdige).delete()
    jeugdige.bsn = pseudoniem
    jeugdige.voornamen = ""
    jeugdige.achternaam = GEANONIMISEERD
    jeugdige.geboortedatum = date(jeugdige.geboortedatum.year, 7, 1)  # the year stays for age figures
    jeugdige.save(update_fields=["bsn", "voornamen", "achternaam", "geboortedatum"])
    Anonimisering.objects.create(
        jeugdige=jeugdige, dataklasse=beoordeling.dataklasse, bewaard_tot=beoordeling.bewaren_tot, op=nu()
    )
    publiceer(Geanonimiseerd(jeugdige.pk))  # issue 20 §4: the documents go too (abonnementen.py)
    log(
        actie=Actie.VERWIJDEREN,
        objecttype=Jeugdige._meta.label,
        object_id=jeugdige.pk,
        jeugdige=jeugdige,
        doel="bewaartermijn verstreken",
        namens="bewaring opschonen",
        details=f"geanonimiseerd; termijn {beoordeling.dataklasse} tot {beoordeling.bewaren_tot:%Y-%m-%d}",
    )
    return True
