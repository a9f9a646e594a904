"""Issue 18, hole 1: a person is shared by every programme, so staff of one programme must not
redirect the digest of another by changing its principal's e-mail address."""

from datetime import date

import pytest
from django.urls import reverse

from koers.programmes import services
from koers.programmes.constants import AccessLevel
from koers.programmes.models import Person, ProgrammeRole
from tests.builders import bare_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_staff(django_user_model, admin_user):
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
    return user


@pytest.fixture
def principal(programme, admin_user):
    person = services.object_create(
        Person, actor=admin_user, name="Van Rees", email="wethouder@gemeente.nl"
    )
    services.object_create(
        ProgrammeRole,
        actor=admin_user,
        programme=programme,
        kind="bestuurlijk_opdrachtgever",
        person=person,
    )
    return person


def _post(person, email):
    return {"name": person.name, "email": email, "version": person.version}


def test_staff_of_another_programme_cannot_change_a_principals_address(
    client, other_staff, principal
):
    client.force_login(other_staff)
    url = reverse("programmes:personen_edit", args=[principal.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _post(principal, "aanvaller@example.org")).status_code == 403
    principal.refresh_from_db()
    assert principal.email == "wethouder@gemeente.nl"


def test_staff_of_another_programme_may_edit_a_person_without_roles(client, other_staff):
    person = services.object_create(Person, actor=other_staff, name="Zonder rol")
    client.force_login(other_staff)
    url = reverse("programmes:personen_edit", args=[person.pk])
    assert client.post(url, _post(person, "nieuw@example.org")).status_code == 302
    person.refresh_from_db()
    assert person.email == "nieuw@example.org"


def test_staff_of_the_programme_may_change_the_address_and_history_shows_it(
    client, staff_user, reader_user, programme, principal
):
    client.force_login(staff_user)
    url = reverse("programmes:personen_edit", args=[principal.pk])
    assert client.post(url, _post(principal, "nieuw@gemeente.nl")).status_code == 302
    principal.refresh_from_db()
    assert principal.email == "nieuw@gemeente.nl"
    client.force_login(reader_user)
    page = client.get(reverse("programmes:history", args=[programme.slug])).content.decode()
    assert "Van Rees" in page
    assert "wethouder@gemeente.nl → nieuw@gemeente.nl" in page
