"""The demo read on a fixed "today" (7 December 2026) in a real browser: the trekker's list names
every report the effort's page calls missing or late and none after the effort's end; the
digest of Programma Binnenstad (2019–2022) is over its latest reported period and names the four
efforts on *aandacht* and the two decisions asked; the overview opens on that period;
Programma Stedelijke Ontwikkeling (2023–2026) opens on the period owners report on now. axe
checks every page.

Set KOERS_SCREENSHOTS to a folder to keep screenshots of the pages."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from koers.programmes.models import Effort

from .steps import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = dt.date(2026, 12, 7)
BINNENSTAD = "almelo-binnenstad"
CONCERNS = {
    "Communicatie & Marketing",
    "Gevel-/ transformatiefonds",
    "Pilot 2 uur gratis parkeren",
    "Vergroenen binnenstad",
}


@pytest.fixture
def demo(monkeypatch, settings):
    settings.DEMO_MODE = True  # the demo users: trekker, programmamanager
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    call_command("demo", verbosity=0)


def _shot(page, name: str) -> None:
    folder = os.environ.get("KOERS_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _late(text: str) -> int:
    """The number of late reports a row or page says: "⚠ te laat" counts one, "⚠ 83 te laat" 83."""
    return sum(int(n) if n else 1 for n in re.findall(r"⚠\s*(\d+)?\s*te laat", text))


def test_the_trekker_list_agrees_with_the_effort_page(page, live_server, demo, assert_accessible):
    log_in(page, live_server, "trekker", "demo-trekker", start="/programmas/rapportages/mijn")
    table = page.locator("table.koers-my-reports")
    table.wait_for()
    listed = table.inner_text()
    assert "Communicatie & Marketing" in listed
    assert "U hoeft geen rapportages te schrijven" not in page.content()
    # No period after the effort's end (31 December 2022); the last one runs into 2023.
    assert not re.search(r"\b202[4-6]\b", listed)
    assert_accessible(page)
    _shot(page, "mijn-rapportages")

    effort = Effort.objects.get(programme__slug=BINNENSTAD, name="Communicatie & Marketing")
    page.goto(f"{live_server.url}/programmas/{BINNENSTAD}/rapportages/inspanning/{effort.pk}/")
    matrix = page.locator("table.koers-matrix")
    matrix.wait_for()
    on_page = matrix.inner_text()
    assert not re.search(r"\b202[4-6]\b", on_page)
    assert _late(listed) == _late(on_page) > 0
    assert_accessible(page)


def test_the_digest_and_overview_of_an_ended_programme(page, live_server, demo, assert_accessible):
    start = f"/programmas/{BINNENSTAD}/overleg/"
    log_in(page, live_server, "programmamanager", "demo-programmamanager", start=start)
    lead = page.locator(".koers-lead").first.inner_text()
    assert "27 oktober 2019" in lead and "14 oktober 2019" in lead
    efforts = page.locator("section[aria-labelledby=digest-efforts] h3 a").all_inner_texts()
    assert set(efforts) == CONCERNS and len(efforts) == 4
    decisions = page.locator("section[aria-labelledby=digest-decisions] li")
    assert decisions.count() == 2
    assert page.locator("select[name=periode]").input_value() == "2019-10-14"
    assert_accessible(page)
    _shot(page, "overleg")

    # An earlier period, chosen with the period chooser.
    page.locator("select[name=periode]").select_option("2019-09-16")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_url(lambda url: "periode=2019-09-16" in url)
    assert "29 september 2019" in page.locator(".koers-lead").first.inner_text()

    page.goto(f"{live_server.url}/programmas/{BINNENSTAD}/rapportages/")
    assert page.locator("select[name=periode]").input_value() == "2019-10-14"
    options = page.locator("select[name=periode] option").all_inner_texts()
    assert not any(re.search(r"\b202[4-6]\b", o) for o in options)
    assert_accessible(page)

    page.goto(f"{live_server.url}/programmas/almelo-stedelijke-ontwikkeling/rapportages/")
    assert page.locator("select[name=periode]").input_value() == "2026-07-01"
    assert_accessible(page)
