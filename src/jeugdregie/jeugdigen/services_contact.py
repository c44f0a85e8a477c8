"""Contact data of a young person (issue 15 §2): the woonadres (BRP address), an optional
correspondence address and up to two phone numbers, with history.

The format rules are those of the standards the data must fit, not choices a region makes:
the BRP address elements and the iJw 3.2 ``CDT_Adres``/``CDT_Telefoon`` lengths and patterns
(``basisschema.xsd``), the Dutch postcode of iJw CS089, the house number of CD025, and TR006:
every Contact holds Huis with Postcode, or a phone number. Every address therefore gets a house
number and a postcode, also abroad.

Dates are set by the server (R-B9): a change starts today (Amsterdam) and closes the row it
replaces the day before; a second change on the same day replaces that day's row. Only the
toegang that may read the child changes it (``policies.mag_contact_wijzigen``); every change is
audit-logged without the values (R-P2). A party-agnostic check (``controleer_adres``,
``controleer_telefoon``) lets the parents of issue 20 reuse the rules.

Every change publishes ``gebeurtenissen.ContactGewijzigd`` (``common.domein``); after the commit
the iJw outbox, subscribed in ``jeugdregie/abonnementen.py``, sends a JW301 held back for want of
contact data as soon as there is an address or phone."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.common.domein import publiceer
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import vandaag

from .constants import AanduidingWoonadres, AdresSoort, Foutcode
from .gebeurtenissen import ContactGewijzigd
from .models import Adres, Jeugdige, Telefoonnummer
from .policies import mag_contact_wijzigen

logger = logging.getLogger(__name__)

NEDERLAND = "NL"
LANDNUMMER_NEDERLAND = "0031"
#: iJw CS089: "[1-9][0-9]{3}[a-zA-Z]{2}" when LandCode is NL (stored without space, upper case).
POSTCODE_NL = re.compile(r"^[1-9][0-9]{3}[A-Z]{2}$")
#: Lengths of the iJw 3.2 basisschema (LDT_Straatnaam, LDT_Plaatsnaam, LDT_Postcode,
#: LDT_Huisnummer, LDT_HuisnummerToevoeging, LDT_Telefoonnummer, LDT_Landnummer).
MAX_STRAATNAAM, MAX_PLAATSNAAM, MAX_POSTCODE, MAX_HUISNUMMER, MAX_TOEVOEGING = 24, 80, 8, 99_999, 4
MAX_TELEFOON, MAX_LANDNUMMER = 15, 4
#: Dutch numbers (ITU-T E.164 national plan, ACM numbering plan): ten digits after a leading 0.
TELEFOON_NL = re.compile(r"^0[1-9][0-9]{8}$")
MAX_TELEFOONNUMMERS = 2  # iJw CDT_Telefoonnummers: Telefoon01 and Telefoon02


@cache
def landcodes() -> dict[str, str]:
    """iJw COD032 Land: code → name (copy of the standard's list in ``data/``)."""
    inhoud = json.loads((Path(__file__).parent / "data" / "COD032_Land.json").read_text(encoding="utf-8"))
    return {regel["code"]: regel["omschrijving"] for regel in inhoud["codes"]}


def _fout(code: Foutcode, tekst: str, veld: str, prefix: str) -> DomainError:
    return DomainError(code, tekst, field=f"{prefix}{veld}")


def controleer_adres(gegevens: dict, *, prefix: str = "") -> dict:
    """Normalise and check one address; returns the model fields. ``prefix`` is put before the
    field name of an error (a form with two addresses). Raises ``DomainError`` with a Dutch
    message that says what to fix."""
    tekst = {k: " ".join(str(gegevens.get(k) or "").split()) for k in gegevens}
    land = (tekst.get("land") or NEDERLAND).upper()
    if land not in landcodes():
        raise _fout(Foutcode.ADRES_ONGELDIG, "Kies een land uit de lijst.", "land", prefix)
    straatnaam = tekst.get("straatnaam", "")
    aanduiding = tekst.get("aanduiding", "").upper()
    if aanduiding and aanduiding not in AanduidingWoonadres.values:
        raise _fout(Foutcode.ADRES_ONGELDIG, "Kies een aanduiding uit de lijst of laat hem leeg.", "aanduiding", prefix)
    if not straatnaam and not aanduiding:
        raise _fout(Foutcode.ADRES_ONGELDIG, "Vul de straatnaam in.", "straatnaam", prefix)
    if len(straatnaam) > MAX_STRAATNAAM:
        raise _fout(
            Foutcode.ADRES_ONGELDIG,
            f"De straatnaam mag hoogstens {MAX_STRAATNAAM} tekens zijn: gebruik de verkorte straatnaam van de "
            "BRP, bijvoorbeeld 'Burg. van Roijensingel'.",
            "straatnaam",
            prefix,
        )
    ruw_huisnummer = tekst.get("huisnummer", "")
    if not ruw_huisnummer.isdigit() or not 0 <= int(ruw_huisnummer) <= MAX_HUISNUMMER:
        raise _fout(
            Foutcode.ADRES_ONGELDIG,
            "Het huisnummer is een getal van hoogstens vijf cijfers, zonder letter of toevoeging, bijvoorbeeld 12. "
            "Zet een letter of toevoeging in het veld ernaast.",
            "huisnummer",
            prefix,
        )
    huisletter = tekst.get("huisletter", "")
    if huisletter and (len(huisletter) != 1 or not huisletter.isalpha()):
        raise _fout(Foutcode.ADRES_ONGELDIG, "De huisletter is één letter, bijvoorbeeld A.", "huisletter", prefix)
    toevoeging = tekst.get("huisnummertoevoeging", "")
    if len(toevoeging) > MAX_TOEVOEGING:
        raise _fout(
            Foutcode.ADRES_ONGELDIG,
            f"De toevoeging mag hoogstens {MAX_TOEVOEGING} tekens zijn, bijvoorbeeld 'bis' of '2hg'.",
            "huisnummertoevoeging",
            prefix,
        )
    postcode = tekst.get("postcode", "")
    if land == NEDERLAND:
        postcode = postcode.replace(" ", "").upper()
        if not POSTCODE_NL.match(postcode):
            raise _fout(
                Foutcode.ADRES_ONGELDIG,
                "Postcode moet vier cijfers en twee letters zijn, bijvoorbeeld 8011 AB.",
                "postcode",
                prefix,
            )
    elif not postcode or len(postcode) > MAX_POSTCODE:
        raise _fout(
            Foutcode.ADRES_ONGELDIG,
            f"Vul de buitenlandse postcode in (hoogstens {MAX_POSTCODE} tekens); zonder postcode kan het adres niet "
            "naar de aanbieder.",
            "postcode",
            prefix,
        )
    plaatsnaam = tekst.get("plaatsnaam", "")
    if not plaatsnaam or len(plaatsnaam) > MAX_PLAATSNAAM:
        raise _fout(
            Foutcode.ADRES_ONGELDIG,
            f"Vul de woonplaats in (hoogstens {MAX_PLAATSNAAM} tekens), bijvoorbeeld Zwolle.",
            "plaatsnaam",
            prefix,
        )
    return {
        "straatnaam": straatnaam,
        "huisnummer": int(ruw_huisnummer),
        "huisletter": huisletter.upper(),
        "huisnummertoevoeging": toevoeging,
        "aanduiding": aanduiding,
        "postcode": postcode,
        "plaatsnaam": plaatsnaam,
        "land": land,
    }


def controleer_telefoon(invoer: str, *, veld: str = "telefoon") -> tuple[str, str]:
    """A phone number as typed ("06-12345678", "+31 6 1234 5678", "038 123 45 67",
    "+32 470 12 34 56") → (number in digits, landnummer) as the iJw CDT_Telefoon wants them."""
    schoon = re.sub(r"[\s\-().]", "", invoer or "")
    if schoon.startswith("+"):
        schoon = "00" + schoon[1:]
    if not schoon.isdigit():
        raise DomainError(
            Foutcode.TELEFOON_ONGELDIG,
            "Een telefoonnummer bestaat uit cijfers, eventueel met +, spaties of streepjes, bijvoorbeeld 06-12345678.",
            field=veld,
        )
    if schoon.startswith("0031"):
        schoon = "0" + schoon[4:].removeprefix("0")
    if schoon.startswith("00"):
        for lengte in (1, 2, 3):  # country codes are 1-3 digits; the plan has no prefix overlap
            landnummer, rest = schoon[: 2 + lengte], schoon[2 + lengte :]
            if _bekend_landnummer(landnummer[2:]) and 4 <= len(rest) <= MAX_TELEFOON:
                # LDT_Landnummer holds four characters: 0032, 0049; a three-digit code as +352
                return rest, landnummer if len(landnummer) <= MAX_LANDNUMMER else f"+{landnummer[2:]}"
        raise DomainError(
            Foutcode.TELEFOON_ONGELDIG,
            "Dit buitenlandse nummer is niet te lezen: begin met + en het landnummer, bijvoorbeeld +32 470 12 34 56.",
            field=veld,
        )
    if not TELEFOON_NL.match(schoon):
        raise DomainError(
            Foutcode.TELEFOON_ONGELDIG,
            "Een Nederlands telefoonnummer heeft tien cijfers en begint met 0, bijvoorbeeld 06-12345678 of "
            "038-1234567.",
            field=veld,
        )
    return schoon, LANDNUMMER_NEDERLAND


def _bekend_landnummer(code: str) -> bool:
    """Country calling codes (ITU-T E.164): 1 and 7 are one digit; two-digit codes; the rest
    three digits. Enough to split a number; the number itself is not checked abroad."""
    if code in ("1", "7"):
        return True
    twee = {"20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48"}
    twee |= {"49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66"}
    twee |= {"81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"}
    if len(code) == 2:
        return code in twee
    return len(code) == 3 and code[:1] not in ("1", "7") and code[:2] not in twee


@dataclass(frozen=True)
class Contactwijziging:
    """What a change did, for the caller's message."""

    gewijzigd: tuple[str, ...]


def _zelfde(rij: Adres | None, velden: dict | None) -> bool:
    if rij is None or velden is None:
        return rij is None and velden is None
    return all(getattr(rij, k) == v for k, v in velden.items())


def _vervang_adres(jeugdige: Jeugdige, soort: AdresSoort, velden: dict | None, dag) -> bool:
    huidig = Adres.objects.select_for_update().filter(jeugdige=jeugdige, soort=soort, einddatum__isnull=True).first()
    if _zelfde(huidig, velden):
        return False
    if huidig is not None:
        if huidig.begindatum >= dag:  # a second change today replaces today's row
            huidig.delete()
        else:
            huidig.einddatum = dag - timedelta(days=1)
            huidig.save(update_fields=["einddatum"])
    if velden is not None:
        Adres.objects.create(jeugdige=jeugdige, soort=soort, begindatum=dag, **velden)
    return True


def _vervang_telefoons(jeugdige: Jeugdige, nummers: list[tuple[str, str]], dag) -> bool:
    huidig = list(
        Telefoonnummer.objects.select_for_update()
        .filter(jeugdige=jeugdige, einddatum__isnull=True)
        .order_by("volgorde")
    )
    if [(t.nummer, t.landnummer) for t in huidig] == nummers:
        return False
    for rij in huidig:
        if rij.begindatum >= dag:
            rij.delete()
        else:
            rij.einddatum = dag - timedelta(days=1)
            rij.save(update_fields=["einddatum"])
    Telefoonnummer.objects.bulk_create(
        Telefoonnummer(jeugdige=jeugdige, nummer=n, landnummer=land, volgorde=i, begindatum=dag)
        for i, (n, land) in enumerate(nummers, start=1)
    )
    return True


def wijzig_contactgegevens(
    *,
    jeugdige: Jeugdige,
    woonadres: dict | None,
    correspondentieadres: dict | None = None,
    telefoonnummers: Sequence[str] = (),
    door,
    context: Toegangscontext | None = None,
) -> Contactwijziging:
    """Set the current woonadres, correspondence address (None: letters go to the woonadres)
    and phone numbers (at most two) as of today. ``woonadres=None`` ends the known address
    (e.g. it proved wrong and the right one is not known). Everything is checked before
    anything is written; an unchanged part keeps its history row."""
    if not mag_contact_wijzigen(door, jeugdige):
        raise DomainError(Foutcode.GEEN_TOEGANG, "U mag de contactgegevens van deze jeugdige niet wijzigen.")
    woon = controleer_adres(woonadres, prefix="woon_") if woonadres else None
    post = controleer_adres(correspondentieadres, prefix="post_") if correspondentieadres else None
    if woon is not None and post == woon:
        post = None  # the same as the woonadres: not a correspondence address (only where it differs)
    ingevuld = [t for t in telefoonnummers if (t or "").strip()]
    if len(ingevuld) > MAX_TELEFOONNUMMERS:
        raise DomainError(Foutcode.TELEFOON_ONGELDIG, "Geef hoogstens twee telefoonnummers.", field="telefoon_2")
    nummers = []
    for i, invoer in enumerate(ingevuld, start=1):
        nummer = controleer_telefoon(invoer, veld=f"telefoon_{i}")
        if nummer not in nummers:
            nummers.append(nummer)
    dag = vandaag()
    with transaction.atomic():
        jeugdige = Jeugdige.objects.select_for_update().get(pk=jeugdige.pk)
        gewijzigd = []
        if _vervang_adres(jeugdige, AdresSoort.WOONADRES, woon, dag):
            gewijzigd.append("woonadres")
        if _vervang_adres(jeugdige, AdresSoort.CORRESPONDENTIEADRES, post, dag):
            gewijzigd.append("correspondentieadres")
        if _vervang_telefoons(jeugdige, nummers, dag):
            gewijzigd.append("telefoonnummers")
        if not gewijzigd:
            raise DomainError(Foutcode.GEEN_WIJZIGING, "Er is niets gewijzigd.")
        log(
            actie=Actie.WIJZIGEN,
            objecttype=Adres._meta.label,
            object_id=jeugdige.pk,
            jeugdige=jeugdige,
            door=door,
            context=context,
            doel="contactgegevens jeugdige",
            details="gewijzigd: " + ", ".join(gewijzigd),  # the parts only, never the values (R-P2)
        )
        publiceer(ContactGewijzigd(jeugdige.pk))
    return Contactwijziging(tuple(gewijzigd))


def heeft_contactgegevens(jeugdige_id: int, dag) -> bool:
    """True when the young person has a current address or phone number on ``dag``: what an
    iJw JW301 needs (TR006)."""
    from jeugdregie.common.periods import geldig_op_q

    return (
        Adres.objects.filter(geldig_op_q(dag), jeugdige_id=jeugdige_id).exists()
        or Telefoonnummer.objects.filter(geldig_op_q(dag), jeugdige_id=jeugdige_id).exists()
    )
