from django.apps import AppConfig


class IjwConfig(AppConfig):
    name = "jeugdregie.ijw"
    label = "ijw"
    verbose_name = "iJw-berichtenverkeer"

    def ready(self) -> None:
        """Hook the outbox onto the commit of every decision (issue 5 §3); see
        ``toewijzingen.services.gebeurtenissen`` for why it is a hook and not an import there."""
        from jeugdregie.jeugdigen import services_contact
        from jeugdregie.toewijzingen.services import gebeurtenissen

        from .services import uitbox, wachtrij

        if uitbox.na_commit not in gebeurtenissen.NA_COMMIT:
            gebeurtenissen.NA_COMMIT.append(uitbox.na_commit)
        # issue 15 §2: a JW301 held back for want of an address goes once the address is entered
        if wachtrij.na_contactwijziging not in services_contact.NA_WIJZIGING:
            services_contact.NA_WIJZIGING.append(wachtrij.na_contactwijziging)
