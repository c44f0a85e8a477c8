from django.apps import AppConfig


class TakenConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jeugdregie.taken"
    verbose_name = "Achtergrondtaken"
