"""The decisions register's pages and change control through the DIN's own forms: the decision
field appears on an adopted programme's forms, a change without a decision is refused with the
message on the field and nothing saved, with a decision it is saved and listed on the programme
page; permissions and query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.decisions import services as decision_services
from koers.decisions.models import Decision, ProgrammeChange
from koers.programmes import services
from koers.programmes.change_control import ChangeKind
from koers.programmes.constants import ProgrammeStatus
from koers.programmes.models import Effort, OperationalGoal

pytestmark = pytest.mark.django_db

SLUG = "test-programma"


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user):
    return {
        "admin": admin_user,
        "staff": staff_user,
        "reader": reader_user,
        "owner": owner_user,
        "outsider": outsider_user,
    }


def _goal_data(goal, target_value="8000", **extra):
    return {
        "strategic_goal": goal.strategic_goal_id,
        "code": goal.code,
        "statement": goal.statement,
        "kind": "meetbaar",
        "order": 1,
        "version": goal.version,
        "indicator_name": "Bezoekers per week",
        "indicator_unit": "bezoekers per week",
        "indicator_baseline_value": "93.000",
        "indicator_baseline_date": "2016-12-31",
        "indicator_baseline_date_precision": "dag",
        "indicator_target_kind": "toename",
        "indicator_target_value": target_value,
        "indicator_target_date": "2022-12-31",
        "indicator_target_date_precision": "dag",
        "indicator_measuring_frequency": "",
        "indicator_tolerance_percent": "10",
        **extra,
    }


@pytest.mark.parametrize("role", ["admin", "staff", "reader", "owner", "outsider"])
def test_permissions(client, users, decision, role):
    client.force_login(users[role])
    view = [
        reverse("decisions:register", args=[SLUG]),
        reverse("decisions:detail", args=[SLUG, decision.pk]),
    ]
    change = [
        reverse("decisions:create", args=[SLUG]),
        reverse("decisions:edit", args=[SLUG, decision.pk]),
        reverse("decisions:delete", args=[SLUG, decision.pk]),
    ]
    for url in view:
        expected = 403 if role == "outsider" else 200
        assert client.get(url).status_code == expected, (role, url)
    for url in change:
        expected = 200 if role in ("admin", "staff") else 403
        assert client.get(url).status_code == expected, (role, url)
    if role not in ("admin", "staff"):
        client.post(change[2], {"version": decision.version})
        assert Decision.objects.filter(pk=decision.pk).exists()


def test_record_edit_and_delete_a_decision(client, staff_user, adopted):
    client.force_login(staff_user)
    url = reverse("decisions:create", args=[SLUG])
    bad = client.post(url, {"kind": "college", "date": "", "title": "", "link": "geen url"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Dit veld is verplicht." in html and "Voer een geldige URL in." in html
    others = set(Decision.objects.values_list("pk", flat=True))  # the adopting decision
    assert len(others) == 1
    response = client.post(
        url,
        {
            "kind": "college",
            "date": "2020-03-10",
            "number": "2020/0042",
            "title": "Wijziging scope",
            "summary": "Inspanning toegevoegd.",
            "link": "https://almelo.raadsinformatie.nl/besluit/42",
        },
    )
    decision = Decision.objects.exclude(pk__in=others).get()
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    edit = reverse("decisions:edit", args=[SLUG, decision.pk])
    stale = {
        "kind": "college",
        "date": "2020-03-10",
        "title": "Ander",
        "version": decision.version,
    }
    client.post(edit, stale | {"title": "Eerst"})
    conflict = client.post(edit, stale)
    assert conflict.status_code == 409
    decision.refresh_from_db()
    assert decision.title == "Eerst"
    delete = reverse("decisions:delete", args=[SLUG, decision.pk])
    assert client.post(delete, {"version": decision.version}).status_code == 302
    assert set(Decision.objects.values_list("pk", flat=True)) == others


def test_target_change_through_the_form_needs_a_decision(client, staff_user, adopted, decision):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(code="1a")
    url = reverse("programmes:element_edit", args=[SLUG, "doel", goal.pk])
    page = client.get(url).content.decode()
    assert 'name="decision"' in page and "2020/0042" in page
    refused = client.post(url, _goal_data(goal))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "is vastgesteld" in html and "vraagt een besluit" in html
    assert 'id="id_decision_error"' in html
    goal.refresh_from_db()
    assert goal.indicator.target_value == 7000
    saved = client.post(url, _goal_data(goal, decision=decision.pk))
    assert saved.status_code == 302
    goal.refresh_from_db()
    assert goal.indicator.target_value == 8000
    change = ProgrammeChange.objects.get(kind=ChangeKind.TARGET_CHANGED)
    assert change.decision == decision and change.changed_by == staff_user
    programme_page = client.get(reverse("programmes:detail", args=[SLUG])).content.decode()
    assert "streefwaarde gewijzigd" in programme_page.lower()
    assert "2020/0042" in programme_page


def test_new_effort_and_delete_through_the_forms(client, staff_user, adopted, decision):
    client.force_login(staff_user)
    url = reverse("programmes:element_create", args=[SLUG, "inspanning"])
    data = {"name": "Gevelfonds", "status": "gepland", "order": 1, "municipality_role": ""}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert not Effort.objects.filter(name="Gevelfonds").exists()
    assert client.post(url, data | {"decision": decision.pk}).status_code == 302
    effort = Effort.objects.get(name="Gevelfonds")
    delete = reverse("programmes:element_delete", args=[SLUG, "inspanning", effort.pk])
    page = client.get(delete).content.decode()
    assert 'name="decision"' in page
    assert client.post(delete, {"version": effort.version}).status_code == 400
    assert Effort.objects.filter(pk=effort.pk).exists()
    assert (
        client.post(delete, {"version": effort.version, "decision": decision.pk}).status_code == 302
    )
    kinds = set(ProgrammeChange.objects.values_list("kind", flat=True))
    assert {ChangeKind.EFFORT_ADDED, ChangeKind.EFFORT_REMOVED} <= kinds


def test_a_draft_programme_shows_no_decision_field(client, staff_user, programme):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(code="1a")
    page = client.get(reverse("programmes:element_edit", args=[SLUG, "doel", goal.pk]))
    assert 'name="decision"' not in page.content.decode()


def test_leaving_adopted_status_through_the_programme_form(client, staff_user, adopted, decision):
    client.force_login(staff_user)
    url = reverse("programmes:edit", args=[SLUG])
    adopted.refresh_from_db()
    data = {
        "name": adopted.name,
        "slug": SLUG,
        "municipality": "Almelo",
        "period_start": "2019-01-01",
        "period_end": "2022-12-31",
        "status": ProgrammeStatus.CONCEPT,
        "version": adopted.version,
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "vraagt een besluit" in refused.content.decode()
    adopted.refresh_from_db()
    assert adopted.status == ProgrammeStatus.ADOPTED
    assert client.post(url, data | {"decision": decision.pk}).status_code == 302
    adopted.refresh_from_db()
    assert adopted.status == ProgrammeStatus.CONCEPT


def test_register_query_count_does_not_grow(client, staff_user, adopted, admin_user):
    client.force_login(staff_user)
    url = reverse("decisions:register", args=[SLUG])

    made = []

    def grow(n):
        for _i in range(n):
            made.append(1)
            d = decision_services.decision_create(
                actor=admin_user,
                programme=adopted,
                date=date(2020, 1, len(made)),
                title="B",
                authorises=["inspanning_toegevoegd"],
            )
            services.effort_create(
                actor=admin_user, programme=adopted, name=f"Inspanning {len(made)}", decision=d
            )

    grow(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(8)
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)
    assert page.status_code == 200
    assert len(large) == len(small)
    with CaptureQueriesContext(connection) as small_detail:
        client.get(reverse("programmes:detail", args=[SLUG]))
    grow(3)
    with CaptureQueriesContext(connection) as large_detail:
        client.get(reverse("programmes:detail", args=[SLUG]))
    assert len(large_detail) == len(small_detail)
