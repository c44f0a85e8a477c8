"""Write-side of user management (R-P5): the only code that creates or changes accounts from a
web screen. Confined to organisations of the manager's own region; never creates or changes a
superuser or staff account (those are made with ``manage.py createsuperuser``); every change is
audit-logged, naming the account by id and never a name."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from jeugdregie.accounts.constants import ORGANISATIE, Rol
from jeugdregie.accounts.models import Gebruiker
from jeugdregie.accounts.policies import mag_gebruiker_beheren, mag_gebruikers_beheren, regio_id_van
from jeugdregie.accounts.tweefactor import verwijder_tweede_factoren
from jeugdregie.audit.constants import Actie, Uitkomst
from jeugdregie.audit.context import Toegangscontext
from jeugdregie.audit.services import log
from jeugdregie.common.errors import DomainError

from .constants import Foutcode

OBJECTTYPE = Gebruiker._meta.label
ORGANISATIEVELDEN = ("regio", "gemeente", "aanbieder", "verwijzer")


class GeenBevoegdheid(DomainError):
    """A refusal on authority rather than on input: the screens answer it with 403."""


@dataclass(frozen=True)
class Accountgegevens:
    """What the manager enters for an account. ``organisatie`` is the municipality, provider or
    referrer the role needs; the regional roles get the manager's own region."""

    voornaam: str
    achternaam: str
    email: str
    rol: Rol
    organisatie: object | None = None


def log_weigering(
    fout: GeenBevoegdheid, *, door, object_id: object = "", context: Toegangscontext | None = None
) -> None:
    """The refusal's audit row (R-P2, R-P5). Written by the caller after the service's transaction
    rolled back, so that the row survives the refusal."""
    log(
        actie=Actie.WIJZIGEN,
        objecttype=OBJECTTYPE,
        object_id=object_id,
        door=door,
        context=context,
        uitkomst=Uitkomst.GEWEIGERD,
        details=f"gebruikersbeheer geweigerd ({fout.code})",
    )


def _vereis_beheerder(door) -> None:
    if not mag_gebruikers_beheren(door):
        raise GeenBevoegdheid(
            Foutcode.GEEN_BEHEERDER, "Alleen de functioneel beheerder van de regio beheert gebruikers."
        )


def _zet_rol(account: Gebruiker, gegevens: Accountgegevens, *, door) -> None:
    for veld in ORGANISATIEVELDEN:
        setattr(account, veld, None)
    account.rol = gegevens.rol
    vereist = ORGANISATIE[Rol(gegevens.rol)]
    if vereist == "regio":
        account.regio_id = door.regio_id
    elif gegevens.organisatie is not None:
        setattr(account, vereist, gegevens.organisatie)
    account.first_name = gegevens.voornaam.strip()
    account.last_name = gegevens.achternaam.strip()
    account.email = gegevens.email.strip()


def _controleer(account: Gebruiker, *, door) -> None:
    """R-P5: the account's organisation lies in the manager's region; it is no superuser or staff."""
    if account.is_superuser or account.is_staff:
        raise GeenBevoegdheid(Foutcode.BEVOORRECHT, "Superusers en stafaccounts beheert u niet via dit scherm.")
    try:
        account.full_clean(exclude=["password"])
    except ValidationError as fout:
        veld, meldingen = next(iter(fout.message_dict.items()))
        raise DomainError(Foutcode.ONGELDIG, " ".join(meldingen), field=veld) from None
    if regio_id_van(account) != door.regio_id:
        raise GeenBevoegdheid(Foutcode.BUITEN_REGIO, "U beheert alleen gebruikers van organisaties in uw eigen regio.")


def _omschrijving(account: Gebruiker) -> str:
    vereist = ORGANISATIE[Rol(account.rol)] if account.rol else ""
    organisatie_id = getattr(account, f"{vereist}_id", None) if vereist else None
    return f"rol={account.rol or '-'}; organisatie={vereist or '-'}:{organisatie_id or '-'}; actief={account.is_active}"


@transaction.atomic
def maak_gebruiker(
    *, door, gebruikersnaam: str, gegevens: Accountgegevens, context: Toegangscontext | None = None
) -> Gebruiker:
    """A new account in the manager's region. It gets no password: the user sets one through
    "Wachtwoord vergeten" (the e-mail goes to the address entered here). Never staff or superuser."""
    _vereis_beheerder(door)
    gebruikersnaam = gebruikersnaam.strip()
    if Gebruiker.objects.filter(username__iexact=gebruikersnaam).exists():
        raise DomainError(
            Foutcode.NAAM_BESTAAT, "Deze gebruikersnaam bestaat al: kies een andere.", field="gebruikersnaam"
        )
    account = Gebruiker(username=gebruikersnaam, is_staff=False, is_superuser=False, is_active=True)
    _zet_rol(account, gegevens, door=door)
    account.set_unusable_password()
    _controleer(account, door=door)
    account.save()
    _log(Actie.AANMAKEN, account, door=door, context=context, details=f"gebruiker aangemaakt: {_omschrijving(account)}")
    return account


def _log(actie: Actie, account: Gebruiker, *, door, context: Toegangscontext | None, details: str) -> None:
    log(actie=actie, objecttype=OBJECTTYPE, object_id=account.pk, door=door, context=context, details=details)


def _vergrendel(account: Gebruiker, *, door) -> Gebruiker:
    _vereis_beheerder(door)
    account = Gebruiker.objects.select_for_update().get(pk=account.pk)
    if not mag_gebruiker_beheren(door, account):
        if account.is_superuser or account.is_staff:
            code, melding = Foutcode.BEVOORRECHT, "Superusers en stafaccounts beheert u niet via dit scherm."
        else:
            code, melding = Foutcode.BUITEN_REGIO, "U beheert alleen andere gebruikers van uw eigen regio."
        raise GeenBevoegdheid(code, melding)
    return account


@transaction.atomic
def wijzig_gebruiker(
    *, door, gebruiker: Gebruiker, gegevens: Accountgegevens, context: Toegangscontext | None = None
) -> Gebruiker:
    """Change name, e-mail, role and organisation of an account of the manager's region."""
    account = _vergrendel(gebruiker, door=door)
    voor = _omschrijving(account)
    _zet_rol(account, gegevens, door=door)
    _controleer(account, door=door)
    account.save()
    _log(
        Actie.WIJZIGEN,
        account,
        door=door,
        context=context,
        details=f"gebruiker gewijzigd: van {voor} naar {_omschrijving(account)}",
    )
    return account


@transaction.atomic
def zet_actief(*, door, gebruiker: Gebruiker, actief: bool, context: Toegangscontext | None = None) -> Gebruiker:
    """Deactivate (the account can no longer log in; its history stays) or reactivate."""
    account = _vergrendel(gebruiker, door=door)
    account.is_active = actief
    account.save(update_fields=["is_active"])
    _log(
        Actie.WIJZIGEN,
        account,
        door=door,
        context=context,
        details=f"gebruiker {'geactiveerd' if actief else 'gedeactiveerd'}: {_omschrijving(account)}",
    )
    return account


@transaction.atomic
def herstel_tweede_factor(*, door, gebruiker: Gebruiker, context: Toegangscontext | None = None) -> int:
    """R-P5: a user lost the phone with the authenticator app or the security key (or used up the
    recovery codes). The manager removes the app, the codes and the keys; the user sets up a new
    factor at the next login, or at the next step of a running session. Returns how many devices were removed."""
    account = _vergrendel(gebruiker, door=door)
    aantal = verwijder_tweede_factoren(account)
    _log(
        Actie.WIJZIGEN,
        account,
        door=door,
        context=context,
        details=f"tweede factor hersteld: {aantal} apparaten verwijderd; {_omschrijving(account)}",
    )
    return aantal
