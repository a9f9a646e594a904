"""The migration that gives measurements their day ``known_from`` fills existing rows: the end
of the period, or the (local) day of entry when that is earlier, never before the period starts;
history records likewise, with the day of the record.

A scratch SQLite database (not the test database) is migrated to the state before, filled
through the models as they were then, and migrated forward."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("monitoring", "0001_initial")]
AFTER = [("monitoring", "0002_measurement_known_from")]


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def test_existing_measurements_get_their_known_from(scratch, settings):
    settings.MIGRATION_MODULES = {}  # the real migrations, not the test run's "none"
    executor = MigrationExecutor(scratch)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    db = scratch.alias
    programme = (
        apps.get_model("programmes", "Programme")
        .objects.using(db)
        .create(
            slug="p",
            name="P",
            municipality="Almelo",
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2027, 12, 31),
        )
    )
    sg = (
        apps.get_model("programmes", "StrategicGoal")
        .objects.using(db)
        .create(programme=programme, code="1", text="Doel")
    )
    goal = (
        apps.get_model("programmes", "OperationalGoal")
        .objects.using(db)
        .create(
            programme=programme, strategic_goal=sg, code="1a", statement="Meer", kind="meetbaar"
        )
    )
    indicator = (
        apps.get_model("programmes", "Indicator")
        .objects.using(db)
        .create(operational_goal=goal, name="Aantal")
    )
    measurement = apps.get_model("monitoring", "Measurement")
    history = apps.get_model("monitoring", "HistoricalMeasurement")
    cases = {  # period start, end, entered → known from
        "old": (dt.date(2019, 1, 1), dt.date(2019, 12, 31), dt.date(2020, 2, 1), "2019-12-31"),
        "now": (dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 7), "2026-12-07"),
        "ahead": (dt.date(2027, 1, 1), dt.date(2027, 12, 31), dt.date(2026, 12, 7), "2027-01-01"),
    }
    ids = {}
    for key, (start, end, entered, _known) in cases.items():
        m = measurement.objects.using(db).create(
            indicator=indicator, period_kind="jaar", period_start=start, period_end=end, value=1
        )
        measurement.objects.using(db).filter(pk=m.pk).update(entered_at=_at(entered))
        history.objects.using(db).create(
            id=m.pk,
            indicator_id=indicator.pk,
            period_kind="jaar",
            period_start=start,
            period_end=end,
            value=Decimal(1),
            version=1,
            history_date=_at(entered),
            history_type="+",
        )
        ids[key] = m.pk

    executor = MigrationExecutor(scratch)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    after = apps.get_model("monitoring", "Measurement").objects.using(db)
    records = apps.get_model("monitoring", "HistoricalMeasurement").objects.using(db)
    for key, (*_dates, known) in cases.items():
        assert after.get(pk=ids[key]).known_from.isoformat() == known, key
        assert records.get(id=ids[key]).known_from.isoformat() == known, key
