"""The wonen app takes over ``toewijzingen``'s Matching and Verblijfsverzoek (issue 16 §3). State
only: the tables ``toewijzingen_matching`` and ``toewijzingen_verblijfsverzoek`` and their
constraints already exist, created by toewijzingen 0002."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("toewijzingen", "0013_wonen_naar_eigen_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Matching",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("startdatum", models.DateField()),
                        ("einddatum", models.DateField(blank=True, null=True)),
                        (
                            "voorkeur",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("netwerk", "Netwerk of familie"),
                                    ("gezinsvorm", "Gezinsvorm (pleegzorg, gezinshuis)"),
                                    ("leefgroep", "Leefgroep (gemotiveerd)"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "motivering",
                            models.TextField(
                                blank=True, help_text="Waarom geen netwerk of gezinsvorm (bij een leefgroep)."
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
                            "toewijzing",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="matchings",
                                to="toewijzingen.toewijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "matching",
                        "verbose_name_plural": "matchings",
                        "db_table": "toewijzingen_matching",
                        "ordering": ["-startdatum", "-id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("einddatum__isnull", True),
                                    ("einddatum__gte", models.F("startdatum")),
                                    _connector="OR",
                                ),
                                name="matching_einde_na_start",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Verblijfsverzoek",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "spoed",
                            models.BooleanField(
                                default=True, help_text="Echt nodig: het bed moet er binnen 24 uur zijn."
                            ),
                        ),
                        ("aangevraagd_op", models.DateTimeField()),
                        ("geplaatst_op", models.DateTimeField(blank=True, null=True)),
                        (
                            "aangevraagd_door",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "geplaatst_door",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "toewijzing",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="verblijfsverzoeken",
                                to="toewijzingen.toewijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "verblijfsverzoek",
                        "verbose_name_plural": "verblijfsverzoeken",
                        "db_table": "toewijzingen_verblijfsverzoek",
                        "ordering": ["-aangevraagd_op", "-id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("geplaatst_op__isnull", True),
                                    ("geplaatst_op__gte", models.F("aangevraagd_op")),
                                    _connector="OR",
                                ),
                                name="verblijfsverzoek_plaatsing_na_aanvraag",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
