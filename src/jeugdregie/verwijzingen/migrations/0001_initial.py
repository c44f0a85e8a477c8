"""The verwijzingen app takes over ``toewijzingen``'s referral models (issue 16 §3): Verwijzing,
Resultaat, Keuzebudget, Aanmelding, Melding and the route's event log Gebeurtenis. State only: the
tables ``toewijzingen_verwijzing``, ``_resultaat``, ``_keuzebudget``, ``_aanmelding``, ``_melding``
and ``_gebeurtenis`` and their constraints and indexes already exist (toewijzingen 0001–0011)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("toewijzingen", "0015_plan_en_hswv_naar_eigen_apps"),
        ("catalogus", "0001_initial"),
        ("jeugdigen", "0003_contactgegevens"),
        ("organisaties", "0003_regio_declaratietermijn_dagen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Melding",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("onderwerp", models.CharField(max_length=200)),
                        ("aangemaakt", models.DateTimeField(auto_now_add=True)),
                        (
                            "aan_aanbieder",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.aanbieder",
                            ),
                        ),
                        (
                            "aan_gemeente",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.gemeente",
                            ),
                        ),
                        (
                            "aan_verwijzer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.verwijzer",
                            ),
                        ),
                        (
                            "jeugdige",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="jeugdigen.jeugdige"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "melding",
                        "verbose_name_plural": "meldingen",
                        "db_table": "toewijzingen_melding",
                        "ordering": ["-aangemaakt"],
                    },
                ),
                migrations.CreateModel(
                    name="Verwijzing",
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
                        ("datum", models.DateField()),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("te_screenen", "Te screenen"),
                                    ("geaccepteerd", "Geaccepteerd"),
                                    ("niet_geaccepteerd", "Niet geaccepteerd"),
                                    ("ingetrokken", "Ingetrokken"),
                                ],
                                default="te_screenen",
                                max_length=20,
                            ),
                        ),
                        (
                            "grond_18plus",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("verlengde_jeugdhulp", "Verlengde jeugdhulp (Jeugdwet art. 1.1), tot 23 jaar"),
                                    ("toestemming_gemeente", "Uitdrukkelijke toestemming van de gemeente"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("is_verlenging", models.BooleanField(default=False)),
                        (
                            "motivering_afwijking",
                            models.TextField(
                                blank=True,
                                help_text="Waarom de toegang bij een huisartsverwijzing afwijkt van de huisartsroute (R-T6, R-T8).",
                            ),
                        ),
                        ("aangemaakt", models.DateTimeField(auto_now_add=True)),
                        (
                            "aanbieder",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="verwijzingen",
                                to="organisaties.aanbieder",
                            ),
                        ),
                        (
                            "aangemaakt_door",
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
                                help_text="Verantwoordelijke gemeente (woonplaatsbeginsel) op de verwijsdatum.",
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.gemeente",
                            ),
                        ),
                        (
                            "jeugdige",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="verwijzingen",
                                to="jeugdigen.jeugdige",
                            ),
                        ),
                        (
                            "product_indicatie",
                            models.ForeignKey(
                                blank=True,
                                help_text="Verwachte tariefgroep of woonintensiteit; basis voor de acceptatieplicht (R-S4).",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="catalogus.product",
                            ),
                        ),
                        (
                            "verwijzer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="verwijzingen",
                                to="organisaties.verwijzer",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "verwijzing",
                        "verbose_name_plural": "verwijzingen",
                        "db_table": "toewijzingen_verwijzing",
                        "ordering": ["-datum", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="Resultaat",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("omschrijving", models.TextField()),
                        (
                            "verwijzing",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="resultaten",
                                to="verwijzingen.verwijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "resultaat",
                        "verbose_name_plural": "resultaten",
                        "db_table": "toewijzingen_resultaat",
                        "ordering": ["id"],
                    },
                ),
                migrations.CreateModel(
                    name="Aanmelding",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("ingediend_op", models.DateTimeField(help_text="Door de server gezet (R-B9).")),
                        ("bsn", models.CharField(max_length=9)),
                        ("gegevens", models.JSONField(default=dict)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("ontvangen", "Ontvangen"),
                                    ("verwerkt", "Verwerkt tot verwijzing"),
                                    ("onbekend_bsn", "Onbekend BSN: jeugdige nog niet geregistreerd"),
                                    ("niet_verwerkt", "Niet verwerkt"),
                                ],
                                default="ontvangen",
                                max_length=20,
                            ),
                        ),
                        (
                            "reden",
                            models.CharField(
                                blank=True, help_text="Foutcode als de aanmelding niet verwerkt is.", max_length=40
                            ),
                        ),
                        (
                            "besluit_op",
                            models.DateTimeField(
                                blank=True,
                                help_text="Wanneer de toegang over de aanmelding besliste (R-B9); leeg: nog open.",
                                null=True,
                            ),
                        ),
                        (
                            "toelichting",
                            models.TextField(
                                blank=True, help_text="Reden van afwijzing door de toegang; de indiener ziet die."
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
                            "door",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "gemeente",
                            models.ForeignKey(
                                blank=True,
                                help_text="Bij een bekend BSN dat niet tot een verwijzing leidde: de woonplaatsgemeente van de jeugdige.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.gemeente",
                            ),
                        ),
                        (
                            "indiener_aanbieder",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.aanbieder",
                            ),
                        ),
                        (
                            "indiener_verwijzer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.verwijzer",
                            ),
                        ),
                        (
                            "regio",
                            models.ForeignKey(
                                help_text="Regio van de indiener: de toegang van haar gemeenten ziet een aanmelding met een onbekend BSN.",
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="organisaties.regio",
                            ),
                        ),
                        (
                            "verwijzing",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="aanmelding",
                                to="verwijzingen.verwijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "aanmelding",
                        "verbose_name_plural": "aanmeldingen",
                        "db_table": "toewijzingen_aanmelding",
                        "ordering": ["-ingediend_op", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="Gebeurtenis",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("objecttype", models.CharField(max_length=40)),
                        ("object_id", models.BigIntegerField()),
                        (
                            "gebeurtenis",
                            models.CharField(
                                choices=[
                                    ("aanmelding_afgewezen", "Aanmelding afgewezen"),
                                    ("aanmelding_gehonoreerd", "Aanmelding gehonoreerd"),
                                    ("aanmelding_ontvangen", "Aanmelding ontvangen"),
                                    ("aanpassing_besloten", "Aanpassing besloten"),
                                    ("aanpassing_ingediend", "Aanpassing ingediend"),
                                    ("bed_aangevraagd", "Bed aangevraagd"),
                                    ("bed_geplaatst", "Bed geplaatst"),
                                    ("crisis_beoordeeld", "Crisis beoordeeld"),
                                    ("crisis_gemeld", "Crisis gemeld"),
                                    ("crisisopvolging_aangevraagd", "Crisisopvolging aangevraagd"),
                                    ("crisisopvolging_afgewezen", "Crisisopvolging afgewezen"),
                                    ("crisisopvolging_toegewezen", "Crisisopvolging toegewezen"),
                                    ("hswv_afgerond", "Hswv afgerond"),
                                    ("hswv_ingezet", "Hswv ingezet"),
                                    ("intensiteit_gewijzigd", "Intensiteit gewijzigd"),
                                    ("intensiteit_toegewezen", "Intensiteit toegewezen"),
                                    ("levering_geregistreerd", "Levering geregistreerd"),
                                    ("matching_afgerond", "Matching afgerond"),
                                    ("matching_gestart", "Matching gestart"),
                                    ("opvolging_gesloten", "Opvolging gesloten"),
                                    ("plan_opgesteld", "Plan opgesteld"),
                                    ("start_zorg_ingetrokken", "Start zorg ingetrokken"),
                                    ("stop_zorg_aangevuld", "Stop zorg aangevuld"),
                                    ("stop_zorg_ingetrokken", "Stop zorg ingetrokken"),
                                    ("toewijzing_aangemaakt", "Toewijzing aangemaakt"),
                                    ("toewijzing_ingetrokken", "Toewijzing ingetrokken"),
                                    ("verwijzing_geregistreerd", "Verwijzing geregistreerd"),
                                    ("verwijzing_gescreend", "Verwijzing gescreend"),
                                    ("verwijzing_niet_geaccepteerd", "Verwijzing niet geaccepteerd"),
                                    ("verzoek_afgewezen", "Verzoek afgewezen"),
                                    ("verzoek_gehonoreerd", "Verzoek gehonoreerd"),
                                    ("verzoek_in_onderzoek", "Verzoek in onderzoek"),
                                    ("verzoek_ontvangen", "Verzoek ontvangen"),
                                    ("voortgang_geregistreerd", "Voortgang geregistreerd"),
                                    ("zorg_gestart", "Zorg gestart"),
                                    ("zorg_gestopt", "Zorg gestopt"),
                                    ("zorgtoewijzing_wonen", "Zorgtoewijzing wonen"),
                                ],
                                max_length=60,
                            ),
                        ),
                        ("tijdstip", models.DateTimeField(auto_now_add=True)),
                        ("gegevens", models.JSONField(blank=True, default=dict)),
                        (
                            "door",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "gebeurtenis",
                        "verbose_name_plural": "gebeurtenissen",
                        "db_table": "toewijzingen_gebeurtenis",
                        "ordering": ["tijdstip", "id"],
                        "indexes": [models.Index(fields=["objecttype", "object_id"], name="gebeurtenis_object")],
                    },
                ),
                migrations.CreateModel(
                    name="Keuzebudget",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "soort",
                            models.CharField(choices=[("herstel", "Herstel"), ("duurzaam", "Duurzaam")], max_length=10),
                        ),
                        (
                            "niveau",
                            models.PositiveSmallIntegerField(
                                blank=True, help_text="Standaardniveau 1–6; leeg bij offerte.", null=True
                            ),
                        ),
                        ("is_offerte", models.BooleanField(default=False)),
                        ("bedrag", models.DecimalField(decimal_places=2, max_digits=12)),
                        ("begindatum", models.DateField()),
                        ("einddatum", models.DateField()),
                        (
                            "verwijzing",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="keuzebudget",
                                to="verwijzingen.verwijzing",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "keuzebudget",
                        "verbose_name_plural": "keuzebudgetten",
                        "db_table": "toewijzingen_keuzebudget",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("einddatum__gte", models.F("begindatum"))),
                                name="keuzebudget_einde_na_begin",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("bedrag__gt", 0)), name="keuzebudget_bedrag_positief"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
