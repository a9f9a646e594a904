"""Importing good files: CSV and XLSX, updates with history, only the valid rows, permissions,
the round trip of the CSV download, and a memory guard."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from decimal import Decimal

import pytest
from django.utils import translation

from koers.monitoring import services as monitoring_services
from koers.monitoring.constants import ImportState
from koers.monitoring.importing import (
    ImportRefused,
    apply_file,
    check_file,
    measurements_csv,
)
from koers.monitoring.models import ImportBatch, Measurement
from koers.monitoring.periods import parse_period, period_label

from .test_import_fixtures import (  # noqa: F401 - fixtures
    HistoricalMeasurement,
    counts,
    other_programme_fixture,
    rating_goal_fixture,
    values,
    write_csv,
    write_xlsx,
)

pytestmark = pytest.mark.django_db

SLUG = "test-programma"


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _apply(path, *, actor=None, only_valid=False, allowed=None):
    return apply_file(
        path,
        file_name=path.name,
        actor=actor,
        allowed_programme_ids=allowed,
        only_valid=only_valid,
    )


def test_good_csv_is_checked_then_imported(tmp_path, programme, rating_goal, admin_user):
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "93500", "Binnenstadsmonitor 2019", ""),
            (SLUG, "1A", "2020", "94000", "Binnenstadsmonitor 2020", "na corona"),
            (SLUG, "1c", "2019-Q3", "6,8", "Enquête", ""),
            (SLUG, "1c", "2019-Q4", "7.2", "Enquête", ""),
            (SLUG, "1c", "2020-07", "70%", "", ""),
            (SLUG, "1c", "2020-W27", " 7 ", "", ""),
            (SLUG, "1c", "2020-07-01", "7,25", "", ""),
        ],
    )
    before = counts()
    check = check_file(path, file_name="metingen.csv", allowed_programme_ids=None)
    assert check.is_valid, check.problems
    assert (check.rows_total, check.rows_valid, check.added, check.changed) == (7, 7, 7, 0)
    assert check.programmes == [(SLUG, "Testprogramma")]
    assert [s.row for s in check.added_samples] == [2, 3, 4, 5, 6, 7, 8]
    assert check.added_samples[2].period_label == period_label("kwartaal", dt.date(2019, 7, 1))
    assert counts() == before  # a check writes nothing

    result = _apply(path, actor=admin_user)
    assert (result.added, result.changed, result.unchanged, result.skipped) == (7, 0, 0, 0)
    assert values(programme) == {
        ("1a", "2019"): Decimal("93500"),
        ("1a", "2020"): Decimal("94000"),
        ("1c", "2019-Q3"): Decimal("6.8"),
        ("1c", "2019-Q4"): Decimal("7.2"),
        ("1c", "2020-07"): Decimal("70"),
        ("1c", "2020-W27"): Decimal("7"),
        ("1c", "2020-07-01"): Decimal("7.25"),
    }
    m = Measurement.objects.get(period_kind="kwartaal", period_start=dt.date(2019, 7, 1))
    assert (m.source, m.is_provisional, m.is_fictitious, m.version) == ("Enquête", False, False, 1)
    assert m.entered_by == admin_user
    batch = ImportBatch.objects.get(pk=result.batch_id)
    assert m.import_batch == batch
    assert batch.state == ImportState.IMPORTED and batch.imported_at is not None
    assert (batch.rows_total, batch.rows_added, batch.uploaded_by) == (7, 7, admin_user)
    records = HistoricalMeasurement.objects.filter(id=m.pk)
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in records] == [
        ("+", admin_user, "Import metingen.csv")
    ]
    assert counts() == (before[0] + 7, before[1] + 7)


def test_xlsx_numbers_dates_and_text(tmp_path, programme, rating_goal):
    path = write_xlsx(
        tmp_path,
        [
            (SLUG, "1a", 2019, 93500, "Monitor", None),
            (SLUG, "1a", "2020", "94.000", None, None),
            (SLUG, "1c", dt.datetime(2020, 7, 1), 7.3, None, "een datumcel"),
            (SLUG, "1c", "2021-Q1", 6.85, None, None),
            (SLUG, 1.0, "2021", 1, None, None),  # unknown goal 1 (typed as a number)
        ],
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert [(p.row, p.column) for p in check.problems] == [(6, "indicator")]
    assert "‘1’" in check.problems[0].message
    _apply(path, only_valid=True)
    assert values(programme) == {
        ("1a", "2019"): Decimal("93500"),
        ("1a", "2020"): Decimal("94000"),
        ("1c", "2020-07-01"): Decimal("7.3"),
        ("1c", "2021-Q1"): Decimal("6.85"),
    }


def test_xlsx_date_shown_as_month_is_a_month(tmp_path, programme):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Programma", "Indicator", "Periode", "Waarde"])
    ws.append([SLUG, "1a", dt.datetime(2019, 7, 1), 95000])
    ws["C2"].number_format = "mmm-yy"
    ws.append([SLUG, "1a", dt.datetime(2019, 1, 1), 94000])
    ws["C3"].number_format = "yyyy"
    path = tmp_path / "maand.xlsx"
    wb.save(path)
    _apply(path)
    assert set(values(programme)) == {("1a", "2019-07"), ("1a", "2019")}


def test_existing_values_are_updated_and_history_keeps_the_old(tmp_path, programme, admin_user):
    indicator = programme.operational_goals.get(code="1a").indicator
    kept = monitoring_services.measurement_create(
        actor=admin_user,
        indicator=indicator,
        period=parse_period("2019"),
        value=Decimal("93000"),
        source="Monitor",
    )
    changed = monitoring_services.measurement_create(
        actor=admin_user, indicator=indicator, period=parse_period("2020"), value=Decimal("1")
    )
    # A value loaded without history (as from before history existed):
    legacy = Measurement.objects.create(
        indicator=indicator,
        period_kind="jaar",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        value=Decimal("5"),
        is_fictitious=True,
    )
    HistoricalMeasurement.objects.filter(id=legacy.pk).delete()
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "93000", "Monitor", ""),  # unchanged
            (SLUG, "1a", "2020", "94.100", "", ""),  # changed value
            (SLUG, "1a", "2021", "5", "", ""),  # same value, but no longer fictitious
            (SLUG, "1a", "2022", "96000", "", ""),  # added
        ],
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert (check.added, check.changed, check.unchanged) == (1, 2, 1)
    assert [(s.period_code, s.old_value, s.new_value) for s in check.changed_samples] == [
        ("2020", Decimal("1"), Decimal("94100")),
        ("2021", Decimal("5"), Decimal("5")),
    ]
    result = _apply(path, actor=admin_user)
    assert (result.added, result.changed, result.unchanged) == (1, 2, 1)

    kept.refresh_from_db()
    assert kept.version == 1 and kept.import_batch is None  # left alone
    changed.refresh_from_db()
    assert (changed.value, changed.version, changed.import_batch_id) == (
        Decimal("94100"),
        2,
        result.batch_id,
    )
    history = list(HistoricalMeasurement.objects.filter(id=changed.pk).order_by("history_id"))
    assert [(h.history_type, h.value, h.version) for h in history] == [
        ("+", Decimal("1"), 1),
        ("~", Decimal("94100"), 2),
    ]
    legacy.refresh_from_db()
    assert (legacy.is_fictitious, legacy.version) == (False, 2)
    history = list(HistoricalMeasurement.objects.filter(id=legacy.pk).order_by("history_id"))
    assert [(h.history_type, h.is_fictitious, h.version) for h in history] == [
        ("+", True, 1),
        ("~", False, 2),
    ]
    assert history[0].history_change_reason == "Waarde vóór import metingen.csv"

    # Importing the same file again changes nothing at all.
    before = counts()
    again = _apply(path, actor=admin_user)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 4)
    assert counts() == before


def test_only_valid_skips_bad_rows_and_imports_the_rest(tmp_path, programme):
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "93000", "", ""),
            (SLUG, "1a", "2020", "veel", "", ""),
            (SLUG, "1b", "2020", "5", "", ""),
            (SLUG, "1a", "2019", "93001", "", ""),  # duplicate of row 2: skipped
            (SLUG, "1a", "2021", "95000", "", ""),
        ],
    )
    before = counts()
    with pytest.raises(ImportRefused) as refused:
        _apply(path)
    assert refused.value.check.problems_total == 3
    assert counts() == before
    result = _apply(path, only_valid=True)
    assert (result.added, result.skipped, result.rows_total) == (2, 3, 5)
    assert values(programme) == {("1a", "2019"): Decimal("93000"), ("1a", "2021"): Decimal("95000")}
    batch = ImportBatch.objects.get(pk=result.batch_id)
    assert (batch.rows_added, batch.rows_skipped, batch.only_valid_rows) == (2, 3, True)


def test_only_valid_does_not_import_an_unreadable_file(tmp_path, programme):
    path = tmp_path / "half.csv"
    path.write_bytes(
        b"programma;indicator;periode;waarde\r\n"
        + f"{SLUG};1a;2019;1\r\n".encode()
        + f"{SLUG};1a;2020;2;é\r\n".encode("latin-1")
    )
    with pytest.raises(ImportRefused):
        _apply(path, only_valid=True)
    assert Measurement.objects.count() == 0


def test_rows_of_programmes_without_permission_are_problems(tmp_path, programme, other_programme):
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "93000", "", ""),
            ("ander-programma", "1a", "2019", "12", "", ""),
        ],
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids={programme.pk})
    assert [(p.row, p.column) for p in check.problems] == [(3, "programma")]
    assert "geen rechten" in check.problems[0].message or "ander-programma" in str(
        check.problems[0]
    )
    with pytest.raises(ImportRefused):
        _apply(path, allowed={programme.pk})
    assert Measurement.objects.count() == 0
    _apply(path, allowed={programme.pk}, only_valid=True)
    assert Measurement.objects.count() == 1
    _apply(path, allowed=None)
    assert Measurement.objects.count() == 2


def test_provisional_column(tmp_path, programme):
    path = write_csv(
        tmp_path,
        [(SLUG, "1a", "2019", "1", "", "", "ja"), (SLUG, "1a", "2020", "2", "", "", "")],
        header=("programma", "indicator", "periode", "waarde", "bron", "opmerking", "voorlopig"),
    )
    _apply(path)
    assert dict(Measurement.objects.values_list("period_start__year", "is_provisional")) == {
        2019: True,
        2020: False,
    }


def test_measurements_csv_round_trip_changes_nothing(tmp_path, programme, rating_goal, admin_user):
    indicator = programme.operational_goals.get(code="1a").indicator
    rating = rating_goal.indicator
    create = monitoring_services.measurement_create
    create(
        actor=admin_user, indicator=indicator, period=parse_period("2019"), value=Decimal("93500")
    )
    create(
        actor=admin_user,
        indicator=indicator,
        period=parse_period("2020-W27"),
        value=Decimal("1234567.8912"),
        source='=HYPERLINK("x")',
        note='regel 1\nregel 2; met "aanhalingstekens"',
        is_provisional=True,
    )
    create(
        actor=admin_user, indicator=rating, period=parse_period("2020-Q3"), value=Decimal("7.25")
    )
    create(
        actor=admin_user, indicator=rating, period=parse_period("2020-07-01"), value=Decimal("-0.5")
    )
    text = "".join(measurements_csv(programme))
    header = "programma;indicator;periode;waarde;bron;opmerking;voorlopig;bekend_sinds"
    assert text.startswith("\ufeff" + header)
    assert "'=HYPERLINK" in text  # not run as a formula by a spreadsheet
    path = tmp_path / "terug.csv"
    path.write_text(text, encoding="utf-8")
    before = counts()
    result = _apply(path, actor=admin_user)
    assert (result.added, result.changed, result.unchanged) == (0, 0, 4)
    assert counts() == before
    assert Measurement.objects.get(period_kind="week").source == '=HYPERLINK("x")'


def test_twenty_thousand_rows_stay_within_a_memory_bound(tmp_path, programme):
    rows = []
    day = dt.date(2000, 1, 1)
    for i in range(20_000):
        rows.append((SLUG, "1a", (day + dt.timedelta(days=i)).isoformat(), str(90000 + i), "", ""))
    path = write_csv(tmp_path, rows)
    del rows
    tracemalloc.start()
    try:
        result = _apply(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.added == 20_000
    assert Measurement.objects.count() == 20_000
    # Rows are streamed: the peak holds one write chunk and the duplicate keys, not the file
    # (about 4 MB measured: the caches, one write chunk and one int per row for duplicates)
    assert peak < 8 * 1024 * 1024, peak


def test_dutch_thousands_without_a_decimal_dot_elsewhere(tmp_path, programme):
    path = write_csv(
        tmp_path, [(SLUG, "1a", "2019", "7.000", "", ""), (SLUG, "1a", "2020", "7,5", "", "")]
    )
    _apply(path)
    assert values(programme) == {("1a", "2019"): Decimal("7000"), ("1a", "2020"): Decimal("7.5")}


def test_only_valid_skips_the_ambiguous_values(tmp_path, programme):
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "7.000", "", ""),  # ambiguous: row 3 uses a decimal dot
            (SLUG, "1a", "2020", "7.5", "", ""),
            (SLUG, "1a", "2021", "1.234.567", "", ""),  # unambiguous thousands
        ],
    )
    result = _apply(path, only_valid=True)
    assert (result.added, result.skipped) == (2, 1)
    assert values(programme) == {
        ("1a", "2020"): Decimal("7.5"),
        ("1a", "2021"): Decimal("1234567"),
    }


def test_imported_text_is_stored_as_every_write_stores_it(tmp_path, programme, admin_user):
    """A note over several lines (as a spreadsheet cell holds it, with ``\\r\\n`` and trailing
    spaces) is stored with ``\\n`` and no trailing spaces; the same value entered by hand, or the
    same file imported again, is then no change."""
    indicator = programme.operational_goals.get(code="1a").indicator
    path = write_xlsx(
        tmp_path,
        [(SLUG, "1a", "2019", "93500", "Monitor", "Eerste regel  \r\n  tweede regel\r\n")],
    )
    assert _apply(path, actor=admin_user).added == 1
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.note == "Eerste regel\n  tweede regel"
    before = counts()
    assert _apply(path, actor=admin_user).unchanged == 1
    monitoring_services.measurement_update(
        measurement=measurement,
        actor=admin_user,
        expected_version=measurement.version,
        note="Eerste regel\r\n  tweede regel",
    )
    assert counts() == before
