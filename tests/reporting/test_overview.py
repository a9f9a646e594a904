"""The reporting overview (matrix of efforts × aspects per period, missing and late reports), one
effort's reports over the periods, and the reporting calendar page: content, permissions, the
calendar form (create, edit, conflict, effort settings, all or nothing) and fixed query counts."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.programmes import services as din
from koers.programmes.constants import MunicipalityRole
from koers.programmes.models import Effort
from koers.reporting import services, views_overview
from koers.reporting.constants import Aspect, AspectStatus, ReportingFrequency, ReportState
from koers.reporting.models import EffortReporting, ReportingCalendar
from koers.reporting.selectors_overview import period_overview

pytestmark = pytest.mark.django_db
TODAY = dt.date(2019, 10, 21)  # in period 4; owners report on period 3 (due 18 October)
START = dt.date(2019, 9, 2)
P1, P2, P3, P4 = (START + dt.timedelta(days=14 * n) for n in range(4))


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(views_overview, "_today", lambda: TODAY)


@pytest.fixture
def effort(programme, admin_user):
    effort = programme.efforts.get(name="Evenementen")
    role = MunicipalityRole.PRINCIPAL
    return din.object_update(
        effort, actor=admin_user, expected_version=None, municipality_role=role
    )


@pytest.fixture
def calendar(programme, admin_user, effort):
    fields = {"frequency": ReportingFrequency.BIWEEKLY, "deadline_days": 5, "reminder_days": 3}
    return services.calendar_set(programme=programme, actor=admin_user, start_date=START, **fields)


def url(name: str, *args) -> str:
    return reverse(f"reporting:{name}", args=["test-programma", *args])


def make_report(effort, start, actor, *, state=ReportState.ACCEPTED, status="goed", **extra):
    period = effort.programme.reporting_calendar.period_starting(start)
    report = services.report_open(effort=effort, period=period, actor=actor, **extra)
    content = {"overall_status": status}
    for aspect in Aspect:
        content[f"{aspect.value}_status"] = status
        content[f"{aspect.value}_explanation"] = "" if status == "goed" else "Toelichting."
    content["planning_status"] = AspectStatus.ATTENTION
    content["planning_explanation"] = "Vertraging."
    report = services.report_save(report=report, actor=actor, expected_version=None, **content)
    if state == ReportState.DRAFT:
        return report
    report = services.report_submit(report=report, actor=actor, expected_version=None)
    if state == ReportState.ACCEPTED:
        report = services.report_accept(report=report, actor=actor, expected_version=None)
    elif state == ReportState.RETURNED:
        comment = "Aanvullen."
        report = services.report_return(
            report=report, actor=actor, expected_version=None, comment=comment
        )
    return report


def row_html(html: str, effort_pk: int) -> str:
    match = re.search(rf'<tr[^>]*data-effort="{effort_pk}".*?</tr>', html, re.S)
    assert match, f"no row for effort {effort_pk}"
    return match.group(0)


def add_effort(programme, actor, name, *, role=MunicipalityRole.PRINCIPAL, track=None) -> Effort:
    return din.effort_create(
        actor=actor, programme=programme, name=name, municipality_role=role, track=track
    )


# --- the overview ------------------------------------------------------------------------------


def test_without_a_calendar_staff_are_sent_to_the_calendar_page(client, staff_user, reader_user):
    client.force_login(staff_user)
    html = client.get(url("overview")).content.decode()
    assert url("calendar") in html
    assert "koers-matrix" not in html
    client.force_login(reader_user)
    html = client.get(url("overview")).content.decode()
    assert url("calendar") not in html


def test_the_matrix_shows_each_reporting_effort_with_its_statuses(
    client, staff_user, admin_user, programme, calendar, effort
):
    make_report(effort, P3, admin_user, state=ReportState.SUBMITTED)
    quiet = add_effort(programme, admin_user, "Alleen afstemming", role=MunicipalityRole.ALIGNMENT)
    client.force_login(staff_user)
    response = client.get(url("overview"))
    assert response.status_code == 200
    html = response.content.decode()
    # Default: the period owners report on now (period 3), chosen in the period chooser.
    assert f'<option value="{P3.isoformat()}" selected>' in html
    row = row_html(html, effort.pk)
    assert url("report", effort.pk, P3.isoformat()) in row
    assert url("effort_reports", effort.pk) in row
    assert row.count("koers-aspect--") == 9  # overall + eight aspects
    assert row.count("koers-aspect--goed") == 8 and "koers-aspect--aandacht" in row
    assert "koers-state--ingediend" in row and "koers-late" not in row
    # The columns: short headers with the full label in <abbr title>.
    for aspect in Aspect:
        assert f'<abbr title="{escape(str(aspect.label).capitalize())}"' in html
    # An effort that does not report is not a row.
    assert f'data-effort="{quiet.pk}"' not in html


def test_counts_and_the_list_of_missing_and_late_reports(
    client, staff_user, admin_user, programme, calendar, effort
):
    track = din.object_create(din.Track, actor=admin_user, programme=programme, name="Spoor 2")
    draft = add_effort(programme, admin_user, "Concept", track=track)
    returned = add_effort(programme, admin_user, "Teruggestuurd")
    accepted = add_effort(programme, admin_user, "Geaccepteerd")
    make_report(draft, P3, admin_user, state=ReportState.DRAFT)
    make_report(returned, P3, admin_user, state=ReportState.RETURNED)
    make_report(accepted, P3, admin_user, state=ReportState.ACCEPTED)
    client.force_login(staff_user)
    html = client.get(url("overview")).content.decode()
    counts = dict(
        re.findall(r'class="koers-count-(\w+)">.*?<span class="koers-count">(\d+)</span>', html)
    )
    assert counts == {
        "ingediend": "0",
        "geaccepteerd": "1",
        "concept": "1",
        "teruggestuurd": "1",
        "ontbreekt": "1",  # Evenementen
        "te_laat": "3",  # missing, draft and returned after the deadline of 18 October
    }
    assert "koers-late" in row_html(html, effort.pk)
    assert "koers-matrix-none" in row_html(html, effort.pk)
    assert "koers-late" in row_html(html, draft.pk)
    assert "koers-late" not in row_html(html, accepted.pk)
    missing = html.split('id="ontbrekend"')[1]
    for name in ("Evenementen", "Concept", "Teruggestuurd"):
        assert name in missing
    assert "Geaccepteerd</a>" not in missing
    # Rows grouped by track.
    assert "Spoor 2" in html and "Spoor 1" in html


def test_before_the_deadline_nothing_is_late(client, staff_user, calendar, effort, monkeypatch):
    monkeypatch.setattr(views_overview, "_today", lambda: dt.date(2019, 10, 16))
    client.force_login(staff_user)
    html = client.get(url("overview")).content.decode()
    assert "koers-late" not in html
    assert "koers-count-ontbreekt" in html


def test_the_period_chooser_shows_an_earlier_period(
    client, reader_user, admin_user, calendar, effort
):
    make_report(effort, P1, admin_user, status="probleem", state=ReportState.ACCEPTED)
    client.force_login(reader_user)
    html = client.get(url("overview") + f"?periode={P1.isoformat()}").content.decode()
    assert f'<option value="{P1.isoformat()}" selected>' in html
    row = row_html(html, effort.pk)
    assert "koers-aspect--probleem" in row and url("report", effort.pk, P1.isoformat()) in row
    # Newest period first in the chooser, only periods that have begun.
    options = re.findall(r'<option value="([\d-]+)"', html)
    assert options == [P4.isoformat(), P3.isoformat(), P2.isoformat(), P1.isoformat()]
    # The period owners report on (3) is past its deadline without reports: the overview
    # opens on the latest period with handed-in reports.
    html = client.get(url("overview")).content.decode()
    assert f'<option value="{P1.isoformat()}" selected>' in html


def test_a_date_that_is_no_period_shows_the_default_with_a_message(client, staff_user, calendar):
    client.force_login(staff_user)
    response = client.get(url("overview") + "?periode=2019-09-03")
    assert response.status_code == 200
    html = response.content.decode()
    assert "utrecht-form-field-error-message" in html
    assert 'id="periode"' in html  # the matrix of the default period is still shown


def test_fictitious_reports_are_labelled(client, staff_user, admin_user, calendar, effort):
    make_report(effort, P3, admin_user, is_fictitious=True)
    client.force_login(staff_user)
    html = client.get(url("overview")).content.decode()
    assert "koers-fictitious" in html
    assert "koers-badge--fictitious" in row_html(html, effort.pk)
    html = client.get(url("effort_reports", effort.pk)).content.decode()
    assert "koers-fictitious" in html and "koers-badge--fictitious" in html


def test_a_report_of_an_effort_that_stopped_reporting_stays_visible(
    client, staff_user, admin_user, calendar, effort
):
    make_report(effort, P3, admin_user)
    services.effort_reporting_set(effort=effort, reports=False, actor=admin_user)
    client.force_login(staff_user)
    html = client.get(url("overview")).content.decode()
    assert "koers-late" not in row_html(html, effort.pk)
    html = client.get(url("overview") + f"?periode={P2.isoformat()}").content.decode()
    assert f'data-effort="{effort.pk}"' not in html


# --- one effort over the periods ---------------------------------------------------------------


def test_effort_reports_lists_every_period_newest_first(
    client, reader_user, admin_user, calendar, effort
):
    make_report(effort, P1, admin_user)
    make_report(effort, P2, admin_user, status="aandacht", state=ReportState.SUBMITTED)
    client.force_login(reader_user)
    html = client.get(url("effort_reports", effort.pk)).content.decode()
    periods = re.findall(r'data-period="([\d-]+)"', html)
    # The periods that have ended; period 4 still runs and is not owed yet.
    assert periods == [P3.isoformat(), P2.isoformat(), P1.isoformat()]
    for start in (P1, P2, P3):
        assert url("report", effort.pk, start.isoformat()) in html
    assert "koers-state--geaccepteerd" in html and "koers-state--ingediend" in html
    assert html.count("koers-matrix-none") == 1  # period 3 has no report
    assert html.count("koers-late") == 1  # and is late


def test_long_runs_of_missing_periods_are_folded_into_one_row(
    client, staff_user, admin_user, calendar, effort, monkeypatch
):
    make_report(effort, P2, admin_user)
    monkeypatch.setattr(views_overview, "_today", lambda: dt.date(2020, 3, 1))  # in period 13
    client.force_login(staff_user)
    html = client.get(url("effort_reports", effort.pk)).content.decode()
    starts = re.findall(r'data-period="([\d-]+)"', html)
    # Period 13 still runs. Periods 12 and 11 on their own, 10–3 folded (eight periods), 2 with
    # its report, 1 alone.
    assert len(starts) == 5 and starts[3] == P2.isoformat()
    assert re.findall(r'data-periods="(\d+)"', html) == ["8"]
    run = re.search(r"<tr[^>]*koers-missing-run.*?</tr>", html, re.S).group(0)
    assert "koers-late" in run and url("report", effort.pk, P3.isoformat()) not in run


def test_collapse_missing_keeps_short_runs_and_the_newest_rows():
    from koers.reporting.schedule import periods_until
    from koers.reporting.selectors_overview import ReportRow, collapse_missing

    periods = list(reversed(periods_until("tweewekelijks", START, 5, dt.date(2020, 6, 1))))
    reported = {2, 7}  # period numbers with a report
    rows = [
        ReportRow(None, p, object() if p.number in reported else None, True, TODAY) for p in periods
    ]
    shown = collapse_missing(rows)
    kinds = [("run", r.count) if r.is_run else r.period.number for r in shown]
    last = periods[0].number
    assert kinds == [last, last - 1, ("run", last - 9), 7, ("run", 4), 2, 1]
    assert sum(r.count if r.is_run else 1 for r in shown) == len(rows)


def test_effort_reports_keeps_reports_of_an_earlier_calendar(
    client, staff_user, admin_user, calendar, effort
):
    make_report(effort, P2, admin_user)
    services.calendar_set(
        programme=calendar.programme,
        actor=admin_user,
        expected_version=None,
        frequency=ReportingFrequency.MONTHLY,
        start_date=dt.date(2019, 9, 1),
    )
    client.force_login(staff_user)
    html = client.get(url("effort_reports", effort.pk)).content.decode()
    assert f'data-period="{P2.isoformat()}"' in html
    assert 'data-period="2019-09-01"' in html  # the new calendar's first month has ended


def test_effort_reports_of_an_unknown_effort_is_404(client, staff_user, calendar):
    client.force_login(staff_user)
    assert client.get(url("effort_reports", 999999)).status_code == 404


# --- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin_user", (200, 200, 200)),
        ("staff_user", (200, 200, 200)),
        ("reader_user", (200, 200, 403)),
        ("owner_user", (200, 200, 403)),
        ("outsider_user", (403, 403, 403)),
        (None, (302, 302, 302)),
    ],
)
def test_who_sees_the_three_pages(client, request, calendar, effort, who, expected):
    if who:
        client.force_login(request.getfixturevalue(who))
    pages = (url("overview"), url("effort_reports", effort.pk), url("calendar"))
    assert tuple(client.get(page).status_code for page in pages) == expected


@pytest.mark.parametrize("who", ["reader_user", "owner_user", "outsider_user"])
def test_only_staff_may_save_the_calendar(client, request, programme, effort, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url("calendar"), calendar_data(effort))
    assert response.status_code == 403
    assert not ReportingCalendar.objects.exists()


# --- the calendar page -------------------------------------------------------------------------


def calendar_data(effort, **changes) -> dict:
    data = {
        "frequency": ReportingFrequency.BIWEEKLY,
        "start_date": "2019-09-02",
        "deadline_days": "5",
        "reminder_days": "3",
        "version": "",
        f"inspanning_{effort.pk}": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_create_the_calendar(client, staff_user, programme, effort):
    client.force_login(staff_user)
    html = client.get(url("calendar")).content.decode()
    assert f'name="inspanning_{effort.pk}"' in html and "checked" in html  # default: reports
    response = client.post(url("calendar"), calendar_data(effort, deadline_days="7"))
    assert response.status_code == 302 and response["Location"] == url("overview")
    saved = ReportingCalendar.objects.get(programme=programme)
    assert (saved.frequency, saved.start_date, saved.deadline_days, saved.reminder_days) == (
        ReportingFrequency.BIWEEKLY,
        START,
        7,
        3,
    )
    assert not EffortReporting.objects.exists()  # unchanged default: no own setting


def test_edit_the_calendar_and_set_efforts_apart_from_the_default(
    client, staff_user, admin_user, programme, calendar, effort
):
    other = add_effort(programme, admin_user, "Afstemming", role=MunicipalityRole.ALIGNMENT)
    client.force_login(staff_user)
    data = calendar_data(
        effort,
        frequency=ReportingFrequency.MONTHLY,
        version=str(calendar.version),
        **{f"inspanning_{effort.pk}": None, f"inspanning_{other.pk}": "on"},
    )
    assert client.post(url("calendar"), data).status_code == 302
    calendar.refresh_from_db()
    assert calendar.frequency == ReportingFrequency.MONTHLY
    assert EffortReporting.objects.get(effort=effort).reports is False
    assert EffortReporting.objects.get(effort=other).reports is True
    html = client.get(url("calendar")).content.decode()
    assert "koers-own-setting" in row_html(html, effort.pk)
    assert "koers-own-setting" in row_html(html, other.pk)
    # Back to the default removes the own setting.
    data = calendar_data(
        effort, frequency=ReportingFrequency.MONTHLY, version=str(calendar.version)
    )
    assert client.post(url("calendar"), data).status_code == 302
    assert not EffortReporting.objects.exists()


def test_saving_unchanged_calendar_writes_no_new_version(client, staff_user, calendar, effort):
    client.force_login(staff_user)
    version = calendar.version
    response = client.post(url("calendar"), calendar_data(effort, version=str(version)))
    assert response.status_code == 302
    calendar.refresh_from_db()
    assert calendar.version == version


def test_a_stale_calendar_form_is_refused_with_what_the_other_saved(
    client, staff_user, admin_user, calendar, effort
):
    seen = calendar.version
    services.calendar_set(
        programme=calendar.programme, actor=admin_user, expected_version=seen, deadline_days=9
    )
    client.force_login(staff_user)
    other = add_effort(calendar.programme, admin_user, "Nieuw", role=MunicipalityRole.ALIGNMENT)
    data = calendar_data(effort, deadline_days="6", version=str(seen))
    data[f"inspanning_{other.pk}"] = "on"
    response = client.post(url("calendar"), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "koers-conflict" in html
    differences = html.split("koers-conflict")[1]
    assert ">9<" in differences and ">6<" in differences
    calendar.refresh_from_db()
    assert calendar.deadline_days == 9
    assert not EffortReporting.objects.exists()  # nothing half-written
    # The form now carries the new version: saving again is a deliberate choice.
    assert f'name="version" value="{calendar.version}"' in html
    assert client.post(url("calendar"), {**data, "version": calendar.version}).status_code == 302


def test_a_calendar_created_meanwhile_is_a_conflict(
    client, staff_user, admin_user, programme, effort
):
    client.force_login(staff_user)
    services.calendar_set(programme=programme, actor=admin_user, start_date=dt.date(2020, 1, 6))
    response = client.post(url("calendar"), calendar_data(effort))
    assert response.status_code == 409
    assert ReportingCalendar.objects.get().start_date == dt.date(2020, 1, 6)


def test_invalid_input_is_reported_per_field(client, staff_user, programme, effort):
    client.force_login(staff_user)
    data = calendar_data(
        effort, frequency="dagelijks", start_date="31-02-2019", deadline_days="-1", reminder_days=""
    )
    response = client.post(url("calendar"), data)
    assert response.status_code == 400
    html = response.content.decode()
    for name in ("frequency", "start_date", "deadline_days", "reminder_days"):
        assert f'id="id_{name}_error"' in html, name
    assert "This field is required" not in html  # Dutch messages
    assert not ReportingCalendar.objects.exists()


def test_the_calendar_and_effort_settings_are_saved_all_or_nothing(
    client, staff_user, calendar, effort, monkeypatch
):
    def refuse(**kwargs):
        raise ValidationError("Kan niet.")

    monkeypatch.setattr(services, "effort_reporting_set", refuse)
    client.force_login(staff_user)
    data = calendar_data(effort, deadline_days="8", version=str(calendar.version))
    del data[f"inspanning_{effort.pk}"]
    response = client.post(url("calendar"), data)
    assert response.status_code == 400
    assert "Kan niet." in response.content.decode()
    calendar.refresh_from_db()
    assert calendar.deadline_days == 5


# --- query counts ------------------------------------------------------------------------------


def _queries(client, page: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page).status_code == 200
    return len(ctx.captured_queries)


def _grow(programme, admin_user, n: int) -> None:
    track = din.object_create(din.Track, actor=admin_user, programme=programme, name=f"Spoor {n}")
    for i in range(n):
        extra = add_effort(programme, admin_user, f"Extra {n}-{i}", track=track if i % 2 else None)
        owner = din.object_create(din.Person, actor=admin_user, name=f"Persoon {n}-{i}")
        din.object_update(extra, actor=admin_user, expected_version=None, owner=owner)
        for start in (P1, P2, P3):
            make_report(extra, start, admin_user, state=ReportState.SUBMITTED)


def test_query_counts_do_not_grow_with_efforts_and_periods(
    client, staff_user, admin_user, programme, calendar, effort, monkeypatch
):
    make_report(effort, P3, admin_user)
    client.force_login(staff_user)
    pages = (url("overview"), url("overview") + f"?periode={P1}", url("effort_reports", effort.pk))
    small = [_queries(client, page) for page in pages]
    _grow(programme, admin_user, 6)
    for start in (P1, P2):
        make_report(effort, start, admin_user)
    large = [_queries(client, page) for page in pages]
    assert large == small, (small, large)
    html = client.get(url("overview")).content.decode()
    assert html.count("data-effort=") == 7
    # Two years on: some fifty periods more in the chooser and on the effort's page.
    monkeypatch.setattr(views_overview, "_today", lambda: dt.date(2021, 10, 21))
    assert [_queries(client, page) for page in pages] == small


def test_period_overview_costs_six_queries(
    programme, admin_user, calendar, effort, django_assert_num_queries
):
    _grow(programme, admin_user, 3)
    programme.refresh_from_db()
    with django_assert_num_queries(6):  # the default period asks for the latest reported one
        data = period_overview(programme, today=TODAY)
        assert len(data.rows) == 4 and data.counts
