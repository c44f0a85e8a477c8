from django.apps import AppConfig


def _vaste_contact(jeugdige_id: int, gemeente_id: int):
    """R-R3: the casusregisseur of the child's running casus in that municipality, as the letters
    name it (``beschikkingen.contact``); None without one, or when that person can no longer be the
    casusregisseur (the toegang then changes the casusregisseur)."""
    from jeugdregie.beschikkingen.contact import Vastecontact
    from jeugdregie.common.tijd import vandaag

    from .dossier import contactpersoon
    from .models import Casus
    from .policies import kan_casusregisseur_zijn
    from .services import gi_met_maatregel

    casus = (
        Casus.objects.open()
        .filter(jeugdige_id=jeugdige_id, gemeente_id=gemeente_id)
        .select_related("casusregisseur")
        .order_by("-pk")
        .first()
    )
    if casus is None:
        return None
    # a casusregisseur who can no longer be one (account closed, the GI's measure ended) is not named
    maatregel = gi_met_maatregel(jeugdige_id, op=vandaag())
    if not kan_casusregisseur_zijn(casus.casusregisseur, gemeente_id=gemeente_id, gi_met_maatregel=maatregel):
        return None
    contact = contactpersoon(casus.casusregisseur)
    return Vastecontact(naam=contact.naam, organisatie=contact.organisatie, email=contact.email)


class CasusregieConfig(AppConfig):
    name = "jeugdregie.casusregie"
    label = "casusregie"
    verbose_name = "Casusregie"

    def ready(self) -> None:
        from jeugdregie.beschikkingen.contact import registreer_vaste_contact

        registreer_vaste_contact(_vaste_contact)
