"""A staff member imports measurements in a real browser: upload a CSV with one new and one
changed value, see both in the preview, confirm, find the link to the programme's monitor. A file
with problems shows them by row and column and cannot be imported. axe checks every page."""

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from koers.monitoring import services as monitoring_services
from koers.monitoring.importing import COLUMNS
from koers.monitoring.models import Measurement
from koers.monitoring.periods import parse_period
from koers.programmes.models import Indicator

from .steps import log_in, wait_for_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots of the pages for review, when asked for: KOERS_SHOTS=/some/dir
SHOTS = os.environ.get("KOERS_SHOTS")


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def indicator(programme, admin_user):
    indicator = Indicator.objects.get(
        operational_goal__programme=programme, operational_goal__code="1a"
    )
    monitoring_services.measurement_create(
        actor=admin_user,
        indicator=indicator,
        period=parse_period("2018"),
        value=Decimal("93000"),
        source="Binnenstadsmonitor 2018",
    )
    return indicator


def _csv(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text("\r\n".join([";".join(COLUMNS), *rows]) + "\r\n", encoding="utf-8")
    return path


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_upload_preview_confirm(
    page, live_server, staff_user, indicator, assert_accessible, tmp_path
):
    log_in(page, live_server, "staf", "wachtwoord-staf")
    page.goto(f"{live_server.url}/programmas/metingen/importeren")
    page.get_by_role("heading", level=1, name="Metingen importeren").wait_for()
    assert (
        page.get_by_role("link", name="downloaden als CSV")
        .get_attribute("href")
        .endswith("/metingen/sjabloon.csv")
    )
    assert_accessible(page)
    _shot(page, "import-upload.png")

    # Checking without a file: an error summary naming the field.
    page.get_by_role("button", name="Bestand controleren").click()
    page.get_by_role("alert").wait_for()
    assert "Kies een CSV- of XLSX-bestand" in page.get_by_role("alert").inner_text()
    assert_accessible(page)

    upload = _csv(
        tmp_path,
        "bezoekers.csv",
        "test-programma;1a;2018;94.250;Binnenstadsmonitor 2018;gecorrigeerd",
        "test-programma;1a;2019;95.500;Binnenstadsmonitor 2019;",
    )
    page.get_by_label("Bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Bestand controleren").click()
    wait_for_path(page, r"/metingen/importeren/\d+$")
    page.get_by_role("heading", level=1, name="bezoekers.csv").wait_for()
    added = page.get_by_role("table", name="Nieuwe waarden per programma en indicator")
    assert "95.500" in added.inner_text() and "2019" in added.inner_text()
    changed = page.get_by_role("table", name=re.compile("Gewijzigde waarden"))
    assert "93.000" in changed.inner_text() and "94.250" in changed.inner_text()
    assert Measurement.objects.count() == 1  # nothing written before confirming
    assert_accessible(page)
    _shot(page, "import-preview.png")

    page.get_by_role("button", name="Importeren").click()
    page.get_by_text("Geïmporteerd: 1 toegevoegd, 1 gewijzigd, 0 ongewijzigd.").wait_for()
    link = page.get_by_role("link", name="Monitor van Testprogramma")
    assert link.get_attribute("href") == "/programmas/test-programma/monitor/"
    assert page.get_by_role("button", name="Importeren").count() == 0
    assert_accessible(page)
    _shot(page, "import-done.png")
    values = {m.period_code: m.value for m in Measurement.objects.filter(indicator=indicator)}
    assert values == {"2018": Decimal("94250"), "2019": Decimal("95500")}


def test_file_with_problems(page, live_server, staff_user, indicator, assert_accessible, tmp_path):
    log_in(page, live_server, "staf", "wachtwoord-staf")
    page.goto(f"{live_server.url}/programmas/metingen/importeren")
    upload = _csv(
        tmp_path,
        "fouten.csv",
        "test-programma;1a;2019;veel;Binnenstadsmonitor 2019;",
        "test-programma;1a;2020-Q5;96.000;;",
    )
    page.get_by_label("Bestand").set_input_files(str(upload))
    page.get_by_role("button", name="Bestand controleren").click()
    wait_for_path(page, r"/metingen/importeren/\d+$")
    page.get_by_role("heading", level=2, name="Problemen").wait_for()
    table = page.get_by_role("table", name="Problemen per rij en kolom")
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    first, second = rows.nth(0).locator("th, td"), rows.nth(1).locator("th, td")
    assert (first.nth(0).inner_text(), first.nth(1).inner_text()) == ("2", "waarde")
    assert (second.nth(0).inner_text(), second.nth(1).inner_text()) == ("3", "periode")
    assert page.get_by_text("Er wordt niets geïmporteerd.").is_visible()
    assert page.get_by_role("button", name="Importeren").count() == 0
    assert page.get_by_role("link", name="upload het verbeterde bestand").is_visible()
    assert_accessible(page)
    _shot(page, "import-problems.png")

    page.get_by_role("button", name="Annuleren").click()
    page.get_by_text("Deze import is geannuleerd; er is niets opgeslagen.").wait_for()
    assert_accessible(page)
    assert Measurement.objects.count() == 1
