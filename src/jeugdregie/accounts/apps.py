from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jeugdregie.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"
