"""Deletes keep the record (issue 17, point 3): an effort or goal that the record refers to is
archived, not deleted; every confirmation page lists what goes with it per kind and count, from
the plan the delete itself checks; a programme is deleted by a functional administrator, after
an export, typing its name."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.decisions import services as decisions
from koers.documents.selectors import progress_data
from koers.monitoring import services as monitoring
from koers.monitoring.models import Measurement
from koers.monitoring.periods import parse_period
from koers.programmes import services
from koers.programmes.constants import ChangeKind
from koers.programmes.deletion import delete_plan
from koers.programmes.models import Effort, OperationalGoal, Programme
from koers.programmes.selectors_asof import day_after, din_as_of
from koers.reporting import services as reporting
from koers.reporting.models import ProgressReport
from tests.builders import RUNNING_END, adopt, effort_build, programme_build

FIRST = dt.date(2024, 1, 1)


@pytest.fixture
def programme(admin_user):
    return programme_build(admin_user, period_end=RUNNING_END)


@pytest.fixture
def calendar(programme, admin_user):
    return reporting.calendar_set(
        programme=programme, actor=admin_user, frequency="tweewekelijks", start_date=FIRST
    )


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def _accepted_report(effort, calendar, actor) -> ProgressReport:
    from koers.reporting.constants import Aspect

    period = calendar.period_starting(FIRST)
    report = reporting.report_open(effort=effort, period=period, actor=actor)
    fields = {"overall_status": "goed", "principals_request": ""}
    for a in Aspect:
        fields[f"{a.value}_status"] = "goed"
        fields[f"{a.value}_explanation"] = ""
    report = reporting.report_save(report=report, actor=actor, expected_version=None, **fields)
    report = reporting.report_submit(report=report, actor=actor, expected_version=report.version)
    return reporting.report_accept(report=report, actor=actor, expected_version=report.version)


@pytest.fixture
def reported(programme, calendar, admin_user):
    effort = programme.efforts.get(name="Evenementen")
    services.object_update(
        effort, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    effort.refresh_from_db()
    return effort, _accepted_report(effort, calendar, admin_user)


def _delete_url(programme, kind, pk):
    return reverse("programmes:element_delete", args=[programme.slug, kind, pk])


def _archive_url(programme, kind, pk, restore=False):
    name = "programmes:element_restore" if restore else "programmes:element_archive"
    return reverse(name, args=[programme.slug, kind, pk])


# --- an effort with an accepted report ------------------------------------------------------------


def test_effort_with_an_accepted_report_is_refused_and_offers_archiving(
    client, staff_user, programme, reported
):
    effort, report = reported
    client.force_login(staff_user)
    url = _delete_url(programme, "inspanning", effort.pk)
    page = _text(client.get(url))
    assert "1 voortgangsrapportage" in page
    assert "Er hangt verder niets van af" not in page
    assert _archive_url(programme, "inspanning", effort.pk) in page  # the Archiveren button
    assert "Archiveren" in page
    response = client.post(url, {"version": effort.version})
    assert response.status_code == 400
    assert "1 voortgangsrapportage" in _text(response)
    assert Effort.objects.filter(pk=effort.pk).exists()
    assert ProgressReport.objects.filter(pk=report.pk).exists()
    with pytest.raises(ValidationError, match="archiveren|Archiveren"):
        services.object_delete(effort, actor=staff_user, expected_version=None)


def test_archived_effort_leaves_the_working_views_keeps_its_report_and_comes_back(
    client, staff_user, programme, reported, calendar
):
    effort, report = reported
    client.force_login(staff_user)
    response = client.post(
        _archive_url(programme, "inspanning", effort.pk), {"version": effort.version}
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.archived_at is not None and effort.archived_by == staff_user
    assert effort.history.first().archived_at == effort.archived_at  # in the history
    # the programme page: not among the efforts, but in the section "Gearchiveerd"
    page = _text(client.get(programme.get_absolute_url()))
    working = page.split('id="gearchiveerd"')[0]
    assert effort.get_absolute_url() not in working
    assert "Gearchiveerd" in page
    assert _archive_url(programme, "inspanning", effort.pk, restore=True) in page
    # the monitor and the DIN diagram
    assert "Evenementen" not in _text(client.get(reverse("din:diagram", args=[programme.slug])))
    # the report stays on its page and in the progress report of its period
    report_url = reverse("reporting:report", args=[programme.slug, effort.pk, FIRST.isoformat()])
    assert client.get(report_url).status_code == 200
    overview = _text(
        client.get(
            reverse("reporting:overview", args=[programme.slug]) + f"?periode={FIRST.isoformat()}"
        )
    )
    assert "Evenementen" in overview
    period = calendar.period_starting(FIRST)
    data = progress_data(programme, period=period, as_of=period.end)
    assert [r.effort.pk for r in data.attention.reports] == [effort.pk]
    # as of the period's end (before the archiving) the DIN has it; as of now not
    assert effort.pk in {e.pk for e in din_as_of(programme, before=day_after(period.end)).efforts}
    assert effort.pk not in {
        e.pk for e in din_as_of(programme, before=day_after(dt.date.today())).efforts
    }
    # restore brings it back
    response = client.post(
        _archive_url(programme, "inspanning", effort.pk, restore=True),
        {"version": effort.version},
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.archived_at is None
    page = _text(client.get(programme.get_absolute_url()))
    assert effort.get_absolute_url() in page and 'id="gearchiveerd"' not in page


def test_an_archived_effort_owes_no_reports_any_more(programme, reported, admin_user):
    from koers.reporting.obligations import owner_rows
    from koers.reporting.selectors import reporting_efforts

    effort, _report = reported
    assert effort in [
        e for e in reporting_efforts(programme) if e.archived_at is None
    ]  # before: it reports
    services.effort_archive(effort=effort, actor=admin_user, expected_version=None)
    from koers.reporting.obligations import owes
    from koers.reporting.selectors import calendar_get

    calendar = calendar_get(programme)
    today = dt.date.today()
    current = calendar.reporting_period(today)
    effort.refresh_from_db()
    assert not owes(effort, current, today=today + dt.timedelta(days=60))
    if effort.owner and effort.owner.user:
        assert effort.pk not in {r.effort.pk for r in owner_rows(effort.owner.user, today=today)}


def test_the_monitor_leaves_out_an_archived_goal(programme, admin_user):
    from koers.monitoring.selectors import programme_monitor

    goal = OperationalGoal.objects.get(programme=programme, code="1b")
    services.operational_goal_archive(goal=goal, actor=admin_user, expected_version=None)
    codes = [g.goal.code for g in programme_monitor(programme, as_of=dt.date.today()).goals]
    assert "1b" not in codes and "1a" in codes


# --- goal 1a with measurements --------------------------------------------------------------------


def test_goal_with_measurements_lists_them_and_refuses(client, staff_user, programme, admin_user):
    goal = OperationalGoal.objects.get(programme=programme, code="1a")
    for year in range(2016, 2023):
        monitoring.measurement_create(
            actor=admin_user,
            indicator=goal.indicator,
            period=parse_period(str(year)),
            value=Decimal(93000 + year),
        )
    client.force_login(staff_user)
    url = _delete_url(programme, "doel", goal.pk)
    page = _text(client.get(url))
    assert "7 metingen" in page
    assert "1 indicator" in page or "indicator" in page
    response = client.post(url, {"version": goal.version})
    assert response.status_code == 400
    assert "7 metingen" in _text(response)
    assert Measurement.objects.count() == 7
    # the same plan as the page
    plan = delete_plan(goal)
    assert {c.counted for c in plan.record} == {"7 metingen"}


def test_element_with_nothing_attached_deletes_as_before(client, staff_user, programme, admin_user):
    effort = effort_build(admin_user, programme, name="Gevelfonds")
    client.force_login(staff_user)
    url = _delete_url(programme, "inspanning", effort.pk)
    page = _text(client.get(url))
    assert "Archiveren" not in page
    assert client.post(url, {"version": effort.version}).status_code == 302
    assert not Effort.objects.filter(pk=effort.pk).exists()


def test_the_delete_page_lists_other_apps_data_per_kind(client, staff_user, programme, admin_user):
    """A draft report and a risk link are not the record: listed, and the delete goes on."""
    from koers.risks import services as risks

    effort = programme.efforts.get(name="Evenementen")
    from koers.risks.constants import RiskKind

    risks.risk_create(
        actor=admin_user,
        programme=programme,
        title="Regen",
        kind=RiskKind.EFFORTS,
        efforts=[effort],
    )
    client.force_login(staff_user)
    plan = delete_plan(effort)
    kinds = {c.kind for c in plan.consequences}
    assert not plan.keeps_record
    page = _text(client.get(_delete_url(programme, "inspanning", effort.pk)))
    for c in plan.consequences:
        assert c.label.lower() in page.lower(), c
    assert kinds <= {"delete", "clear", "unlink", "refer"}


# --- the programme --------------------------------------------------------------------------------


def test_programme_delete_needs_the_name_and_writes_an_export(
    client, admin_user, staff_user, programme, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    url = reverse("programmes:delete", args=[programme.slug])
    client.force_login(staff_user)
    assert client.get(url).status_code == 403  # programme staff may not
    client.force_login(admin_user)
    page = _text(client.get(url))
    assert 'name="confirm_name"' in page
    assert "operationele doelen" in page.lower()
    refused = client.post(url, {"version": programme.version, "confirm_name": "Iets anders"})
    assert refused.status_code == 400
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert not list(tmp_path.glob("exports/*"))
    response = client.post(
        url, {"version": programme.version, "confirm_name": programme.name}, follow=True
    )
    assert response.status_code == 200
    assert not Programme.objects.filter(pk=programme.pk).exists()
    files = list(tmp_path.glob("exports/*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text(encoding="utf-8"))
    assert files[0].name in _text(response)


# --- an adopted programme -------------------------------------------------------------------------


def test_archiving_in_an_adopted_programme_needs_a_decision(
    client, staff_user, programme, reported, admin_user
):
    effort, _report = reported
    adopt(admin_user, programme)
    effort.refresh_from_db()
    client.force_login(staff_user)
    url = _archive_url(programme, "inspanning", effort.pk)
    page = _text(client.get(url))
    assert 'name="decision"' in page and 'name="proposal"' in page
    refused = client.post(url, {"version": effort.version})
    assert refused.status_code == 400
    effort.refresh_from_db()
    assert effort.archived_at is None
    decision = decisions.decision_create(
        actor=admin_user,
        programme=programme,
        date=dt.date(2024, 6, 1),
        number="2024/0001",
        title="Evenementen stopt",
        authorises=[ChangeKind.EFFORT_REMOVED, ChangeKind.EFFORT_ADDED],
    )
    assert client.post(url, {"version": effort.version, "decision": decision.pk}).status_code == 302
    effort.refresh_from_db()
    assert effort.archived_at is not None
    change = programme.changes.get(kind=ChangeKind.EFFORT_REMOVED)
    assert change.decision == decision and change.subject == "Evenementen"
    # restoring is adding it again: a decision too
    restore = _archive_url(programme, "inspanning", effort.pk, restore=True)
    assert client.post(restore, {"version": effort.version}).status_code == 400
    assert (
        client.post(restore, {"version": effort.version, "decision": decision.pk}).status_code
        == 302
    )
    assert programme.changes.filter(kind=ChangeKind.EFFORT_ADDED).exists()


def test_archiving_can_be_put_in_a_change_proposal(
    client, staff_user, programme, reported, admin_user
):
    from koers.decisions.models import PendingChange

    effort, _report = reported
    adopt(admin_user, programme)
    effort.refresh_from_db()
    client.force_login(staff_user)
    url = _archive_url(programme, "inspanning", effort.pk)
    response = client.post(
        url, {"version": effort.version, "proposal": "nieuw", "reason": "Stopt in 2025"}
    )
    assert response.status_code == 302, _text(response)
    effort.refresh_from_db()
    assert effort.archived_at is None  # not yet in force
    pending = PendingChange.objects.get()
    assert pending.described[0]["kind"] == ChangeKind.EFFORT_REMOVED


def test_an_archived_effort_is_no_choice_in_other_forms_but_an_edit_keeps_it(programme, admin_user):
    """Risks, budget lines, transfers and partner contributions offer only efforts in use; a
    budget line of an effort archived meanwhile keeps its effort when it is edited."""
    from koers.finance import services as finance
    from koers.finance.forms import BudgetLineForm, TransferForm
    from koers.programmes.services.archive import effort_archive
    from koers.risks.forms import RiskForm

    kept = programme.efforts.get(name="Evenementen")
    gone = effort_build(admin_user, programme, name="Oud werk")
    source = finance.source_create(actor=admin_user, programme=programme, name="Programmageld")
    line = finance.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2024,
        amount=Decimal("1000"),
        effort=gone,
    )
    effort_archive(effort=Effort.objects.get(pk=gone.pk), actor=admin_user, expected_version=None)
    for choices in (
        RiskForm(programme=programme).fields["efforts"].queryset,
        BudgetLineForm(programme=programme).fields["effort"].queryset,
        TransferForm(programme=programme).fields["to_effort"].queryset,
    ):
        assert list(choices) == [kept]
    line.refresh_from_db()
    editing = BudgetLineForm(programme=programme, instance=line).fields["effort"].queryset
    assert set(editing) == {kept, gone}
