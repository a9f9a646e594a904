"""A contribution between the two demo programmes through the browser: propose it from an
effort's page, accept it as the goal's programme, and see it on both pages and in the DIN."""

import os
import re

import pytest

from koers.programmes.models import CrossProgrammeLink, Programme

from .steps import log_in, wait_for_path

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("KOERS_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_propose_accept_and_see_it_everywhere(page, live_server, manager, assert_accessible):
    source, target = Programme.objects.order_by("name")[:2]
    effort = source.efforts.order_by("order", "name").first()
    goal = target.operational_goals.order_by("code").first()
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm")
    page.goto(f"{live_server.url}{effort.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Propose a contribution|Bijdrage voorstellen")).click()
    wait_for_path(page, r"/bijdragen/nieuw$")
    assert_accessible(page)
    page.get_by_label(
        re.compile("Goal of another programme|Doel van een ander programma")
    ).select_option(str(goal.pk))
    page.get_by_label(re.compile("^(Contribution|Bijdrage)")).fill(
        "Levert bezoekers en gegevens aan het andere programma."
    )
    page.get_by_role("button", name=re.compile("^(Propose|Voorstellen)$")).click()
    wait_for_path(page, r"/inspanningen/\d+/$")
    assert page.get_by_text(re.compile("voorgesteld|proposed")).first.is_visible()

    page.goto(f"{live_server.url}{goal.get_absolute_url()}")
    page.get_by_role(
        "link", name=re.compile("Accept or decline|Accepteren of afwijzen")
    ).first.click()
    wait_for_path(page, r"/beoordelen$")
    assert_accessible(page)
    decision = page.locator("#id_accept-decision")
    if decision.count():
        decision.select_option(index=1)
    page.get_by_role(
        "button", name=re.compile("Accept the contribution|Bijdrage accepteren")
    ).click()
    wait_for_path(page, r"/doelen/")
    assert CrossProgrammeLink.objects.get().is_accepted
    assert page.get_by_text(
        re.compile(f"(ander programma|other programme): {re.escape(source.name)}")
    ).first.is_visible()
    assert_accessible(page)
    _shot(page, "goal")

    page.goto(f"{live_server.url}{effort.get_absolute_url()}")
    assert page.get_by_text(re.compile("geaccepteerd|accepted")).first.is_visible()
    assert_accessible(page)
    _shot(page, "effort")

    page.goto(f"{live_server.url}/programmas/{target.slug}/din/")
    assert page.locator(f"#x-e-{effort.pk}").count() == 1
    _shot(page, "din-target")
    page.goto(f"{live_server.url}/programmas/{source.slug}/din/")
    assert page.locator(f"#x-g-{goal.pk}").count() == 1
    _shot(page, "din-source")
    page.goto(f"{live_server.url}/programmas/{target.slug}/bijdragen/")
    assert_accessible(page)
    _shot(page, "inbox")
