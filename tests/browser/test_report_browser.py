"""A progress report in a real browser: the owner opens this period's report from "Mijn
rapportages", finds it pre-filled from the previous one, changes one aspect and submits; the
programme staff send it back with a comment, which the owner then reads. axe checks every page
on the way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from koers.programmes import services as din
from koers.reporting import services
from koers.reporting.constants import Aspect, ReportState
from koers.reporting.models import ProgressReport
from tests.builders import RUNNING_END, programme_build

from .steps import log_in, wait_for_path


@pytest.fixture
def programme(admin_user):
    """The shared fixture's programme, running to 2030: its reporting periods run up to today."""
    return programme_build(admin_user, period_end=RUNNING_END)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reporting_effort(programme, admin_user, owner_user, staff_user):
    """Evenementen reports every two weeks; its report over the first period was submitted with
    every aspect good; the second period has just ended, so that is the one to write now."""
    effort = programme.efforts.get(name="Evenementen")
    din.object_update(
        effort, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    calendar = services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=timezone.localdate() - timedelta(days=30),
    )
    first = calendar.periods_until(timezone.localdate())[0]
    report = services.report_open(effort=effort, period=first, actor=owner_user)
    content = {f"{a.value}_status": "goed" for a in Aspect}
    report = services.report_save(
        report=report,
        actor=owner_user,
        expected_version=report.version,
        overall_status="goed",
        resultaten_explanation="Drie evenementen gehouden, 12.000 bezoekers.",
        principals_request="Geen besluiten nodig.",
        **content,
    )
    services.report_submit(report=report, actor=owner_user, expected_version=report.version)
    return effort, calendar.reporting_period(timezone.localdate())


def _log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    wait_for_path(page, r"/account/inloggen")


def test_owner_submits_a_pre_filled_report_and_staff_send_it_back(
    page, live_server, reporting_effort, assert_accessible
):
    effort, period = reporting_effort
    report_path = f"/programmas/test-programma/rapportages/{effort.pk}/{period.key}/"

    # The owner: "Mijn rapportages" lists this period's report, not started yet.
    log_in(page, live_server, "trekker", "wachtwoord-trekker", start="/programmas/rapportages/mijn")
    page.get_by_role("heading", level=1, name="Mijn rapportages").wait_for()
    row = page.locator("table.koers-my-reports tbody tr")
    assert row.count() == 1
    assert "niet begonnen" in row.inner_text()
    assert_accessible(page)

    row.get_by_role("link", name=re.compile("Evenementen")).click()
    wait_for_path(page, re.escape(report_path) + "$")
    page.get_by_role("heading", level=1).wait_for()
    # pre-filled from the previous report
    note = page.get_by_role("note").filter(has_text="Vooraf ingevuld uit de rapportage")
    assert note.is_visible()
    assert page.get_by_label("Toelichting: realisatie van de afgesproken resultaten").input_value()
    assert page.get_by_role("group", name="Planning").get_by_role("radio", name="goed").is_checked()
    assert page.get_by_label("Gevraagd van de opdrachtgevers").input_value() == (
        "Geen besluiten nodig."
    )
    assert_accessible(page)

    # One aspect changed: planning needs attention, with why.
    planning = page.get_by_role("group", name="Planning")
    planning.get_by_role("radio", name="aandacht").check()
    # submitted without saying why: nothing submitted, the summary links to the field
    page.get_by_role("button", name="Indienen").click()
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name="Toelichting: planning").wait_for()
    assert "niet ingediend" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link", name="Toelichting: planning").click()
    page.get_by_label("Toelichting: planning").fill("De vergunning voor de kermis is vertraagd.")
    page.get_by_role("button", name="Indienen").click()
    wait_for_path(page, re.escape(report_path) + "$")
    page.get_by_text("Rapportage ingediend").wait_for()
    assert page.locator(".koers-report-meta").inner_text().startswith("ingediend")
    table = page.get_by_role("table", name="Status en toelichting per onderdeel")
    planning_row = table.get_by_role("row", name=re.compile("^Planning"))
    assert "aandacht" in planning_row.inner_text()
    assert "De vergunning voor de kermis is vertraagd." in planning_row.inner_text()
    assert page.get_by_role("heading", name="Inspanning zoals bij indienen").is_visible()
    assert page.locator("form.koers-report-form").count() == 0
    assert_accessible(page)
    report = ProgressReport.objects.get(effort=effort, period_start=period.start)
    assert report.state == ReportState.SUBMITTED and report.planning_status == "aandacht"

    # The programme staff send it back with a comment.
    _log_out(page)
    log_in(page, live_server, "staf", "wachtwoord-staf", start=report_path)
    page.get_by_role("heading", name="Deze rapportage beoordelen").wait_for()
    assert_accessible(page)
    page.get_by_label("Opmerking").fill("Wat betekent de vertraging voor de datum van de kermis?")
    page.get_by_role("button", name="Terugsturen").click()
    page.get_by_text("Rapportage met uw opmerking teruggestuurd").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Geschiedenis van deze rapportage").click()
    wait_for_path(page, r"/geschiedenis$")
    assert "teruggestuurd" in page.get_by_role("table").inner_text()
    assert_accessible(page)
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED

    # The owner reads the comment above the form and can change the report again.
    _log_out(page)
    log_in(page, live_server, "trekker", "wachtwoord-trekker", start=report_path)
    comment = page.locator(".koers-review-comment")
    comment.wait_for()
    assert "Wat betekent de vertraging" in comment.inner_text()
    assert page.get_by_role("button", name="Indienen").is_visible()
    assert_accessible(page)
