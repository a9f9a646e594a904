"""Screens that answer the same question agree: a programme in several states, read on fixed
dates, through every screen's own selector.

- "What must this effort report, and what is late, returned or open": the owner's list, the
  effort's report history, the overview, the reminders.
- "Which efforts report aandacht/probleem, and which decisions are asked": the digest, the
  portfolio, the progress report."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.documents.selectors import progress_data
from koers.portfolio.selectors import portfolio
from koers.programmes.models import Person
from koers.reporting import services
from koers.reporting.constants import Aspect, ReportState
from koers.reporting.digest import build_digest
from koers.reporting.obligations import owner_rows
from koers.reporting.reminders import due_reminders
from koers.reporting.selectors_overview import (
    default_period,
    effort_history,
    period_overview,
)
from tests.builders import bare_programme, effort_build

pytestmark = pytest.mark.django_db

GOOD = {"overall_status": "goed", **{f"{a.value}_status": "goed" for a in Aspect}}
START = dt.date(2021, 1, 4)  # a Monday; two-weekly periods
END = dt.date(2021, 6, 30)  # the programme's end


def _concern(status: str) -> dict:
    """An overall status and the aspect that explains it."""
    return {
        "overall_status": status,
        "planning_status": status,
        "planning_explanation": "Vertraging.",
    }


@pytest.fixture
def world(admin_user, owner_user):
    """A programme of the first half of 2021 with a two-weekly calendar. The owner's efforts:
    Lopend (the whole programme), Vroeg (ended 31 January), Laat (begins 1 April). Someone
    else's: Ander. Reports over periods 1–5 in every state."""
    programme = bare_programme(
        admin_user, "half-jaar", period_start=dt.date(2021, 1, 1), period_end=END
    )
    calendar = services.calendar_set(
        programme=programme, actor=admin_user, frequency="tweewekelijks", start_date=START
    )
    owner = Person.objects.get(user=owner_user)
    role = {"municipality_role": "opdrachtgever", "owner": owner}
    running = effort_build(admin_user, programme, "Lopend", **role)
    early = effort_build(admin_user, programme, "Vroeg", end_date=dt.date(2021, 1, 31), **role)
    late = effort_build(admin_user, programme, "Laat", start_date=dt.date(2021, 4, 1), **role)
    other = effort_build(admin_user, programme, "Ander", municipality_role="regisseur")
    periods = calendar.periods_until(END)

    def report(effort, number, state, **content):
        r = services.report_create(
            effort=effort, period=periods[number - 1], actor=admin_user, **{**GOOD, **content}
        )
        if state == ReportState.DRAFT:
            return r
        r = services.report_submit(report=r, actor=admin_user, expected_version=r.version)
        if state == ReportState.ACCEPTED:
            return services.report_accept(report=r, actor=admin_user, expected_version=r.version)
        if state == ReportState.RETURNED:
            return services.report_return(
                report=r, actor=admin_user, expected_version=r.version, comment="Graag aanvullen."
            )
        return r

    report(running, 1, ReportState.ACCEPTED)
    report(running, 2, ReportState.RETURNED, **_concern("aandacht"))
    report(running, 3, ReportState.DRAFT)
    report(early, 1, ReportState.SUBMITTED, principals_request="Stop?", **_concern("probleem"))
    report(other, 4, ReportState.SUBMITTED, principals_request="Geld", **_concern("aandacht"))
    report(other, 5, ReportState.DRAFT, **_concern("probleem"))
    return {
        "programme": programme,
        "calendar": calendar,
        "periods": periods,
        "efforts": {"running": running, "early": early, "late": late, "other": other},
    }


# Reference dates: during the programme (period 6 is the one reported on, before and after its
# deadline), and long after its end.
DAYS = [dt.date(2021, 3, 31), dt.date(2021, 4, 5), dt.date(2026, 12, 7)]


def _missing_or_late(history) -> set:
    return {
        (row.effort.pk, row.period.start)
        for row in history.rows
        if (row.is_owed and row.is_missing) or row.is_late
    }


@pytest.mark.parametrize("today", DAYS)
def test_the_owner_list_names_what_the_effort_pages_call_missing_or_late(world, owner_user, today):
    programme, calendar = world["programme"], world["calendar"]
    listed = {(r.effort.pk, r.period.start): r for r in owner_rows(owner_user, today=today)}
    for key in ("running", "early", "late"):
        effort = world["efforts"][key]
        history = effort_history(programme, effort, today=today, calendar=calendar)
        pages = _missing_or_late(history)
        assert pages <= set(listed), (key, sorted(pages - set(listed)))
        # Returned reports and drafts are on the list too, as the effort page shows them.
        editable = {
            (r.effort.pk, r.period.start)
            for r in history.rows
            if r.report is not None and r.report.state in ("concept", "teruggestuurd")
        }
        assert editable <= set(listed)
        # The list agrees with the page on lateness, and lists nothing outside the effort's time.
        for (effort_pk, start), row in listed.items():
            if effort_pk != effort.pk:
                continue
            page_row = next(r for r in history.rows if r.period.start == start)
            assert page_row.is_late == row.is_late
            if row.report is None:
                assert effort.end_date is None or start <= effort.end_date
                assert effort.start_date is None or row.period.end >= effort.start_date
            assert start <= programme.period_end
    # Someone else's effort is not on the owner's list.
    assert all(pk != world["efforts"]["other"].pk for pk, _start in listed)


@pytest.mark.parametrize("today", DAYS)
def test_the_overview_agrees_with_the_effort_pages(world, today):
    programme, calendar = world["programme"], world["calendar"]
    for period in calendar.periods_until(today):
        overview = period_overview(
            programme, today=today, period_start=period.start, calendar=calendar
        )
        assert overview.period == period
        in_overview = {r.effort.pk: r for r in overview.rows}
        for effort in world["efforts"].values():
            history = effort_history(programme, effort, today=today, calendar=calendar)
            page = next((r for r in history.rows if r.period.start == period.start), None)
            if page is None:
                assert effort.pk not in in_overview  # not owed, no report: on neither
                continue
            row = in_overview[effort.pk]
            assert (row.state, row.is_late) == (page.state, page.is_late), (effort, period)
    # No period past the programme's end, on any screen.
    assert all(p.start <= END for p in calendar.periods_until(today))


def test_the_reminders_name_what_the_overview_calls_outstanding(world):
    programme, calendar = world["programme"], world["calendar"]
    for today in (dt.date(2021, 4, 5), dt.date(2021, 4, 20)):
        due, already = due_reminders(today, days=30)
        reminded = {(r.effort.pk, r.period.start) for r in due + already}
        period = calendar.reporting_period(today)
        overview = period_overview(
            programme, today=today, period_start=period.start, calendar=calendar
        )
        outstanding = {(r.effort.pk, period.start) for r in overview.rows if r.is_outstanding}
        assert reminded == outstanding
    # After the programme's end no reminder goes out.
    assert due_reminders(dt.date(2026, 12, 7)) == ([], [])


def _concerns(effort_reports) -> list[tuple[int, str]]:
    return sorted((r.effort.pk, r.report.overall_status) for r in effort_reports)


@pytest.mark.parametrize("today", DAYS)
def test_digest_portfolio_and_progress_report_name_the_same_concerns(world, admin_user, today):
    programme, calendar = world["programme"], world["calendar"]
    digest = build_digest(programme, today=today)
    period = default_period(calendar, today)
    assert digest.period == period
    row = next(r for r in portfolio(admin_user, as_of=today).rows if r.programme == programme)
    assert row.report_period == period
    document = progress_data(programme, period=period, as_of=digest.as_of)
    in_digest = sorted(r.effort.pk for r in digest.concerns)
    assert sorted(c.pk for c in row.concerns) == in_digest
    assert sorted(r.effort.pk for r in document.reports if r.is_concern) == in_digest
    asked = sorted((d.effort.pk, d.text) for d in digest.decisions)
    assert (
        sorted(
            (r.effort.pk, r.report.principals_request.strip())
            for r in document.reports
            if r.report.principals_request.strip()
        )
        == asked
    )


def test_an_ended_programme_opens_on_its_latest_reported_period(world):
    calendar, periods = world["calendar"], world["periods"]
    today = dt.date(2026, 12, 7)
    # Period 4 has the latest handed-in report (Ander's); period 5 only a draft.
    assert default_period(calendar, today) == periods[3]
    digest = build_digest(world["programme"], today=today)
    assert digest.period == periods[3] and digest.as_of == periods[3].end
    # Vroeg ended before period 4 and Laat begins after it: only Ander counts.
    assert [d.text for d in digest.decisions] == ["Geld"]
    assert [r.effort.name for r in digest.concerns] == ["Ander"]
    assert digest.periods[0].start <= END  # the chooser stops at the programme's end
