"""The import's optional column ``bekend_sinds``: the day from which a value is known."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from koers.monitoring import services as monitoring_services
from koers.monitoring.importing import apply_file, check_file
from koers.monitoring.models import Measurement
from koers.monitoring.periods import parse_period

from .test_import_fixtures import HistoricalMeasurement, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

SLUG = "test-programma"
HEADER = ("programma", "indicator", "periode", "waarde", "bron", "opmerking", "bekend_sinds")


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _apply(path, actor=None, only_valid=False):
    return apply_file(
        path, file_name=path.name, actor=actor, allowed_programme_ids=None, only_valid=only_valid
    )


def _known() -> dict[str, dt.date]:
    return {m.period_code: m.known_from for m in Measurement.objects.all()}


def test_known_from_column_in_csv(tmp_path, programme):
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "93500", "", "", "2020-03-15"),
            (SLUG, "1a", "2020", "94000", "", "", "15-3-2021"),
            (SLUG, "1a", "2021", "94500", "", "", ""),  # empty: the end of the period
            (SLUG, "1a", "2022-Q1", "94600", "", "", "2022-02-01"),  # before the period's end
        ],
        header=HEADER,
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert check.is_valid, [str(p) for p in check.problems]
    _apply(path)
    assert _known() == {
        "2019": dt.date(2020, 3, 15),
        "2020": dt.date(2021, 3, 15),
        "2021": dt.date(2021, 12, 31),
        "2022-Q1": dt.date(2022, 2, 1),
    }
    assert Measurement.history.filter(known_from=dt.date(2020, 3, 15)).count() == 1


def test_header_may_be_written_with_a_space(tmp_path, programme):
    path = write_csv(
        tmp_path,
        [(SLUG, "1a", "2019", "1", "", "", "2020-01-10")],
        header=(*HEADER[:-1], "Bekend sinds"),
    )
    _apply(path)
    assert _known() == {"2019": dt.date(2020, 1, 10)}


def test_bad_known_from_names_row_and_column(tmp_path, programme):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "1", "", "", "gisteren"),
            (SLUG, "1a", "2020", "2", "", "", "2019-12-31"),
            (SLUG, "1a", "2021", "3", "", "", tomorrow.isoformat()),
            (SLUG, "1a", "2018", "4", "", "", "31-2-2019"),
            (SLUG, "1a", "2017", "5", "", "", "2018-01-01"),  # fine
        ],
        header=HEADER,
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert not check.is_valid
    assert [str(p) for p in check.problems] == [
        "rij 2, kolom bekend_sinds: ‘gisteren’ is geen datum; schrijf de dag vanaf wanneer de "
        "waarde bekend is als 2027-03-15 of 15-3-2027, of laat de cel leeg.",
        "rij 3, kolom bekend_sinds: De datum 2019-12-31 ligt vóór het begin van de periode "
        "(2020-01-01).",
        f"rij 4, kolom bekend_sinds: De datum {tomorrow.isoformat()} ligt in de toekomst; een "
        "waarde is uiterlijk vandaag bekend.",
        "rij 5, kolom bekend_sinds: ‘31-2-2019’ is geen datum; schrijf de dag vanaf wanneer de "
        "waarde bekend is als 2027-03-15 of 15-3-2027, of laat de cel leeg.",
    ]
    assert check.rows_valid == 1
    result = _apply(path, only_valid=True)
    assert result.added == 1 and _known() == {"2017": dt.date(2018, 1, 1)}


def test_xlsx_date_cell(tmp_path, programme):
    path = write_xlsx(
        tmp_path,
        [
            (SLUG, "1a", "2019", 1, "", "", dt.datetime(2020, 3, 15)),
            (SLUG, "1a", "2020", 2, "", "", "2021-01-05"),
        ],
        header=HEADER,
    )
    _apply(path)
    assert _known() == {"2019": dt.date(2020, 3, 15), "2020": dt.date(2021, 1, 5)}


def test_existing_value_keeps_its_day_unless_the_column_gives_another(
    tmp_path, programme, admin_user
):
    indicator = programme.operational_goals.get(code="1a").indicator
    for period, known in (("2019", dt.date(2020, 3, 15)), ("2020", None), ("2021", None)):
        monitoring_services.measurement_create(
            actor=admin_user,
            indicator=indicator,
            period=parse_period(period),
            value=Decimal("1"),
            known_from=known,
        )
    path = write_csv(
        tmp_path,
        [
            (SLUG, "1a", "2019", "2", "", "", ""),  # value changed, day kept
            (SLUG, "1a", "2020", "1", "", "", "2021-02-01"),  # only the day changed
            (SLUG, "1a", "2021", "1", "", "", "2021-12-31"),  # the same day: unchanged
        ],
        header=HEADER,
    )
    check = check_file(path, file_name=path.name, allowed_programme_ids=None)
    assert (check.added, check.changed, check.unchanged) == (0, 2, 1)
    result = _apply(path, actor=admin_user)
    assert (result.added, result.changed, result.unchanged) == (0, 2, 1)
    assert _known() == {
        "2019": dt.date(2020, 3, 15),
        "2020": dt.date(2021, 2, 1),
        "2021": dt.date(2021, 12, 31),
    }
    by_period = {m.period_code: m for m in Measurement.objects.all()}
    assert (by_period["2019"].version, by_period["2020"].version) == (2, 2)
    assert by_period["2021"].version == 1
    assert by_period["2020"].import_batch_id == result.batch_id
    history = HistoricalMeasurement.objects.filter(id=by_period["2020"].pk).order_by("history_id")
    assert [(h.history_type, h.known_from) for h in history] == [
        ("+", dt.date(2020, 12, 31)),
        ("~", dt.date(2021, 2, 1)),
    ]
    # Importing the same file again changes nothing.
    again = _apply(path, actor=admin_user)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 3)


def test_a_value_imported_before_its_period_ends_is_known_from_the_import_day(tmp_path, programme):
    today = timezone.localdate()
    path = write_csv(tmp_path, [(SLUG, "1a", str(today.year), "1", "", "")])
    _apply(path)
    assert Measurement.objects.get().known_from == min(today, dt.date(today.year, 12, 31))


def test_the_download_round_trip_keeps_known_from(tmp_path, programme, admin_user):
    from koers.monitoring.importing import measurements_csv

    indicator = programme.operational_goals.get(code="1a").indicator
    today = timezone.localdate()
    for period, known in (("2019", dt.date(2020, 3, 15)), (str(today.year + 1), None)):
        monitoring_services.measurement_create(
            actor=admin_user,
            indicator=indicator,
            period=parse_period(period),
            value=Decimal("1"),
            known_from=known,
        )
    text = "".join(measurements_csv(programme))
    assert ";ja;" not in text and ";nee;2020-03-15\r\n" in text
    assert text.endswith(";nee;\r\n")  # known only from next year: left empty
    path = tmp_path / "terug.csv"
    path.write_text(text, encoding="utf-8")
    result = _apply(path, actor=admin_user)
    assert (result.added, result.changed, result.unchanged) == (0, 0, 2)
    assert _known()["2019"] == dt.date(2020, 3, 15)


def test_the_upload_page_and_the_template_explain_the_column(client, staff_user):
    import io

    from openpyxl import load_workbook

    from koers.monitoring.importing import template_xlsx

    client.force_login(staff_user)
    html = client.get(reverse("monitoring:import")).content.decode()
    assert "<code>bekend_sinds</code>, de dag vanaf wanneer de waarde bekend is" in html
    info = load_workbook(io.BytesIO(template_xlsx()))["Toelichting"]
    explained = {row[0].value: row[1].value for row in info.iter_rows(min_row=2)}
    assert explained["bekend_sinds"].startswith("Kolom naar keuze: de dag vanaf wanneer")
