"""The monitor in a real browser: the programme manager opens the dashboard of Binnenstad, reads
a goal's chart and table, enters a measurement with the keyboard only, looks back at an earlier
date, and judges a qualitative goal of the 2023 programme. axe checks every page on the way."""

import re

import pytest

from koers.monitoring.models import GoalJudgement, Measurement
from koers.programmes.models import Programme

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_goal_page_and_keyboard_entry(page, live_server, manager, assert_accessible):
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start="/programmas/almelo-binnenstad/")
    page.get_by_role("link", name="Monitor: op koers?").click()
    wait_for_path(page, r"/monitor/$")
    page.get_by_role("heading", level=1).wait_for()
    assert "Fictieve gegevens" in page.content()
    # every goal row says its status in words
    rows = page.locator("table.koers-monitor-table tbody tr")
    assert rows.count() >= 8
    for i in range(rows.count()):
        text = rows.nth(i).locator("td").first.inner_text().strip()
        assert text, f"row {i} has no status text"
    assert_accessible(page)

    page.locator("table.koers-monitor-table a", has_text="1a.").click()
    wait_for_path(page, r"/monitor/1a/$")
    assert page.locator("figure.koers-chart svg").count() == 1
    assert page.get_by_role("table", name="Metingen").is_visible()
    assert_accessible(page)

    # Keyboard only: reach "Meting toevoegen" with Tab and follow it with Enter.
    link = page.get_by_role("link", name="Meting toevoegen")
    for _ in range(200):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("'Meting toevoegen' cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    wait_for_path(page, r"/metingen/nieuw$")
    assert_accessible(page)
    page.get_by_label("Periode").focus()
    page.keyboard.type("2023")
    page.keyboard.press("Tab")
    page.keyboard.type("101.250")
    page.keyboard.press("Enter")
    wait_for_path(page, r"/monitor/1a/$")
    assert Measurement.objects.filter(
        indicator__operational_goal__code="1a", period_start__year=2023, value=101250
    ).exists()
    assert "101.250" in page.content()

    # An earlier reference date uses only what was measured by then.
    page.get_by_label("Status op").fill("2019-12-31")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url(re.compile(r"op=2019-12-31"))
    assert "niet gebruikt" in page.content()
    assert_accessible(page)


def test_judge_a_qualitative_goal(page, live_server, manager, assert_accessible):
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start="/programmas/almelo-binnenstad/")
    programme = Programme.objects.get(slug="almelo-stedelijke-ontwikkeling")
    goal = programme.operational_goals.filter(kind="kwalitatief").first()
    assert goal is not None
    page.goto(f"{live_server.url}/programmas/{programme.slug}/monitor/{goal.code}/")
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Oordeel vastleggen").click()
    page.get_by_role("heading", level=1, name="Oordeel vastleggen").wait_for()
    assert_accessible(page)
    page.get_by_label("Aandacht nodig").check()
    page.get_by_label("Toelichting").fill("Gesprekken met ondernemers wijzen op vertraging.")
    page.get_by_role("button", name="Opslaan").click()
    wait_for_path(page, rf"/monitor/{goal.code}/$")
    assert GoalJudgement.objects.filter(operational_goal=goal, status="aandacht").exists()
    assert "Gesprekken met ondernemers" in page.content()
    assert_accessible(page)
