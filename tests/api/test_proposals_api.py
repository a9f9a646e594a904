"""Change proposals through the API: in an adopted programme a write that needs a decision and
gets none is still a 400 on ``decision``; with ``proposal`` and ``reason`` it is put in the
proposal as a pending change (202) and nothing is written; proposals and their pending changes
are read by whoever may read the programme's decisions."""

from datetime import date

import pytest

from koers.decisions import proposals
from koers.decisions import services as decision_services
from koers.decisions.models import PendingChange
from koers.programmes.constants import ChangeKind
from koers.programmes.models import Effort, GoalEffortLink, OperationalGoal
from tests.builders import adopt

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(world, admin_user):
    adopt(admin_user, world["p"])
    world["p"].refresh_from_db()
    return world


@pytest.fixture
def proposal(adopted, admin_user):
    return proposals.proposal_create(actor=admin_user, programme=adopted["p"], title="Bijstelling")


def _names(response) -> list[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return [p["name"] for p in response.json()["invalid-params"]]


def test_without_a_decision_or_proposal_still_400(api, tokens, adopted):
    refused = api(tokens["staff"]).post(
        "/api/v1/inspanningen", {"programme": adopted["p"].slug, "name": "Nieuw"}, format="json"
    )
    assert refused.status_code == 400
    assert _names(refused) == ["decision"]
    assert not Effort.objects.filter(name="Nieuw").exists()


def test_a_new_effort_goes_into_the_proposal(api, tokens, adopted, proposal):
    staff = api(tokens["staff"])
    response = staff.post(
        "/api/v1/inspanningen",
        {
            "programme": adopted["p"].slug,
            "name": "Nieuw",
            "proposal": proposal.pk,
            "reason": "Nodig voor de binnenstad.",
        },
        format="json",
    )
    assert response.status_code == 202, response.content
    assert response["Location"].endswith(f"/api/v1/wijzigingsvoorstellen/{proposal.pk}")
    body = response.json()
    assert body["proposal"] == proposal.pk
    assert body["operation"] == "programmes.inspanning:create"
    assert body["elementKind"] == "inspanning"
    assert body["element"] is None
    assert [c["kind"] for c in body["changes"]] == [ChangeKind.EFFORT_ADDED]
    assert body["reason"] == "Nodig voor de binnenstad."
    assert body["appliedAt"] is None and body["proposedAt"]
    assert not Effort.objects.filter(name="Nieuw").exists()
    assert PendingChange.objects.get().pk == body["id"]


def test_deleting_a_link_and_stopping_an_effort_go_into_the_proposal(
    api, tokens, adopted, proposal
):
    link, effort = adopted["link"], adopted["effort"]
    staff = api(tokens["staff"])
    deleted = staff.delete(
        f"/api/v1/koppelingen/{link.pk}?version={link.version}&proposal={proposal.pk}"
        "&reason=Past+niet+meer"
    )
    assert deleted.status_code == 202, deleted.content
    assert deleted.json()["element"] == link.pk
    assert deleted.json()["changes"][0]["kind"] == ChangeKind.LINK_REMOVED
    assert GoalEffortLink.objects.filter(pk=link.pk).exists()
    effort.refresh_from_db()
    stopped = staff.patch(
        f"/api/v1/inspanningen/{effort.pk}",
        {
            "version": effort.version,
            "status": "gestopt",
            "proposal": proposal.pk,
            "reason": "Subsidie vervallen.",
        },
        format="json",
    )
    assert stopped.status_code == 202, stopped.content
    assert stopped.json()["changes"][0]["kind"] == ChangeKind.EFFORT_STOPPED
    effort.refresh_from_db()
    assert effort.status != "gestopt"
    pending = PendingChange.objects.order_by("pk")
    assert [(p.operation, p.target_id) for p in pending] == [
        ("programmes.koppeling:delete", link.pk),
        ("programmes.inspanning:update", effort.pk),
    ]
    # A stale version is refused as the write itself would be.
    stale = staff.delete(
        f"/api/v1/inspanningen/{effort.pk}?version={effort.version + 5}&proposal={proposal.pk}"
        "&reason=Weg"
    )
    assert stale.status_code == 409


def test_a_goal_and_a_link_go_into_the_proposal(api, tokens, adopted, proposal):
    staff = api(tokens["staff"])
    sg = adopted["goal"].strategic_goal
    goal = staff.post(
        "/api/v1/doelen",
        {
            "strategicGoal": sg.pk,
            "code": "1z",
            "statement": "Meer groen",
            "kind": "kwalitatief",
            "proposal": proposal.pk,
            "reason": "Groen in de binnenstad.",
        },
        format="json",
    )
    assert goal.status_code == 202, goal.content
    assert goal.json()["changes"][0]["kind"] == ChangeKind.GOAL_ADDED
    assert not OperationalGoal.objects.filter(code="1z").exists()
    other = OperationalGoal.objects.get(programme=adopted["p"], code="1b")
    link = staff.post(
        "/api/v1/koppelingen",
        {
            "goal": other.pk,
            "effort": adopted["effort"].pk,
            "proposal": proposal.pk,
            "reason": "Draagt bij.",
        },
        format="json",
    )
    assert link.status_code == 202, link.content
    assert not GoalEffortLink.objects.filter(operational_goal=other).exists()


def test_an_owner_may_propose_stopping_their_effort(api, tokens, adopted, proposal):
    effort = adopted["effort"]
    effort.refresh_from_db()
    response = api(tokens["owner"]).patch(
        f"/api/v1/inspanningen/{effort.pk}",
        {
            "version": effort.version,
            "status": "gestopt",
            "proposal": proposal.pk,
            "reason": "Subsidie vervallen.",
        },
        format="json",
    )
    assert response.status_code == 202, response.content
    # Without the right to write, no proposing either.
    refused = api(tokens["reader"]).patch(
        f"/api/v1/inspanningen/{effort.pk}",
        {"version": effort.version, "status": "gestopt", "proposal": proposal.pk, "reason": "x"},
        format="json",
    )
    assert refused.status_code == 403


def test_invalid_proposals_and_reasons_name_their_field(api, tokens, adopted, proposal, admin_user):
    p, effort = adopted["p"], adopted["effort"]
    staff = api(tokens["staff"])

    def post(**extra):
        return staff.post(
            "/api/v1/inspanningen", {"programme": p.slug, "name": "Nieuw", **extra}, format="json"
        )

    assert _names(post(proposal=99999, reason="r")) == ["proposal"]
    other = proposals.proposal_create(actor=admin_user, programme=adopted["draft"])
    assert _names(post(proposal=other.pk, reason="r")) == ["proposal"]
    assert _names(post(proposal=proposal.pk)) == ["reason"]
    assert _names(post(proposal=proposal.pk, reason="   ")) == ["reason"]
    assert _names(post(reason="zonder voorstel")) == ["reason"]
    decision = decision_services.decision_create(
        actor=admin_user,
        programme=p,
        date=date(2024, 3, 1),
        title="Collegebesluit",
        authorises=["inspanning_toegevoegd"],
    )
    assert _names(post(proposal=proposal.pk, reason="r", decision=decision.pk)) == ["proposal"]
    # A change that needs no decision is not proposed.
    effort.refresh_from_db()
    plain = staff.patch(
        f"/api/v1/inspanningen/{effort.pk}",
        {
            "version": effort.version,
            "description": "Beter beschreven",
            "proposal": proposal.pk,
            "reason": "r",
        },
        format="json",
    )
    assert plain.status_code == 400
    assert _names(plain) == ["proposal"]
    # A rejected proposal takes no more changes.
    rejected = proposals.proposal_create(actor=admin_user, programme=p)
    proposals.proposal_reject(
        proposal=rejected, actor=admin_user, expected_version=None, date=date(2024, 4, 1)
    )
    assert _names(post(proposal=rejected.pk, reason="r")) == ["proposal"]
    link = adopted["link"]
    refused = staff.delete(f"/api/v1/koppelingen/{link.pk}?version={link.version}&proposal=abc")
    assert _names(refused) == ["proposal"]
    assert not PendingChange.objects.exists()
    assert not Effort.objects.filter(name="Nieuw").exists()


def test_reading_proposals_and_their_pending_changes(api, tokens, adopted, proposal, admin_user):
    staff = api(tokens["staff"])
    staff.post(
        "/api/v1/inspanningen",
        {"programme": adopted["p"].slug, "name": "Nieuw", "proposal": proposal.pk, "reason": "r"},
        format="json",
    )
    hidden = proposals.proposal_create(actor=admin_user, programme=adopted["draft"], title="Geheim")
    listed = api(tokens["reader"]).get(
        f"/api/v1/wijzigingsvoorstellen?programma={adopted['p'].slug}"
    )
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 1 and body["page"] == 1 and "_links" in body
    (item,) = body["results"]
    assert item["id"] == proposal.pk
    assert item["programme"] == adopted["p"].slug
    assert item["status"] == "concept" and item["decision"] is None
    assert [c["operation"] for c in item["pendingChanges"]] == ["programmes.inspanning:create"]
    change = item["pendingChanges"][0]
    assert change["changes"][0]["kind"] == ChangeKind.EFFORT_ADDED
    assert set(change["changes"][0]) == {"kind", "subject", "before", "after"}
    detail = api(tokens["reader"]).get(f"/api/v1/wijzigingsvoorstellen/{proposal.pk}")
    assert detail.status_code == 200
    assert detail.json() == item
    # Another programme's proposals are not visible; the admin sees both.
    assert api(tokens["reader"]).get(f"/api/v1/wijzigingsvoorstellen/{hidden.pk}").status_code == (
        404
    )
    admin_ids = {
        r["id"] for r in api(tokens["admin"]).get("/api/v1/wijzigingsvoorstellen").json()["results"]
    }
    assert admin_ids == {proposal.pk, hidden.pk}


@pytest.mark.parametrize("role", ["outsider", None])
def test_no_proposals_for_outsiders(api, tokens, proposal, role):
    client = api(tokens[role] if role else None)
    listed = client.get("/api/v1/wijzigingsvoorstellen")
    detail = client.get(f"/api/v1/wijzigingsvoorstellen/{proposal.pk}")
    if role is None:
        assert (listed.status_code, detail.status_code) == (401, 401)
    else:
        assert listed.json()["results"] == [] and detail.status_code == 404


def test_a_decided_proposal_shows_its_decision(api, tokens, adopted, proposal, admin_user):
    api(tokens["staff"]).post(
        "/api/v1/inspanningen",
        {"programme": adopted["p"].slug, "name": "Nieuw", "proposal": proposal.pk, "reason": "r"},
        format="json",
    )
    decision = proposals.proposal_decide(
        proposal=proposal,
        actor=admin_user,
        expected_version=None,
        date=date(2024, 5, 1),
        title="Besluit op het voorstel",
    )
    body = api(tokens["reader"]).get(f"/api/v1/wijzigingsvoorstellen/{proposal.pk}").json()
    assert body["status"] == "besloten" and body["decision"] == decision.pk
    assert body["pendingChanges"][0]["appliedAt"]
    assert Effort.objects.filter(name="Nieuw").exists()


def test_the_list_has_a_fixed_number_of_queries(
    api, tokens, adopted, proposal, admin_user, django_assert_max_num_queries
):
    staff = api(tokens["staff"])
    for name in ("Een", "Twee", "Drie"):
        staff.post(
            "/api/v1/inspanningen",
            {"programme": adopted["p"].slug, "name": name, "proposal": proposal.pk, "reason": "r"},
            format="json",
        )
        proposals.proposal_create(actor=admin_user, programme=adopted["p"])
    reader = api(tokens["reader"])
    reader.get("/api/v1/wijzigingsvoorstellen")  # warm the caches of the token and rules
    with django_assert_max_num_queries(12) as first:
        reader.get("/api/v1/wijzigingsvoorstellen")
    for _n in range(3):
        proposals.proposal_create(actor=admin_user, programme=adopted["p"])
    with django_assert_max_num_queries(len(first.captured_queries)):
        reader.get("/api/v1/wijzigingsvoorstellen")


def test_stopping_an_effort_with_a_decision(api, tokens, adopted, admin_user):
    """A change of an effort that needs a decision can also cite the decision directly."""
    effort = adopted["effort"]
    effort.refresh_from_db()
    staff = api(tokens["staff"])
    url = f"/api/v1/inspanningen/{effort.pk}"
    refused = staff.patch(url, {"version": effort.version, "status": "gestopt"}, format="json")
    assert refused.status_code == 400 and _names(refused) == ["decision"]
    decision = decision_services.decision_create(
        actor=admin_user,
        programme=adopted["p"],
        date=date(2024, 3, 1),
        title="Stoppen",
        authorises=[ChangeKind.EFFORT_STOPPED],
    )
    ok = staff.patch(
        url,
        {"version": effort.version, "status": "gestopt", "decision": decision.pk},
        format="json",
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "gestopt"
