from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "jeugdregie.documenten"
    label = "documenten"
    verbose_name = "Documenten bij jeugdige, verwijzing en toewijzing"
