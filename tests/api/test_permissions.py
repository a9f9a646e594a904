"""Who sees and changes what through the API, per role and token (deny by default)."""

from decimal import Decimal

import pytest

from koers.api.models import ApiClient
from koers.api.services import api_client_revoke
from koers.monitoring.models import Measurement
from koers.programmes.models import Effort, GoalEffortLink
from tests.builders import adopt

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "reader", "owner", "staff", "admin"]
FULL = {"reader", "owner", "staff", "admin"}


def _get(api, tokens, role, url):
    return api(tokens.get(role)).get(url)


def _ids(response):
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_programmes_visible_per_role(api, tokens, world, role):
    response = _get(api, tokens, role, "/api/v1/programmas")
    assert response.status_code == 200
    slugs = {p["slug"] for p in response.json()["results"]}
    # The draft programme is visible only to the admin (the only one with access to it).
    expected = {"test-programma"} | ({"concept-programma"} if role == "admin" else set())
    assert slugs == expected
    detail = _get(api, tokens, role, "/api/v1/programmas/concept-programma")
    assert detail.status_code == (200 if role == "admin" else 404)
    published = _get(api, tokens, role, "/api/v1/programmas/test-programma").json()
    assert published["introduction"] == "Voor inwoners"
    assert (published["status"] is None) == (role not in FULL)


@pytest.mark.parametrize("role", ROLES)
def test_efforts_links_and_measurements_per_role(api, tokens, world, role):
    full = role in FULL
    efforts = _get(api, tokens, role, "/api/v1/inspanningen?programma=test-programma")
    expected = {world["effort"].pk} | ({world["hidden_effort"].pk} if full else set())
    assert _ids(efforts) == expected
    effort = _get(api, tokens, role, f"/api/v1/inspanningen/{world['effort'].pk}").json()
    assert effort["publicDescription"] == "Openbare beschrijving"
    assert effort["description"] == ("Geheime beschrijving" if full else None)
    hidden = _get(api, tokens, role, f"/api/v1/inspanningen/{world['hidden_effort'].pk}")
    assert hidden.status_code == (200 if full else 404)
    links = _get(api, tokens, role, "/api/v1/koppelingen")
    assert _ids(links) == {world["link"].pk} | ({world["hidden_link"].pk} if full else set())
    measurement = _get(api, tokens, role, f"/api/v1/metingen/{world['measurement'].pk}").json()
    assert measurement["value"] == "95000.0000"
    assert measurement["note"] == ("interne notitie" if full else None)
    draft_goal = _get(api, tokens, role, f"/api/v1/doelen/{world['draft_goal'].pk}")
    assert draft_goal.status_code == (200 if role == "admin" else 404)


def test_unpublished_indicator_hides_its_measurements(api, tokens, world):
    from koers.public.services import publication_set

    publication_set(
        programme=world["p"],
        actor=None,
        expected_version=None,
        published=True,
        indicators={world["indicator"].pk: False},
    )
    assert _ids(api().get("/api/v1/metingen")) == set()
    assert _ids(api().get("/api/v1/indicatoren")) == set()
    assert _ids(api(tokens["reader"]).get("/api/v1/metingen")) == {world["measurement"].pk}


@pytest.mark.parametrize("resource", ["rapportages", "begroting", "risicos"])
@pytest.mark.parametrize("role", ROLES)
def test_reports_budget_risks_need_a_token_and_access(api, tokens, world, role, resource):
    response = _get(api, tokens, role, f"/api/v1/{resource}")
    if role == "anonymous":
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"].startswith("Bearer")
        return
    assert response.status_code == 200
    assert (response.json()["count"] > 0) == (role in FULL)


def test_budget_amount_is_an_exact_string(api, tokens, world):
    line = api(tokens["reader"]).get(f"/api/v1/begroting/{world['line'].pk}").json()
    assert line["amount"] == "500.25"
    assert line["year"] == 2024


def test_wrong_and_revoked_tokens_are_refused(api, tokens, world):
    assert api("nonsense").get("/api/v1/programmas").status_code == 401
    response = api().get("/api/v1/programmas", HTTP_AUTHORIZATION="Token abc")
    assert response.status_code == 401
    api_client_revoke(client=ApiClient.objects.get(name="reader"))
    assert api(tokens["reader"]).get("/api/v1/programmas").status_code == 401


def test_token_is_stored_only_as_hash(tokens):
    client = ApiClient.objects.get(name="staff")
    assert tokens["staff"] not in (client.token_hash, client.token_prefix * 2)
    assert client.matches(tokens["staff"])


def test_session_login_does_not_authenticate_the_api(client, world, admin_user):
    client.force_login(admin_user)
    assert client.get("/api/v1/rapportages").status_code == 401


# --- writes -------------------------------------------------------------------------------------


def _measurement_body(world, period="2020"):
    return {"indicator": world["indicator"].pk, "period": period, "value": "96000.5"}


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        # The indicator is published, so the outsider sees it: refused, not unknown.
        ("outsider", 403),
        ("reader", 403),
        ("owner", 403),
        ("staff", 201),
        ("admin", 201),
    ],
)
def test_create_measurement_per_role(api, tokens, world, role, expected):
    response = api(tokens.get(role)).post(
        "/api/v1/metingen", _measurement_body(world), format="json"
    )
    assert response.status_code == expected, response.content
    if expected == 201:
        body = response.json()
        assert body["value"] == "96000.5000"
        assert body["period"] == "2020"
        assert Measurement.objects.filter(pk=body["id"], entered_by__isnull=False).exists()
    else:
        assert response["Content-Type"] == "application/problem+json"
        assert Measurement.objects.count() == 1


def test_measurement_validation_is_problem_json_with_invalid_params(api, tokens, world):
    response = api(tokens["staff"]).post(
        "/api/v1/metingen", {**_measurement_body(world), "period": "2019-Q9"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalid-params"]}
    assert names == {"period"}
    duplicate = api(tokens["staff"]).post(
        "/api/v1/metingen", _measurement_body(world, "2019"), format="json"
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["invalid-params"][0]["name"] == "period"


def test_measurement_update_with_stale_version_is_409(api, tokens, world):
    m = world["measurement"]
    url = f"/api/v1/metingen/{m.pk}"
    staff = api(tokens["staff"])
    ok = staff.patch(url, {"version": m.version, "value": "1.5"}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["value"] == "1.5000"
    stale = staff.patch(url, {"version": m.version, "value": "2"}, format="json")
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    m.refresh_from_db()
    assert m.value == Decimal("1.5")
    missing = staff.patch(url, {"value": "2"}, format="json")
    assert missing.status_code == 400
    assert staff.delete(f"{url}?version=1").status_code == 409
    assert staff.delete(url).status_code == 400
    assert staff.delete(f"{url}?version={m.version}").status_code == 204
    assert not Measurement.objects.filter(pk=m.pk).exists()


def test_reader_cannot_change_or_delete_a_measurement(api, tokens, world):
    m = world["measurement"]
    reader = api(tokens["reader"])
    url = f"/api/v1/metingen/{m.pk}"
    assert reader.patch(url, {"version": 1, "value": "3"}, format="json").status_code == 403
    assert reader.delete(f"{url}?version=1").status_code == 403
    assert api().delete(f"{url}?version=1").status_code == 401
    m.refresh_from_db()
    assert m.value == Decimal("95000")


def test_effort_owner_may_change_only_their_effort_and_only_some_fields(api, tokens, world):
    owner = api(tokens["owner"])
    effort = world["effort"]
    url = f"/api/v1/inspanningen/{effort.pk}"
    ok = owner.patch(url, {"version": effort.version, "description": "Bijgewerkt"}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["description"] == "Bijgewerkt"
    renamed = owner.patch(url, {"version": ok.json()["version"], "name": "X"}, format="json")
    assert renamed.status_code == 403
    refused = owner.patch(
        url,
        {"version": ok.json()["version"], "municipalityRole": "regisseur", "note": "n"},
        format="json",
    )
    assert refused.status_code == 403
    assert refused.json()["detail"].endswith(": municipalityRole.")  # the API's own field names
    other = world["hidden_effort"]
    assert (
        owner.patch(
            f"/api/v1/inspanningen/{other.pk}", {"version": other.version}, format="json"
        ).status_code
        == 403
    )
    assert owner.delete(f"{url}?version={ok.json()['version']}").status_code == 403


def test_staff_create_and_delete_effort_and_link(api, tokens, world):
    staff = api(tokens["staff"])
    created = staff.post(
        "/api/v1/inspanningen", {"programme": "test-programma", "name": "Nieuw"}, format="json"
    )
    assert created.status_code == 201, created.content
    effort = created.json()
    link = staff.post(
        "/api/v1/koppelingen", {"goal": world["goal"].pk, "effort": effort["id"]}, format="json"
    )
    assert link.status_code == 201, link.content
    link_id = link.json()["id"]
    assert staff.delete(f"/api/v1/koppelingen/{link_id}?version=1").status_code == 204
    assert not GoalEffortLink.objects.filter(pk=link_id).exists()
    assert staff.delete(f"/api/v1/inspanningen/{effort['id']}?version=1").status_code == 204
    assert not Effort.objects.filter(pk=effort["id"]).exists()


def test_adopted_programme_needs_a_decision(api, tokens, world, admin_user):
    from datetime import date

    from koers.decisions import services as decision_services

    p = world["p"]
    adopt(admin_user, p)
    staff = api(tokens["staff"])
    refused = staff.post(
        "/api/v1/inspanningen", {"programme": p.slug, "name": "Zonder besluit"}, format="json"
    )
    assert refused.status_code == 400
    assert [x["name"] for x in refused.json()["invalid-params"]] == ["decision"]
    assert not Effort.objects.filter(name="Zonder besluit").exists()
    link = world["link"]
    assert staff.delete(f"/api/v1/koppelingen/{link.pk}?version={link.version}").status_code == 400
    decision = decision_services.decision_create(
        actor=admin_user,
        programme=p,
        date=date(2024, 3, 1),
        title="Collegebesluit",
        authorises=["inspanning_toegevoegd", "koppeling_verwijderd"],
    )
    ok = staff.post(
        "/api/v1/inspanningen",
        {"programme": p.slug, "name": "Met besluit", "decision": decision.pk},
        format="json",
    )
    assert ok.status_code == 201, ok.content
    deleted = staff.delete(
        f"/api/v1/koppelingen/{link.pk}?version={link.version}&decision={decision.pk}"
    )
    assert deleted.status_code == 204


def test_goal_create_update_delete(api, tokens, world):
    staff = api(tokens["staff"])
    sg = world["goal"].strategic_goal
    created = staff.post(
        "/api/v1/doelen",
        {
            "strategicGoal": sg.pk,
            "code": "1c",
            "statement": "Meer groen",
            "kind": "meetbaar",
            "indicator": {"name": "Bomen", "unit": "stuks"},
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    goal = created.json()
    changed = staff.patch(
        f"/api/v1/doelen/{goal['id']}",
        {"version": goal["version"], "statement": "Veel meer groen"},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["statement"] == "Veel meer groen"
    reader = api(tokens["reader"])
    assert reader.delete(f"/api/v1/doelen/{goal['id']}?version=2").status_code == 403
    assert staff.delete(f"/api/v1/doelen/{goal['id']}?version=2").status_code == 204
