from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "jeugdregie.organisaties"
    label = "organisaties"
    verbose_name = "Organisaties"
