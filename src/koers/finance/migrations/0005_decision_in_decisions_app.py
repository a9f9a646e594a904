"""A budget transfer's decision now lives in the decisions app (the same table as before, so
only Django's state changes).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0001_initial'),
        ('finance', '0004_spending_cascades_with_programme'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are: only Django's picture of the models changes.
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='budgettransfer',
                    name='decision',
                    field=models.ForeignKey(blank=True, help_text='The decision that allowed the move, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='budget_transfers', to='decisions.decision', verbose_name='decision'),
                ),
                migrations.AlterField(
                    model_name='historicalbudgettransfer',
                    name='decision',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='The decision that allowed the move, if any.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='decisions.decision', verbose_name='decision'),
                ),
            ],
        ),
    ]
