import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from jeugdregie.audit.constants import Actie
from jeugdregie.audit.models import AlleenToevoegen, AuditRegel
from jeugdregie.audit.services import log


def test_lezen_van_detail_wordt_gelogd_met_nen7513_velden(client, wereld):
    """R-P2: a read records UTC time, user, role, organisation, action, object, client
    reference (never the BSN), outcome, request id and source address."""
    gebruiker, jeugdige = wereld["gebruikers"]["toegang"], wereld["jeugdige_zwolle"]
    client.force_login(gebruiker)
    antwoord = client.get(f"/jeugdigen/{jeugdige.pk}/?doel=screening", HTTP_X_REQUEST_ID="test-request-0001")
    assert antwoord.status_code == 200
    regel = AuditRegel.objects.get(actie=Actie.LEZEN)
    assert regel.tijdstip.utcoffset().total_seconds() == 0
    assert (regel.gebruikersnaam, regel.rol, regel.organisatie) == (gebruiker.username, "toegang", "Zwolle")
    assert (regel.objecttype, regel.object_id, regel.client_id) == ("jeugdigen.Jeugdige", str(jeugdige.pk), jeugdige.pk)
    assert regel.client_pseudoniem == jeugdige.pseudoniem
    assert (regel.doel, regel.uitkomst, regel.request_id, regel.bronadres) == (
        "screening",
        "gelukt",
        "test-request-0001",
        "127.0.0.1",
    )
    assert antwoord["X-Request-ID"] == "test-request-0001"
    for rij in AuditRegel.objects.values_list(flat=False):  # the logins and the read
        assert jeugdige.bsn not in str(rij)


def test_zoeken_en_exporteren_worden_gelogd(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    client.get("/jeugdigen/?q=zwols")
    export = client.get("/jeugdigen/?q=zwols&export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert wereld["jeugdige_zwolle"].bsn in export.content.decode("utf-8-sig")
    assert list(AuditRegel.objects.zonder_inloggen().order_by("id").values_list("actie", "details")) == [
        ("zoeken", "1 resultaten; criteria: q=…"),
        ("exporteren", "1 resultaten; criteria: q=…&export=…"),
    ]


def test_geweigerde_toegang_wordt_gelogd(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang_andere_gemeente"])
    assert client.get(f"/jeugdigen/{wereld['jeugdige_zwolle'].pk}/").status_code == 404
    regel = AuditRegel.objects.zonder_inloggen().get()
    assert (regel.actie, regel.uitkomst) == ("lezen", "geweigerd")


def test_auditlog_kent_geen_wijzig_of_verwijderpad(db):
    """R-P2: append-only in the application."""
    regel = log(actie=Actie.LEZEN, objecttype="test")
    regel.details = "gewijzigd"
    with pytest.raises(AlleenToevoegen):
        regel.save()
    with pytest.raises(AlleenToevoegen):
        regel.delete()
    with pytest.raises(AlleenToevoegen):
        AuditRegel.objects.all().update(details="x")
    with pytest.raises(AlleenToevoegen):
        AuditRegel.objects.all().delete()
    assert AuditRegel.objects.get().details == ""


@pytest.mark.postgres
def test_database_weigert_update_en_delete_op_auditlog(db):
    """R-P2: on PostgreSQL the database itself refuses UPDATE and DELETE (trigger)."""
    regel = log(actie=Actie.LEZEN, objecttype="test")
    for sql in ("UPDATE audit_auditregel SET details = 'x'", "DELETE FROM audit_auditregel"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditRegel.objects.get(pk=regel.pk).details == ""


def test_beheerder_zoekt_en_exporteert_auditlog_en_dat_wordt_gelogd(client, wereld):
    client.force_login(wereld["gebruikers"]["toegang"])
    client.get(f"/jeugdigen/{wereld['jeugdige_zwolle'].pk}/")
    client.force_login(wereld["gebruikers"]["beheerder"])
    pagina = client.get("/audit/?gebruiker=" + wereld["gebruikers"]["toegang"].username)
    assert pagina.status_code == 200
    assert "jeugdigen.Jeugdige" in pagina.content.decode()
    xlsx = client.get("/audit/?export=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    acties = list(
        AuditRegel.objects.zonder_inloggen().filter(rol="beheerder").values_list("actie", flat=True).order_by("id")
    )
    assert acties == ["zoeken", "exporteren"]


def test_auditlog_toont_nederlandse_tijd_en_noemt_die_zo(client, wereld):
    """Issue 19 §8: the audit page showed Amsterdam time under the label UTC. It shows Amsterdam
    time (one or two hours after UTC) and says so."""
    from datetime import UTC
    from zoneinfo import ZoneInfo

    regel = log(actie=Actie.LEZEN, objecttype="proef.Tijd")
    client.force_login(wereld["gebruikers"]["beheerder"])
    pagina = client.get("/audit/").content.decode()
    assert "Tijdstip (Nederlandse tijd)" in pagina and "UTC" not in pagina
    assert f"{regel.tijdstip.astimezone(ZoneInfo('Europe/Amsterdam')):%d-%m-%Y %H:%M:%S}" in pagina
    assert f"{regel.tijdstip.astimezone(UTC):%d-%m-%Y %H:%M:%S}" not in pagina


def test_auditlog_via_api_alleen_voor_beheerder(client, wereld):
    client.force_login(wereld["gebruikers"]["beheerder"])
    assert client.get("/api/v1/audit/").status_code == 200
    client.force_login(wereld["gebruikers"]["contractmanager"])
    assert client.get("/api/v1/audit/").status_code == 403
