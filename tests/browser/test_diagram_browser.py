"""The DIN as a network in a real browser: choosing an effort highlights the goals it serves
(and the lines to them) and says so in words, choosing a goal highlights its efforts, the
keyboard does the same with Tab, Enter and Escape, and the track filter works. axe checks the
page with and without a selection."""

import re

import pytest

from koers.programmes import services
from koers.programmes.models import Programme

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _classes(page, element_id: str) -> str:
    return page.locator(f"svg.din-diagram [id='{element_id}']").get_attribute("class") or ""


def test_highlight_what_serves_what(page, live_server, manager, assert_accessible):
    programme = Programme.objects.get(slug="almelo-binnenstad")
    effort = programme.efforts.get(name="Stadscafés")
    other = programme.efforts.get(name="Samenwerking")
    goals = {g.code: g for g in programme.operational_goals.all()}
    for code in ("1a", "4a"):
        services.goal_effort_link_create(operational_goal=goals[code], effort=effort, actor=None)
    services.goal_effort_link_create(operational_goal=goals["1a"], effort=other, actor=None)
    track = programme.tracks.order_by("order").first()
    services.object_update(effort, actor=None, expected_version=None, track=track)

    log_in(
        page, live_server, "pm", "geheim-wachtwoord-pm", start=f"/programmas/{programme.slug}/din/"
    )
    page.get_by_role("heading", level=1).wait_for()
    assert page.locator("svg.din-diagram").count() == 1
    assert_accessible(page)

    # Click an effort: its goals and the lines to them are highlighted, the page stays.
    e_id = f"e-{effort.pk}"
    page.locator(f"svg.din-diagram [id='{e_id}'] a").click()
    assert "din-has-selection" in (page.locator("svg.din-diagram").get_attribute("class") or "")
    assert "din-selected" in _classes(page, e_id)
    for code in ("1a", "4a"):
        assert "din-related" in _classes(page, f"g-{code}")
        assert "din-related" in _classes(page, f"l-g-{code}--{e_id}")
    assert "din-related" not in _classes(page, "g-2a")
    announce = page.locator("#din-announce")
    assert re.search(r"Stadscafés.*1a, 4a", announce.inner_text())
    wait_for_path(page, r"/din/$")
    assert_accessible(page)

    # And the other way round: goal 1a highlights both efforts that serve it.
    page.locator("svg.din-diagram [id='g-1a'] a").click()
    assert "din-related" in _classes(page, e_id)
    assert "din-related" in _classes(page, f"e-{other.pk}")
    assert "din-related" not in _classes(page, "g-4a")
    assert "Samenwerking" in announce.inner_text()

    # Escape clears; the keyboard chooses with Tab and follows the link with Enter.
    page.keyboard.press("Escape")
    assert "din-has-selection" not in (page.locator("svg.din-diagram").get_attribute("class") or "")
    target = page.locator(f"svg.din-diagram [id='{e_id}'] a")
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the effort cannot be reached with the keyboard")
    assert "din-selected" in _classes(page, e_id)
    assert "4a" in announce.inner_text()
    page.keyboard.press("Enter")
    wait_for_path(page, rf"/inspanningen/{effort.pk}/$")


def test_filter_by_track_without_script(page, live_server, manager, assert_accessible):
    programme = Programme.objects.get(slug="almelo-binnenstad")
    effort = programme.efforts.get(name="Stadscafés")
    track = programme.tracks.order_by("order").first()
    services.object_update(effort, actor=None, expected_version=None, track=track)
    log_in(
        page, live_server, "pm", "geheim-wachtwoord-pm", start=f"/programmas/{programme.slug}/din/"
    )
    page.get_by_label("Spoor").select_option(str(track.pk))
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url(re.compile(rf"spoor={track.pk}"))
    svg = page.locator("svg.din-diagram")
    assert svg.locator(f"[id='e-{effort.pk}']").count() == 1
    assert svg.locator("g.din-effort").count() == 1
    assert_accessible(page)
