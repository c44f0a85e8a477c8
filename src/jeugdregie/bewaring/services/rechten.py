"""AVG art. 16 (correction with history) and "longer where careful care needs it" (Jeugdwet
7.3.8), both for the toegang of the child's municipality and audit-logged (R-P7)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError
from jeugdregie.common.tijd import nu, vandaag
from jeugdregie.jeugdigen.constants import AdresSoort, Geslacht
from jeugdregie.jeugdigen.models import Adres, Jeugdige, Telefoonnummer
from jeugdregie.jeugdigen.services_contact import controleer_adres, controleer_telefoon

from ..constants import CorrectieVeld, Foutcode
from ..models import Anonimisering, Bewaarverlenging, Correctie
from ..policies import mag_corrigeren, mag_langer_bewaren


def _controleer(veld: CorrectieVeld, waarde) -> object:
    if veld in (CorrectieVeld.VOORNAMEN, CorrectieVeld.ACHTERNAAM):
        waarde = (waarde or "").strip()
        if not waarde:
            raise DomainError(Foutcode.WAARDE_ONGELDIG, "Vul voornamen en achternaam in.", field=veld)
        return waarde[:200]
    if veld == CorrectieVeld.GEBOORTEDATUM:
        if not isinstance(waarde, date) or waarde > vandaag():
            raise DomainError(Foutcode.WAARDE_ONGELDIG, "De geboortedatum ligt in de toekomst.", field=veld)
        if waarde < vandaag() - timedelta(days=365 * 30):
            raise DomainError(
                Foutcode.WAARDE_ONGELDIG,
                "Deze geboortedatum hoort niet bij een jeugdige (ouder dan 30 jaar). Controleer de datum.",
                field=veld,
            )
        return waarde
    if waarde not in Geslacht.values:
        raise DomainError(Foutcode.WAARDE_ONGELDIG, "Kies een geslacht uit de lijst.", field=veld)
    return waarde


def _tekst(waarde) -> str:
    return waarde.isoformat() if isinstance(waarde, date) else str(waarde)


CONTACTVELDEN = ("straatnaam", "huisnummer", "huisletter", "huisnummertoevoeging", "postcode", "plaatsnaam")


def _contactcorrecties(jeugdige: Jeugdige, woonadres: dict | None, telefoon: str | None) -> list[tuple]:
    """The contact corrections (issue 15 §2): (veld, current row or None, new values, old text,
    new text), checked with the rules of ``jeugdigen.services_contact``. The current row is
    corrected in place (the value was wrong, not moved); its old value stays in the Correctie."""
    dag = vandaag()
    gevonden: list[tuple[CorrectieVeld, Adres | Telefoonnummer | None, dict, str, str]] = []
    if woonadres and any(str(v or "").strip() for v in woonadres.values()):
        huidig = (
            Adres.objects.select_for_update()
            .filter(jeugdige=jeugdige, soort=AdresSoort.WOONADRES, einddatum__isnull=True)
            .first()
        )
        land = huidig.land if huidig is not None else "NL"
        nieuw = controleer_adres({**woonadres, "land": land}, prefix="woon_")
        if huidig is None or any(getattr(huidig, k) != v for k, v in nieuw.items()):
            tekst = str(Adres(**nieuw, soort=AdresSoort.WOONADRES, begindatum=dag))
            gevonden.append((CorrectieVeld.WOONADRES, huidig, nieuw, str(huidig) if huidig else "", tekst))
    if (telefoon or "").strip():
        nummer, landnummer = controleer_telefoon(telefoon or "", veld="telefoon")
        huidig_nummer = (
            Telefoonnummer.objects.select_for_update()
            .filter(jeugdige=jeugdige, einddatum__isnull=True, volgorde=1)
            .first()
        )
        if huidig_nummer is None or (huidig_nummer.nummer, huidig_nummer.landnummer) != (nummer, landnummer):
            nieuw_nummer = {"nummer": nummer, "landnummer": landnummer}
            tekst = str(Telefoonnummer(**nieuw_nummer))
            gevonden.append(
                (
                    CorrectieVeld.TELEFOON,
                    huidig_nummer,
                    nieuw_nummer,
                    str(huidig_nummer) if huidig_nummer else "",
                    tekst,
                )
            )
    return gevonden


def _pas_contact_toe(jeugdige: Jeugdige, correcties: list[tuple]) -> None:
    for veld, huidig, nieuw, _oud, _tekst in correcties:
        if huidig is not None:
            for k, v in nieuw.items():
                setattr(huidig, k, v)
            huidig.save(update_fields=list(nieuw))
        elif veld == CorrectieVeld.WOONADRES:
            Adres.objects.create(jeugdige=jeugdige, soort=AdresSoort.WOONADRES, begindatum=vandaag(), **nieuw)
        else:
            Telefoonnummer.objects.create(jeugdige=jeugdige, volgorde=1, begindatum=vandaag(), **nieuw)


@transaction.atomic
def corrigeer(
    *,
    jeugdige: Jeugdige,
    wijzigingen: dict[str, object],
    reden: str,
    door,
    context: Toegangscontext | None = None,
    woonadres: dict | None = None,
    telefoon: str | None = None,
) -> list[Correctie]:
    """Correct the given fields, and the current woonadres and first phone number where given
    (issue 15 §2); one ``Correctie`` per changed field (old → new, who, when, why). Everything
    is checked before anything is written."""
    if not mag_corrigeren(door, jeugdige):
        raise DomainError(Foutcode.GEEN_TOEGANG, "U mag de gegevens van deze jeugdige niet corrigeren.")
    if not (reden or "").strip():
        raise DomainError(Foutcode.REDEN_ONTBREEKT, "Geef de reden van de correctie.", field="reden")
    jeugdige = Jeugdige.objects.select_for_update().get(pk=jeugdige.pk)
    if Anonimisering.objects.filter(jeugdige=jeugdige).exists():
        raise DomainError(Foutcode.GEANONIMISEERD, "Deze jeugdige is geanonimiseerd; er valt niets te corrigeren.")
    nieuw = {CorrectieVeld(k): _controleer(CorrectieVeld(k), v) for k, v in wijzigingen.items() if v is not None}
    gewijzigd = {k: v for k, v in nieuw.items() if getattr(jeugdige, k) != v}
    contact = _contactcorrecties(jeugdige, woonadres, telefoon)
    if not gewijzigd and not contact:
        raise DomainError(Foutcode.GEEN_WIJZIGING, "Er is niets gewijzigd.")
    moment = nu()
    correcties = [
        Correctie(
            jeugdige=jeugdige,
            veld=veld,
            oud=_tekst(getattr(jeugdige, veld)),
            nieuw=_tekst(waarde),
            reden=reden.strip(),
            door=door,
            tijdstip=moment,
        )
        for veld, waarde in gewijzigd.items()
    ]
    correcties += [
        Correctie(
            jeugdige=jeugdige,
            veld=veld,
            oud=oud[:200],
            nieuw=tekst[:200],
            reden=reden.strip(),
            door=door,
            tijdstip=moment,
        )
        for veld, _huidig, _nieuw, oud, tekst in contact
    ]
    for veld, waarde in gewijzigd.items():
        setattr(jeugdige, veld, waarde)
    if gewijzigd:
        jeugdige.save(update_fields=list(gewijzigd))
    _pas_contact_toe(jeugdige, contact)
    Correctie.objects.bulk_create(correcties)
    log(
        actie=Actie.WIJZIGEN,
        objecttype=Jeugdige._meta.label,
        object_id=jeugdige.pk,
        jeugdige=jeugdige,
        door=door,
        context=context,
        doel="correctieverzoek (AVG art. 16)",
        # field names only, never the values
        details="correctie van: " + ", ".join(sorted([*gewijzigd, *(str(c[0]) for c in contact)])),
    )
    return correcties


@transaction.atomic
def bewaar_langer(
    *, jeugdige: Jeugdige, tot: date, reden: str, door, context: Toegangscontext | None = None
) -> Bewaarverlenging:
    """Keep this child's data until ``tot`` whatever the class terms say (one decision per child;
    a new decision replaces the previous one)."""
    if not mag_langer_bewaren(door, jeugdige):
        raise DomainError(Foutcode.GEEN_TOEGANG, "U mag de bewaartermijn van deze jeugdige niet verlengen.")
    if not (reden or "").strip():
        raise DomainError(Foutcode.REDEN_ONTBREEKT, "Geef de reden om langer te bewaren.", field="reden")
    if tot <= vandaag():
        raise DomainError(Foutcode.WAARDE_ONGELDIG, "Kies een datum in de toekomst.", field="tot")
    verlenging, _ = Bewaarverlenging.objects.update_or_create(
        jeugdige=jeugdige, defaults={"tot": tot, "reden": reden.strip(), "door": door, "vastgelegd": nu()}
    )
    log(
        actie=Actie.WIJZIGEN,
        objecttype=Bewaarverlenging._meta.label,
        object_id=verlenging.pk,
        jeugdige=jeugdige,
        door=door,
        context=context,
        doel="langer bewaren (Jeugdwet 7.3.8)",
        details=f"bewaren tot {tot:%Y-%m-%d}",
    )
    return verlenging
