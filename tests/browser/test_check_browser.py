"""The DIN quality check in a real browser: the programme manager opens the check of the 2023
programme, reads that none of its operational goals is measurable as written, follows the fix
link of an effort that serves no goal with the keyboard, links it to a goal and comes back to a
check with one finding fewer. axe checks every page.

Locators use ids and data attributes, not Dutch labels, so the test does not depend on the
catalogue."""

import re

import pytest

from .steps import log_in, wait_for_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CHECK = "/programmas/almelo-stedelijke-ontwikkeling/kwaliteit/"


def _count(page, rule: str) -> int:
    return page.locator(f"section#{rule} ul.koers-findings > li").count()


def test_check_of_the_2023_programme_and_fix_a_finding(
    page, live_server, manager, assert_accessible
):
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start=CHECK)
    sentence = page.locator("#measurability").inner_text()
    assert "10" in sentence  # none of the 10 operational goals is measurable as written
    assert page.locator("#check-counts li").count() == 3  # error, warning, information
    unlinked = _count(page, "DIN-05")
    assert unlinked > 0
    assert_accessible(page)

    # Reach the first fix link of DIN-05 with the keyboard: it opens a new link for that effort,
    # and saving comes back to the check.
    link = page.locator("section#DIN-05 ul.koers-findings a").first
    link.focus()
    page.keyboard.press("Enter")
    wait_for_path(page, r"/koppeling/nieuw$")
    assert "next=" in page.url
    page.locator("#id_operational_goal").select_option(index=1)
    assert_accessible(page)
    page.locator("form", has=page.locator("#id_operational_goal")).locator(
        "button[type=submit]"
    ).click()
    wait_for_path(page, re.escape(CHECK) + "$")
    assert _count(page, "DIN-05") == unlinked - 1
    assert_accessible(page)
