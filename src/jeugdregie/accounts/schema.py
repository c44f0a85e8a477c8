"""The OpenAPI schema describes the session authentication with a second factor like Django's
session (drf-spectacular's cookie scheme), so the schema stays as it was."""

from drf_spectacular.authentication import SessionScheme


class VerifieerdeSessieScheme(SessionScheme):
    target_class = "jeugdregie.accounts.api_auth.VerifieerdeSessieAuthenticatie"
