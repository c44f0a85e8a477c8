from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jeugdregie.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"

    def ready(self) -> None:
        from . import (
            schema,  # noqa: F401  (registers the OpenAPI description of the session authentication)
            signalen,  # noqa: F401  (logins and logouts in the audit log, R-P2/R-P5)
        )
