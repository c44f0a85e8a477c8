from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jeugdregie.audit"
    label = "audit"
    verbose_name = "Auditlog"
