from django.apps import AppConfig


class BudgettenConfig(AppConfig):
    name = "jeugdregie.budgetten"
    label = "budgetten"
    verbose_name = "Budgetgrootboek"
