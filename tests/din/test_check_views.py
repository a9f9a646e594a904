"""The quality check page: who may see it, who gets the links that fix a finding, what it says
about the demo programmes, and a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from koers.din.selectors_check import programme_check
from koers.programmes.models import Programme
from koers.reporting import services as reporting

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "reader", "owner", "staff", "admin"]
READERS = {"reader", "owner", "staff", "admin"}


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user):
    return {
        "admin": admin_user,
        "staff": staff_user,
        "reader": reader_user,
        "owner": owner_user,
        "outsider": outsider_user,
    }


def _url(programme) -> str:
    return reverse("din:check", args=[programme.slug])


def test_address():
    assert reverse("din:check", args=["p"]) == "/programmas/p/kwaliteit/"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_see_the_check(client, users, programme, role):
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(_url(programme))
    if role in READERS:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302 and "inloggen" in response["Location"]
    else:
        assert response.status_code == 403


def test_unknown_programme_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/programmas/bestaat-niet/kwaliteit/").status_code == 404


def _goal_edit(programme, code):
    goal = programme.operational_goals.get(code=code)
    return reverse("programmes:element_edit", args=[programme.slug, "doel", goal.pk])


def test_staff_get_fix_links_that_come_back(client, staff_user, programme):
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    # 1a lacks its data source (DIN-01), 1b is qualitative (DIN-02).
    assert f'href="{_goal_edit(programme, "1a")}?next=/programmas/test-programma/kwaliteit/"' in (
        html
    )
    assert _goal_edit(programme, "1b") in html
    assert "/programmas/test-programma/koppeling/nieuw?doel=1a" in html


@pytest.mark.parametrize("role", ["reader", "owner"])
def test_readers_and_owners_see_findings_without_links(client, users, programme, role):
    client.force_login(users[role])
    html = client.get(_url(programme)).content.decode()
    assert "DIN-01" in html and "DIN-05" in html
    assert _goal_edit(programme, "1a") not in html
    assert "koppeling/nieuw" not in html


def test_owner_gets_the_link_to_their_own_report(client, owner_user, admin_user, programme):
    reporting.calendar_set(
        programme=programme, actor=admin_user, frequency="maandelijks", start_date=date(2019, 1, 1)
    )
    effort = programme.efforts.get(name="Evenementen")
    reporting.effort_reporting_set(effort=effort, reports=True, actor=admin_user)
    client.force_login(owner_user)
    html = client.get(_url(programme)).content.decode()
    assert f"/programmas/test-programma/rapportages/{effort.pk}/" in html


def test_page_groups_findings_by_rule_with_counts_and_passed_rules(client, admin_user, programme):
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.get(_url(programme), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    for n in range(1, 14):
        assert f'id="DIN-{n:02d}"' in html
    assert 'id="check-counts"' in html
    assert 'data-passed="true"' in html  # e.g. DIN-03: the strategic goal has operational goals
    assert "✖" in html and "⚠" in html  # severities carry an icon besides colour


def test_the_2023_demo_says_its_goals_are_not_measurable(demo):
    programme = Programme.objects.get(slug="almelo-stedelijke-ontwikkeling")
    result = programme_check(programme, as_of=date(2026, 11, 1)).result
    assert len(result.data.goals) == 10
    # Nine goals are explicitly qualitative, and A3 (4100 extra homes) has no baseline and no
    # target date: none is measurable as written.
    assert result.not_measurable == ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2"]
    with translation.override("nl"):
        sentence = result.measurability_sentence
    assert "10" in sentence
    qualitative = [f.key for f in result.findings if f.rule_id == "DIN-02"]
    assert len(qualitative) == 9
    (a3,) = [f for f in result.findings if f.rule_id == "DIN-01"]
    assert a3.key == "A3"
    # The fragment has no links between goals and efforts: all are findings.
    assert len([f for f in result.findings if f.rule_id == "DIN-04"]) == 10
    assert len([f for f in result.findings if f.rule_id == "DIN-05"]) == 9
    assert result.has_errors


def test_the_binnenstad_demo(demo):
    programme = Programme.objects.get(slug="almelo-binnenstad")
    result = programme_check(programme, as_of=date(2020, 6, 1)).result
    assert result.not_measurable == []
    # The contract gives no baseline except for the visitors (1a).
    assert sorted(f.key for f in result.findings if f.rule_id == "DIN-01") == [
        "2a",
        "2b",
        "3a",
        "3b",
        "4a",
        "4b",
        "4c",
        "5a",
    ]
    # The programme organisation is budgeted as a programme-level item: information only.
    items = [f for f in result.findings if f.rule_id == "DIN-08"]
    assert items and all(f.severity == "info" for f in items)
    # The demo calendar is bi-weekly; on 1 June 2020 the reports are missing.
    assert [f.rule_id for f in result.findings if f.rule_id == "DIN-09"]


def _page_queries(client, programme) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_url(programme)).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_programme(client, staff_user, admin_user, programme):
    from koers.demo.synthetic import synthetic_programme_create
    from koers.finance import services as finance
    from koers.programmes import services as din

    client.force_login(admin_user)
    start = date(2019, 1, 1)
    reporting.calendar_set(
        programme=programme, actor=admin_user, frequency="kwartaal", start_date=start
    )
    small = _page_queries(client, programme)
    large_programme = synthetic_programme_create(actor=admin_user)
    reporting.calendar_set(
        programme=large_programme, actor=admin_user, frequency="kwartaal", start_date=start
    )
    source = finance.source_create(actor=admin_user, programme=large_programme, name="Bron")
    for effort in large_programme.efforts.all()[:20]:
        finance.budget_line_create(
            actor=admin_user,
            programme=large_programme,
            source=source,
            year=2024,
            amount=Decimal("100"),
            effort=effort,
        )
    din.object_create(
        din.StrategicGoal, actor=admin_user, programme=large_programme, code="Z", text="Leeg"
    )
    large = _page_queries(client, large_programme)
    assert large == small, (small, large)
    assert small <= 14
