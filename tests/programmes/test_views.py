"""The DIN pages and forms through Django's test client: content, validation, conflicts,
and the number of queries of each list/detail page, independent of the data size."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.programmes import services
from koers.programmes.models import Activity, Effort, GoalEffortLink, OperationalGoal, StrategicGoal

pytestmark = pytest.mark.django_db


def _grow(programme, actor, n: int) -> None:
    """Add n strategic goals, each with two goals, an effort and links, plus activities."""
    track = programme.tracks.first()
    for i in range(n):
        sg = services.object_create(
            StrategicGoal, actor=actor, programme=programme, code=f"X{i}", text=f"Doel {i}"
        )
        for j in range(2):
            goal = services.operational_goal_create(
                actor=actor,
                programme=programme,
                strategic_goal=sg,
                code=f"X{i}{j}",
                statement=f"Operationeel {i}.{j}",
                kind="meetbaar",
                indicator={
                    "name": f"Indicator {i}.{j}",
                    "target_kind": "bereiken",
                    "target_value": Decimal(i),
                },
            )
            effort = services.effort_create(
                actor=actor, programme=programme, name=f"Inspanning {i}.{j}", track=track
            )
            services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=actor)
            services.object_create(
                Activity, actor=actor, effort=effort, year=2024, description="Iets doen"
            )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url_name",
    ["list", "detail", "history", "strategic_goal", "goal", "effort", "people", "partners"],
)
def test_query_count_independent_of_size(client, staff_user, programme, admin_user, url_name):
    client.force_login(admin_user)

    def url():
        slug = programme.slug
        effort = programme.efforts.order_by("pk").first()
        return {
            "list": reverse("programmes:list"),
            "detail": reverse("programmes:detail", args=[slug]),
            "history": reverse("programmes:history", args=[slug]),
            "strategic_goal": reverse("programmes:strategic_goal", args=[slug, "1"]),
            "goal": reverse("programmes:goal", args=[slug, "1a"]),
            "effort": reverse("programmes:effort", args=[slug, effort.pk]),
            "people": reverse("programmes:people"),
            "partners": reverse("programmes:partners"),
        }[url_name]

    small = _count(client, url())
    _grow(programme, admin_user, 6)
    big = _count(client, url())
    assert big == small, f"{url_name}: {small} queries with little data, {big} with more"


def test_programme_page_shows_the_din(client, staff_user, programme):
    client.force_login(staff_user)
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "Testprogramma" in html
    assert "Groei van het aantal bezoekers per week met 7.000" in html
    assert "93.000" in html  # the baseline, Dutch formatting
    assert "Evenementen" in html
    assert "kwalitatief" in html.lower()


def test_add_effort_and_link_from_goal_page(client, staff_user, programme):
    client.force_login(staff_user)
    url = reverse("programmes:element_create", args=[programme.slug, "inspanning"])
    response = client.post(url, {"name": "Gevelfonds", "status": "gepland", "order": 1})
    assert response.status_code == 302
    effort = Effort.objects.get(name="Gevelfonds")
    goal = OperationalGoal.objects.get(code="1a")
    link_url = reverse("programmes:element_create", args=[programme.slug, "koppeling"])
    response = client.post(
        link_url + "?doel=1a",
        {"operational_goal": goal.pk, "effort": effort.pk, "contribution": "Minder leegstand"},
    )
    assert response.status_code == 302
    assert response["Location"] == goal.get_absolute_url()
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "Gevelfonds" in page and "Minder leegstand" in page
    assert effort.links.get().history.first().history_user == staff_user


def test_validation_errors_are_shown_in_dutch_and_nothing_saved(client, staff_user, programme):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(code="1a")
    url = reverse("programmes:element_edit", args=[programme.slug, "doel", goal.pk])
    data = {
        "strategic_goal": goal.strategic_goal_id,
        "code": "1a",
        "statement": "Gewijzigd",
        "kind": "meetbaar",
        "order": 1,
        "version": goal.version,
        "indicator_name": "Bezoekers",
        "indicator_baseline_value": "93000",
        "indicator_baseline_date": "2016-12-31",
        "indicator_baseline_date_precision": "jaar",
        "indicator_target_kind": "toename",
        "indicator_target_value": "7000",
        "indicator_target_date": "2015-01-01",  # before the baseline
        "indicator_target_date_precision": "jaar",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "De streefdatum moet na de datum van de nulmeting liggen." in html
    goal.refresh_from_db()
    assert goal.statement != "Gewijzigd"


def test_unlink_from_effort_page(client, staff_user, programme, admin_user):
    goal = OperationalGoal.objects.get(code="1a")
    effort = programme.efforts.get()
    link = services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    client.force_login(staff_user)
    url = reverse("programmes:element_delete", args=[programme.slug, "koppeling", link.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": link.version, "next": effort.get_absolute_url()})
    assert response.status_code == 302
    assert not GoalEffortLink.objects.exists()


def test_owner_edits_own_effort_and_adds_activity(client, owner_user, programme):
    client.force_login(owner_user)
    effort = programme.efforts.get()
    url = reverse("programmes:element_edit", args=[programme.slug, "inspanning", effort.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="name"' not in response.content.decode()  # owners do not rename
    response = client.post(
        url, {"description": "Nieuwe tekst", "status": "uitvoering", "version": effort.version}
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.description == "Nieuwe tekst" and effort.name == "Evenementen"
    act_url = reverse("programmes:element_create", args=[programme.slug, "activiteit"])
    response = client.post(
        act_url + f"?inspanning={effort.pk}",
        {"effort": effort.pk, "year": 2024, "description": "Braderie", "order": 1},
    )
    assert response.status_code == 302
    assert effort.activities.get().description == "Braderie"
    # but not the DIN structure
    link_url = reverse("programmes:element_create", args=[programme.slug, "koppeling"])
    assert client.get(link_url).status_code == 403
    delete_url = reverse(
        "programmes:element_delete", args=[programme.slug, "inspanning", effort.pk]
    )
    assert client.get(delete_url).status_code == 403


def test_strategic_goal_with_children_cannot_be_deleted(client, staff_user, programme):
    client.force_login(staff_user)
    sg = StrategicGoal.objects.get(code="1")
    url = reverse("programmes:element_delete", args=[programme.slug, "strategisch-doel", sg.pk])
    response = client.post(url, {"version": sg.version})
    # A refused delete (something still depends on it) is 400 with the reason, as on every
    # delete page; 409 is for a stale version only.
    assert response.status_code == 400
    assert response.context["error"]
    assert StrategicGoal.objects.filter(pk=sg.pk).exists()


def test_create_programme_makes_creator_staff(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("programmes:create"),
        {
            "name": "Programma Wonen",
            "slug": "wonen",
            "municipality": "Almelo",
            "period_start": "2024-01-01",
            "period_end": "2027-12-31",
            "status": "concept",
        },
    )
    assert response.status_code == 302
    assert client.get("/programmas/wonen/").status_code == 200


def test_json_download_is_the_cli_export(client, reader_user, programme):
    from koers.exchange import export_programme

    client.force_login(reader_user)
    response = client.get(reverse("programmes:export_json", args=[programme.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.content == export_programme(programme)


@pytest.mark.parametrize(
    "typed, stored", [("93.000", "93000"), ("93000", "93000"), ("7,5", "7.5"), ("7.5", "7.5")]
)
def test_goal_form_reads_dutch_numbers(client, staff_user, programme, typed, stored):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(code="1a")
    url = reverse("programmes:element_edit", args=[programme.slug, "doel", goal.pk])
    form_html = client.get(url).content.decode()
    assert 'value="93000"' in form_html  # shown without trailing zeros
    data = {
        "strategic_goal": goal.strategic_goal_id,
        "code": "1a",
        "statement": goal.statement,
        "kind": "meetbaar",
        "order": 1,
        "version": goal.version,
        "indicator_name": "Bezoekers",
        "indicator_baseline_value": typed,
        "indicator_baseline_date_precision": "jaar",
        "indicator_target_kind": "toename",
        "indicator_target_value": "7.000",
        "indicator_target_date_precision": "jaar",
    }
    assert client.post(url, data).status_code == 302
    goal.indicator.refresh_from_db()
    assert goal.indicator.baseline_value == Decimal(stored)
    assert goal.indicator.target_value == Decimal("7000")


def test_history_page_says_who_changed_which_field(client, staff_user, programme):
    staff_user.first_name, staff_user.last_name = "Sanne", "Staf"
    staff_user.save()
    client.force_login(staff_user)
    sg = StrategicGoal.objects.get(code="1")
    url = reverse("programmes:element_edit", args=[programme.slug, "strategisch-doel", sg.pk])
    client.post(url, {"code": "1", "text": "Nieuwe tekst", "order": 1, "version": sg.version})
    html = client.get(reverse("programmes:history", args=[programme.slug])).content.decode()
    rows = [r for r in html.split("<tr")[2:] if "Sanne Staf" in r and "Strategisch doel" in r]
    assert len(rows) == 1
    assert "gewijzigd: doel" in rows[0]


def test_ratings_are_shown_with_the_decimals_of_the_contract(client, staff_user, programme):
    from koers.programmes.presentation import format_number

    assert format_number(Decimal("7.0000"), 1) == "7,0"
    assert format_number(Decimal("93000"), None) == "93.000"
    goal = OperationalGoal.objects.get(code="1a")
    services.object_update(goal.indicator, actor=None, expected_version=None, decimals=1)
    client.force_login(staff_user)
    html = client.get(goal.get_absolute_url()).content.decode()
    assert "93.000,0" in html


def test_conflict_shows_what_the_other_saved_and_allows_a_deliberate_save(
    client, staff_user, programme
):
    client.force_login(staff_user)
    sg = StrategicGoal.objects.get(code="1")
    url = reverse("programmes:element_edit", args=[programme.slug, "strategisch-doel", sg.pk])
    opened = sg.version
    client.post(url, {"code": "1", "text": "Tekst van Anne", "order": 1, "version": opened})
    response = client.post(
        url, {"code": "1", "text": "Tekst van Bart", "order": 1, "version": opened}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tekst van Anne" in html and "Tekst van Bart" in html
    assert "Volgorde" not in html.split("Wat de ander heeft opgeslagen")[1].split("</table>")[0]
    sg.refresh_from_db()
    assert f'name="version" value="{sg.version}"' in html
    # saving again, now knowingly, replaces the other's text
    again = client.post(
        url, {"code": "1", "text": "Tekst van Bart", "order": 1, "version": sg.version}
    )
    assert again.status_code == 302
    sg.refresh_from_db()
    assert sg.text == "Tekst van Bart"


def test_functional_admin_grants_and_revokes_access(client, admin_user, staff_user, programme):
    from django.contrib.auth import get_user_model

    from koers.programmes.models import ProgrammeAccess

    newcomer = get_user_model().objects.create_user("wethouder", password="x", first_name="Wim")
    url = reverse("programmes:access", args=[programme.slug])
    client.force_login(staff_user)
    assert client.post(url, {"user": newcomer.pk, "level": "lezer"}).status_code == 403
    client.force_login(admin_user)
    assert client.post(url, {"user": newcomer.pk, "level": "lezer"}).status_code == 302
    access = ProgrammeAccess.objects.get(user=newcomer)
    assert access.level == "lezer"
    client.force_login(newcomer)
    assert client.get(programme.get_absolute_url()).status_code == 200
    client.force_login(admin_user)
    revoke = reverse("programmes:access_revoke", args=[programme.slug, access.pk])
    assert client.get(revoke).status_code == 405
    assert client.post(revoke).status_code == 302
    assert not ProgrammeAccess.objects.filter(user=newcomer).exists()
    history = client.get(reverse("programmes:history", args=[programme.slug])).content.decode()
    assert "Wim: lezer" in history
    client.force_login(newcomer)
    assert client.get(programme.get_absolute_url()).status_code == 403
