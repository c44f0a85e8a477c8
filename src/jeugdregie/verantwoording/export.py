"""Downloads of the crisis split (R-B4) and the production statement (R-V1): table rows for
CSV/XLSX (``common.export.tabel_response``) and the statement as PDF (WeasyPrint, A4 landscape).
R-R2: a provider with a task-based assignment gets the statement per funding variant — the
declared lines, then the terms paid per assignment and municipality, each with its own total,
and the paid total of both."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jeugdregie.taakgericht.monitoring import Taakgerichteproductie, TaakgerichteTotalen

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


def productie_kolommen(*, taakgericht: bool = False) -> list[str]:
    """The statement's columns; with a task-based section (R-R2) three more: the variant of the
    row, the planned amount and the paid terms (a provider without one gets them as before)."""
    kolommen = [
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
    if taakgericht:
        kolommen += [_("Bekostiging"), _("Gepland (taakgericht)"), _("Betaalde termijnen")]
    return kolommen


def productie_rijen(cijfers: Productieverantwoordingcijfers, taakgericht: list[Taakgerichteproductie] | None = None):
    """The rows of the declared lines and their total; with ``taakgericht`` (the rows of
    ``taakgerichte_productie`` the user sees) the task-based section, its total and the paid
    total of both variants (hidden like the declared total when that is, issue 14 §7)."""
    variant = [_("per regel gedeclareerd"), "", ""] if taakgericht else []
    for r in cijfers.rijen:
        figuren = [r.aantal_regels, r.volume, r.gedeclareerd, r.afgekeurd, r.goedgekeurd, r.betaald]
        if r.verborgen:  # suppressed: too few children (issue 14 §7, services/onthulling.py)
            figuren = [r.verborgen] * len(figuren)
        yield [cijfers.jaar, r.gemeente, r.productcode, r.product, r.eenheid, *figuren, *variant]
    t = cijfers.totalen
    figuren = [t.aantal_regels, "", t.gedeclareerd, t.afgekeurd, t.goedgekeurd, t.betaald]
    if cijfers.totaal_verborgen:
        figuren = [cijfers.totaal_verborgen] * len(figuren)
    yield [cijfers.jaar, _("Totaal gedeclareerd") if taakgericht else _("Totaal"), "", "", "", *figuren, *variant]
    if taakgericht:
        yield from _taakgerichte_rijen(cijfers, taakgericht)
    if cijfers.toelichting:
        yield [cijfers.toelichting]


def _taakgerichte_rijen(cijfers: Productieverantwoordingcijfers, taakgericht: list[Taakgerichteproductie]):
    """R-R2: the terms paid instead of declared lines — no lines, volume or declared amount."""
    leeg = [""] * 5  # regels, volume, gedeclareerd, afgekeurd, goedgekeurd
    soort = _("taakgericht")
    for r in taakgericht:
        yield [cijfers.jaar, r.gemeente, "", r.opdracht, "", *leeg, r.betaald, soort, r.gepland, r.termijnen_betaald]
    totaal = TaakgerichteTotalen.van(taakgericht)
    yield [cijfers.jaar, _("Totaal taakgericht"), "", "", "", *leeg, totaal.betaald, soort, totaal.gepland, ""]
    samen = cijfers.totaal_verborgen or cijfers.totalen.betaald + totaal.betaald
    yield [cijfers.jaar, _("Totaal betaald (beide bekostigingsvarianten)"), "", "", "", *leeg, samen, "", "", ""]


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
