"""The budget in a real browser: the programme manager opens the budget of Binnenstad, reads
the table and allocated versus available, corrects a budget line typed the Dutch way, and sees
the over-allocation said in words. axe checks every page on the way."""

import re

import pytest

from koers.finance.models import BudgetLine
from koers.programmes.models import Programme

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NB = "\u00a0"


def test_budget_page_and_line_edit(page, live_server, manager, assert_accessible):
    programme = Programme.objects.get(slug="almelo-binnenstad")
    start = "/programmas/almelo-binnenstad/middelen/"
    log_in(page, live_server, "pm", "geheim-wachtwoord-pm", start=start)
    page.get_by_role("heading", level=1).wait_for()
    table = page.locator("table.koers-budget-table")
    assert f"€{NB}1.749.200" in table.locator("tfoot").inner_text()
    assert page.locator("table.koers-available-table tbody tr").count() == 6
    assert_accessible(page)

    line = BudgetLine.objects.get(programme=programme, item="Overige inspanningen", year=2019)
    page.locator(f"a[href$='/middelen/regels/{line.pk}/bewerken']").click()
    wait_for_path(page, r"/regels/\d+/bewerken$")
    assert_accessible(page)
    page.locator("#id_amount").fill("15.000,75")
    page.get_by_role("button", name="Opslaan").click()
    wait_for_path(page, re.escape(start) + "$")
    line.refresh_from_db()
    assert str(line.amount) == "15000.75"
    # 450.000,75 allocated against 450.000 available: said in words, not by colour alone.
    text = page.locator("table.koers-available-table").inner_text()
    assert f"€{NB}-0,75" in text
    assert "⚠" in text
    assert page.locator(".utrecht-alert").count() >= 1
    assert_accessible(page)

    # A bad amount: the message sits at the field and the page is still accessible.
    page.locator(f"a[href$='/middelen/regels/{line.pk}/bewerken']").click()
    wait_for_path(page, r"/regels/\d+/bewerken$")
    page.locator("#id_amount").fill("veel geld")
    page.get_by_role("button", name="Opslaan").click()
    page.locator(
        "#id_amount[aria-invalid=true], .utrecht-form-field-error-message"
    ).first.wait_for()
    assert_accessible(page)
