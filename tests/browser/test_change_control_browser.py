"""Change control in a real browser: the programme manager records the college's adoption
decision, adopts Programma Binnenstad with it, then tries to change a target without a decision
(refused, the message on the decision field, nothing saved), chooses the decision and saves; the
programme page lists the change with its decision. axe checks every page; the decision field is
reached and chosen with the keyboard.

Locators use ids and names, not Dutch labels, so the test does not depend on the catalogue."""

import pytest

from koers.decisions.models import Decision, ProgrammeChange
from koers.programmes.models import OperationalGoal, Programme

from .steps import log_in, wait_for_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BASE = "/programmas/almelo-binnenstad/"


def _submit(page, field_id: str) -> None:
    page.locator("form", has=page.locator(field_id)).locator("button[type=submit]").click()


def test_adopt_then_change_a_target_only_with_a_decision(
    page, live_server, manager, assert_accessible
):
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start=f"{BASE}besluiten/")
    page.locator("#decisions-none").wait_for()
    assert_accessible(page)

    # Record the college decision that adopts the contract.
    page.goto(f"{live_server.url}{BASE}besluiten/nieuw")
    page.locator("#id_title").wait_for()
    assert_accessible(page)
    page.locator("#id_kind").select_option("college")
    page.locator("#id_date").fill("2019-03-26")
    page.locator("#id_number").fill("2019/0311")
    page.locator("#id_title").fill("Vaststelling programmacontract Binnenstad")
    page.locator("#id_link").fill("https://almelo.bestuurlijkeinformatie.nl/besluit/2019-0311")
    _submit(page, "#id_title")
    wait_for_path(page, r"/besluiten/\d+/$")
    decision = Decision.objects.get()
    assert_accessible(page)

    # Adopting without a decision is refused: adopting is the decision.
    page.goto(f"{live_server.url}{BASE}bewerken")
    page.locator("#id_status").select_option("vastgesteld")
    _submit(page, "#id_status")
    error = page.locator("#id_decision_error")
    error.wait_for()
    assert "besluit" in error.inner_text()
    assert Programme.objects.get(slug="almelo-binnenstad").status == "concept"
    assert_accessible(page)

    # Adopt the programme with it.
    page.locator("#id_status").select_option("vastgesteld")
    page.locator("#id_decision").select_option(str(decision.pk))
    _submit(page, "#id_status")
    page.wait_for_url(f"**{BASE}")
    programme = Programme.objects.get(slug="almelo-binnenstad")
    assert programme.status == "vastgesteld"
    changes = page.locator("#programme-changes")
    assert "2019/0311" in changes.inner_text()
    assert_accessible(page)

    # Change the target of 2a without a decision: refused, nothing saved.
    goal = OperationalGoal.objects.get(programme=programme, code="2a")
    old_target = goal.indicator.target_value
    page.goto(f"{live_server.url}{BASE}doel/{goal.pk}/bewerken")
    page.locator("#id_indicator_target_value").fill("12,5")
    _submit(page, "#id_indicator_target_value")
    error = page.locator("#id_decision_error")
    error.wait_for()
    assert "besluit" in error.inner_text()
    goal.indicator.refresh_from_db()
    assert goal.indicator.target_value == old_target
    assert_accessible(page)

    # Choose the decision with the keyboard and save.
    page.locator("#id_decision").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_decision").input_value() == str(decision.pk)
    _submit(page, "#id_indicator_target_value")
    wait_for_path(page, r"/doelen/2a/$")
    goal.indicator.refresh_from_db()
    assert goal.indicator.target_value == 12.5

    page.goto(f"{live_server.url}{BASE}")
    row = page.locator("#programme-changes tbody tr").first
    assert "2a" in row.inner_text() and "2019/0311" in row.inner_text()
    assert ProgrammeChange.objects.filter(decision=decision).count() == 2
