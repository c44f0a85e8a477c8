"""Password reset by e-mail (R-P5): Django's views with Dutch pages and mail."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from .factories import GebruikerFactory


def _herstel_link(client, email: str) -> str:
    antwoord = client.post("/inloggen/wachtwoord-vergeten/", {"email": email})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/wachtwoord-vergeten/verzonden/"
    assert len(mail.outbox) == 1
    return re.search(r"http://testserver(/inloggen/wachtwoord-herstellen/\S+/)", mail.outbox[0].body).group(1)


def test_wachtwoord_herstellen_via_email(wereld):
    """R-P5: a user who forgot the password gets a Dutch mail with a one-time link, chooses a new
    password, and then logs in with it and still needs the second factor."""
    gebruiker = wereld["gebruikers"]["toegang"]
    gebruiker.email = "tamara@zwolle.example"
    gebruiker.save(update_fields=["email"])
    kaal = Client()
    assert "Wachtwoord vergeten" in kaal.get("/inloggen/").content.decode()

    link = _herstel_link(kaal, "tamara@zwolle.example")
    bericht = mail.outbox[0]
    assert bericht.subject == "Jeugdregie: nieuw wachtwoord kiezen"
    assert bericht.to == ["tamara@zwolle.example"]
    assert "Kies een nieuw wachtwoord via deze link" in bericht.body

    formulier = kaal.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in formulier.content.decode()
    opslaan = kaal.post(
        formulier.redirect_chain[-1][0],
        {"new_password1": "nieuw-lang-wachtwoord-42", "new_password2": "nieuw-lang-wachtwoord-42"},
    )
    assert opslaan.status_code == 302 and opslaan["Location"] == "/inloggen/wachtwoord-herstellen/klaar/"
    gebruiker.refresh_from_db()
    assert gebruiker.check_password("nieuw-lang-wachtwoord-42")

    # the link works once
    assert "Deze link werkt niet" in kaal.get(link, follow=True).content.decode()
    # the new password is the first factor only
    nieuw = Client()
    assert (
        nieuw.post("/inloggen/", {"username": gebruiker.username, "password": "nieuw-lang-wachtwoord-42"})["Location"]
        == "/"
    )
    assert nieuw.get("/jeugdigen/")["Location"].startswith("/inloggen/tweede-factor/")


def test_geen_mail_voor_onbekend_adres_of_sso_account(db):
    """R-P5: an unknown address and an SSO account (no password of its own) get no mail; the page
    answers the same, so it does not reveal which addresses have an account."""
    sso = GebruikerFactory(username="oidc:abc", email="sso@deventer.example")
    sso.set_unusable_password()
    sso.save()
    kaal = Client()
    for adres in ("niemand@example.org", "sso@deventer.example"):
        antwoord = kaal.post("/inloggen/wachtwoord-vergeten/", {"email": adres})
        assert antwoord.status_code == 302 and antwoord["Location"] == "/inloggen/wachtwoord-vergeten/verzonden/"
    assert mail.outbox == []
    assert sso.password == type(sso).objects.get(pk=sso.pk).password
