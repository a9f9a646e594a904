"""Measurements get the day from which they are known (``known_from``). Existing rows get the
end of their period, or the (local) day they were entered when that is earlier, and never a day
before their period starts; history records likewise, with the day of the record."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

CHUNK = 2000


def _fill(model, stamp_field: str, db: str) -> None:
    """Fill the rows without a day, a chunk at a time (never while a cursor is open)."""
    objects = model.objects.using(db)
    fields = ("pk", "period_start", "period_end", stamp_field)
    while True:
        rows = list(objects.filter(known_from__isnull=True).order_by("pk").only(*fields)[:CHUNK])
        if not rows:
            return
        for row in rows:
            stamp = getattr(row, stamp_field)
            entered = timezone.localdate(stamp) if stamp else row.period_end
            row.known_from = max(row.period_start, min(row.period_end, entered))
        objects.bulk_update(rows, ["known_from"])


def fill_known_from(apps, schema_editor):
    db = schema_editor.connection.alias
    _fill(apps.get_model("monitoring", "Measurement"), "entered_at", db)
    _fill(apps.get_model("monitoring", "HistoricalMeasurement"), "history_date", db)


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0001_initial'),
        ('programmes', '0004_cross_programme_links'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmeasurement',
            name='known_from',
            field=models.DateField(blank=True, help_text='The day from which the value is known, e.g. the publication date of the survey; the status on a date uses only the values known on that date. Empty: the end of the period, or the day it is entered when that is earlier.', null=True, verbose_name='known since'),
        ),
        migrations.AddField(
            model_name='measurement',
            name='known_from',
            field=models.DateField(blank=True, help_text='The day from which the value is known, e.g. the publication date of the survey; the status on a date uses only the values known on that date. Empty: the end of the period, or the day it is entered when that is earlier.', null=True, verbose_name='known since'),
        ),
        migrations.RunPython(fill_known_from, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='historicalmeasurement',
            name='known_from',
            field=models.DateField(blank=True, help_text='The day from which the value is known, e.g. the publication date of the survey; the status on a date uses only the values known on that date. Empty: the end of the period, or the day it is entered when that is earlier.', verbose_name='known since'),
        ),
        migrations.AlterField(
            model_name='measurement',
            name='known_from',
            field=models.DateField(blank=True, help_text='The day from which the value is known, e.g. the publication date of the survey; the status on a date uses only the values known on that date. Empty: the end of the period, or the day it is entered when that is earlier.', verbose_name='known since'),
        ),
        migrations.AddIndex(
            model_name='measurement',
            index=models.Index(fields=['indicator', 'known_from'], name='measurement_by_known'),
        ),
    ]
