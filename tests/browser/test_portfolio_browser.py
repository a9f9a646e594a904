"""The portfolio and a meeting in a real browser: the programme manager sees both demo
programmes (and a synthetic one) on one page, filters by portfolio holder with the keyboard
only, and opens a meeting whose agenda is drawn from the digest. axe checks every page.

Set KOERS_SCREENSHOTS to a folder to keep screenshots of the pages."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from koers.demo.synthetic import synthetic_programme_create
from koers.portfolio import services as meetings
from koers.programmes import services as din
from koers.programmes.constants import AccessLevel
from koers.programmes.models import Programme

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = "/portfolio/"


def _shot(page, name: str) -> None:
    folder = os.environ.get("KOERS_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_portfolio_filter_by_keyboard_and_a_meeting(page, live_server, manager, assert_accessible):
    big = synthetic_programme_create(efforts=30, operational_goals=20, strategic_goals=5)
    din.programme_access_grant(programme=big, user=manager, level=AccessLevel.STAFF, actor=None)
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start=URL)
    table = page.locator("table#portfolio")
    table.wait_for()
    assert table.locator("tbody tr").count() == Programme.objects.count() == 3
    assert table.locator(".koers-status").count() == 3  # status as icon and text
    assert_accessible(page)
    _shot(page, "portfolio")

    # Filter by portfolio holder with the keyboard only: choose with the arrow key, Tab past the
    # other two filters to the button, press Enter.
    holder = page.locator("select[name=holder]")
    holder.focus()
    page.keyboard.press("ArrowDown")  # the first holder after "all"
    chosen = holder.input_value()
    assert chosen
    for _ in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('#portfolio-filter') !== null")
    assert focused and page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "holder=" in url)
    rows = page.locator("table#portfolio tbody tr")
    assert 1 <= rows.count() < 3
    assert page.locator("select[name=holder]").input_value() == chosen
    assert_accessible(page)

    # A meeting with its agenda from the digest.
    binnenstad = Programme.objects.get(slug="almelo-binnenstad")
    meeting = meetings.meeting_create(
        actor=manager,
        programme=binnenstad,
        kind="opdrachtgeversoverleg",
        title="Overleg opdrachtgevers Binnenstad",
        cadence="tweewekelijks",
        participants="Wethouder, adjunct-directeur, programmamanager",
    )
    today = timezone.localdate()
    earlier = meetings.occurrence_create(
        actor=manager, meeting=meeting, date=today - dt.timedelta(days=14)
    )
    meetings.meeting_item_create(
        actor=manager,
        occurrence=earlier,
        kind="actie",
        text="Ondernemersverenigingen uitnodigen",
        due_date=today + dt.timedelta(days=7),
    )
    meetings.meeting_item_create(
        actor=manager, occurrence=earlier, kind="besluit", text="Akkoord met de planning"
    )
    held = meetings.occurrence_create(actor=manager, meeting=meeting, date=today)
    page.goto(f"{live_server.url}/portfolio/almelo-binnenstad/overleg/")
    page.locator("table#meetings a").first.click()
    wait_for_path(page, r"/overleg/\d+/$")
    assert page.locator("table#open-actions tbody tr").count() == 1
    assert_accessible(page)
    page.goto(f"{live_server.url}{held.get_absolute_url()}")
    page.locator("ol#agenda-items").wait_for()
    assert page.locator("ol#agenda-items > li").count() == held.agenda.count() + 1
    assert page.locator("table#carried-over tbody tr").count() == 1
    page.locator("details summary").click()
    assert_accessible(page)
    _shot(page, "meeting")
