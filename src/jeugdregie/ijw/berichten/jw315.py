"""JW315 verzoek om toewijzing -> JW316 (issue 5 §2, R-M1). The request lands on the toegang's
worklist as one ``Toewijzingsverzoek`` per AangevraagdProduct, through
``toewijzingen.services.verzoek.ontvang_toewijzingsverzoek``.

Control levels (IV032): CS002 and the conditions CD041/043/066/067/068/075/076/077/078/079/095,
CS003 and CS343 are in-message rules (header-only 0001; TR135 is checked by the receiver for
every type); TR381 (S329), TR347 (9347) and TR374 (9374) reject the whole message with their
code on the failing class and 0200 on the others. An unknown client is registered from the message with the
receiving municipality as residence (OP039: a known client's data is not overwritten)."""

from __future__ import annotations

from datetime import date

from lxml import etree

from jeugdregie.catalogus.models import Product
from jeugdregie.common.errors import DomainError
from jeugdregie.jeugdigen.constants import Foutcode as JeugdigeFout
from jeugdregie.jeugdigen.constants import Geslacht
from jeugdregie.jeugdigen.models import Jeugdige
from jeugdregie.jeugdigen.services import registreer_jeugdige
from jeugdregie.verzoeken.constants import Foutcode as FoutcodeVerzoek
from jeugdregie.verzoeken.services import (
    AangevraagdProduct,
    gebruikte_referenties,
    heeft_onderhanden_verzoek,
    ontvang_toewijzingsverzoek,
)

from ..constants import Berichttype, Retourcode
from ..xml.retour import retour
from . import lezen
from .basis import Inhoudsfout, Inkomend, Uitkomst
from .lezen import datum, geheel, tekst

KLASSEN = ["Client", "AangevraagdProduct"]
PRODUCTCODE_ONGELDIG = "S329"  # TR381
REFERENTIE_NIET_UNIEK = "9347"  # TR347
VERZOEK_ONDERHANDEN = "9374"  # TR374
VERWIJZER_MET_ZORGVERLENERCODE = {"02", "03", "04", "05"}  # CD066–CD068
EENHEDEN_MET_FREQUENTIE = {"14", "16", "83", "84"}  # CS343
FREQUENTIES_CS343 = {"2", "4", "6"}
PER_WEEK = "2"  # CD076
OUDE_TOEWIJZING = date(2020, 12, 31)  # CD095, CS343
_ONDERHANDEN = (
    "Er is al een verzoek van u voor deze cliënt onderhanden. Wacht op het antwoord (afwijzing of toewijzing) "
    "voordat u een nieuw verzoek stuurt (TR374)."
)


def _lees(el: etree._Element, ns: dict[str, str]) -> dict:
    return {
        "referentie": tekst(el, "m:ReferentieAanbieder", ns),
        "beschikkingnummer": tekst(el, "m:BeschikkingNummer", ns),
        "beschikking_ingang": tekst(el, "m:BeschikkingIngangsdatum", ns),
        "categorie": tekst(el, "m:Product/ijw:Categorie", ns),
        "code": tekst(el, "m:Product/ijw:Code", ns),
        "ingangsdatum": datum(el, "m:ToewijzingIngangsdatum", ns),
        "einddatum": datum(el, "m:ToewijzingEinddatum", ns),
        "omvang": el.find("m:Omvang", ns) is not None,
        "volume": geheel(el, "m:Omvang/ijw:Volume", ns),
        "eenheid": tekst(el, "m:Omvang/ijw:Eenheid", ns),
        "frequentie": tekst(el, "m:Omvang/ijw:Frequentie", ns),
        "budget": geheel(el, "m:Budget", ns),
        "verwijzer_type": tekst(el, "m:Verwijzer/ijw:Type", ns),
        "verwijzer_naam": tekst(el, "m:Verwijzer/ijw:Naam", ns),
        "zorgverlenercode": tekst(el, "m:Verwijzer/ijw:ZorgverlenerCode", ns),
    }


def _controleer_inhoud(g: dict) -> None:
    """The in-message conditions of an AangevraagdProduct (IV032 level 2: header-only 0001)."""
    ref, code, budget, eind = g["referentie"], g["code"], g["budget"], g["einddatum"]
    lang_lopend = eind is None or eind > OUDE_TOEWIJZING
    fouten = [
        (not g["categorie"] and budget is None, "CD079", "vul Product of Budget"),
        (budget is not None and g["omvang"], "CD077/CD078", "vul Omvang of Budget, niet beide"),
        (budget is not None and eind is None, "CD075", "bij een Budget is ToewijzingEinddatum verplicht"),
        (g["frequentie"] == PER_WEEK and eind is None, "CD076", "bij Frequentie 2 (per week) is een einddatum nodig"),
        (eind is not None and eind < g["ingangsdatum"], "CS003", "de einddatum ligt voor de ingangsdatum"),
        (bool(code) and not g["omvang"], "CD041", "bij een productcode is Omvang verplicht"),
        (not code and g["omvang"] and lang_lopend, "CD095", "zonder productcode blijft Omvang leeg"),
        (
            g["eenheid"] in EENHEDEN_MET_FREQUENTIE and lang_lopend and g["frequentie"] not in FREQUENTIES_CS343,
            "CS343",
            "bij deze eenheid is de frequentie 2, 4 of 6",
        ),
        (
            bool(g["beschikkingnummer"]) != bool(g["beschikking_ingang"]),
            "CD043",
            "BeschikkingNummer en BeschikkingIngangsdatum horen samen",
        ),
    ]
    if g["verwijzer_type"] in VERWIJZER_MET_ZORGVERLENERCODE:
        fouten += [
            (bool(g["zorgverlenercode"]) and bool(g["verwijzer_naam"]), "CD066", "geef ZorgverlenerCode of Naam"),
            (not g["zorgverlenercode"] and not g["verwijzer_naam"], "CD067", "zonder ZorgverlenerCode een Naam"),
        ]
    else:
        fouten.append((bool(g["zorgverlenercode"]), "CD068", "bij dit type verwijzer blijft ZorgverlenerCode leeg"))
    for fout, regel, uitleg in fouten:
        if fout:
            raise Inhoudsfout(f"AangevraagdProduct {ref}: {uitleg} ({regel}).", regel=regel)


def _retour(inkomend: Inkomend, codes: dict):
    return retour(
        inkomend.root,
        retourtype=Berichttype.JW316,
        klassen=KLASSEN,
        codes=codes,
        standaard=Retourcode.GEEN_OPMERKING,
        identificatie=inkomend.retour_identificatie,
        dagtekening=inkomend.vandaag,
    )


def _jeugdige(client: etree._Element, ns: dict[str, str], bsn: str, inkomend: Inkomend, vanaf: date) -> Jeugdige:
    """Find the client by BSN, or register it from the message, living in the receiving
    municipality from the earliest requested start (or today, if that is earlier)."""
    bestaand = Jeugdige.objects.filter(bsn=bsn).first()
    if bestaand is not None:
        return bestaand
    voorvoegsel = tekst(client, "m:Naam/ijw:Geslachtsnaam/ijw:Voorvoegsel", ns)
    achternaam = tekst(client, "m:Naam/ijw:Geslachtsnaam/ijw:Achternaam", ns)
    voornamen = tekst(client, "m:Naam/ijw:Voornamen", ns) or tekst(client, "m:Naam/ijw:Voorletters", ns)
    geboortedatum = datum(client, "m:Geboortedatum/ijw:Datum", ns)
    try:
        return registreer_jeugdige(
            bsn=bsn,
            voornamen=voornamen or "(onbekend)",
            achternaam=f"{voorvoegsel} {achternaam}".strip(),
            geboortedatum=geboortedatum,
            geslacht=Geslacht(tekst(client, "m:Geslacht", ns)),
            gemeente=inkomend.gemeente,
            woonachtig_sinds=max(geboortedatum, min(vanaf, inkomend.vandaag)),
            door=inkomend.door,
        )
    except DomainError as fout:
        if fout.code == JeugdigeFout.BSN_BESTAAT:  # registered by a concurrent message just now
            return Jeugdige.objects.get(bsn=bsn)
        raise Inhoudsfout(f"Client: {fout.message}") from None


def verwerk(inkomend: Inkomend) -> Uitkomst:
    ns = inkomend.ns
    client = inkomend.root.find("m:Client", ns)
    bsn = lezen.bsn(tekst(client, "m:Bsn", ns))
    elementen = client.findall("m:AangevraagdeProducten/m:AangevraagdProduct", ns)
    gelezen = [(_lees(el, ns), el) for el in elementen]
    for g, _el in gelezen:
        _controleer_inhoud(g)

    codes: dict[etree._Element, list[str]] = {}
    fouten: list[dict] = []

    def keur_af(element, klasse: str, sleutel: str, code: str, toelichting: str) -> None:
        codes.setdefault(element, []).append(code)
        fouten.append({"klasse": klasse, "sleutel": sleutel, "codes": [code], "toelichting": toelichting})

    producten = Product.objects.filter(code__in=[g["code"] for g, _el in gelezen if g["code"]], actief=True)
    per_code = {p.code: p for p in producten}
    gebruikt = gebruikte_referenties(aanbieder=inkomend.aanbieder, referenties=[g["referentie"] for g, _el in gelezen])
    gezien: set[str] = set()
    for g, el in gelezen:
        ref = g["referentie"]
        product = per_code.get(g["code"])
        if g["code"] and (product is None or product.ijw_productcategorie != g["categorie"]):
            keur_af(
                el,
                "AangevraagdProduct",
                ref,
                PRODUCTCODE_ONGELDIG,
                f"Productcode {g['code']} (categorie {g['categorie']}) komt niet voor in de productcodelijst van de "
                "regio. Gebruik een code uit de catalogus die bij de categorie past (TR381).",
            )
        if ref in gebruikt or ref in gezien:
            keur_af(
                el,
                "AangevraagdProduct",
                ref,
                REFERENTIE_NIET_UNIEK,
                f"ReferentieAanbieder {ref} is al eerder gebruikt. Geef iedere aanvraag een nieuwe referentie (TR347).",
            )
        gezien.add(ref)
    jeugdige = Jeugdige.objects.filter(bsn=bsn).first()
    if jeugdige is not None and heeft_onderhanden_verzoek(jeugdige=jeugdige, aanbieder=inkomend.aanbieder):
        keur_af(client, "Client", "", VERZOEK_ONDERHANDEN, _ONDERHANDEN)
    if codes:
        return Uitkomst(retour=_retour(inkomend, codes), bewaar=False, fouten=fouten)

    jeugdige = _jeugdige(client, ns, bsn, inkomend, min(g["ingangsdatum"] for g, _el in gelezen))
    aanvragen = [
        AangevraagdProduct(
            referentie_aanbieder=g["referentie"],
            ingangsdatum=g["ingangsdatum"],
            einddatum=g["einddatum"],
            product=per_code.get(g["code"]),
            productcategorie=g["categorie"],
            volume=g["volume"],
            eenheid=g["eenheid"],
            frequentie=g["frequentie"],
            budget=lezen.euro(g["budget"]),
            verwijzer_type=g["verwijzer_type"],
            verwijzer_naam=g["verwijzer_naam"],
            verwijzer_zorgverlenercode=g["zorgverlenercode"],
        )
        for g, _el in gelezen
    ]
    try:
        ontvang_toewijzingsverzoek(
            jeugdige=jeugdige,
            gemeente=inkomend.gemeente,
            aanbieder=inkomend.aanbieder,
            producten=aanvragen,
            ontvangen_op=inkomend.ontvangen_op,
            door=inkomend.door,
        )
    except DomainError as fout:  # lost a race with a concurrent message (the checks above passed)
        if fout.code == FoutcodeVerzoek.ONDERHANDEN:
            keur_af(client, "Client", "", VERZOEK_ONDERHANDEN, _ONDERHANDEN)
        elif fout.code == FoutcodeVerzoek.REFERENTIE:
            for g, el in gelezen:
                keur_af(el, "AangevraagdProduct", g["referentie"], REFERENTIE_NIET_UNIEK, fout.message)
        else:
            raise Inhoudsfout(fout.message) from None
        return Uitkomst(retour=_retour(inkomend, codes), bewaar=False, fouten=fouten)
    return Uitkomst(retour=_retour(inkomend, {}), jeugdige_id=jeugdige.pk)
