"""The referral models move to the verwijzingen app (issue 16 §3); toewijzingen keeps the allocation.
State only: the tables keep their names (``Meta.db_table``) and their rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ijw", "0004_alter_uitboxverwerking_gebeurtenis_and_more"),
        ("hulpverlening", "0002_alter_planafspraak_resultaat_and_more"),
        ("verzoeken", "0002_alter_toewijzingsverzoek_verwijzing"),
        ("toewijzingen", "0015_plan_en_hswv_naar_eigen_apps"),
        ("verwijzingen", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="gebeurtenis",
                    name="door",
                ),
                migrations.RemoveField(
                    model_name="keuzebudget",
                    name="verwijzing",
                ),
                migrations.AlterField(
                    model_name="toewijzing",
                    name="keuzebudget",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="toewijzingen",
                        to="verwijzingen.keuzebudget",
                    ),
                ),
                migrations.RemoveField(
                    model_name="melding",
                    name="aan_aanbieder",
                ),
                migrations.RemoveField(
                    model_name="melding",
                    name="aan_gemeente",
                ),
                migrations.RemoveField(
                    model_name="melding",
                    name="aan_verwijzer",
                ),
                migrations.RemoveField(
                    model_name="melding",
                    name="jeugdige",
                ),
                migrations.RemoveField(
                    model_name="resultaat",
                    name="verwijzing",
                ),
                migrations.RemoveField(
                    model_name="verwijzing",
                    name="aanbieder",
                ),
                migrations.RemoveField(
                    model_name="verwijzing",
                    name="aangemaakt_door",
                ),
                migrations.RemoveField(
                    model_name="verwijzing",
                    name="gemeente",
                ),
                migrations.RemoveField(
                    model_name="verwijzing",
                    name="jeugdige",
                ),
                migrations.RemoveField(
                    model_name="verwijzing",
                    name="product_indicatie",
                ),
                migrations.RemoveField(
                    model_name="verwijzing",
                    name="verwijzer",
                ),
                migrations.AlterField(
                    model_name="aanpassingsaanvraag",
                    name="verwijzing",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="aanpassingen",
                        to="verwijzingen.verwijzing",
                    ),
                ),
                migrations.AlterField(
                    model_name="toewijzing",
                    name="verwijzing",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="toewijzingen",
                        to="verwijzingen.verwijzing",
                    ),
                ),
                migrations.AlterField(
                    model_name="screening",
                    name="verwijzing",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="screening",
                        to="verwijzingen.verwijzing",
                    ),
                ),
                migrations.DeleteModel(
                    name="Aanmelding",
                ),
                migrations.DeleteModel(
                    name="Gebeurtenis",
                ),
                migrations.DeleteModel(
                    name="Keuzebudget",
                ),
                migrations.DeleteModel(
                    name="Melding",
                ),
                migrations.DeleteModel(
                    name="Resultaat",
                ),
                migrations.DeleteModel(
                    name="Verwijzing",
                ),
            ],
            database_operations=[],
        ),
    ]
