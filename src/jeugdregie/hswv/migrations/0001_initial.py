"""The hswv app takes over ``toewijzingen``'s HswvInzet (issue 16 §3). State only: the table
``toewijzingen_hswvinzet`` already exists, created by toewijzingen 0003."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("jeugdigen", "0003_contactgegevens"),
        ("organisaties", "0003_regio_declaratietermijn_dagen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HswvInzet",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "verwijzer_type",
                            models.CharField(
                                choices=[
                                    ("01", "Gemeente"),
                                    ("02", "Huisarts"),
                                    ("03", "Jeugdarts"),
                                    ("04", "Gecertificeerde instelling"),
                                    ("05", "Medisch specialist"),
                                    ("06", "Zelfverwijzer / geen verwijzer"),
                                    ("08", "Rechter, Officier van Justitie, functionaris JJI"),
                                ],
                                max_length=2,
                            ),
                        ),
                        ("onderdelen", models.JSONField(default=list, help_text="Codes uit HswvOnderdeel.")),
                        ("complexiteit", models.TextField(help_text="Waarom de hulpvraag zeer complex is.")),
                        ("begindatum", models.DateField()),
                        ("einddatum", models.DateField(blank=True, null=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[("lopend", "Lopend"), ("afgerond", "Afgerond")],
                                default="lopend",
                                max_length=20,
                            ),
                        ),
                        (
                            "collectief",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="hswv_inzetten",
                                to="organisaties.aanbieder",
                            ),
                        ),
                        (
                            "door",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "gemeente",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.gemeente",
                            ),
                        ),
                        (
                            "jeugdige",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="hswv_inzetten",
                                to="jeugdigen.jeugdige",
                            ),
                        ),
                        (
                            "verwijzer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.verwijzer",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "HSWV-inzet",
                        "verbose_name_plural": "HSWV-inzetten",
                        "db_table": "toewijzingen_hswvinzet",
                        "ordering": ["-begindatum", "-id"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
