from django.apps import AppConfig


class CatalogusConfig(AppConfig):
    name = "jeugdregie.catalogus"
    label = "catalogus"
    verbose_name = "Catalogus (voorzieningenboek)"
