from django.apps import AppConfig


class BeheersingConfig(AppConfig):
    name = "jeugdregie.beheersing"
    label = "beheersing"
    verbose_name = "Beheersen"

    def ready(self) -> None:
        from .services import keuzeinfo

        keuzeinfo.registreer()  # R-K7: provider information in the toegang's choice list

        # Issue 6 §9: after a committed declaration intake, queue the months whose figures moved.
        from jeugdregie.declaraties.services import intake

        from .services import rollup

        if rollup.markeer_declaraties not in intake.NA_COMMIT:
            intake.NA_COMMIT.append(rollup.markeer_declaraties)
