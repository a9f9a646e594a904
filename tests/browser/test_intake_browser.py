"""The intake of an initiative in a real browser: a user without access to the programme
registers an initiative for Binnenstad (choosing the programme, then describing it, partly with
the keyboard only), finds it under "my initiatives"; the programme manager finds it among the
open intakes with its age, assesses it as opdrachtgever and turns it into an effort without
retyping. axe checks every page.

Locators use ids and names, not Dutch labels, so the test does not depend on the catalogue."""

import pytest

from koers.intake.models import Initiative
from koers.programmes.models import Effort, GoalEffortLink

from .steps import log_in, wait_for_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SLUG = "almelo-binnenstad"
INTAKE = f"/programmas/{SLUG}/initiatieven/"


def test_register_assess_and_turn_into_an_effort(
    page, chromium, live_server, manager, django_user_model, assert_accessible
):
    django_user_model.objects.create_user("melder", password="geheim-wachtwoord-melder")

    # A user without access to any programme registers an initiative.
    log_in(
        page, live_server, "melder", "geheim-wachtwoord-melder", start="/programmas/initiatieven/"
    )
    assert page.locator("#my-initiatives").count() == 0
    assert_accessible(page)
    page.locator("#register-initiative").click()
    wait_for_path(page, r"/programmas/initiatieven/nieuw$")
    assert_accessible(page)
    # Choose the programme with the keyboard: focus the list, pick, Tab to the button, Enter.
    select = page.locator("select[name=programma]")
    select.focus()
    select.select_option(SLUG)
    page.keyboard.press("Tab")  # the "next" button
    page.keyboard.press("Enter")
    page.locator("#id_title").wait_for()
    assert f"programma={SLUG}" in page.url
    assert_accessible(page)

    page.locator("#id_title").fill("Pop-up galerie Grotestraat")
    page.locator("#id_initiator").fill("Stichting Kunst in de Stad")
    radio = page.locator("input[name=origin][value=extern]")
    radio.focus()
    page.keyboard.press("Space")
    assert radio.is_checked()
    page.locator("#id_origin_name").fill("Stichting Kunst in de Stad")
    page.locator("#id_location").fill("Grotestraat 12–20")
    page.locator("#id_description").fill("Leegstaande winkels worden tijdelijk een galerie.")
    page.locator("#id_expected_contribution").fill("Meer bezoekers en minder leegstand.")
    # The goals are the programme's content: not offered to a user who may not read it.
    assert page.locator("input[name=goals]").count() == 0
    page.locator("form", has=page.locator("#id_title")).locator("button[type=submit]").click()
    wait_for_path(page, r"/initiatieven/\d+/$")
    initiative = Initiative.objects.get(title="Pop-up galerie Grotestraat")
    assert list(initiative.goals.all()) == []
    assert page.locator("#assess").count() == 0  # the registrant does not assess
    assert_accessible(page)
    page.goto(f"{live_server.url}/programmas/initiatieven/")
    assert "Pop-up galerie Grotestraat" in page.locator("#my-initiatives").inner_text()
    assert_accessible(page)

    # The programme manager, in a browser of their own.
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pm = context.new_page()
    pm.set_default_timeout(10_000)
    try:
        log_in(pm, live_server, "pm", "geheim-wachtwoord-pm", start=INTAKE)
        row = pm.locator("#open-intakes tbody tr", has_text="Pop-up galerie Grotestraat")
        assert row.get_attribute("data-age") == "0"
        assert_accessible(pm)
        row.locator("a").click()
        wait_for_path(pm, r"/initiatieven/\d+/$")
        assert_accessible(pm)
        pm.locator("#assess").click()
        wait_for_path(pm, r"/beoordelen$")
        assert_accessible(pm)
        choice = pm.locator("input[name=outcome][value=opdrachtgever]")
        choice.focus()
        pm.keyboard.press("Space")
        pm.locator("#id_reasons").fill("Past in spoor 1; de gemeente is opdrachtgever.")
        pm.keyboard.press("Tab")
        pm.keyboard.press("Enter")  # the save button
        wait_for_path(pm, r"/initiatieven/\d+/$")
        assert "opdrachtgever" in pm.locator("#initiative-outcome").inner_text()
        assert_accessible(pm)

        pm.locator("#to-effort").click()
        wait_for_path(pm, r"/inspanning$")
        assert pm.locator("#id_name").input_value() == "Pop-up galerie Grotestraat"
        assert_accessible(pm)
        pm.locator("form", has=pm.locator("#id_name")).locator("button[type=submit]").click()
        wait_for_path(pm, r"/inspanningen/\d+/$")
        effort = Effort.objects.get(name="Pop-up galerie Grotestraat")
        assert effort.municipality_role == "opdrachtgever"
        assert not GoalEffortLink.objects.filter(effort=effort).exists()
        assert "Pop-up galerie Grotestraat" in pm.locator("h1").inner_text()

        pm.goto(f"{live_server.url}{INTAKE}")
        assessed = pm.locator("#assessed tbody tr", has_text="Pop-up galerie Grotestraat")
        assert assessed.locator(f"a[href$='/inspanningen/{effort.pk}/']").count() == 1
        assert pm.locator("#open-intakes tbody tr", has_text="Pop-up galerie").count() == 0
        assert_accessible(pm)
    finally:
        context.close()
