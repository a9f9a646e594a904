"""The demo's fictitious progress reports: a calendar and five reporting efforts for Programma
Binnenstad, four periods of reports in every state, all labelled fictitious, written through the
reporting services, nothing for the 2023 programme, idempotent with ``koers demo`` and
``--reset``."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from koers.demo import loader
from koers.demo.reports import CALENDAR, PERIODS, REPORTING_EFFORTS, REPORTS, load_demo_reports
from koers.demo.seed_data import BINNENSTAD, STEDELIJKE_ONTWIKKELING
from koers.programmes.models import Programme
from koers.reporting import selectors
from koers.reporting.constants import ReportState
from koers.reporting.models import ProgressReport, ReportingCalendar

EXPECTED = sum(1 for specs in REPORTS.values() for spec in specs if spec is not None)


def run_demo(*args: str) -> None:
    call_command("demo", *args, "--no-users", stdout=StringIO())


def test_the_demo_reports_cover_every_state_and_name_seed_efforts():
    names = {e.name for e in BINNENSTAD.efforts}
    assert set(REPORTING_EFFORTS) <= names
    assert all(len(specs) == PERIODS for specs in REPORTS.values())
    states = {spec.state for specs in REPORTS.values() for spec in specs if spec}
    assert states == set(ReportState)
    assert any(spec is None for specs in REPORTS.values() for spec in specs)  # one missing
    assert CALENDAR["start_date"].weekday() == 0  # a Monday


@pytest.mark.django_db
def test_the_demo_loads_a_calendar_reporting_efforts_and_fictitious_reports(admin_user):
    loader.load_demo(actor=admin_user)
    binnenstad = Programme.objects.get(slug=BINNENSTAD.slug)
    calendar = ReportingCalendar.objects.get(programme=binnenstad)
    assert {k: getattr(calendar, k) for k in CALENDAR} == CALENDAR
    reporting = {e.name for e in selectors.reporting_efforts(binnenstad)}
    assert reporting == set(REPORTING_EFFORTS)

    reports = ProgressReport.objects.filter(effort__programme=binnenstad)
    assert reports.count() == EXPECTED
    assert not reports.filter(is_fictitious=False).exists()
    assert ProgressReport.objects.count() == EXPECTED  # nothing for the 2023 programme
    # The 2023 programme reports every quarter and has no reports yet.
    quarterly = ReportingCalendar.objects.get(programme__slug=STEDELIJKE_ONTWIKKELING.slug)
    assert (quarterly.frequency, quarterly.start_date) == ("kwartaal", dt.date(2023, 1, 1))
    periods = calendar.periods_until(dt.date(2019, 12, 31))[:PERIODS]
    assert {r.period_start for r in reports} == {p.start for p in periods}
    assert all(r.period_end.year == 2019 for r in reports)

    for name, specs in REPORTS.items():
        for period, spec in zip(periods, specs, strict=True):
            report = reports.filter(effort__name=name, period_start=period.start).first()
            if spec is None:
                assert report is None
                continue
            assert report.state == spec.state, (name, period.start)
            assert report.overall_status == spec.overall
            if spec.state != ReportState.DRAFT:
                assert report.snapshot["name"] == name  # frozen on submission
                assert report.submitted_at.date() < report.deadline
            if spec.state in (ReportState.ACCEPTED, ReportState.RETURNED):
                assert report.reviewed_at.year == 2019
                assert report.review_comment == spec.review_comment
    # Written through the services, with the loader's actor in the history.
    assert not ProgressReport.history.exclude(history_user=admin_user).exists()


@pytest.mark.django_db
def test_later_reports_are_pre_filled_from_the_earlier_ones(admin_user):
    loader.load_demo(actor=admin_user)
    pilot = ProgressReport.objects.filter(effort__name="Pilot 2 uur gratis parkeren")
    last = pilot.order_by("-period_start").first()
    # The finances explanation was given in period 2 only, and carried forward.
    assert last.financien_status == "aandacht"
    assert "Gederfde parkeerinkomsten" in last.financien_explanation
    assert last.resultaten_explanation.startswith("De pilot loopt")
    assert "Besluit over versobering" in last.principals_request


@pytest.mark.django_db
def test_loading_twice_or_resetting_does_not_duplicate(settings):
    settings.DEMO_MODE = False
    run_demo()
    assert ProgressReport.objects.count() == EXPECTED
    run_demo()
    assert ProgressReport.objects.count() == EXPECTED
    assert ReportingCalendar.objects.count() == 2  # one per demo programme
    run_demo("--reset")
    assert ProgressReport.objects.count() == EXPECTED
    assert ReportingCalendar.objects.count() == 2  # one per demo programme
    binnenstad = Programme.objects.get(slug=BINNENSTAD.slug)
    assert load_demo_reports(binnenstad) == 0
    other = Programme.objects.get(slug=STEDELIJKE_ONTWIKKELING.slug)
    assert load_demo_reports(other) == 0


@pytest.mark.django_db
def test_a_deleted_demo_report_is_made_again_and_others_are_kept(admin_user):
    loader.load_demo(actor=admin_user)
    binnenstad = Programme.objects.get(slug=BINNENSTAD.slug)
    draft = ProgressReport.objects.get(state=ReportState.DRAFT)
    ProgressReport.objects.filter(pk=draft.pk).delete()
    assert load_demo_reports(binnenstad, actor=admin_user) == 1
    assert ProgressReport.objects.count() == EXPECTED


@pytest.mark.django_db
def test_the_overview_shows_the_demo_reports_as_fictitious(client, admin_user):
    loader.load_demo(actor=admin_user)
    client.force_login(admin_user)
    overview = reverse("reporting:overview", args=[BINNENSTAD.slug])
    html = client.get(overview).content.decode()
    # The programme ended in 2022: the overview opens on its latest period with handed-in
    # reports (14 October 2019), not on today's.
    assert '<option value="2019-10-14" selected>' in html
    options = re.findall(r"<option [^>]*>([^<]*)</option>", html)
    # No period after the programme's end (the last one ends on 1 January 2023).
    assert options and not any(re.search(r"\b202[4-6]\b", o) for o in options)
    in_period_4 = sum(1 for specs in REPORTS.values() if specs[-1] is not None)
    assert html.count("koers-badge--fictitious") == in_period_4
    assert "koers-fictitious" in html
    effort = Programme.objects.get(slug=BINNENSTAD.slug).efforts.get(name="Stadscafés")
    page = reverse("reporting:effort_reports", args=[BINNENSTAD.slug, effort.pk])
    html = client.get(page).content.decode()
    assert html.count("koers-badge--fictitious") == PERIODS
