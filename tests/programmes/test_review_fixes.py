"""Regression tests for problems found by trying to break Koers: rights that outlive the switch,
moving an activity out of reach, codes that break addresses, corrections overwritten,
deletes that left no trace."""

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from koers.programmes import services
from koers.programmes.constants import AccessLevel
from koers.programmes.models import (
    Activity,
    Effort,
    Person,
    Programme,
    ProgrammeRole,
    StrategicChoice,
    StrategicGoal,
)
from tests.builders import bare_programme

pytestmark = pytest.mark.django_db


def test_taking_away_functional_admin_takes_away_all_rights(admin_user, programme):
    assert admin_user.is_superuser and admin_user.is_staff
    admin_user.is_functional_admin = False
    admin_user.save()
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser and not admin_user.is_staff
    assert not admin_user.has_perm("programmes.change_programme", programme)


def test_createsuperuser_makes_a_functional_admin(django_user_model):
    user = django_user_model.objects.create_superuser("root2", "r@example.org", "x-long-pw-1")
    assert user.is_functional_admin and user.is_superuser


def test_owner_cannot_move_an_activity_to_another_effort(client, owner_user, programme, admin_user):
    own = programme.efforts.get(name="Evenementen")
    other = services.effort_create(actor=admin_user, programme=programme, name="Ander werk")
    activity = services.object_create(
        Activity, actor=admin_user, effort=own, year=2025, description="Markt"
    )
    client.force_login(owner_user)
    url = reverse("programmes:element_edit", args=[programme.slug, "activiteit", activity.pk])
    form = client.get(url).content.decode()
    assert f'value="{other.pk}"' not in form  # not even offered
    data = {"effort": other.pk, "year": 2025, "description": "Markt", "order": 1}
    response = client.post(url, dict(data, version=activity.version))
    assert response.status_code in (400, 403)
    activity.refresh_from_db()
    assert activity.effort_id == own.pk


@pytest.mark.parametrize("code", ["Z/1", "..", ".", "2 a", "a/", " "])
def test_codes_that_would_break_addresses_are_refused(client, staff_user, programme, code):
    client.force_login(staff_user)
    url = reverse("programmes:element_create", args=[programme.slug, "strategisch-doel"])
    response = client.post(url, {"code": code, "text": "x", "order": 9})
    assert response.status_code == 400
    assert not StrategicGoal.objects.filter(text="x").exists()
    assert client.get(programme.get_absolute_url()).status_code == 200


def test_import_refuses_a_code_with_a_slash_and_a_nul(tmp_path, programme):
    from koers.programmes.exchange import programme_to_dict

    data = programme_to_dict(programme)
    data["programma"]["slug"] = "kopie"
    data["strategische_doelen"][0]["code"] = "1/2"
    data["programma"]["name"] = "Naam\u0000met nul"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("import", str(path))
    text = str(exc.value)
    assert "strategische_doelen[0].code" in text
    assert "programma.name" in text and "NUL" in text
    assert not Programme.objects.filter(slug="kopie").exists()


def test_correction_in_administration_refuses_an_open_form(
    client, admin_user, staff_user, programme
):
    choice = services.object_create(
        StrategicChoice, actor=admin_user, programme=programme, title="Oud"
    )
    opened_version = choice.version
    client.force_login(admin_user)
    admin_url = reverse("admin:programmes_strategicchoice_change", args=[choice.pk])
    response = client.post(admin_url, {"programme": programme.pk, "order": 1, "title": "Correctie"})
    assert response.status_code == 302
    client.force_login(staff_user)
    url = reverse("programmes:element_edit", args=[programme.slug, "keuze", choice.pk])
    response = client.post(url, {"order": 1, "title": "Oud bewerkt", "version": opened_version})
    assert response.status_code == 409
    choice.refresh_from_db()
    assert choice.title == "Correctie"


def test_deleting_a_person_clears_references_with_history(
    client, staff_user, programme, admin_user
):
    person = services.object_create(Person, actor=admin_user, name="Van Rees")
    role = services.object_create(
        ProgrammeRole,
        actor=admin_user,
        programme=programme,
        kind="bestuurlijk_opdrachtgever",
        person=person,
    )
    effort = programme.efforts.get()
    services.object_update(effort, actor=admin_user, expected_version=None, owner=person)
    role_version, effort_version = role.version, Effort.objects.get(pk=effort.pk).version
    client.force_login(staff_user)
    url = reverse("programmes:personen_delete", args=[person.pk])
    page = client.get(url).content.decode()
    assert "programmarollen" in page.lower() and "inspanningen" in page.lower()
    assert client.post(url, {"version": person.version}).status_code == 302
    role.refresh_from_db()
    effort.refresh_from_db()
    assert role.person is None and role.version == role_version + 1
    assert effort.owner is None and effort.version == effort_version + 1
    assert effort.history.first().history_user == staff_user
    assert role.history.first().history_user == staff_user


def test_staff_of_one_programme_cannot_delete_a_person_of_another(
    client, django_user_model, programme, admin_user
):
    other = bare_programme(
        admin_user,
        "ander",
        name="Ander",
        period_start=date(2023, 1, 1),
        period_end=date(2026, 12, 31),
    )
    user = django_user_model.objects.create_user("staf-ander", password="x")
    services.programme_access_grant(
        programme=other, user=user, level=AccessLevel.STAFF, actor=admin_user
    )
    person = services.object_create(Person, actor=admin_user, name="Van Rees")
    services.object_create(
        ProgrammeRole, actor=admin_user, programme=programme, kind="programmamanager", person=person
    )
    client.force_login(user)
    url = reverse("programmes:personen_delete", args=[person.pk])
    assert client.post(url, {"version": person.version}).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_two_people_with_the_same_name_and_email_are_refused(client, staff_user):
    client.force_login(staff_user)
    url = reverse("programmes:personen_create")
    assert client.post(url, {"name": "Jansen", "email": ""}).status_code == 302
    response = client.post(url, {"name": "Jansen", "email": ""})
    assert response.status_code == 400
    assert "bestaat al een persoon" in response.content.decode()
    assert Person.objects.filter(name="Jansen").count() == 1


def test_login_page_with_next_to_itself_does_not_loop(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/account/inloggen?next=/account/inloggen")
    assert response.status_code == 302


def test_whole_numbers_follow_the_dutch_rule(client, staff_user, programme):
    client.force_login(staff_user)
    url = reverse("programmes:element_create", args=[programme.slug, "spoor"])
    response = client.post(url, {"name": "Nieuw spoor", "order": 1, "start_year": "2.019"})
    assert response.status_code == 302
    assert programme.tracks.get(name="Nieuw spoor").start_year == 2019
    response = client.post(url, {"name": "Ander spoor", "order": 1, "start_year": "7"})
    assert response.status_code == 400  # before 1900: refused, not read as a year


def test_export_command_speaks_dutch_on_a_bad_format(programme):
    with pytest.raises(CommandError, match="Onbekend formaat xml"):
        call_command("export", programme.slug, "--format", "xml")


@pytest.mark.parametrize(
    "kind, data",
    [
        ("inspanning", {"name": "evenementen", "status": "gepland", "order": 1}),
        ("spoor", {"name": "SPOOR 1", "order": 1}),
    ],
)
def test_names_and_codes_differing_only_in_capitals_are_refused(
    client, staff_user, programme, kind, data
):
    client.force_login(staff_user)
    url = reverse("programmes:element_create", args=[programme.slug, kind])
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Niet opgeslagen" in response.content.decode()


def test_operational_goal_code_differing_in_capitals_is_refused(admin_user, programme):
    from django.core.exceptions import ValidationError

    sg = StrategicGoal.objects.get(code="1")
    with pytest.raises(ValidationError):
        services.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=sg,
            code="1A",
            statement="Dubbel",
            kind="kwalitatief",
        )
