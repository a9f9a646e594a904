"""The register's pages: permissions per role, filters, the heat map, forms, conflicts and the
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.risks import services
from koers.risks.constants import RiskKind, RiskStatus
from koers.risks.models import Risk

pytestmark = pytest.mark.django_db

SLUG = "test-programma"


@pytest.fixture
def risk(make_risk):
    return make_risk("Bestaand risico", likelihood=2, impact=3)


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user):
    return {
        "admin": admin_user,
        "staff": staff_user,
        "reader": reader_user,
        "owner": owner_user,
        "outsider": outsider_user,
        "anonymous": None,
    }


def _urls(risk):
    return {
        "register": (reverse("risks:register", args=[SLUG]), "view"),
        "detail": (reverse("risks:detail", args=[SLUG, risk.pk]), "view"),
        "create": (reverse("risks:create", args=[SLUG]), "change"),
        "edit": (reverse("risks:edit", args=[SLUG, risk.pk]), "change"),
        "delete": (reverse("risks:delete", args=[SLUG, risk.pk]), "change"),
    }


VIEWERS = {"admin", "staff", "reader", "owner"}
EDITORS = {"admin", "staff"}


@pytest.mark.parametrize("role", ["admin", "staff", "reader", "owner", "outsider", "anonymous"])
def test_permissions_on_every_page(client, users, risk, role):
    user = users[role]
    if user is not None:
        client.force_login(user)
    for name, (url, need) in _urls(risk).items():
        response = client.get(url)
        allowed = role in (VIEWERS if need == "view" else EDITORS)
        if allowed:
            assert response.status_code == 200, (role, name)
        elif role == "anonymous":
            assert response.status_code == 302 and "/account/inloggen" in response["Location"]
        else:
            assert response.status_code == 403, (role, name)
    # A POST is refused just the same, and changes nothing.
    if role not in EDITORS:
        url = _urls(risk)["delete"][0]
        assert client.post(url, {"version": risk.version}).status_code in (302, 403)
        assert Risk.objects.filter(pk=risk.pk).exists()


def test_unknown_programme_and_risk_404(client, admin_user, risk, other_programme, make_risk):
    client.force_login(admin_user)
    assert client.get("/programmas/bestaat-niet/risicos/").status_code == 404
    assert client.get(reverse("risks:detail", args=[SLUG, 99999])).status_code == 404
    # A risk is only found under its own programme.
    url = reverse("risks:detail", args=["ander-programma", risk.pk])
    assert client.get(url).status_code == 404


def test_register_shows_heat_map_counts_and_unscored(client, staff_user, make_risk):
    make_risk("Hoog een", likelihood=4, impact=5)
    make_risk("Hoog twee", likelihood=4, impact=5)
    make_risk("Laag", likelihood=1, impact=2)
    make_risk("Nog niet gescoord")
    client.force_login(staff_user)
    response = client.get(reverse("risks:register", args=[SLUG]))
    reg = response.context["register"]
    assert reg.heat_map.cell(4, 5).count == 2
    assert reg.heat_map.cell(1, 2).count == 1
    assert [r.title for r in reg.heat_map.unscored] == ["Nog niet gescoord"]
    assert [r.title for r in reg.risks][:2] == ["Hoog een", "Hoog twee"]
    assert reg.risks[-1].title == "Nog niet gescoord"
    html = response.content.decode()
    assert 'id="cel-4-5" data-count="2"' in html
    assert 'id="cel-1-2" data-count="1"' in html
    assert 'id="cel-3-3" data-count="0"' in html
    assert '<th scope="row"' in html and '<th scope="col"' in html and "<caption>" in html
    assert 'title="Hoog een"' in html


def test_filters(client, staff_user, make_risk):
    make_risk("Doelrisico", kind=RiskKind.GOALS, likelihood=3, impact=3)
    make_risk("Inspanningsrisico", kind=RiskKind.EFFORTS, status=RiskStatus.CONTROLLED)
    make_risk("Vervallen", kind=RiskKind.EFFORTS, status=RiskStatus.LAPSED)
    client.force_login(staff_user)
    url = reverse("risks:register", args=[SLUG])

    def titles(**params):
        reg = client.get(url, params).context["register"]
        return sorted(r.title for r in reg.risks), reg

    assert titles()[0] == ["Doelrisico", "Inspanningsrisico", "Vervallen"]
    assert titles(kind="inspanningen")[0] == ["Inspanningsrisico", "Vervallen"]
    assert titles(status="beheerst")[0] == ["Inspanningsrisico"]
    got, reg = titles(status="open", kind="doelen")
    assert got == ["Doelrisico"] and reg.total == 3 and reg.filtered
    assert reg.heat_map.cell(3, 3).count == 1
    # The heat map shows the selection: the goal risk is gone when filtering on efforts.
    assert titles(kind="inspanningen")[1].heat_map.scored_count == 0
    # An unknown value is ignored rather than an error.
    response = client.get(url, {"status": "onzin"})
    assert response.status_code == 200 and len(response.context["register"].risks) == 3


def test_register_query_count_is_fixed(client, staff_user, make_risk, programme):
    client.force_login(staff_user)
    url = reverse("risks:register", args=[SLUG])
    goal = programme.operational_goals.get(code="1a")
    effort = programme.efforts.get()
    make_risk("Een", likelihood=1, impact=1, goals=[goal], efforts=[effort])
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(12):
        make_risk(f"Risico {i}", likelihood=(i % 5) + 1, impact=5, goals=[goal], efforts=[effort])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 10
    print("register queries:", len(many))


def _post_data(**overrides):
    data = {
        "title": "Nieuw risico",
        "description": "Omschrijving",
        "kind": "doelen",
        "likelihood": "4",
        "impact": "5",
        "mitigation": "Maatregel",
        "owner": "",
        "status": "open",
        "next_review": "2019-12-01",
        "note": "",
    }
    data.update(overrides)
    return data


def test_create_with_links(client, staff_user, programme):
    client.force_login(staff_user)
    goal = programme.operational_goals.get(code="1a")
    effort = programme.efforts.get()
    response = client.post(
        reverse("risks:create", args=[SLUG]),
        _post_data(goals=[goal.pk], efforts=[effort.pk]),
    )
    risk = Risk.objects.get()
    assert response.status_code == 302 and response["Location"] == risk.get_absolute_url()
    assert (risk.likelihood, risk.impact, risk.score) == (4, 5, 20)
    assert list(risk.goals.all()) == [goal] and list(risk.efforts.all()) == [effort]
    assert risk.history.first().history_user == staff_user
    detail = client.get(risk.get_absolute_url()).content.decode()
    assert "Nieuw risico" in detail and "1a." in detail and "Evenementen" in detail


def test_create_errors_are_per_field_in_dutch(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("risks:create", args=[SLUG]), _post_data(title="", likelihood="6", impact="")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "Dit veld is verplicht." in form.errors["title"]
    assert "likelihood" in form.errors  # 6 is no choice
    assert not Risk.objects.exists()
    # Only one of likelihood and impact: the service's error lands on the missing field.
    response = client.post(reverse("risks:create", args=[SLUG]), _post_data(impact=""))
    assert response.status_code == 400 and "impact" in response.context["form"].errors


def test_foreign_goal_cannot_be_chosen(client, staff_user, other_programme):
    client.force_login(staff_user)
    foreign = other_programme.operational_goals.get()
    response = client.post(reverse("risks:create", args=[SLUG]), _post_data(goals=[foreign.pk]))
    assert response.status_code == 400 and "goals" in response.context["form"].errors
    assert not Risk.objects.exists()


def test_edit_and_conflict(client, staff_user, admin_user, risk):
    client.force_login(staff_user)
    url = reverse("risks:edit", args=[SLUG, risk.pk])
    form = client.get(url).context["form"]
    assert form.initial["version"] == 1 and form.initial["likelihood"] == 2
    # Someone else saves first.
    services.risk_update(risk=risk, actor=admin_user, expected_version=1, title="Hun titel")
    response = client.post(url, _post_data(title="Mijn titel", version="1"))
    assert response.status_code == 409
    assert "differences" in response.context and response.context["differences"]
    assert ("Hun titel", "Mijn titel") in [row[1:] for row in response.context["differences"]]
    assert response.context["form"].data["version"] == "2"
    assert Risk.objects.get(pk=risk.pk).title == "Hun titel"
    # Saving again with the new version is a deliberate overwrite.
    response = client.post(url, _post_data(title="Mijn titel", version="2"))
    assert response.status_code == 302
    assert Risk.objects.get(pk=risk.pk).title == "Mijn titel"


def test_delete_and_conflict(client, staff_user, admin_user, risk):
    client.force_login(staff_user)
    url = reverse("risks:delete", args=[SLUG, risk.pk])
    services.risk_update(risk=risk, actor=admin_user, expected_version=1, title="Gewijzigd")
    assert client.post(url, {"version": "1"}).status_code == 409
    assert Risk.objects.filter(pk=risk.pk).exists()
    response = client.post(url, {"version": "2"})
    assert response.status_code == 302
    assert response["Location"] == reverse("risks:register", args=[SLUG])
    assert not Risk.objects.filter(pk=risk.pk).exists()


def test_readers_see_no_edit_buttons(client, reader_user, risk):
    client.force_login(reader_user)
    html = client.get(reverse("risks:register", args=[SLUG])).content.decode()
    assert reverse("risks:create", args=[SLUG]) not in html
    html = client.get(risk.get_absolute_url()).content.decode()
    assert reverse("risks:edit", args=[SLUG, risk.pk]) not in html
