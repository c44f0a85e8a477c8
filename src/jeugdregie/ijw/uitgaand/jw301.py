"""JW301 Toewijzing (issue 5 §3): one message per client per provider, carrying every allocation
of that client at that provider that is valid on or after the message date plus those changed
since the previous JW301 (OP087). What goes in, per kind of allocation:

| allocation | Product | Omvang / Budget |
|---|---|---|
| keuzebudget | none: it covers categories 41 and 45 | Budget in eurocents + Einddatum (CD075/077/079) |
| per etmaal (Wonen/Verblijf, crisisbed) | categorie + code | 7 etmalen (14) per week (2) (CD041, CS338) |
| other (crisisopvolging per uur) | categorie only: no volume allocated | none (CD080) |

ToewijzingNummer = ``Toewijzing.pk`` (unique per municipality, TR332). ReferentieAanbieder only
the first time an allocation is sent after honouring a JW315 or JW317 (TR379). A withdrawn
allocation goes once more with Einddatum = Ingangsdatum and RedenWijziging 13 (CS335), after
which it is no longer current (OP087). TR302 (the standard's stylesheet): a product may occur
more than once only with periods that do not overlap, and an allocation without Product (a
keuzebudget) may overlap no other; a keuzebudget next to a Wonen allocation at the same provider
is allowed in the domain (R-W4), so the message carries the allocations it is about and leaves
out a current, unchanged allocation that would overlap one of them that way (the provider holds
it from its own earlier JW301; leaving it out withdraws nothing, CS335). Two Wonen allocations
of one product overlapping are refused in the domain (services.wonen). Client: BSN, birth date,
sex, name (NaamGebruik 1 per CS050/CS318) and the Contactgegevens (issue 15 §2, ``contacten``):

| held on the message date | Contact |
|---|---|
| woonadres | Soort 01 (BRP-adres, COD757) with Adres and the phone numbers |
| correspondence address (only where it differs) | Soort 02 with its Adres (+ phones if no woonadres) |
| phone numbers only | Soort 02 with Telefoon and no Adres (CD034 asks an Adres only for 01 and 03) |
| nothing | no message: ``ContactOntbreekt``; the outbox holds the JW301 back |

An Adres: Huis (Huisnummer, Huisletter, HuisnummerToevoeging, AanduidingWoonadres), Postcode,
Straatnaam, Plaatsnaam, LandCode. So every Contact holds Huis with Postcode or a Telefoon
(TR006), a Soort 01 always a Postcode (CD034), Postcode with LandCode (CD005), a Dutch postcode
in the CS089 form and a house number with LandCode NL (CD025); the service that writes the data
checks these (jeugdigen ``services_contact``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from lxml import etree

from jeugdregie.catalogus.constants import IjwEenheid
from jeugdregie.common.money import to_cents
from jeugdregie.common.tijd import datum_van
from jeugdregie.jeugdigen.constants import AdresSoort
from jeugdregie.jeugdigen.models import Adres, Jeugdige, Telefoonnummer
from jeugdregie.organisaties.models import Aanbieder, Gemeente
from jeugdregie.toewijzingen.models import Toewijzing

from ..constants import Berichttype
from ..xml.kop import Bouwer
from .versies import Versie, is_verwijderd, versies

NAAMGEBRUIK_EIGEN_NAAM = "1"  # COD700
SOORT_WOONADRES = AdresSoort.WOONADRES.value  # COD757 01 BRP-adres
SOORT_CORRESPONDENTIEADRES = AdresSoort.CORRESPONDENTIEADRES.value  # COD757 02
ETMALEN_PER_WEEK = 7
PER_WEEK = "2"  # WMO757


class ContactOntbreekt(Exception):
    """The young person has no current address and no phone number: a JW301 would fail TR006
    and the provider's software would refuse it (0001). The outbox holds the message back and
    the toegang's worklist asks for the address (issue 15 §2)."""


@dataclass(frozen=True)
class Contact:
    soort: str
    adres: Adres | None
    telefoons: tuple[Telefoonnummer, ...] = ()


def contacten(jeugdige: Jeugdige, dag: date) -> list[Contact]:
    """The Contacts of the Client on ``dag`` (see the module docstring)."""
    woonadres = jeugdige.adres_op(dag, AdresSoort.WOONADRES)
    correspondentie = jeugdige.adres_op(dag, AdresSoort.CORRESPONDENTIEADRES)
    telefoons = tuple(jeugdige.telefoonnummers_op(dag))
    gevonden = []
    if woonadres is not None:
        gevonden.append(Contact(SOORT_WOONADRES, woonadres, telefoons))
        telefoons = ()
    if correspondentie is not None:
        gevonden.append(Contact(SOORT_CORRESPONDENTIEADRES, correspondentie, telefoons))
        telefoons = ()
    if telefoons:
        gevonden.append(Contact(SOORT_CORRESPONDENTIEADRES, None, telefoons))
    return gevonden


@dataclass(frozen=True)
class ToegewezenProduct:
    toewijzing: Toewijzing
    versie: Versie
    referentie: str = ""


def selecteer(
    *,
    jeugdige_id: int,
    aanbieder_id: int,
    gemeente_id: int,
    onderwerpen: Mapping[int, str],
    vandaag: date,
    vorige: datetime | None,
) -> list[ToegewezenProduct]:
    """OP087: the allocations to send. ``onderwerpen`` are the allocations the causing decision
    created or changed, with the ReferentieAanbieder they answer (TR379, or ""); ``vorige`` is
    when the previous JW301 for this client and provider was made (None: there was none)."""
    alle = list(
        Toewijzing.objects.filter(jeugdige_id=jeugdige_id, aanbieder_id=aanbieder_id, gemeente_id=gemeente_id)
        .select_related("keuzebudget", "product")
        .order_by("pk")
    )
    per_toewijzing = versies(alle)

    def mee(toewijzing: Toewijzing) -> bool:
        actueel = not is_verwijderd(toewijzing) and toewijzing.einddatum >= vandaag
        gewijzigd = vorige is not None and per_toewijzing[toewijzing.pk].moment > vorige
        return toewijzing.pk in onderwerpen or actueel or gewijzigd

    gekozen = [ToegewezenProduct(t, per_toewijzing[t.pk], onderwerpen.get(t.pk, "")) for t in alle if mee(t)]
    return _zonder_stapeling(gekozen, onderwerpen)


@dataclass(frozen=True)
class _Periode:
    """What TR302 compares: product category and code as the message carries them, and the period."""

    categorie: str
    code: str
    ingang: date
    einde: date
    genegeerd: bool


def _periode(regel: ToegewezenProduct) -> _Periode:
    toewijzing = regel.toewijzing
    product = toewijzing.product if toewijzing.keuzebudget_id is None else None
    verwijderd = is_verwijderd(toewijzing)
    einde = toewijzing.begindatum if verwijderd else toewijzing.einddatum
    return _Periode(
        categorie=product.ijw_productcategorie if product is not None else "",
        code=product.code if product is not None and product.ijw_eenheid == IjwEenheid.ETMAAL else "",
        ingang=toewijzing.begindatum,
        einde=einde,
        # TR302: a withdrawn allocation (RedenWijziging 13, or 01) with Einddatum = Ingangsdatum does not count
        genegeerd=(verwijderd or regel.versie.reden in ("01", "13")) and einde == toewijzing.begindatum,
    )


def stapelen(a: ToegewezenProduct, b: ToegewezenProduct) -> bool:
    """TR302 as the stylesheet checks it: the same code and category, or the same category where
    one has no code, or either without a category; and the periods overlap (bounds included)."""
    x, y = _periode(a), _periode(b)
    if x.genegeerd or y.genegeerd:
        return False
    zelfde = (x.code and y.code and x.code == y.code and x.categorie == y.categorie) or (
        (not x.code or not y.code) and x.categorie and x.categorie == y.categorie
    )
    zonder_categorie = not x.categorie or not y.categorie
    return bool(zelfde or zonder_categorie) and not (x.einde < y.ingang or y.einde < x.ingang)


def _zonder_stapeling(gekozen: list[ToegewezenProduct], onderwerpen: Mapping[int, str]) -> list[ToegewezenProduct]:
    """The allocations the message is about always go; another one goes unless it would stack
    (TR302) on one already in the message."""
    houden = [r for r in gekozen if r.toewijzing.pk in onderwerpen]
    for regel in gekozen:
        if regel.toewijzing.pk not in onderwerpen and not any(stapelen(regel, ander) for ander in houden):
            houden.append(regel)
    volgorde = {r.toewijzing.pk: i for i, r in enumerate(gekozen)}
    return sorted(houden, key=lambda r: volgorde[r.toewijzing.pk])


def bouw(
    *,
    gemeente: Gemeente,
    aanbieder: Aanbieder,
    jeugdige: Jeugdige,
    producten: Iterable[ToegewezenProduct],
    identificatie: str,
    dagtekening: date,
) -> etree._Element:
    b = Bouwer(Berichttype.JW301)
    root = b.root()
    b.header(
        root,
        afzender=gemeente.cbs_code,
        ontvanger=aanbieder.agb_code,
        identificatie=identificatie,
        dagtekening=dagtekening,
    )
    client = b.sub(root, b.m("Client"))
    b.sub(client, b.m("Bsn"), jeugdige.bsn)
    b.sub(b.sub(client, b.m("Geboortedatum")), b.b("Datum"), jeugdige.geboortedatum.isoformat())
    b.sub(client, b.m("Geslacht"), jeugdige.geslacht)
    naam = b.sub(client, b.m("Naam"))
    b.sub(b.sub(naam, b.b("Geslachtsnaam")), b.b("Achternaam"), jeugdige.achternaam.strip())
    if jeugdige.voornamen.strip():
        b.sub(naam, b.b("Voornamen"), jeugdige.voornamen.strip())
    b.sub(naam, b.b("NaamGebruik"), NAAMGEBRUIK_EIGEN_NAAM)
    gegevens = contacten(jeugdige, dagtekening)
    if not gegevens:
        raise ContactOntbreekt(f"Jeugdige {jeugdige.pk} heeft geen adres en geen telefoonnummer (TR006).")
    lijst_contacten = b.sub(client, b.m("Contactgegevens"))
    for contact in gegevens:
        _contact(b, lijst_contacten, contact)
    lijst = b.sub(client, b.m("ToegewezenProducten"))
    for product in producten:
        _toegewezen_product(b, lijst, product)
    return root


def _contact(b: Bouwer, lijst: etree._Element, contact: Contact) -> None:
    element = b.sub(lijst, b.m("Contact"))
    b.sub(element, b.m("Soort"), contact.soort)
    if (adres := contact.adres) is not None:
        adres_element = b.sub(element, b.m("Adres"))
        huis = b.sub(adres_element, b.b("Huis"))
        b.sub(huis, b.b("Huisnummer"), adres.huisnummer)
        if adres.huisletter:
            b.sub(huis, b.b("Huisletter"), adres.huisletter)
        if adres.huisnummertoevoeging:
            b.sub(huis, b.b("HuisnummerToevoeging"), adres.huisnummertoevoeging)
        if adres.aanduiding:
            b.sub(huis, b.b("AanduidingWoonadres"), adres.aanduiding)
        b.sub(adres_element, b.b("Postcode"), adres.postcode)
        if adres.straatnaam:
            b.sub(adres_element, b.b("Straatnaam"), adres.straatnaam)
        b.sub(adres_element, b.b("Plaatsnaam"), adres.plaatsnaam)
        b.sub(adres_element, b.b("LandCode"), adres.land)
    if contact.telefoons:
        telefoon = b.sub(element, b.m("Telefoon"))
        for volgnummer, nummer in enumerate(contact.telefoons[:2], start=1):
            regel = b.sub(telefoon, b.b(f"Telefoon0{volgnummer}"))
            b.sub(regel, b.b("Telefoonnummer"), nummer.nummer)
            b.sub(regel, b.b("Landnummer"), nummer.landnummer)


def _toegewezen_product(b: Bouwer, lijst: etree._Element, regel: ToegewezenProduct) -> None:
    toewijzing, versie = regel.toewijzing, regel.versie
    element = b.sub(lijst, b.m("ToegewezenProduct"))
    b.sub(element, b.m("ToewijzingNummer"), toewijzing.pk)
    if regel.referentie:
        b.sub(element, b.m("ReferentieAanbieder"), regel.referentie)
    product = toewijzing.product if toewijzing.keuzebudget_id is None else None
    if product is not None:
        code = b.sub(element, b.m("Product"))
        b.sub(code, b.b("Categorie"), product.ijw_productcategorie)
        if product.ijw_eenheid == IjwEenheid.ETMAAL:
            b.sub(code, b.b("Code"), product.code)
    elif toewijzing.keuzebudget_id is None:
        raise ValueError(f"Toewijzing {toewijzing.pk} heeft geen product en geen budget (CD079).")
    # The Amsterdam date and time of the decision (R-B9), never the UTC date: a decision at 00:30
    # in Amsterdam is dated that day, not the day before.
    b.sub(element, b.m("Toewijzingsdatum"), datum_van(versie.moment).isoformat())
    b.sub(element, b.m("Toewijzingstijd"), timezone.localtime(versie.moment).strftime("%H:%M:%S"))
    b.sub(element, b.m("Ingangsdatum"), toewijzing.begindatum.isoformat())
    einde = toewijzing.begindatum if is_verwijderd(toewijzing) else toewijzing.einddatum
    b.sub(element, b.m("Einddatum"), einde.isoformat())
    if versie.reden:
        b.sub(element, b.m("RedenWijziging"), versie.reden)
    if product is not None and product.ijw_eenheid == IjwEenheid.ETMAAL:
        omvang = b.sub(element, b.m("Omvang"))
        b.sub(omvang, b.b("Volume"), ETMALEN_PER_WEEK)
        b.sub(omvang, b.b("Eenheid"), IjwEenheid.ETMAAL.value)
        b.sub(omvang, b.b("Frequentie"), PER_WEEK)
    if toewijzing.keuzebudget_id is not None:
        b.sub(element, b.m("Budget"), to_cents(toewijzing.keuzebudget.bedrag))
