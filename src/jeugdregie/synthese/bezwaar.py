"""Demo objections (issue 20 §3, R-D2) for the toegang of Zwolle, through the bezwaar services:
a few letters of the demo region get an objection in each stage the worklist shows: one to hear,
one waiting for the advisory committee, one decided ongegrond and, when an older sent letter
exists, a late one. Letters not yet sent are sent first (``beschikkingen.services.verzenden``).
Needs the demo users (``maak_demogebruikers``) and the region's letters; a second run adds
nothing. Called by ``manage.py bezwaar_demo`` after them (scripts/run)."""

from __future__ import annotations

from jeugdregie.accounts.constants import Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.beschikkingen.models import Beschikking
from jeugdregie.beschikkingen.services.verzenden import verstuur
from jeugdregie.bezwaar import services
from jeugdregie.bezwaar.models import Bezwaar
from jeugdregie.bezwaar.termijnen import einde_bezwaartermijn
from jeugdregie.common.tijd import vandaag
from jeugdregie.organisaties.models import Gemeente

INDIENERS = ("Petra de Vries (moeder)", "Mark Jansen (vader)", "Sanne Bakker (moeder)", "Jeroen Smit (vader)")
GRONDEN = (
    "Mijn kind heeft meer hulp nodig dan nu is besloten.",
    "De hulp stopt te vroeg; de school ziet nog geen verbetering.",
    "Wij zijn het niet eens met de gekozen aanbieder.",
    "De brief kwam laat aan; wij vinden het besluit onterecht.",
)


def speel_bezwaren(*, gemeente: Gemeente | None = None) -> list[str]:
    """The Dutch summary lines. ``gemeente``: Zwolle (CBS 0193) unless given."""
    zwolle = gemeente or Gemeente.objects.filter(cbs_code="0193").first()
    toegang = Gebruiker.objects.filter(rol=Rol.TOEGANG, gemeente=zwolle, is_active=True).order_by("pk").first()
    if zwolle is None or toegang is None:
        return ["Bezwaar-demo overgeslagen: geen toegang van Zwolle (draai eerst maak_demogebruikers)."]
    if Bezwaar.objects.filter(gemeente=zwolle).exists():
        return ["Bezwaar-demo: de bezwaren staan er al."]
    brieven = Beschikking.objects.filter(gemeente=zwolle).order_by("-datum", "-pk")
    op = vandaag()
    laat = brieven.filter(verzonden_op__isnull=False, verzonden_op__lt=op).order_by("verzonden_op").first()
    uit = []
    if laat is not None and op > einde_bezwaartermijn(laat.verzonden_op):
        services.registreer_bezwaar(beschikking=laat, indiener=INDIENERS[3], gronden=GRONDEN[3], door=toegang)
        uit.append(f"- te laat bezwaar tegen {laat.nummer}")
    recent = [b for b in brieven.exclude(pk=getattr(laat, "pk", None))[:3]]
    for i, brief in enumerate(recent):
        if brief.verzonden_op is None:
            brief = verstuur(beschikking=brief, door=toegang)
        bezwaar = services.registreer_bezwaar(
            beschikking=brief, indiener=INDIENERS[i], gronden=GRONDEN[i], door=toegang, adviescommissie=i == 1
        )
        if i >= 1:
            services.registreer_hoorzitting(bezwaar=bezwaar, door=toegang)
        if i == 2:
            services.beslis_op_bezwaar(
                bezwaar=bezwaar,
                uitkomst="ongegrond",
                motivering="Het besluit past bij de hulpvraag en de afspraken in het plan.",
                door=toegang,
            )
        uit.append(f"- bezwaar {bezwaar.nummer} tegen {brief.nummer}")
    # one upheld objection against an allocation: its new decision waits on the toegang's worklist
    gebruikt = [b.pk for b in recent] + ([laat.pk] if laat is not None else [])
    toewijzing = brieven.filter(soort="toewijzing").exclude(pk__in=gebruikt).first()
    if toewijzing is not None:
        if toewijzing.verzonden_op is None:
            toewijzing = verstuur(beschikking=toewijzing, door=toegang)
        bezwaar = services.registreer_bezwaar(
            beschikking=toewijzing, indiener="Anouk Visser (moeder)", gronden=GRONDEN[0], door=toegang
        )
        services.registreer_hoorzitting(bezwaar=bezwaar, door=toegang)
        services.beslis_op_bezwaar(
            bezwaar=bezwaar,
            uitkomst="gegrond",
            motivering="Het budget past niet bij de hulpvraag; de toegang neemt een nieuw besluit.",
            door=toegang,
        )
        uit.append(f"- gegrond bezwaar {bezwaar.nummer} tegen {toewijzing.nummer}: nieuw besluit nemen")
    if not uit:
        return ["Bezwaar-demo overgeslagen: nog geen beschikkingen van Zwolle."]
    return ["Bezwaar-demo (toegang Zwolle):", *uit]
