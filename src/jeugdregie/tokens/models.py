"""API tokens that expire (R-P8). Only a SHA-256 hash of the key is stored: the key itself is
shown once, when the token is made (services.maak_token)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


def hash_van(sleutel: str) -> str:
    """The stored form of a key. Keys are 256-bit random strings, so an unsalted hash is enough."""
    return hashlib.sha256(sleutel.encode()).hexdigest()


class ApiToken(models.Model):
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    omschrijving = models.CharField(max_length=200, blank=True)
    sleutel_hash = models.CharField(max_length=64, unique=True, editable=False)
    #: The first characters of the key, so a user can tell tokens apart; never enough to use it.
    sleutel_begin = models.CharField(max_length=8, editable=False)
    aangemaakt_op = models.DateTimeField()
    verloopt_op = models.DateTimeField()
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.sleutel_begin}… ({self.gebruiker})"

    def is_geldig_op(self, moment) -> bool:
        return self.ingetrokken_op is None and moment < self.verloopt_op
