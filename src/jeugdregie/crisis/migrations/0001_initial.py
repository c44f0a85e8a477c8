"""The crisis app takes over ``toewijzingen``'s crisis models (issue 16 §3). State only: the tables
``toewijzingen_crisismelding`` and ``toewijzingen_crisisopvolgingsverzoek`` and their constraint
already exist, created by toewijzingen 0003 and 0009."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalogus', '0001_initial'),
        ('jeugdigen', '0003_contactgegevens'),
        ('organisaties', '0003_regio_declaratietermijn_dagen'),
        ('toewijzingen', '0012_crisis_naar_eigen_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Crisismelding',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('bsn', models.CharField(blank=True, default='', max_length=9)),
                    ('bron', models.CharField(choices=[('toegang', 'Gemeentelijke toegang'), ('veilig_thuis', 'Veilig Thuis'), ('huisarts', 'Huisarts'), ('aanbieder', 'Aanbieder'), ('gi', 'Gecertificeerde instelling')], max_length=20)),
                    ('huiselijk_geweld', models.BooleanField(default=False, help_text='Huiselijk geweld of kindermishandeling: route Veilig Thuis (R-C4).')),
                    ('buiten_kantoortijd', models.BooleanField(default=False)),
                    ('gemeld_op', models.DateTimeField()),
                    ('beoordeeld_op', models.DateTimeField(blank=True, null=True)),
                    ('hulp_binnen_24_uur', models.BooleanField(blank=True, null=True)),
                    ('uitkomst', models.CharField(blank=True, choices=[('geen_vervolg', 'Geen vervolg'), ('reguliere_hulp', 'Reguliere hulp'), ('crisisopvolging', 'Crisisopvolging'), ('veilig_thuis', 'Route Veilig Thuis (buiten dit contract)')], max_length=20)),
                    ('crisisdienst', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='crisismeldingen', to='organisaties.aanbieder')),
                    ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
                    ('geregistreerd_door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('jeugdige', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='crisismeldingen', to='jeugdigen.jeugdige')),
                ],
                options={
                    'verbose_name': 'crisismelding',
                    'verbose_name_plural': 'crisismeldingen',
                    'db_table': 'toewijzingen_crisismelding',
                    'ordering': ['-gemeld_op', '-id'],
                },
            ),
            migrations.CreateModel(
                name='Crisisopvolgingsverzoek',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('bsn', models.CharField(blank=True, default='', max_length=9)),
                    ('bed_onvermijdelijk', models.TextField(blank=True, help_text='Waarom een crisisbed onvermijdelijk is (R-C3).')),
                    ('startdatum', models.DateField()),
                    ('ingediend_op', models.DateField()),
                    ('uiterlijk', models.DateField()),
                    ('te_laat', models.BooleanField(default=False)),
                    ('status', models.CharField(choices=[('ingediend', 'Ingediend'), ('toegewezen', 'Toegewezen'), ('afgewezen', 'Afgewezen')], default='ingediend', max_length=20)),
                    ('motivering', models.TextField(blank=True)),
                    ('aanbieder', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.aanbieder')),
                    ('besluit_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('gemeente', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisaties.gemeente')),
                    ('ingediend_door', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('jeugdige', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='jeugdigen.jeugdige')),
                    ('melding', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='opvolgingsverzoeken', to='crisis.crisismelding')),
                    ('product', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogus.product')),
                    ('toewijzing', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='crisisverzoek', to='toewijzingen.toewijzing')),
                ],
                options={
                    'verbose_name': 'crisisopvolgingsverzoek',
                    'verbose_name_plural': 'crisisopvolgingsverzoeken',
                    'db_table': 'toewijzingen_crisisopvolgingsverzoek',
                    'ordering': ['-ingediend_op', '-id'],
                },
            ),
            migrations.AddConstraint(
                model_name='crisismelding',
                constraint=models.CheckConstraint(condition=models.Q(('beoordeeld_op__isnull', True), ('beoordeeld_op__gte', models.F('gemeld_op')), _connector='OR'), name='crisismelding_beoordeling_na_melding'),
            ),
            ],
            database_operations=[],
        ),
    ]
