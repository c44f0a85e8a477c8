"""The CBS Beleidsinformatie Jeugd categories and how the product's iJw codes map onto them
(issue 21 item 10). The one place these mappings live; ``services.cbs_indeling`` applies them.

Sources:

- CBS, *Beleidsinformatie Jeugd* (the half-yearly jeugdhulp/jeugdbescherming statistics on
  StatLine), which seeds 000 and 003 use as the region's yardstick. Its trajectory dimensions
  used here: *vorm van jeugdhulp* (zonder verblijf / met verblijf and their subforms),
  *verwijzer* and *reden beëindiging*. Labels follow CBS's published wording as closely as the
  product's data allows; where the product cannot tell a CBS subform apart, the docstring of the
  mapping says so instead of guessing.
- iJw 3.2 COD327 *Code verwijzer* (``organisaties.constants.VerwijzerType``;
  /work/shared/ijw/codelijsten/COD327_Code_verwijzer.md).
- iJw 3.2 JZ588 *Reden beëindiging* (JW307, ``toewijzingen.constants.RedenBeeindiging``) and
  JZ002 *Reden wijziging toewijzing* (JW301) with its column "Reden beëindiging" that names the
  JZ588 code a municipal change amounts to (JZ002_Reden_wijziging_toewijzing.md). JZ588's codes
  31–35 are the CBS end reasons (the iJw list was built from the CBS definitions); 36–39 were
  added by iJw 3.1 and are kept as their own category rather than folded into "overig".
- With or without verblijf: the single rule ``toewijzingen.verblijf.met_verblijf`` (R-W7).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jeugdregie.catalogus.constants import PLEEGZORGVORMEN, IjwProductcategorie, Woonvorm
from jeugdregie.organisaties.constants import VerwijzerType
from jeugdregie.toewijzingen.constants import Maatregel, RedenBeeindiging


class CbsHulpvorm(models.TextChoices):
    """CBS *vorm van jeugdhulp*. The product records no place of delivery for ambulant care:
    day treatment (iJw JZ020 category 41) is the only care it knows to be given at the
    provider's location; every other ambulant trajectory is "ambulant, overig" (in the
    neighbourhood, at home or at school, or a place the product does not know)."""

    AMBULANT_OP_LOCATIE = "zv_locatie", _("Jeugdhulp zonder verblijf: op locatie van de jeugdhulpaanbieder")
    AMBULANT = "zv_ambulant", _("Jeugdhulp zonder verblijf: ambulant (niet op locatie van de aanbieder)")
    PLEEGZORG = "mv_pleegzorg", _("Jeugdhulp met verblijf: pleegzorg")
    GEZINSGERICHT = "mv_gezinsgericht", _("Jeugdhulp met verblijf: gezinsgericht (gezinshuis)")
    OVERIG_VERBLIJF = "mv_overig", _("Jeugdhulp met verblijf: overig")


MET_VERBLIJF = {CbsHulpvorm.PLEEGZORG, CbsHulpvorm.GEZINSGERICHT, CbsHulpvorm.OVERIG_VERBLIJF}

#: Form of stay (``Woonvorm``, R-W10) → CBS subform of jeugdhulp met verblijf: every kind of
#: pleegzorg is pleegzorg, the gezinshuis is gezinsgericht; every other form (leefgroep,
#: kamertraining, respijtzorg and the Verblijf beds) is "overig", as is a stay without a recorded
#: form.
VERBLIJF_NAAR_CBS: dict[str, CbsHulpvorm] = {
    **{vorm: CbsHulpvorm.OVERIG_VERBLIJF for vorm in Woonvorm},
    **{vorm: CbsHulpvorm.PLEEGZORG for vorm in PLEEGZORGVORMEN},
    Woonvorm.GEZINSHUIS: CbsHulpvorm.GEZINSGERICHT,
}

#: iJw product categories (JZ020) of care without verblijf given at the provider's location.
OP_LOCATIE_CATEGORIEEN = frozenset({IjwProductcategorie.DAGBEHANDELING})


class CbsJeugdbescherming(models.TextChoices):
    """CBS counts jeugdbescherming (and jeugdreclassering) as trajectories of the GI. The product
    holds no GI trajectory; it records the measure under which care is given
    (``Toewijzing.maatregel``), so the export marks the care given under an OTS or voogdij.
    Jeugdreclassering is not recorded anywhere in the product and is not derived."""

    GEEN = "", _("Geen maatregel vastgelegd")
    OTS = "ots", _("Jeugdbescherming: ondertoezichtstelling")
    VOOGDIJ = "voogdij", _("Jeugdbescherming: voogdij")


MAATREGEL_NAAR_CBS: dict[str, CbsJeugdbescherming] = {
    Maatregel.OTS: CbsJeugdbescherming.OTS,
    Maatregel.VOOGDIJ: CbsJeugdbescherming.VOOGDIJ,
}


class CbsVerwijzer(models.TextChoices):
    """CBS *verwijzer* of a jeugdhulptraject."""

    GEMEENTELIJKE_TOEGANG = "gemeente", _("Gemeentelijke toegang")
    HUISARTS = "huisarts", _("Huisarts")
    JEUGDARTS = "jeugdarts", _("Jeugdarts")
    MEDISCH_SPECIALIST = "specialist", _("Medisch specialist")
    GECERTIFICEERDE_INSTELLING = "gi", _("Gecertificeerde instelling")
    RECHTER = "rechter", _("Rechter, Officier van Justitie")
    GEEN = "geen", _("Geen verwijzer")
    ONBEKEND = "onbekend", _("Verwijzer onbekend")


#: COD327 → CBS. 08 also covers a functionary of a JJI; CBS counts it with the court.
VERWIJZER_NAAR_CBS: dict[str, CbsVerwijzer] = {
    VerwijzerType.GEMEENTE: CbsVerwijzer.GEMEENTELIJKE_TOEGANG,
    VerwijzerType.HUISARTS: CbsVerwijzer.HUISARTS,
    VerwijzerType.JEUGDARTS: CbsVerwijzer.JEUGDARTS,
    VerwijzerType.GI: CbsVerwijzer.GECERTIFICEERDE_INSTELLING,
    VerwijzerType.MEDISCH_SPECIALIST: CbsVerwijzer.MEDISCH_SPECIALIST,
    VerwijzerType.ZELFVERWIJZER: CbsVerwijzer.GEEN,
    VerwijzerType.RECHTER: CbsVerwijzer.RECHTER,
}


class CbsRedenBeeindiging(models.TextChoices):
    """CBS *reden beëindiging* of a jeugdhulptraject; the value is the JZ588 code it comes from."""

    OVERLIJDEN = "02", _("Overlijden")
    VOLGENS_PLAN = "31", _("Volgens plan beëindigd")
    VOORTIJDIG_CLIENT = "32", _("Voortijdig afgesloten: eenzijdig door de cliënt")
    VOORTIJDIG_AANBIEDER = "33", _("Voortijdig afgesloten: eenzijdig door de jeugdhulpaanbieder")
    VOORTIJDIG_IN_OVERLEG = "34", _("Voortijdig afgesloten: in overleg")
    EXTERNE_OORZAAK = "35", _("Voortijdig afgesloten: externe omstandigheden (zoals verhuizing)")
    DOOR_GEMEENTE = "36", _("Beëindigd op initiatief van de gemeente")
    WIJZIGINGSVERZOEK = "37", _("Beëindigd na een verzoek om wijziging")
    OVERSTAP = "38", _("Overstap naar een andere aanbieder")
    ANDER_DOMEIN = "39", _("Uitstroom naar een ander domein (Wmo, Wlz, Zvw)")
    ONBEKEND = "99", _("Overig / onbekend")


#: JZ588 (JW307 stop of care) → CBS. 20 "tijdelijk beëindigd" is no end: the trajectory runs on.
STOPREDEN_NAAR_CBS: dict[str, CbsRedenBeeindiging] = {
    RedenBeeindiging.OVERLIJDEN: CbsRedenBeeindiging.OVERLIJDEN,
    RedenBeeindiging.VOLGENS_PLAN: CbsRedenBeeindiging.VOLGENS_PLAN,
    RedenBeeindiging.VOORTIJDIG_CLIENT: CbsRedenBeeindiging.VOORTIJDIG_CLIENT,
    RedenBeeindiging.VOORTIJDIG_AANBIEDER: CbsRedenBeeindiging.VOORTIJDIG_AANBIEDER,
    RedenBeeindiging.VOORTIJDIG_IN_OVERLEG: CbsRedenBeeindiging.VOORTIJDIG_IN_OVERLEG,
    RedenBeeindiging.EXTERNE_OORZAAK: CbsRedenBeeindiging.EXTERNE_OORZAAK,
    RedenBeeindiging.DOOR_GEMEENTE: CbsRedenBeeindiging.DOOR_GEMEENTE,
    RedenBeeindiging.WIJZIGINGSVERZOEK: CbsRedenBeeindiging.WIJZIGINGSVERZOEK,
    RedenBeeindiging.OVERSTAP: CbsRedenBeeindiging.OVERSTAP,
}
GEEN_EINDE = frozenset({RedenBeeindiging.TIJDELIJK})

#: JZ002 (JW301 reason the municipality changed an allocation) → CBS, through JZ002's column
#: "Reden beëindiging" (the JZ588 code). 01, 04, 13 and 14 are "nvt": no end of care (an
#: extension, a correction, or a withdrawn allocation on which care never started).
WIJZIGINGSREDEN_NAAR_CBS: dict[str, CbsRedenBeeindiging] = {
    "02": CbsRedenBeeindiging.OVERLIJDEN,
    "03": CbsRedenBeeindiging.DOOR_GEMEENTE,
    "05": CbsRedenBeeindiging.DOOR_GEMEENTE,
    "06": CbsRedenBeeindiging.ANDER_DOMEIN,
    "07": CbsRedenBeeindiging.EXTERNE_OORZAAK,
    "08": CbsRedenBeeindiging.DOOR_GEMEENTE,
    "09": CbsRedenBeeindiging.OVERSTAP,
    "10": CbsRedenBeeindiging.DOOR_GEMEENTE,
    "11": CbsRedenBeeindiging.DOOR_GEMEENTE,
    "12": CbsRedenBeeindiging.WIJZIGINGSVERZOEK,
}
