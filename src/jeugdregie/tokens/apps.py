from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "jeugdregie.tokens"
    verbose_name = "API-tokens"

    def ready(self) -> None:
        from . import schema  # noqa: F401  (registers the OpenAPI description of the authentication)
