"""Issue 19 §3: a notification's e-mail through a real SMTP server (aiosmtpd, started by the test
on 127.0.0.1): a real domain action (a refusal at screening, R-S3) makes the notification, after
the commit its task sends the e-mail with Django's SMTP backend. The body has the kind, the subject
and the link back, never the child's BSN or name; a second run sends nothing again."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from jeugdregie.celery import app
from jeugdregie.taken.tasks import melding_mailen
from jeugdregie.verwijzingen.constants import MeldingSoort
from jeugdregie.verwijzingen.models import Melding, MeldingGemaild
from jeugdregie.verwijzingen.services.meldingen import zet_per_email

from .builders.route import screen, verwijs


class Postbus:
    """The SMTP server's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.berichten: list = []

    async def handle_DATA(self, server, session, envelope):
        self.berichten.append(envelope)
        return "250 Message accepted for delivery"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    postbus = Postbus()
    controller = Controller(postbus, hostname="127.0.0.1", port=_vrije_poort())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            DEFAULT_FROM_EMAIL="jeugdregie@example.nl",
            JEUGDREGIE_BASIS_URL="https://jeugdregie.example.nl",
        ):
            yield postbus
    finally:
        controller.stop()


@pytest.fixture
def werker():
    """The after-commit task runs at once, as a worker would run it (the suite has no worker)."""
    vorig = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = vorig


def _tekst(envelope) -> tuple[str, str]:
    bericht = message_from_bytes(envelope.content, policy=policy.default)
    return str(bericht["Subject"]), bericht.get_body(preferencelist=("plain",)).get_content()


def test_weigering_gaat_per_email_via_smtp_eenmaal_en_zonder_persoonsgegevens(
    route, smtp, werker, django_capture_on_commit_callbacks
):
    """Issue 19 §3, R-S3, R-P2: the toegang of the child's municipality gets the refusal by
    e-mail (a default kind); the other municipality's toegang and finance get nothing."""
    gebruikers = route["gebruikers"]
    for rol in ("toegang", "toegang_andere_gemeente", "financieel", "aanbieder"):
        gebruikers[rol].email = f"{rol}@example.nl"
        gebruikers[rol].save(update_fields=["email"])
    jeugdige = route["jeugdige_zwolle"]
    verwijzing = verwijs(route)

    with django_capture_on_commit_callbacks(execute=True):
        screen(route, verwijzing, uitkomst="te_zwaar")

    melding = Melding.objects.get(soort=MeldingSoort.NIET_GEACCEPTEERD)
    assert len(smtp.berichten) == 1
    envelope = smtp.berichten[0]
    assert envelope.rcpt_tos == ["toegang@example.nl"]
    assert envelope.mail_from == "jeugdregie@example.nl"
    kop, tekst = _tekst(envelope)
    assert kop == "Jeugdregie: Verwijzing niet geaccepteerd"
    assert f"Onderwerp: Verwijzing {verwijzing.pk} niet geaccepteerd door de aanbieder" in tekst
    assert f"https://jeugdregie.example.nl/meldingen/{melding.pk}/" in tekst
    assert "https://jeugdregie.example.nl/meldingen/instellingen/" in tekst
    ruw = envelope.content.decode("utf-8", "replace")
    for persoonsgegeven in (jeugdige.bsn, jeugdige.voornamen, jeugdige.achternaam):
        assert persoonsgegeven not in ruw
    assert list(MeldingGemaild.objects.values_list("melding_id", "gebruiker_id")) == [
        (melding.pk, gebruikers["toegang"].pk)
    ]

    # a second run (a retry, or a second delivery of the task) sends nothing again
    assert melding_mailen(melding.pk) == 0
    assert len(smtp.berichten) == 1

    # the link opens the notification and goes on to the referral
    from .inloggen import TweeFactorClient

    client = TweeFactorClient()
    client.force_login(gebruikers["toegang"])
    antwoord = client.get(f"/meldingen/{melding.pk}/")
    assert antwoord["Location"] == f"/route/verwijzingen/{verwijzing.pk}/"


def test_wie_de_soort_uitzet_krijgt_geen_email(route, smtp, werker, django_capture_on_commit_callbacks):
    """Issue 19 §3: only the kinds a user chose come by e-mail; the inbox still shows it."""
    toegang = route["gebruikers"]["toegang"]
    toegang.email = "toegang@example.nl"
    toegang.save(update_fields=["email"])
    zet_per_email(door=toegang, soorten=["antwoordtermijn"])
    verwijzing = verwijs(route)

    with django_capture_on_commit_callbacks(execute=True):
        screen(route, verwijzing, uitkomst="te_zwaar")

    assert smtp.berichten == []
    assert not MeldingGemaild.objects.exists()
    assert Melding.objects.voor_gebruiker(toegang).ongelezen(toegang).count() == 1


def test_een_mislukte_verzending_wordt_opnieuw_geprobeerd(route, werker, django_capture_on_commit_callbacks):
    """Issue 19 §3: no SMTP server listening: nothing is recorded as sent, so the next run sends."""
    toegang = route["gebruikers"]["toegang"]
    toegang.email = "toegang@example.nl"
    toegang.save(update_fields=["email"])
    verwijzing = verwijs(route)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=_vrije_poort(), EMAIL_TIMEOUT=2):  # fmt: skip
        screen(route, verwijzing, uitkomst="te_zwaar")  # no commit hook run here
        melding = Melding.objects.get()
        with pytest.raises(OSError):
            melding_mailen.run(melding.pk)
    assert not MeldingGemaild.objects.exists()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        from django.core import mail

        assert melding_mailen.run(melding.pk) == 1
        assert len(mail.outbox) == 1
