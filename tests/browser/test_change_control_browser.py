"""Change control in a real browser: the programme manager records the college's adoption
decision, adopts Programma Binnenstad with it (refused without), then prepares a change proposal:
a new target for 2a from the goal's form and a new link from the link form, each with its
reason. Nothing applies until the college decides: the proposal page lists both as not yet in
force and offers the document for the college (PDF); registering the decision on the proposal
applies both with that decision, and the programme page lists them. axe checks every page; the
proposal is chosen with the keyboard.

Locators use ids and names, not Dutch labels, so the test does not depend on the catalogue."""

import pytest

from koers.decisions.models import ChangeProposal, Decision, ProgrammeChange
from koers.programmes.models import Effort, GoalEffortLink, OperationalGoal, Programme

from .steps import log_in, wait_for_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BASE = "/programmas/almelo-binnenstad/"


def _submit(page, field_id: str) -> None:
    page.locator("form", has=page.locator(field_id)).locator("button[type=submit]").click()


def test_adopt_then_change_a_target_and_a_link_through_a_proposal(
    page, live_server, manager, assert_accessible
):
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start=f"{BASE}besluiten/")
    page.locator("#decisions-none").wait_for()
    assert_accessible(page)

    # Record the college decision that adopts the contract; it allows the adoption.
    page.goto(f"{live_server.url}{BASE}besluiten/nieuw")
    page.locator("#id_title").wait_for()
    assert_accessible(page)
    page.locator("#id_kind").select_option("college")
    page.locator("#id_date").fill("2019-03-26")
    page.locator("#id_number").fill("2019/0311")
    page.locator("#id_title").fill("Vaststelling programmacontract Binnenstad")
    page.locator("#id_link").fill("https://almelo.bestuurlijkeinformatie.nl/besluit/2019-0311")
    page.locator("input[name=authorises][value=vastgesteld]").check()
    _submit(page, "#id_title")
    wait_for_path(page, r"/besluiten/\d+/$")
    adoption = Decision.objects.get()
    assert adoption.authorises == ["vastgesteld"]
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
    page.locator("#id_decision").select_option(str(adoption.pk))
    _submit(page, "#id_status")
    page.wait_for_url(f"**{BASE}")
    programme = Programme.objects.get(slug="almelo-binnenstad")
    assert programme.status == "vastgesteld"
    assert "2019/0311" in page.locator("#programme-changes").inner_text()

    # A new target for 2a, put in a new change proposal (chosen with the keyboard).
    goal = OperationalGoal.objects.get(programme=programme, code="2a")
    old_target = goal.indicator.target_value
    page.goto(f"{live_server.url}{BASE}doel/{goal.pk}/bewerken")
    page.locator("#id_indicator_target_value").fill("12,5")
    assert_accessible(page)
    page.locator("#id_proposal").focus()
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_proposal").input_value() == "nieuw"
    page.locator("#id_reason").fill("De leegstand daalt sneller dan verwacht.")
    _submit(page, "#id_indicator_target_value")
    wait_for_path(page, r"/besluiten/voorstellen/\d+/$")
    proposal = ChangeProposal.objects.get()
    goal.indicator.refresh_from_db()
    assert goal.indicator.target_value == old_target  # not yet in force
    assert_accessible(page)

    # A new link, put in the same proposal.
    effort = Effort.objects.filter(programme=programme).exclude(links__operational_goal=goal)[0]
    page.goto(f"{live_server.url}{BASE}koppeling/nieuw?doel=2a")
    page.locator("#id_effort").select_option(str(effort.pk))
    page.locator("#id_proposal").select_option(str(proposal.pk))
    page.locator("#id_reason").fill("Deze inspanning draagt bij aan minder leegstand.")
    _submit(page, "#id_effort")
    wait_for_path(page, rf"/besluiten/voorstellen/{proposal.pk}/$")
    items = page.locator("#pending-changes > li.koers-pending-item")
    assert items.count() == 2
    assert not GoalEffortLink.objects.filter(operational_goal=goal, effort=effort).exists()
    assert_accessible(page)

    # The document for the college.
    pdf = page.request.get(
        f"{live_server.url}{BASE}besluiten/voorstellen/{proposal.pk}/document.pdf"
    )
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # The college decides: register the decision on the proposal; both changes apply with it.
    page.goto(f"{live_server.url}{BASE}besluiten/voorstellen/{proposal.pk}/besluit")
    page.locator("#id_title").wait_for()
    assert_accessible(page)
    page.locator("#id_kind").select_option("college")
    page.locator("#id_date").fill("2021-06-15")
    page.locator("#id_number").fill("2021/0455")
    page.locator("#id_link").fill("https://almelo.bestuurlijkeinformatie.nl/besluit/2021-0455")
    _submit(page, "#id_title")
    wait_for_path(page, rf"/besluiten/voorstellen/{proposal.pk}/$")
    assert "2021/0455" in page.locator("#proposal-status").inner_text()
    assert_accessible(page)
    goal.indicator.refresh_from_db()
    assert goal.indicator.target_value == 12.5
    assert GoalEffortLink.objects.filter(operational_goal=goal, effort=effort).exists()
    decision = Decision.objects.get(number="2021/0455")
    assert sorted(
        ProgrammeChange.objects.filter(decision=decision).values_list("kind", flat=True)
    ) == [
        "koppeling_toegevoegd",
        "streefwaarde_gewijzigd",
    ]

    page.goto(f"{live_server.url}{BASE}")
    changes = page.locator("#programme-changes").inner_text()
    assert "2a" in changes and "2021/0455" in changes
    assert_accessible(page)
