"""A submitted report freezes the effort's risks and risk paragraph: the snapshot keeps them as
they were, the report page shows them under "Risico's bij indienen", and reports submitted
before Koers kept risks still show."""

from __future__ import annotations

import re
from datetime import date

import pytest

from koers.programmes.models import OperationalGoal
from koers.reporting.models import ProgressReport
from koers.risks import services as risk_services
from koers.risks.constants import RiskKind, RiskStatus

from .test_report_views import _submitted, _url

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def risks(programme, admin_user, effort, other_effort):
    goal = OperationalGoal.objects.get(programme=programme, code="1a")

    def make(title, **fields):
        fields.setdefault("kind", RiskKind.EFFORTS)
        return risk_services.risk_create(
            actor=admin_user, programme=programme, title=title, **fields
        )

    return {
        "high": make(
            "Te weinig vrijwilligers",
            efforts=[effort],
            likelihood=4,
            impact=3,
            mitigation="Vroeg werven",
        ),
        "unscored": make("Weer", efforts=[effort], status=RiskStatus.CONTROLLED),
        "other": make("Ander werk", efforts=[other_effort], likelihood=5, impact=5),
        "goal": make("Doelrisico", kind=RiskKind.GOALS, goals=[goal]),
    }


@pytest.fixture
def paragraph(programme, effort, admin_user, owner_user):
    from koers.programmes.models import Person

    return risk_services.risk_paragraph_create(
        actor=admin_user,
        programme=programme,
        effort=effort,
        text="Drukte in de binnenstad",
        mitigation="Verkeersregelaars inzetten",
        drawn_up_on=date(2024, 1, 5),
        drawn_up_by=Person.objects.get(user=owner_user),
    )


def test_snapshot_keeps_the_efforts_risks_and_paragraph(
    effort, calendar, owner_user, risks, paragraph
):
    report = _submitted(effort, calendar, owner_user)
    snap = ProgressReport.objects.get(pk=report.pk).snapshot
    assert snap["risks"] == [
        {
            "title": "Te weinig vrijwilligers",
            "kind": str(RiskKind.EFFORTS.label),
            "likelihood": 4,
            "impact": 3,
            "score": 12,
            "status": str(RiskStatus.OPEN.label),
            "mitigation": "Vroeg werven",
        },
        {
            "title": "Weer",
            "kind": str(RiskKind.EFFORTS.label),
            "likelihood": None,
            "impact": None,
            "score": None,
            "status": str(RiskStatus.CONTROLLED.label),
            "mitigation": "",
        },
    ]
    assert snap["risk_paragraph"] == {
        "text": "Drukte in de binnenstad",
        "mitigation": "Verkeersregelaars inzetten",
        "drawn_up_on": "2024-01-05",
        "drawn_up_by": "Tess Trekker",
    }


def test_snapshot_does_not_change_when_the_risks_change_later(
    effort, calendar, owner_user, admin_user, risks, paragraph, client
):
    report = _submitted(effort, calendar, owner_user)
    before = ProgressReport.objects.get(pk=report.pk).snapshot
    risk = risks["high"]
    risk_services.risk_update(
        risk=risk,
        actor=admin_user,
        expected_version=risk.version,
        title="Hernoemd risico",
        likelihood=1,
        impact=1,
        status=RiskStatus.LAPSED,
    )
    risk_services.risk_update(
        risk=risks["other"], actor=admin_user, expected_version=None, efforts=[effort]
    )
    risk_services.risk_paragraph_update(
        paragraph=paragraph, actor=admin_user, expected_version=None, text="Nieuwe tekst"
    )
    assert ProgressReport.objects.get(pk=report.pk).snapshot == before
    client.force_login(owner_user)
    page = _text(client.get(_url(effort)))
    section = re.search(r'<section [^>]*id="risicos-bij-indienen".*?</section>', page).group(0)
    assert "Te weinig vrijwilligers" in section and "Hernoemd risico" not in section
    assert "Ander werk" not in section and "Doelrisico" not in section
    assert "Drukte in de binnenstad" in section and "Nieuwe tekst" not in section
    assert "5 januari 2024" in section and "Tess Trekker" in section
    assert '<td class="utrecht-table__cell">12</td>' in section


def test_without_risks_or_paragraph_the_section_says_so(effort, calendar, owner_user, client):
    report = _submitted(effort, calendar, owner_user)
    snap = ProgressReport.objects.get(pk=report.pk).snapshot
    assert snap["risks"] == [] and snap["risk_paragraph"] is None
    client.force_login(owner_user)
    section = re.search(
        r'<section [^>]*id="risicos-bij-indienen".*?</section>', _text(client.get(_url(effort)))
    ).group(0)
    assert "snapshot-risks" not in section and section.count('class="koers-empty"') == 2


def test_older_snapshot_without_risks_still_renders(effort, calendar, owner_user, client):
    report = _submitted(effort, calendar, owner_user)
    old = {k: v for k, v in report.snapshot.items() if k not in ("risks", "risk_paragraph")}
    ProgressReport.objects.filter(pk=report.pk).update(snapshot=old)
    client.force_login(owner_user)
    response = client.get(_url(effort))
    assert response.status_code == 200
    page = _text(response)
    assert "inspanning-bij-indienen" in page and "risicos-bij-indienen" not in page


def test_draft_report_has_no_risk_section(effort, calendar, owner_user, client, risks):
    from koers.reporting import services

    services.report_open(
        effort=effort, period=calendar.period_starting(date(2024, 1, 1)), actor=owner_user
    )
    client.force_login(owner_user)
    response = client.get(_url(effort))
    assert response.status_code == 200
    assert "risicos-bij-indienen" not in _text(response)
