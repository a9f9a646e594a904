"""The public monitor in a real browser: an anonymous visitor opens the published Binnenstad
programme, reads a goal's chart and table, opens one goal and the accessibility statement; the
programme manager opens the publication page. axe checks every page on the way."""

import os

import pytest

from koers.programmes.models import Effort, Indicator, Programme
from koers.public.services import publication_set

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _publish_binnenstad(actor) -> Programme:
    programme = Programme.objects.get(slug="almelo-binnenstad")
    indicators = Indicator.objects.filter(operational_goal__programme=programme)
    efforts = Effort.objects.filter(programme=programme).order_by("order", "name")[:3]
    publication_set(
        programme=programme,
        actor=actor,
        expected_version=0,
        published=True,
        introduction="Hoe gaat het met de binnenstad van Almelo? Hier staan de doelen en metingen.",
        indicators={i.pk: True for i in indicators},
        efforts={e.pk: (True, f"Wat {e.name} voor de binnenstad doet.") for e in efforts},
    )
    return programme


def _shot(page, name: str) -> None:
    folder = os.environ.get("KOERS_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_anonymous_visitor_reads_the_public_monitor(page, live_server, manager, assert_accessible):
    programme = _publish_binnenstad(manager)
    page.goto(f"{live_server.url}/openbaar/")
    page.get_by_role("heading", level=1).wait_for()
    assert page.locator("header nav").count() == 0  # no staff navigation, no user menu
    assert_accessible(page)

    page.get_by_role("link", name=programme.name).click()
    wait_for_path(page, rf"/openbaar/{programme.slug}/$")
    page.get_by_role("heading", level=1, name=programme.name).wait_for()
    content = page.content()
    assert "Hoe gaat het met de binnenstad" in content
    assert page.locator("figure.koers-chart svg").count() >= 1
    assert page.locator("table.koers-measurements").count() >= 1
    assert page.locator(".koers-badge--fictitious").count() >= 1  # the demo values are fictitious
    assert_accessible(page)
    _shot(page, "public-programme")

    page.locator(f"a[href='/openbaar/{programme.slug}/indicatoren/1a/']").click()
    wait_for_path(page, r"/indicatoren/1a/$")
    assert page.locator("figure.koers-chart svg").count() == 1
    assert_accessible(page)
    _shot(page, "public-indicator")

    page.locator("footer a[href='/toegankelijkheid']").click()
    wait_for_path(page, r"/toegankelijkheid$")
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    _shot(page, "public-accessibility")

    response = page.request.get(f"{live_server.url}/openbaar/{programme.slug}/data.csv")
    assert response.ok and response.headers["content-type"].startswith("text/csv")


def test_manager_opens_the_publication_page(page, live_server, manager, assert_accessible):
    log_in(
        page,
        live_server,
        "pm",
        "geheim-wachtwoord-pm",
        start="/programmas/almelo-binnenstad/publicatie",
    )
    wait_for_path(page, r"/publicatie$")
    page.get_by_role("heading", level=1).wait_for()
    assert_accessible(page)
    page.locator("input[name=published]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    wait_for_path(page, r"/publicatie$")
    assert Programme.objects.get(slug="almelo-binnenstad").publication.published
    assert_accessible(page)
    _shot(page, "publication-form")
