"""The intake's pages: who may open what, registration by a user without access to the
programme, the assessment (with a stale edit), turning an initiative into an effort (with change
control) and the moments of contact."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.intake import services
from koers.intake.constants import IntakeStatus, Origin, Outcome
from koers.intake.models import ContactMoment, Initiative
from koers.programmes.models import Effort, GoalEffortLink, OperationalGoal

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
        "anonymous": None,
    }


def _assessed(initiative, actor, outcome):
    return services.initiative_assess(
        initiative=initiative,
        actor=actor,
        expected_version=initiative.version,
        outcome=outcome,
        reasons="Afgesproken.",
    )


VIEWERS = {"admin", "staff", "reader", "owner"}
EDITORS = {"admin", "staff"}
ACCOUNTS = VIEWERS | {"outsider"}


@pytest.mark.parametrize("role", ["admin", "staff", "reader", "owner", "outsider", "anonymous"])
def test_permissions_on_every_page(client, users, make_initiative, admin_user, role):
    ours = make_initiative("Van de buitenstaander")  # registered by the outsider
    theirs = _assessed(make_initiative("Van de staf", actor=admin_user), admin_user, "afstemming")
    moment = services.contact_moment_add(
        initiative=theirs, actor=admin_user, date=date(2025, 1, 1), description="Overleg"
    )
    base = f"/programmas/{SLUG}/initiatieven"
    cases = {
        "mine": ("/programmas/initiatieven/", ACCOUNTS),
        "register": ("/programmas/initiatieven/nieuw", ACCOUNTS),
        "register step 2": (f"/programmas/initiatieven/nieuw?programma={SLUG}", ACCOUNTS),
        "list": (f"{base}/", VIEWERS),
        "detail own": (f"{base}/{ours.pk}/", ACCOUNTS),
        "detail other": (f"{base}/{theirs.pk}/", VIEWERS),
        "assess": (f"{base}/{ours.pk}/beoordelen", EDITORS),
        "to effort": (f"{base}/{ours.pk}/inspanning", EDITORS),
        "contact add": (f"{base}/{theirs.pk}/contactmomenten/nieuw", EDITORS),
        "contact delete": (
            f"{base}/{theirs.pk}/contactmomenten/{moment.pk}/verwijderen",
            EDITORS,
        ),
    }
    user = users[role]
    if user is not None:
        client.force_login(user)
    for name, (url, allowed) in cases.items():
        response = client.get(url)
        if role in allowed:
            assert response.status_code == 200, (role, name)
        elif role == "anonymous":
            assert response.status_code == 302 and "/account/inloggen" in response["Location"]
        else:
            assert response.status_code == 403, (role, name, response.status_code)


def test_forbidden_posts_change_nothing(client, users, make_initiative):
    initiative = make_initiative()
    for role in ("reader", "owner", "outsider"):
        client.force_login(users[role])
        response = client.post(
            reverse("intake:assess", args=[SLUG, initiative.pk]),
            {"outcome": "opdrachtgever", "reasons": "Ik mag dit niet", "version": 1},
        )
        assert response.status_code == 403
        response = client.post(reverse("intake:to_effort", args=[SLUG, initiative.pk]), {})
        assert response.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == IntakeStatus.OPEN


def test_registration_by_a_user_without_access(client, outsider_user, programme):
    client.force_login(outsider_user)
    page = client.get(reverse("intake:register")).content.decode()
    assert "Testprogramma" in page  # the programme's name is offered
    assert "Groei van het aantal bezoekers" not in page  # but nothing of its content
    url = reverse("intake:register") + f"?programma={SLUG}"
    page = client.get(url).content.decode()
    # Issue 18, hole 7: the goals are the programme's content, not for a user who may not read it.
    assert "Groei van het aantal bezoekers" not in page
    assert 'name="goals"' not in page
    goal = OperationalGoal.objects.get(code="1a")
    response = client.post(
        url,
        {
            "title": "Fietsenstalling Marktplein",
            "initiator": "Fietsersbond Almelo",
            "origin": Origin.OUTSIDE,
            "origin_name": "Fietsersbond",
            "location": "Marktplein",
            "description": "Een bewaakte stalling.",
            "expected_contribution": "Bezoekers komen makkelijker op de fiets.",
            "goals": [goal.pk],
        },
    )
    initiative = Initiative.objects.get(title="Fietsenstalling Marktplein")
    assert response.status_code == 302
    assert response["Location"] == initiative.get_absolute_url()
    assert initiative.registered_by == outsider_user
    assert list(initiative.goals.all()) == []  # a posted goal is ignored
    page = client.get(response["Location"]).content.decode()
    assert "Fietsenstalling Marktplein" in page
    assert reverse("intake:assess", args=[SLUG, initiative.pk]) not in page
    mine = client.get(reverse("intake:mine")).content.decode()
    assert "Fietsenstalling Marktplein" in mine
    assert client.get(reverse("intake:list", args=[SLUG])).status_code == 403


def test_a_reader_chooses_from_the_goals_of_the_programme_only(
    client, reader_user, programme, admin_user
):
    from tests.builders import bare_programme, goal_build

    other = bare_programme(admin_user, "ander", name="Ander programma")
    goal_build(admin_user, other, code="9z", statement="Geheim doel van een ander programma")
    client.force_login(reader_user)
    page = client.get(reverse("intake:register") + f"?programma={SLUG}").content.decode()
    assert "1a. Groei van het aantal bezoekers" in page  # the goals to choose from
    assert "Geheim doel" not in page
    page = client.get(reverse("intake:register") + "?programma=ander").content.decode()
    assert 'name="goals"' not in page and "Geheim doel" not in page


def test_registration_errors_name_the_fields(client, outsider_user, programme):
    client.force_login(outsider_user)
    response = client.post(
        reverse("intake:register") + f"?programma={SLUG}", {"title": "Alleen een titel"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_initiator"' in page and 'href="#id_location"' in page
    assert not Initiative.objects.exists()


def test_unknown_programme_is_refused(client, outsider_user, programme):
    client.force_login(outsider_user)
    response = client.get(reverse("intake:register") + "?programma=bestaat-niet")
    assert response.status_code == 400


def test_assessment_and_conversion(client, staff_user, make_initiative, programme):
    initiative = make_initiative()
    client.force_login(staff_user)
    url = reverse("intake:assess", args=[SLUG, initiative.pk])
    response = client.post(url, {"outcome": "opdrachtgever", "reasons": "", "version": 1})
    assert response.status_code == 400
    assert 'href="#id_reasons"' in response.content.decode()
    response = client.post(
        url, {"outcome": "opdrachtgever", "reasons": "Kern van spoor 1.", "version": 1}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.outcome, initiative.assessed_by) == (Outcome.PRINCIPAL, staff_user)

    detail = client.get(initiative.get_absolute_url()).content.decode()
    convert_url = reverse("intake:to_effort", args=[SLUG, initiative.pk])
    assert convert_url in detail
    page = client.get(convert_url).content.decode()
    assert 'value="Pop-up galerie"' in page
    assert 'name="decision"' in page  # a concept programme: the decision is optional
    response = client.post(
        convert_url, {"name": "Pop-up galerie", "version": initiative.version, "decision": ""}
    )
    effort = Effort.objects.get(name="Pop-up galerie")
    assert response.status_code == 302 and response["Location"] == effort.get_absolute_url()
    assert GoalEffortLink.objects.filter(effort=effort, operational_goal__code="1a").exists()
    # twice: refused, nothing more written
    response = client.post(convert_url, {"name": "Nog eens", "version": initiative.version + 1})
    assert response.status_code == 400
    assert not Effort.objects.filter(name="Nog eens").exists()


def test_stale_assessment_gives_409(client, staff_user, admin_user, make_initiative):
    initiative = make_initiative()
    _assessed(initiative, admin_user, Outcome.OUTSIDE)
    client.force_login(staff_user)
    response = client.post(
        reverse("intake:assess", args=[SLUG, initiative.pk]),
        {"outcome": "regisseur", "reasons": "Regie", "version": 1},
    )
    assert response.status_code == 409
    assert "Wat de ander heeft opgeslagen" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.outcome == Outcome.OUTSIDE


def test_adopted_programme_conversion_needs_a_decision(
    client, staff_user, make_initiative, adopted, decision
):
    initiative = _assessed(make_initiative(), staff_user, Outcome.DIRECTOR)
    client.force_login(staff_user)
    url = reverse("intake:to_effort", args=[SLUG, initiative.pk])
    assert "2020/0042" in client.get(url).content.decode()
    data = {"name": "Pop-up galerie", "version": initiative.version}
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'href="#id_decision"' in response.content.decode()
    assert not Effort.objects.filter(name="Pop-up galerie").exists()
    response = client.post(url, {**data, "decision": decision.pk})
    assert response.status_code == 302
    effort = Effort.objects.get(name="Pop-up galerie")
    assert effort.municipality_role == "regisseur"


def test_contact_moments(client, staff_user, make_initiative):
    initiative = _assessed(make_initiative(), staff_user, Outcome.ALIGNMENT)
    client.force_login(staff_user)
    add = reverse("intake:contact_add", args=[SLUG, initiative.pk])
    assert client.post(add, {"date": "", "description": "Overleg"}).status_code == 400
    response = client.post(
        add, {"date": "2025-09-01", "description": "Overleg met de initiatiefnemer"}
    )
    assert response.status_code == 302
    moment = ContactMoment.objects.get()
    listing = client.get(reverse("intake:list", args=[SLUG])).content.decode()
    assert "Overleg met de initiatiefnemer" in listing
    delete = reverse("intake:contact_delete", args=[SLUG, initiative.pk, moment.pk])
    assert client.post(delete, {"version": "1"}).status_code == 302
    assert not ContactMoment.objects.exists()


def test_list_query_count_is_fixed(client, staff_user, make_initiative, admin_user):
    client.force_login(staff_user)
    url = reverse("intake:list", args=[SLUG])

    def count(n):
        for i in range(n):
            initiative = make_initiative(f"I{Initiative.objects.count()}")
            if i % 3 == 1:
                _assessed(initiative, admin_user, Outcome.ALIGNMENT)
            elif i % 3 == 2:
                initiative = _assessed(initiative, admin_user, Outcome.PRINCIPAL)
                services.initiative_to_effort(
                    initiative=initiative, actor=admin_user, expected_version=None
                )
        client.get(url)  # warm up the session
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    assert count(3) == count(9)
