"""The decisions register has moved to the decisions app (``decisions.0001_initial``); the risks
app lets go of the models in Django's state only, so their tables and rows stay.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0001_initial'),
        ('finance', '0005_decision_in_decisions_app'),
        ('risks', '0003_effort_risk_paragraph'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are: only Django's picture of the models changes.
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='programmechange',
                    name='decision',
                ),
                migrations.RemoveField(
                    model_name='historicaldecision',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicaldecision',
                    name='programme',
                ),
                migrations.RemoveField(
                    model_name='programmechange',
                    name='changed_by',
                ),
                migrations.RemoveField(
                    model_name='programmechange',
                    name='programme',
                ),
                migrations.DeleteModel(
                    name='Decision',
                ),
                migrations.DeleteModel(
                    name='HistoricalDecision',
                ),
                migrations.DeleteModel(
                    name='ProgrammeChange',
                ),
            ],
        ),
    ]
