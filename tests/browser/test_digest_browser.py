"""The principals' digest in a real browser: axe-clean, sent with its button, and on paper only
the content (no menu, buttons or footer) — checked by printing the page to PDF with Chromium.

With KOERS_SHOTS=<directory> the test also leaves a screenshot of the page and PNGs of the
printed pages there, for a person to look at."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from koers.programmes import services as din
from koers.programmes.constants import RoleKind
from koers.programmes.models import Person, ProgrammeRole
from koers.reporting import services
from koers.reporting.constants import Aspect
from koers.reporting.models import DigestLog, ProgressReport
from koers.reporting.selectors import calendar_get
from tests.builders import RUNNING_END, programme_build

from .steps import log_in


@pytest.fixture
def programme(admin_user):
    """The shared fixture's programme, running to 2030: its reporting periods run up to today."""
    return programme_build(admin_user, period_end=RUNNING_END)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
URL = "/programmas/test-programma/overleg/"
ALL_GOOD = {"overall_status": "goed", **{f"{a.value}_status": "goed" for a in Aspect}}


def _submit(effort, period, actor, **content):
    report = services.report_open(effort=effort, period=period, actor=actor)
    report = services.report_save(
        report=report, actor=actor, expected_version=report.version, **{**ALL_GOOD, **content}
    )
    services.report_submit(report=report, actor=actor, expected_version=report.version)


def _reports(programme, admin_user) -> None:
    today = timezone.localdate()
    calendar = services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=today - dt.timedelta(days=42),
    )
    period = calendar.reporting_period(today)
    events = programme.efforts.get(name="Evenementen")
    din.object_update(
        events, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    _submit(
        events,
        period,
        admin_user,
        overall_status="aandacht",
        planning_status="aandacht",
        planning_explanation="De vergunning voor het zomerfestival loopt vertraging op.",
        principals_request="Besluit over extra budget voor beveiliging.",
    )
    for i, name in enumerate(["Marktplein", "Gevels", "Verlichting"]):
        effort = din.effort_create(
            actor=admin_user, programme=programme, name=name, municipality_role="regisseur"
        )
        if i == 0:
            _submit(
                effort,
                period,
                admin_user,
                overall_status="probleem",
                financien_status="probleem",
                financien_explanation="Tekort van 40.000 euro op de herinrichting.",
                risicos_status="aandacht",
                risicos_explanation="De aannemer kan failliet gaan.",
                principals_request="Kiezen: soberder inrichten of later opleveren.",
            )
        elif i == 1:
            _submit(effort, period, admin_user)
    person = din.object_create(Person, actor=admin_user, name="Wethouder Wit", email="w@ex.org")
    din.object_create(
        ProgrammeRole,
        actor=admin_user,
        programme=programme,
        kind=RoleKind.POLITICAL_PRINCIPAL,
        person=person,
    )


def _pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_digest_page_is_accessible_printable_and_sends(
    page, live_server, programme, admin_user, staff_user, assert_accessible, tmp_path
):
    _reports(programme, admin_user)
    log_in(page, live_server, "staf", "wachtwoord-staf", start=URL)
    page.get_by_role("heading", level=1, name="Overleg opdrachtgevers: de hoofdpunten").wait_for()
    assert page.get_by_text("Tekort van 40.000 euro op de herinrichting.").is_visible()
    assert page.get_by_role("heading", name="3. Gevraagde besluiten").is_visible()
    assert_accessible(page)
    shots = os.environ.get("KOERS_SHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "digest-page.png"), full_page=True)

    # On paper: the content, without the menu, the breadcrumbs, the buttons or the footer.
    page.emulate_media(media="print")
    assert not page.locator("header.koers-header").is_visible()
    assert not page.get_by_role("button", name="Overlegstuk versturen").is_visible()
    pdf = tmp_path / "overleg.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = _pdf_text(pdf)
    for present in (
        "Overleg opdrachtgevers: de hoofdpunten",
        "Inspanningen die aandacht vragen",
        "Tekort van 40.000 euro op de herinrichting.",
        "Kiezen: soberder inrichten of later opleveren.",
        "Wat is er veranderd sinds het vorige overleg",
    ):
        assert present in text, present
    for absent in ("Uitloggen", "Overlegstuk versturen", "koers digest send", "EUPL"):
        assert absent not in text, absent
    if shots:
        shutil.copy(pdf, Path(shots) / "digest-print.pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(Path(shots) / "digest-print")],
            check=True,
        )
    page.emulate_media(media="screen")

    # Send it with the button: the principal gets it, the page says so.
    page.get_by_role("button", name="Overlegstuk versturen").click()
    page.get_by_text("Het overlegstuk is verstuurd aan w@ex.org.").wait_for()
    assert [m.to for m in mail.outbox] == [["w@ex.org"]]
    assert DigestLog.objects.filter(programme=programme, sent_by=staff_user).count() == 1
    assert_accessible(page)

    # Two weeks later Verlichting reports a problem: the page shows what changed.
    past = timezone.now() - dt.timedelta(days=14)
    DigestLog.objects.update(sent_at=past)
    ProgressReport.objects.update(submitted_at=past - dt.timedelta(hours=1))
    lights = programme.efforts.get(name="Verlichting")
    _submit(
        lights,
        calendar_get(programme).reporting_period(timezone.localdate()),
        admin_user,
        overall_status="probleem",
        resultaten_status="probleem",
        resultaten_explanation="Leverancier levert de armaturen pas in het voorjaar.",
        principals_request="Tijdelijke verlichting huren?",
    )
    page.reload()
    page.get_by_role("heading", name="Sindsdien ingediende rapportages").wait_for()
    assert page.get_by_role("heading", name="Nieuw gevraagde besluiten").is_visible()
    assert_accessible(page)
    if shots:
        page.screenshot(path=str(Path(shots) / "digest-changes.png"), full_page=True)
