"""The decisions register moves out of the risks app into its own. The models are created in
Django's state only: their tables (``risks_decision``, ``risks_historicaldecision``,
``risks_programmechange``) were made by ``risks.0002_decisions`` and keep their names and rows.
The content types (and with them the permissions and the admin's log) move along.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ("decision", "historicaldecision", "programmechange")


def _relabel(apps, schema_editor, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if content_type.objects.using(db).filter(app_label=new, model=model).exists():
            continue
        content_type.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor) -> None:
    _relabel(apps, schema_editor, "risks", "decisions")


def move_content_types_back(apps, schema_editor) -> None:
    _relabel(apps, schema_editor, "decisions", "risks")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('programmes', '0004_cross_programme_links'),
        ('risks', '0003_effort_risk_paragraph'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are: only Django's picture of the models changes.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Decision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised on every change; an edit based on an older version is refused.', verbose_name='version')),
                        ('kind', models.CharField(choices=[('college', 'college decision'), ('raad', 'council decision'), ('opdrachtgever', 'decision of the principal'), ('programmamanager', 'decision of the programme manager'), ('anders', 'other decision')], default='college', max_length=20, verbose_name='kind')),
                        ('date', models.DateField(verbose_name='date')),
                        ('number', models.CharField(blank=True, help_text='The number or reference in the decision register, e.g. 2019/0123.', max_length=100, verbose_name='number')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('summary', models.TextField(blank=True, verbose_name='summary')),
                        ('link', models.URLField(blank=True, help_text='Where the decision can be read, e.g. in the council information system.', max_length=500, verbose_name='link')),
                        ('note', models.TextField(blank=True, help_text='Explanation, including where the source is ambiguous or silent (never invent what the source does not say).', verbose_name='note')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='decisions', to='programmes.programme', verbose_name='programme')),
                    ],
                    options={
                        'verbose_name': 'decision',
                        'verbose_name_plural': 'decisions',
                        'db_table': 'risks_decision',
                        'ordering': ['programme', '-date', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalDecision',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Raised on every change; an edit based on an older version is refused.', verbose_name='version')),
                        ('kind', models.CharField(choices=[('college', 'college decision'), ('raad', 'council decision'), ('opdrachtgever', 'decision of the principal'), ('programmamanager', 'decision of the programme manager'), ('anders', 'other decision')], default='college', max_length=20, verbose_name='kind')),
                        ('date', models.DateField(verbose_name='date')),
                        ('number', models.CharField(blank=True, help_text='The number or reference in the decision register, e.g. 2019/0123.', max_length=100, verbose_name='number')),
                        ('title', models.CharField(max_length=300, verbose_name='title')),
                        ('summary', models.TextField(blank=True, verbose_name='summary')),
                        ('link', models.URLField(blank=True, help_text='Where the decision can be read, e.g. in the council information system.', max_length=500, verbose_name='link')),
                        ('note', models.TextField(blank=True, help_text='Explanation, including where the source is ambiguous or silent (never invent what the source does not say).', verbose_name='note')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.TextField(null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.programme', verbose_name='programme')),
                    ],
                    options={
                        'verbose_name': 'historical decision',
                        'verbose_name_plural': 'historical decisions',
                        'db_table': 'risks_historicaldecision',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ProgrammeChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('strategisch_doel_toegevoegd', 'strategic goal added'), ('strategisch_doel_verwijderd', 'strategic goal removed'), ('doel_toegevoegd', 'operational goal added'), ('doel_verwijderd', 'operational goal removed'), ('streefwaarde_gewijzigd', 'target changed'), ('inspanning_toegevoegd', 'effort added'), ('inspanning_verwijderd', 'effort removed'), ('koppeling_toegevoegd', 'link between goal and effort added'), ('koppeling_verwijderd', 'link between goal and effort removed'), ('status_gewijzigd', 'programme status changed'), ('budget_verschoven', 'budget moved between efforts')], max_length=40, verbose_name='kind')),
                        ('subject', models.CharField(max_length=500, verbose_name='subject')),
                        ('before', models.TextField(blank=True, verbose_name='before')),
                        ('after', models.TextField(blank=True, verbose_name='after')),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='changed at')),
                        ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                        ('decision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.RESTRICT, related_name='changes', to='decisions.decision', verbose_name='decision')),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='programmes.programme', verbose_name='programme')),
                    ],
                    options={
                        'verbose_name': 'programme change',
                        'verbose_name_plural': 'programme changes',
                        'db_table': 'risks_programmechange',
                        'ordering': ['programme', '-changed_at', '-pk'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
