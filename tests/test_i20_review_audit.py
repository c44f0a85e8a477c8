"""Review of issue 20 as an auditor (R-P2 audit rows of reads of personal data, issue 16 §4 the
audit context: who, on whose behalf, why, from where).

These tests are findings: they state what the rule requires and fail while the product breaks it.
"""

from jeugdregie.audit.models import AuditRegel

from .builders.gezin import ouder_met_gezag


def test_gezinsgegevens_in_het_dossier_gelezen_zonder_herkomst_in_de_auditregel(client, wereld):
    """R-P2 / issue 16 §4: every read of personal data carries the request's audit context. The
    child's dossier now shows the parents, their addresses, e-mail and phone and the consents
    (``dossiers/services.py``: ``gezin=gezin_van(jeugdige, door=gebruiker)``) and ``gezin_van``
    writes its own read row, but without ``context``: the row of the family read has no source
    address and no request id, unlike the family page (``gezin/views.py`` passes
    ``self.toegangscontext``). An auditor cannot tie this read of the parents' data to the
    request, the address or the purpose."""
    kind = wereld["jeugdige_zwolle"]
    ouder_met_gezag(kind, email="petra@example.org")
    client.force_login(wereld["gebruikers"]["toegang"])
    assert client.get(f"/jeugdigen/{kind.pk}/dossier/", REMOTE_ADDR="192.0.2.10").status_code == 200
    rij = AuditRegel.objects.filter(objecttype="gezin.Gezinslid", actie="lezen").latest("id")
    assert rij.bronadres == "192.0.2.10"
    assert rij.request_id
