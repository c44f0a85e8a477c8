from django.apps import AppConfig


class GebruikersbeheerConfig(AppConfig):
    name = "jeugdregie.gebruikersbeheer"
    label = "gebruikersbeheer"
    verbose_name = "Gebruikersbeheer"
