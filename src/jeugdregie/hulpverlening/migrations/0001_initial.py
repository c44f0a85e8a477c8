"""The hulpverlening app takes over ``toewijzingen``'s Hulpverleningsplan, PlanAfspraak and Voortgang
(issue 16 §3). State only: their tables (``toewijzingen_hulpverleningsplan``, ``_planafspraak``,
``_voortgang``) already exist, created by toewijzingen 0003."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("toewijzingen", "0015_plan_en_hswv_naar_eigen_apps"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Hulpverleningsplan",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("opgesteld_op", models.DateField()),
                        ("met_jeugdige", models.BooleanField(default=False)),
                        ("versie", models.PositiveSmallIntegerField(default=1)),
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
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="hulpverleningsplan",
                                to="toewijzingen.toewijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "hulpverleningsplan",
                        "verbose_name_plural": "hulpverleningsplannen",
                        "db_table": "toewijzingen_hulpverleningsplan",
                    },
                ),
                migrations.CreateModel(
                    name="Voortgang",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("datum", models.DateField()),
                        (
                            "stand",
                            models.CharField(
                                choices=[("op_koers", "Op koers"), ("vertraagd", "Vertraagd"), ("behaald", "Behaald")],
                                max_length=20,
                            ),
                        ),
                        ("toelichting", models.TextField(blank=True)),
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
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="voortgang",
                                to="hulpverlening.hulpverleningsplan",
                            ),
                        ),
                        (
                            "resultaat",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="toewijzingen.resultaat",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "voortgang",
                        "verbose_name_plural": "voortgang",
                        "db_table": "toewijzingen_voortgang",
                        "ordering": ["-datum", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PlanAfspraak",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("aanpak", models.TextField()),
                        (
                            "plan",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="afspraken",
                                to="hulpverlening.hulpverleningsplan",
                            ),
                        ),
                        (
                            "resultaat",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="toewijzingen.resultaat",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "planafspraak",
                        "verbose_name_plural": "planafspraken",
                        "db_table": "toewijzingen_planafspraak",
                        "ordering": ["resultaat_id"],
                        "constraints": [
                            models.UniqueConstraint(fields=("plan", "resultaat"), name="planafspraak_per_resultaat")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
