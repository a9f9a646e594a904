"""Contributions between programmes: an effort of one programme proposed for a goal of another,
accepted or declined by the goal's programme; permissions on both sides, change control of an
adopted goal programme, and the goal's and effort's pages (with fixed query counts)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.programmes import services, services_crosslinks
from koers.programmes.change_control import ChangeKind
from koers.programmes.constants import AccessLevel
from koers.programmes.models import CrossLinkState, CrossProgrammeLink, Person
from tests.builders import adopt, bare_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(admin_user):
    """A second programme with goal 9z and the effort "Wijkaanpak"."""
    p = bare_programme(admin_user, "sociaal-domein", name="Sociaal domein")
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=p, code="9", text="Meedoen"
    )
    services.operational_goal_create(
        actor=admin_user,
        programme=p,
        strategic_goal=sg,
        code="9z",
        statement="Meer inwoners doen mee",
        kind="kwalitatief",
    )
    services.effort_create(actor=admin_user, programme=p, name="Wijkaanpak")
    return p


@pytest.fixture
def other_staff(django_user_model, other, admin_user, programme):
    """Staff of the other programme, reader of the fixture programme."""
    user = django_user_model.objects.create_user("anderstaf", password="x")
    services.programme_access_grant(
        programme=other, user=user, level=AccessLevel.STAFF, actor=admin_user
    )
    services.programme_access_grant(
        programme=programme, user=user, level=AccessLevel.READER, actor=admin_user
    )
    return user


@pytest.fixture
def effort(other):
    return other.efforts.get(name="Wijkaanpak")


@pytest.fixture
def goal(programme):
    return programme.operational_goals.get(code="1a")


@pytest.fixture
def proposed(effort, goal, other_staff):
    return services_crosslinks.cross_link_propose(
        effort=effort,
        operational_goal=goal,
        contribution="Meer bezoek uit de wijken",
        actor=other_staff,
    )


@pytest.fixture
def accepted(proposed, staff_user):
    return services_crosslinks.cross_link_accept(
        link=proposed, actor=staff_user, expected_version=proposed.version
    )


def _adopt(programme, admin_user):
    adopt(admin_user, programme)
    programme.refresh_from_db()


def _decision(programme, admin_user):
    from koers.decisions import services as decision_services

    return decision_services.decision_create(
        actor=admin_user,
        programme=programme,
        date=date(2020, 3, 10),
        title="Besluit bijdrage",
        authorises=["koppeling_toegevoegd", "koppeling_verwijderd"],
    )


def _propose_url(effort):
    return reverse(
        "programmes:cross_link_propose", kwargs={"slug": effort.programme.slug, "pk": effort.pk}
    )


def _url(name, link, side="goal"):
    programme = link.operational_goal.programme if side == "goal" else link.effort.programme
    return reverse(f"programmes:{name}", kwargs={"slug": programme.slug, "pk": link.pk})


# --- the services -------------------------------------------------------------------------------


def test_propose_and_accept(proposed, staff_user, other_staff):
    assert proposed.state == CrossLinkState.PROPOSED
    assert proposed.proposed_by == other_staff and proposed.proposed_at is not None
    link = services_crosslinks.cross_link_accept(
        link=proposed, actor=staff_user, expected_version=proposed.version
    )
    link.refresh_from_db()
    assert link.state == CrossLinkState.ACCEPTED
    assert link.decided_by == staff_user and link.version == 2
    assert link.history.first().history_user == staff_user


def test_a_link_within_one_programme_is_refused(programme, goal, staff_user):
    own = programme.efforts.get(name="Evenementen")
    with pytest.raises(ValidationError) as exc_info:
        services_crosslinks.cross_link_propose(
            effort=own, operational_goal=goal, contribution="x", actor=staff_user
        )
    assert "operational_goal" in exc_info.value.message_dict
    assert not CrossProgrammeLink.objects.exists()


def test_a_duplicate_is_refused(proposed, effort, goal, other_staff):
    with pytest.raises(ValidationError):
        services_crosslinks.cross_link_propose(
            effort=effort, operational_goal=goal, contribution="nogmaals", actor=other_staff
        )
    assert CrossProgrammeLink.objects.count() == 1


def test_the_contribution_text_is_required(effort, goal, other_staff):
    with pytest.raises(ValidationError) as exc_info:
        services_crosslinks.cross_link_propose(
            effort=effort, operational_goal=goal, contribution="", actor=other_staff
        )
    assert "contribution" in exc_info.value.message_dict


def test_decline_needs_a_reason_and_can_be_proposed_again(proposed, staff_user, other_staff):
    with pytest.raises(ValidationError) as exc_info:
        services_crosslinks.cross_link_decline(
            link=proposed, actor=staff_user, expected_version=proposed.version, reason="  "
        )
    assert "decision_reason" in exc_info.value.message_dict
    assert CrossProgrammeLink.objects.get().state == CrossLinkState.PROPOSED
    proposed.refresh_from_db()
    declined = services_crosslinks.cross_link_decline(
        link=proposed, actor=staff_user, expected_version=proposed.version, reason="Past niet"
    )
    assert declined.state == CrossLinkState.DECLINED and declined.decision_reason == "Past niet"
    with pytest.raises(ValidationError):  # decided: cannot be accepted any more
        services_crosslinks.cross_link_accept(
            link=declined, actor=staff_user, expected_version=None
        )
    again = services_crosslinks.cross_link_propose(
        effort=declined.effort,
        operational_goal=declined.operational_goal,
        contribution="Nu met wijkbudget",
        actor=other_staff,
    )
    assert again.pk == declined.pk and again.state == CrossLinkState.PROPOSED
    assert again.decision_reason == "" and again.decided_by is None


def test_a_stale_decision_is_refused(proposed, staff_user):
    with pytest.raises(services_crosslinks.ConflictError):
        services_crosslinks.cross_link_accept(
            link=proposed, actor=staff_user, expected_version=proposed.version + 5
        )
    assert CrossProgrammeLink.objects.get().state == CrossLinkState.PROPOSED


def test_rules_who_proposes_and_who_decides(programme, other, other_staff, staff_user, effort):
    """Proposing is for the staff of the effort's programme, deciding for the staff of the
    goal's programme (django-rules ``programmes.propose_cross_link`` and
    ``programmes.decide_cross_link``)."""
    assert other_staff.has_perm("programmes.propose_cross_link", effort)
    assert not other_staff.has_perm("programmes.decide_cross_link", programme)
    assert staff_user.has_perm("programmes.decide_cross_link", programme)
    assert not staff_user.has_perm("programmes.propose_cross_link", effort)


def test_withdraw_a_proposal_but_not_an_accepted_contribution(accepted, other_staff):
    with pytest.raises(ValidationError):
        services_crosslinks.cross_link_withdraw(
            link=accepted, actor=other_staff, expected_version=None
        )
    assert CrossProgrammeLink.objects.exists()


def test_withdraw(proposed, other_staff):
    services_crosslinks.cross_link_withdraw(
        link=proposed, actor=other_staff, expected_version=proposed.version
    )
    assert not CrossProgrammeLink.objects.exists()
    assert CrossProgrammeLink.history.filter(history_type="-").get().history_user == other_staff


# --- change control of an adopted goal programme ------------------------------------------------


def test_accepting_into_an_adopted_programme_needs_its_decision(
    programme, proposed, staff_user, admin_user, other
):
    from koers.decisions.models import ProgrammeChange

    _adopt(programme, admin_user)
    proposed.refresh_from_db()
    with pytest.raises(ValidationError) as exc_info:
        services_crosslinks.cross_link_accept(
            link=proposed, actor=staff_user, expected_version=proposed.version
        )
    assert "decision" in exc_info.value.message_dict
    assert CrossProgrammeLink.objects.get().state == CrossLinkState.PROPOSED
    # a decision of the effort's programme does not do
    with pytest.raises(ValidationError):
        services_crosslinks.cross_link_accept(
            link=proposed,
            actor=staff_user,
            expected_version=proposed.version,
            decision=_decision(other, admin_user),
        )
    decision = _decision(programme, admin_user)
    services_crosslinks.cross_link_accept(
        link=proposed, actor=staff_user, expected_version=proposed.version, decision=decision
    )
    change = ProgrammeChange.objects.get(kind=ChangeKind.LINK_ADDED)
    assert change.programme == programme and change.decision == decision
    assert "1a" in change.subject and "Wijkaanpak" in change.subject
    assert "Sociaal domein" in change.subject


def test_removing_from_an_adopted_programme_needs_its_decision(
    programme, accepted, staff_user, admin_user
):
    from koers.decisions.models import ProgrammeChange

    _adopt(programme, admin_user)
    with pytest.raises(ValidationError) as exc_info:
        services_crosslinks.cross_link_remove(
            link=accepted, actor=staff_user, expected_version=None
        )
    assert "decision" in exc_info.value.message_dict
    assert CrossProgrammeLink.objects.exists()
    decision = _decision(programme, admin_user)
    services_crosslinks.cross_link_remove(
        link=accepted, actor=staff_user, expected_version=accepted.version, decision=decision
    )
    assert not CrossProgrammeLink.objects.exists()
    change = ProgrammeChange.objects.get(kind=ChangeKind.LINK_REMOVED)
    assert change.decision == decision


def test_an_adopted_effort_programme_needs_no_decision(other, proposed, staff_user, admin_user):
    """The effort's programme does not change: its efforts and goals stay the same."""
    _adopt(other, admin_user)
    link = services_crosslinks.cross_link_accept(
        link=proposed, actor=staff_user, expected_version=proposed.version
    )
    assert link.is_accepted


# --- the pages: permissions on both sides -------------------------------------------------------


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user, other_staff):
    return {
        "admin": admin_user,
        "staff": staff_user,  # staff of the goal's programme
        "reader": reader_user,
        "owner": owner_user,  # owns Evenementen in the goal's programme
        "outsider": outsider_user,
        "other_staff": other_staff,  # staff of the effort's programme (reader of the goal's)
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("other_staff", 200),
        ("admin", 200),
        ("staff", 403),
        ("reader", 403),
        ("owner", 403),
        ("outsider", 403),
    ],
)
def test_who_may_propose(client, users, effort, who, status):
    client.force_login(users[who])
    assert client.get(_propose_url(effort)).status_code == status


def test_an_effort_owner_may_not_propose_for_their_own_effort(client, programme, owner_user, other):
    """Proposing is for the programme's staff (the programme managers agree), not the owner."""
    own = programme.efforts.get(name="Evenementen")
    client.force_login(owner_user)
    assert client.get(_propose_url(own)).status_code == 403
    response = client.post(
        _propose_url(own),
        {"operational_goal": other.operational_goals.get().pk, "contribution": "x"},
    )
    assert response.status_code == 403 and not CrossProgrammeLink.objects.exists()


def test_propose_through_the_form(client, other_staff, effort, goal, programme):
    client.force_login(other_staff)
    page = client.get(_propose_url(effort)).content.decode()
    # the goals of the programmes the user may see, grouped by programme; not the own ones
    assert '<optgroup label="Testprogramma">' in page and "1a — Groei" in page
    assert "9z —" not in page
    response = client.post(
        _propose_url(effort), {"operational_goal": goal.pk, "contribution": "Wijkbezoek"}
    )
    assert response.status_code == 302
    assert response["Location"] == effort.get_absolute_url() + "#bijdragen"
    link = CrossProgrammeLink.objects.get()
    assert (link.effort, link.operational_goal, link.state) == (effort, goal, "voorgesteld")
    # a duplicate is refused with a message on the form
    again = client.post(
        _propose_url(effort), {"operational_goal": goal.pk, "contribution": "Nogmaals"}
    )
    assert again.status_code == 400 and CrossProgrammeLink.objects.count() == 1


def test_a_goal_of_an_invisible_or_the_own_programme_cannot_be_chosen(
    client, other_staff, effort, other, django_user_model, admin_user
):
    hidden = bare_programme(admin_user, "verborgen", name="Verborgen")
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=hidden, code="1", text="X"
    )
    secret = services.operational_goal_create(
        actor=admin_user,
        programme=hidden,
        strategic_goal=sg,
        code="5x",
        statement="Geheim",
        kind="kwalitatief",
    )
    client.force_login(other_staff)
    assert "Geheim" not in client.get(_propose_url(effort)).content.decode()
    for goal_pk in (secret.pk, other.operational_goals.get().pk):
        response = client.post(
            _propose_url(effort), {"operational_goal": goal_pk, "contribution": "x"}
        )
        assert response.status_code == 400
    assert not CrossProgrammeLink.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff", 200),
        ("admin", 200),
        ("other_staff", 403),
        ("reader", 403),
        ("owner", 403),
        ("outsider", 403),
    ],
)
def test_who_may_review(client, users, proposed, who, status):
    client.force_login(users[who])
    assert client.get(_url("cross_link_review", proposed)).status_code == status
    response = client.post(
        _url("cross_link_review", proposed),
        {"action": "accept", "accept-version": proposed.version},
    )
    accepted = CrossProgrammeLink.objects.get().is_accepted
    assert accepted == (status == 200)
    assert response.status_code == (302 if status == 200 else 403)


def test_review_under_the_effort_programme_is_not_found(client, admin_user, proposed):
    client.force_login(admin_user)
    assert client.get(_url("cross_link_review", proposed, side="effort")).status_code == 404


def test_decline_through_the_form_needs_a_reason(client, staff_user, proposed):
    client.force_login(staff_user)
    url = _url("cross_link_review", proposed)
    response = client.post(url, {"action": "decline", "decline-version": proposed.version})
    assert response.status_code == 400
    assert CrossProgrammeLink.objects.get().state == CrossLinkState.PROPOSED
    response = client.post(
        url,
        {"action": "decline", "decline-version": proposed.version, "decline-reason": "Niet nu"},
    )
    assert response.status_code == 302
    link = CrossProgrammeLink.objects.get()
    assert link.state == CrossLinkState.DECLINED and link.decision_reason == "Niet nu"
    # the decided proposal shows no forms any more
    page = client.get(url).content.decode()
    assert "already been decided" in page or "al besloten" in page


def test_a_stale_review_is_refused_with_409(client, staff_user, proposed):
    client.force_login(staff_user)
    response = client.post(
        _url("cross_link_review", proposed),
        {"action": "accept", "accept-version": proposed.version + 1},
    )
    assert response.status_code == 409
    assert CrossProgrammeLink.objects.get().state == CrossLinkState.PROPOSED


def test_accept_in_an_adopted_programme_through_the_form(
    client, staff_user, programme, proposed, admin_user
):
    from koers.decisions.models import ProgrammeChange

    _adopt(programme, admin_user)
    decision = _decision(programme, admin_user)
    client.force_login(staff_user)
    url = _url("cross_link_review", proposed)
    page = client.get(url).content.decode()
    assert 'name="accept-decision"' in page and "Besluit bijdrage" in page
    refused = client.post(url, {"action": "accept", "accept-version": proposed.version})
    assert refused.status_code == 400
    assert CrossProgrammeLink.objects.get().state == CrossLinkState.PROPOSED
    done = client.post(
        url,
        {
            "action": "accept",
            "accept-version": proposed.version,
            "accept-decision": decision.pk,
        },
    )
    assert done.status_code == 302
    assert ProgrammeChange.objects.filter(kind=ChangeKind.LINK_ADDED, decision=decision).exists()


def test_a_draft_programme_shows_no_decision_field(client, staff_user, proposed):
    client.force_login(staff_user)
    page = client.get(_url("cross_link_review", proposed)).content.decode()
    assert 'name="accept-decision"' not in page


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("other_staff", True),
        ("admin", True),
        ("staff", False),
        ("reader", False),
        ("owner", False),
        ("outsider", False),
    ],
)
def test_who_may_withdraw(client, users, proposed, who, allowed):
    client.force_login(users[who])
    url = _url("cross_link_withdraw", proposed, side="effort")
    assert client.get(url).status_code == 405
    response = client.post(url, {"version": proposed.version})
    assert response.status_code == (302 if allowed else 403)
    assert CrossProgrammeLink.objects.exists() != allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("staff", True),
        ("admin", True),
        ("other_staff", False),
        ("reader", False),
        ("owner", False),
        ("outsider", False),
    ],
)
def test_who_may_remove(client, users, accepted, who, allowed):
    client.force_login(users[who])
    url = _url("cross_link_remove", accepted)
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, {"version": accepted.version})
    assert response.status_code == (302 if allowed else 403)
    assert CrossProgrammeLink.objects.exists() != allowed


def test_remove_in_an_adopted_programme_through_the_form(
    client, staff_user, programme, accepted, admin_user
):
    _adopt(programme, admin_user)
    decision = _decision(programme, admin_user)
    client.force_login(staff_user)
    url = _url("cross_link_remove", accepted)
    assert 'name="decision"' in client.get(url).content.decode()
    assert client.post(url, {"version": accepted.version}).status_code == 400
    assert CrossProgrammeLink.objects.exists()
    response = client.post(url, {"version": accepted.version, "decision": decision.pk})
    assert response.status_code == 302 and not CrossProgrammeLink.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("staff", 200),
        ("reader", 200),
        ("owner", 200),
        ("other_staff", 200),
        ("admin", 200),
        ("outsider", 403),
    ],
)
def test_who_may_see_the_overview(client, users, programme, proposed, who, status):
    client.force_login(users[who])
    response = client.get(reverse("programmes:cross_links", kwargs={"slug": programme.slug}))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Wijkaanpak" in html
        review = _url("cross_link_review", proposed)
        assert (review in html) == (who in ("staff", "admin"))


def test_the_overview_of_the_effort_programme_lists_its_proposals(
    client, other_staff, other, proposed
):
    client.force_login(other_staff)
    html = client.get(reverse("programmes:cross_links", kwargs={"slug": other.slug})).content
    html = html.decode()
    assert "Groei van het aantal bezoekers" in html
    assert _url("cross_link_withdraw", proposed, side="effort") in html


def test_anonymous_is_sent_to_log_in(client, proposed):
    for url in (
        _propose_url(proposed.effort),
        _url("cross_link_review", proposed),
        _url("cross_link_remove", proposed),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/account/inloggen" in response["Location"]


# --- the goal's and the effort's pages ------------------------------------------------------------


def test_goal_and_effort_pages_show_accepted_and_pending(
    client, staff_user, other_staff, accepted, goal, effort, programme
):
    client.force_login(staff_user)
    html = client.get(goal.get_absolute_url()).content.decode()
    section = html[html.index('id="andere-programmas"') :]
    assert "Wijkaanpak" in section and "Sociaal domein" in section
    assert "Meer bezoek uit de wijken" in section
    # staff of the goal's programme may not open the other programme's effort: no link
    assert effort.get_absolute_url() not in section
    assert _url("cross_link_remove", accepted) in section
    # the goal has no effort of its own: the warning says it is served elsewhere
    assert "No effort serves this goal yet" not in html and "Geen inspanning dient" not in html

    client.force_login(other_staff)
    html = client.get(effort.get_absolute_url()).content.decode()
    section = html[html.index('id="bijdragen"') :]
    assert goal.get_absolute_url() in section and "Testprogramma" in section
    assert "geaccepteerd" in section.lower() or "accepted" in section.lower()
    assert _propose_url(effort) in section


def test_the_goal_page_offers_a_review_of_pending_proposals(client, staff_user, proposed, goal):
    client.force_login(staff_user)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert _url("cross_link_review", proposed) in html


def test_a_reader_sees_no_actions(client, reader_user, proposed, goal):
    client.force_login(reader_user)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "Wijkaanpak" in html and _url("cross_link_review", proposed) not in html


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["goal", "effort", "overview"])
def test_query_counts_do_not_grow_with_contributions(
    client, admin_user, programme, other, accepted, page
):
    """More contributions, in several states and from several programmes, cost no queries."""
    goal = programme.operational_goals.get(code="1a")
    effort = other.efforts.get(name="Wijkaanpak")
    url = {
        "goal": goal.get_absolute_url(),
        "effort": effort.get_absolute_url(),
        "overview": reverse("programmes:cross_links", kwargs={"slug": programme.slug}),
    }[page]
    client.force_login(admin_user)
    small = _count(client, url)
    person = services.object_create(Person, actor=admin_user, name="Trekker Twee")
    for i in range(4):
        extra = services.effort_create(
            actor=admin_user, programme=other, name=f"Extra {i}", owner=person
        )
        for code in ("1a", "1b"):
            link = services_crosslinks.cross_link_propose(
                effort=extra,
                operational_goal=programme.operational_goals.get(code=code),
                contribution="x",
                actor=admin_user,
            )
            if i % 2:
                services_crosslinks.cross_link_accept(
                    link=link, actor=admin_user, expected_version=None
                )
    services_crosslinks.cross_link_propose(
        effort=effort,
        operational_goal=programme.operational_goals.get(code="1b"),
        contribution="y",
        actor=admin_user,
    )
    assert _count(client, url) == small
