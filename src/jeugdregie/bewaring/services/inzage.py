"""AVG art. 15: everything the system holds about one child, as JSON and as PDF (R-P7).

Covers the child itself, every row that refers to it (found through the schema, ``verwant``):
residences, involvements, referrals with their results and screening, allocations, budgets and
ledger rows, declaration lines, crisis reports, iJw messages, corrections and longer-retention
decisions, and the audit rows about the child (who — organisation and role — did what, when, why).
Staff members are named by organisation and role, not by name. The export is audit-logged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string

from jeugdregie.audit import models as audit_models
from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import nu
from jeugdregie.jeugdigen.models import Jeugdige

from ..constants import Foutcode
from ..policies import mag_inzage_geven
from . import verwant

AUDITVELDEN = ("tijdstip", "organisatie", "rol", "namens", "actie", "objecttype", "object_id", "doel", "uitkomst")


@dataclass(frozen=True)
class Bestand:
    inhoud: bytes
    content_type: str
    naam: str


def _waarde(obj: models.Model, veld: models.Field):
    if isinstance(veld, models.BinaryField | models.FileField):  # issue 20 §4: documents (their bytes apart)
        return "(bestand, niet opgenomen)" if getattr(obj, veld.attname) else None
    if veld.is_relation:
        if getattr(obj, veld.attname) is None:
            return None
        assert veld.remote_field is not None  # a relation has a remote field
        if veld.remote_field.model._meta.label == settings.AUTH_USER_MODEL:
            return "medewerker"
        return str(getattr(obj, veld.name))
    waarde = getattr(obj, veld.attname)
    if veld.choices and waarde not in (None, ""):
        return str(getattr(obj, f"get_{veld.name}_display")())
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return str(waarde)
    return waarde


def _rij(obj: models.Model) -> dict:
    return {str(v.verbose_name): _waarde(obj, v) for v in obj._meta.concrete_fields}


def auditregels(jeugdige: Jeugdige):
    filter_ = Q(client_id=jeugdige.pk)
    koppeling = getattr(audit_models, "AuditRegelJeugdige", None)  # exports that contained the child (R-P6)
    if koppeling is not None:
        filter_ |= Q(pk__in=koppeling.objects.filter(client_id=jeugdige.pk).values("regel_id"))
    return audit_models.AuditRegel.objects.filter(filter_).order_by("tijdstip", "id")


def verzamel(jeugdige: Jeugdige) -> dict:
    """The export's content, JSON-ready."""
    onderdelen = []
    for relatie, qs in verwant.objecten(jeugdige):
        rijen = [_rij(obj) for obj in qs]
        if rijen:
            onderdelen.append(
                {
                    "onderdeel": str(relatie.model._meta.verbose_name_plural),
                    "model": relatie.model._meta.label,
                    "rijen": rijen,
                }
            )
    audit = [
        {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in regel.items()}
        for regel in auditregels(jeugdige).values(*AUDITVELDEN)
    ]
    return {
        "opgesteld_op": nu().isoformat(),
        "grondslag": "AVG artikel 15 (recht op inzage)",
        "jeugdige": _rij(jeugdige),
        "gegevens": onderdelen,
        "auditregels": audit,
    }


def exporteer(*, jeugdige: Jeugdige, formaat: str, door, context: Toegangscontext | None = None) -> Bestand:
    """The export for the toegang of the child's municipality (``policies.mag_inzage_geven``)."""
    if not mag_inzage_geven(door, jeugdige):
        raise DomainError(Foutcode.GEEN_TOEGANG, "U mag geen inzage geven in de gegevens van deze jeugdige.")
    if formaat not in ("json", "pdf"):
        raise DomainError(Foutcode.WAARDE_ONGELDIG, "Kies JSON of PDF.", field="formaat")
    data = verzamel(jeugdige)
    naam = f"inzage-jeugdige-{jeugdige.pk}-{nu():%Y%m%d}"
    if formaat == "json":
        bestand = Bestand(json.dumps(data, ensure_ascii=False, indent=2).encode(), "application/json", f"{naam}.json")
    else:
        from weasyprint import HTML  # loading WeasyPrint is slow and only PDFs need it

        html = render_to_string("bewaring/inzage_pdf.html", {"data": data, "jeugdige": jeugdige})
        bestand = Bestand(HTML(string=html).write_pdf(), "application/pdf", f"{naam}.pdf")
    log(
        actie=Actie.EXPORTEREN,
        objecttype=Jeugdige._meta.label,
        object_id=jeugdige.pk,
        jeugdige=jeugdige,
        door=door,
        context=context,
        doel="inzageverzoek (AVG art. 15)",
        details=f"inzage alle gegevens ({formaat}); {sum(len(o['rijen']) for o in data['gegevens'])} rijen",
    )
    return bestand
