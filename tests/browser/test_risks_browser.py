"""The risk register in a real browser: the programme manager opens the register of Binnenstad,
reads the heat map (a real table) and the list of unscored risks (the contract's six), adds a
risk with likelihood 4 and impact 5 and finds it in cell (4, 5). axe checks every page.

Locators use ids and names, not Dutch labels, so the test does not depend on the catalogue."""

import pytest

from koers.demo.risks import load_demo_risks
from koers.programmes.models import Programme
from koers.risks.models import Risk

from .steps import log_in, wait_for_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REGISTER = "/programmas/almelo-binnenstad/risicos/"


def test_register_heat_map_and_add_a_risk(page, live_server, manager, assert_accessible):
    binnenstad = Programme.objects.get(slug="almelo-binnenstad")
    load_demo_risks(binnenstad, None)  # idempotent: nothing happens once the demo loader does it
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start=REGISTER)
    page.get_by_role("heading", level=1).wait_for()

    heatmap = page.locator("table#heatmap")
    assert heatmap.locator("caption").inner_text().strip()
    assert heatmap.locator("thead th[scope=col]").count() == 6  # corner + impact 1–5
    assert heatmap.locator("tbody th[scope=row]").count() == 5  # likelihood 5–1
    assert heatmap.locator("tbody td").count() == 25
    # Nothing of the contract is scored: every cell says 0 in text.
    assert all(
        c == "0"
        for c in heatmap.locator("td").evaluate_all("cells => cells.map(c => c.dataset.count)")
    )
    unscored = page.locator("ul#unscored li")
    assert unscored.count() == 6
    assert "Veranderende politieke landschappen" in page.locator("ul#unscored").inner_text()
    assert_accessible(page)

    # Open one of the contract's risks.
    page.locator("ul#unscored a", has_text="Nieuwe werkwijze").click()
    wait_for_path(page, r"/risicos/\d+/$")
    assert "De bron geeft geen kans en impact" in page.content()
    assert_accessible(page)

    # Add a risk with likelihood 4 and impact 5.
    page.goto(f"{live_server.url}{REGISTER}nieuw")
    page.locator("#id_title").wait_for()
    assert_accessible(page)
    page.locator("#id_title").fill("Bouwkosten stijgen")
    page.locator("input[name=kind][value=inspanningen]").check()
    page.locator("select[name=likelihood]").select_option("4")
    page.locator("select[name=impact]").select_option("5")
    page.locator("#id_mitigation").fill("Vroeg aanbesteden.")
    page.locator("form", has=page.locator("#id_title")).locator("button[type=submit]").click()
    wait_for_path(page, r"/risicos/\d+/$")
    risk = Risk.objects.get(title="Bouwkosten stijgen")
    assert risk.score == 20
    assert "20" in page.locator("#risk-score").inner_text()
    assert_accessible(page)

    page.goto(f"{live_server.url}{REGISTER}")
    cell = page.locator("td#cel-4-5")
    assert cell.get_attribute("data-count") == "1"
    assert cell.locator("a", has_text="Bouwkosten stijgen").count() == 1
    assert page.locator("ul#unscored li").count() == 6
    assert_accessible(page)

    # A filter on status and kind (GET) narrows the register.
    page.goto(f"{live_server.url}{REGISTER}?kind=doelen")
    assert page.locator("table#risks tbody tr").count() == 1
    assert page.locator("td#cel-4-5").get_attribute("data-count") == "0"
    assert_accessible(page)
