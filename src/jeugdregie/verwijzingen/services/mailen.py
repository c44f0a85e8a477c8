"""Issue 19 §3: the e-mail of a notification to each user who chose its kind
(``services.meldingen.per_email``), through Django's mail framework (``EMAIL_BACKEND``).

Run by a worker after the commit (``MeldingGemaakt``, ``jeugdregie.meldingen_mailen``), never inside
a request. Exactly once per notification and user: ``MeldingGemaild`` is written in the same
transaction as the send, its unique pair stops a second run or a second worker; a failed send
rolls the row back, so the next run tries again.

The body names the kind, the subject (ids and dates only: no health data) and a link back to the
item on ``JEUGDREGIE_BASIS_URL``; never the child's BSN or name: the recipient reads those after
logging in, where its access is checked and logged (R-P2)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from jeugdregie.verwijzingen.constants import STANDAARD_PER_EMAIL
from jeugdregie.verwijzingen.models import Melding, MeldingGemaild, Meldingvoorkeur
from jeugdregie.verwijzingen.policies import ontvangers_van_melding

logger = logging.getLogger(__name__)


def ontvangers(melding: Melding) -> list:
    """The users who get ``melding`` by e-mail: its recipients (``ontvangers_van_melding``) with an
    e-mail address who want its kind by e-mail."""
    gebruikers = list(get_user_model().objects.filter(ontvangers_van_melding(melding)).exclude(email="").order_by("pk"))
    keuzes = dict(
        Meldingvoorkeur.objects.filter(gebruiker__in=gebruikers, soort=melding.soort).values_list(
            "gebruiker_id", "per_email"
        )
    )
    standaard = melding.soort in STANDAARD_PER_EMAIL
    return [g for g in gebruikers if keuzes.get(g.pk, standaard)]


def link(pad: str) -> str:
    return settings.JEUGDREGIE_BASIS_URL.rstrip("/") + pad


def bericht(melding: Melding) -> tuple[str, str]:
    """Subject line and body, in Dutch."""
    with translation.override("nl"):
        context = {
            "soort": melding.get_soort_display(),
            "onderwerp": melding.onderwerp,
            "link": link(reverse("meldingen:openen", kwargs={"pk": melding.pk})),
            "instellingen": link(reverse("meldingen:voorkeuren")),
        }
        tekst = render_to_string("verwijzingen/mail/melding.txt", context)
        kop = f"Jeugdregie: {context['soort']}"
    return kop, tekst


def mail_melding(melding_id: int) -> int:
    """E-mail one notification to each user who wants it and did not get it yet; the count sent."""
    melding = Melding.objects.filter(pk=melding_id).first()
    if melding is None:
        return 0
    kop, tekst = bericht(melding)
    verzonden = 0
    for gebruiker in ontvangers(melding):
        with transaction.atomic():
            _, nieuw = MeldingGemaild.objects.get_or_create(melding=melding, gebruiker=gebruiker)
            if nieuw:
                send_mail(kop, tekst, None, [gebruiker.email])
                verzonden += 1
    if verzonden:
        logger.info("melding_gemaild", extra={"velden": {"melding_id": melding.pk, "aantal": verzonden}})
    return verzonden
