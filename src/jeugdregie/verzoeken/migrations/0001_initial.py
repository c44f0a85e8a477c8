"""The verzoeken app takes over ``toewijzingen``'s Toewijzingsverzoek (issue 16 §3). State only: the
table ``toewijzingen_toewijzingsverzoek`` with its constraint and index already exists, created by
toewijzingen 0004."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogus", "0001_initial"),
        ("jeugdigen", "0003_contactgegevens"),
        ("organisaties", "0003_regio_declaratietermijn_dagen"),
        ("toewijzingen", "0014_verzoeken_naar_eigen_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Toewijzingsverzoek",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "referentie_aanbieder",
                            models.CharField(help_text="ReferentieAanbieder uit het JW315-bericht.", max_length=36),
                        ),
                        ("productcategorie", models.CharField(blank=True, max_length=2)),
                        ("ingangsdatum", models.DateField(help_text="Gewenste ToewijzingIngangsdatum.")),
                        ("einddatum", models.DateField(blank=True, null=True)),
                        ("volume", models.PositiveIntegerField(blank=True, null=True)),
                        ("eenheid", models.CharField(blank=True, help_text="WJ756-code.", max_length=2)),
                        ("frequentie", models.CharField(blank=True, help_text="WMO757-code.", max_length=1)),
                        ("budget", models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True)),
                        (
                            "verwijzer_type",
                            models.CharField(blank=True, help_text="COD327 Code verwijzer.", max_length=2),
                        ),
                        ("verwijzer_naam", models.CharField(blank=True, max_length=70)),
                        ("verwijzer_zorgverlenercode", models.CharField(blank=True, max_length=8)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("open", "Open"),
                                    ("in_onderzoek", "In onderzoek"),
                                    ("afgewezen", "Afgewezen"),
                                    ("gehonoreerd", "Gehonoreerd"),
                                ],
                                default="open",
                                max_length=20,
                            ),
                        ),
                        (
                            "reden_afwijzing",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("1", "Geen wijziging, maar nieuwe aanvraag"),
                                    ("2", "Past niet binnen budget"),
                                    ("3", "Geen contract"),
                                    ("4", "Past niet binnen contract"),
                                    ("5", "Andere gemeente"),
                                    ("6", "Stapeling"),
                                    ("7", "Zorginhoudelijke afkeur"),
                                    ("8", "Woonplaatsbeginsel"),
                                    ("9", "Leeftijdsgrens is bereikt"),
                                ],
                                max_length=1,
                            ),
                        ),
                        ("toelichting", models.TextField(blank=True)),
                        ("ontvangen_op", models.DateTimeField()),
                        ("besluit_op", models.DateField(blank=True, null=True)),
                        (
                            "aanbieder",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.aanbieder",
                            ),
                        ),
                        (
                            "besluit_door",
                            models.ForeignKey(
                                blank=True,
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
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="jeugdigen.jeugdige"
                            ),
                        ),
                        (
                            "product",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="catalogus.product",
                            ),
                        ),
                        (
                            "verwijzing",
                            models.OneToOneField(
                                blank=True,
                                help_text="De verwijzing waarmee de toegang het verzoek honoreerde.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="toewijzingsverzoek",
                                to="toewijzingen.verwijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "toewijzingsverzoek",
                        "verbose_name_plural": "toewijzingsverzoeken",
                        "db_table": "toewijzingen_toewijzingsverzoek",
                        "ordering": ["ontvangen_op", "id"],
                        "indexes": [models.Index(fields=["gemeente", "status"], name="verzoek_gemeente_status")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("aanbieder", "referentie_aanbieder"), name="verzoek_referentie_uniek"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
