"""Downloads of the crisis split (R-B4) and the production statement (R-V1): table rows for
CSV/XLSX (``common.export.tabel_response``) and the statement as PDF (WeasyPrint, A4 landscape)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .services.crisisverdeling import Crisisverdeling
from .services.productie import Productieverantwoordingcijfers
from .services.reconciliatie import Reconciliatie


def crisis_kolommen(verdeling: Crisisverdeling | None = None) -> list[str]:
    """The columns; R-C5: then one per availability component, named with its payee."""
    componenten = [
        _("Beschikbaarheid %(component)s (%(ontvanger)s)")
        % {"component": c.naam, "ontvanger": c.ontvanger.naam if c.ontvanger else _("ontvanger niet ingesteld")}
        for c in (verdeling.componenten if verdeling else [])
    ]
    return [
        _("Jaar"),
        _("Maand"),
        _("CBS-code"),
        _("Gemeente"),
        _("Sleutelaandeel (%)"),
        _("Beschikbaarheid"),
        _("Interventies"),
        _("Interventiebedrag"),
        _("Totaal"),
        *componenten,
    ]


def crisis_rijen(verdeling: Crisisverdeling, cbs_codes: dict[int, str]):
    jaar = verdeling.bekostiging.jaar
    for a in verdeling.regels:
        yield [
            jaar,
            a.maand,
            cbs_codes.get(a.gemeente_id, ""),
            a.gemeente,
            a.sleutelaandeel,
            a.beschikbaarheid,
            a.interventies,
            a.interventiebedrag,
            a.totaal,
            *(a.componenten.get(c.pk, 0) for c in verdeling.componenten),
        ]
    t = verdeling.totaal()
    yield [
        jaar,
        "",
        "",
        _("Totaal"),
        t.sleutelaandeel,
        t.beschikbaarheid,
        t.interventies,
        t.interventiebedrag,
        t.totaal,
        *(t.componenten.get(c.pk, 0) for c in verdeling.componenten),
    ]


def productie_kolommen() -> list[str]:
    return [
        _("Jaar"),
        _("Gemeente"),
        _("Productcode"),
        _("Product"),
        _("Eenheid"),
        _("Regels"),
        _("Volume"),
        _("Gedeclareerd"),
        _("Afgekeurd"),
        _("Goedgekeurd"),
        _("Betaald"),
    ]


def productie_rijen(cijfers: Productieverantwoordingcijfers):
    for r in cijfers.rijen:
        figuren = [r.aantal_regels, r.volume, r.gedeclareerd, r.afgekeurd, r.goedgekeurd, r.betaald]
        if r.verborgen:  # suppressed: too few children (issue 14 §7, services/onthulling.py)
            figuren = [r.verborgen] * len(figuren)
        yield [cijfers.jaar, r.gemeente, r.productcode, r.product, r.eenheid, *figuren]
    t = cijfers.totalen
    figuren = [t.aantal_regels, "", t.gedeclareerd, t.afgekeurd, t.goedgekeurd, t.betaald]
    if cijfers.totaal_verborgen:
        figuren = [cijfers.totaal_verborgen] * len(figuren)
    yield [cijfers.jaar, _("Totaal"), "", "", "", *figuren]
    if cijfers.toelichting:
        yield [cijfers.toelichting]


def productie_pdf(
    *, cijfers: Productieverantwoordingcijfers, reconciliatie: Reconciliatie, context: dict | None = None
) -> HttpResponse:
    """The statement as a PDF an accountant can file: header, table, totals, reconciliation and
    the illustrative-tariffs notice where it applies."""
    from weasyprint import HTML  # imported here: loading WeasyPrint is slow and only PDFs need it

    html = render_to_string(
        "verantwoording/productie_pdf.html",
        {"cijfers": cijfers, "reconciliatie": reconciliatie, **(context or {})},
    )
    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    naam = f"productieverantwoording-{cijfers.aanbieder.agb_code}-{cijfers.jaar}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
