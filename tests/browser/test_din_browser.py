"""A programme manager at work in a real browser: log in, open Binnenstad, add an effort, link
it to goal 2a and find it on the goal's page. axe checks every page on the way."""

import re

import pytest

from koers.programmes import services
from koers.programmes.models import Effort

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_effort_and_link_it_to_goal_2a(page, live_server, manager, assert_accessible):
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm")
    assert_accessible(page)

    page.get_by_role("link", name="Programma Binnenstad").click()
    page.get_by_role("heading", level=1, name="Programma Binnenstad").wait_for()
    assert page.get_by_text("93.000").first.is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inspanning toevoegen").click()
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    # Save without a name: a Dutch message naming the field, nothing saved.
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("alert").wait_for()
    assert "Naam" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Pop-up winkels in lege panden")
    page.get_by_label("Beschrijving").fill("Tijdelijke winkels in leegstaande panden.")
    page.get_by_label("Rol van de gemeente").select_option("regisseur")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", level=1, name="Pop-up winkels in lege panden").wait_for()
    assert_accessible(page)
    effort = Effort.objects.get(name="Pop-up winkels in lege panden")

    # Link from the effort's side to operational goal 2a, by keyboard.
    page.get_by_role("link", name="Koppelen aan doel").click()
    goal_select = page.get_by_label("Operationeel doel")
    goal_select.wait_for()
    assert_accessible(page)
    option = page.locator("#id_operational_goal option", has_text="2a.").first
    goal_select.select_option(option.get_attribute("value"))
    contribution = page.get_by_label("Bijdrage")
    contribution.fill("Vult lege panden in het kernwinkelgebied.")
    contribution.press("Tab")
    page.keyboard.press("Enter")  # focus is on "Opslaan"
    wait_for_path(page, rf"/inspanningen/{effort.pk}/$")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^2a ")).click()
    wait_for_path(page, r"/doelen/2a/$")
    table = page.get_by_role("table").first
    assert "Pop-up winkels in lege panden" in table.inner_text()
    assert "Vult lege panden in het kernwinkelgebied." in table.inner_text()
    assert_accessible(page)
    assert effort.links.get().operational_goal.code == "2a"
    assert len(assert_accessible.checked) >= 7


def test_keyboard_only_navigation(page, live_server, manager, assert_accessible):
    """Skip link, menu and a goal page reached with the keyboard alone."""
    page.goto(f"{live_server.url}/account/inloggen")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Naar de inhoud"
    page.get_by_label("Gebruikersnaam").fill("pm")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-pm")
    page.keyboard.press("Enter")
    wait_for_path(page, r"/programmas/$")
    link = page.get_by_role("link", name="Programma Stedelijke Ontwikkeling")
    link.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Programma Stedelijke Ontwikkeling").wait_for()
    assert_accessible(page)
    goal_link = page.get_by_role("link", name="A2")
    goal_link.focus()
    page.keyboard.press("Enter")
    wait_for_path(page, r"/doelen/A2/$")
    assert "kwalitatief" in page.inner_text("main").lower()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/programmas/personen/",
        "/programmas/organisaties/",
        "/programmas/almelo-binnenstad/geschiedenis",
        "/programmas/almelo-binnenstad/strategische-doelen/1/",
        "/programmas/almelo-binnenstad/doel/{goal}/bewerken",
        "/programmas/almelo-binnenstad/bewerken",
        "/programmas/almelo-stedelijke-ontwikkeling/inspanningen/{effort}/",
    ],
)
def test_other_pages_are_accessible(page, live_server, manager, assert_accessible, path):
    from koers.programmes.models import OperationalGoal

    goal = OperationalGoal.objects.get(programme__slug="almelo-binnenstad", code="1a")
    effort = Effort.objects.filter(programme__slug="almelo-stedelijke-ontwikkeling").first()
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm")
    page.goto(live_server.url + path.format(goal=goal.pk, effort=effort.pk))
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)


def test_conflict_page_is_accessible(page, live_server, manager, assert_accessible):
    from koers.programmes.models import StrategicGoal

    sg = StrategicGoal.objects.get(programme__slug="almelo-binnenstad", code="1")
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm")
    page.goto(f"{live_server.url}/programmas/almelo-binnenstad/strategisch-doel/{sg.pk}/bewerken")
    # Meanwhile someone else saves the same goal.
    services.object_update(sg, actor=None, expected_version=sg.version, title="Meer bezoekers")
    page.get_by_label("Titel").fill("Bezoekers")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Wat de ander heeft opgeslagen").wait_for()
    table = page.get_by_role("table")
    assert "Meer bezoekers" in table.inner_text() and "Bezoekers" in table.inner_text()
    assert_accessible(page)


def test_access_page_is_accessible_and_grants_access(
    page, live_server, manager, django_user_model, assert_accessible
):
    django_user_model.objects.create_user(
        "fb", password="geheim-wachtwoord-fb", is_functional_admin=True
    )
    django_user_model.objects.create_user("raadslid", password="x", first_name="Rita")
    log_in(page, live_server, "fb", "geheim-wachtwoord-fb")
    page.goto(f"{live_server.url}/programmas/almelo-binnenstad/")
    page.get_by_role("link", name="Toegang").click()
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    option = page.locator("#id_user option", has_text="raadslid").first
    page.get_by_label("Gebruiker").select_option(option.get_attribute("value"))
    page.get_by_label("Toegang", exact=True).select_option("lezer")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Toegang voor Rita opgeslagen.").wait_for()
    assert "Rita" in page.get_by_role("table").inner_text()
    assert_accessible(page)
