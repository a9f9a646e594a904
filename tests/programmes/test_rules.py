"""Who may do what (koers.programmes.rules): one table, every role against every permission."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from koers.programmes import services
from koers.programmes.constants import AccessLevel
from tests.builders import bare_programme

pytestmark = pytest.mark.django_db

USERS = ["admin", "staff", "reader", "owner", "outsider", "anonymous"]

# permission, target → the users who get it; everybody else is refused (deny by default).
#   programme:     the fixture programme
#   owned_effort:  "Evenementen", owned by the owner user
#   other_effort:  another effort of the same programme
#   elsewhere:     a second programme nobody but the administrator can reach
#   None:          a check without object
EXPECTED: list[tuple[str, str | None, set[str]]] = [
    ("programmes.view_programme", "programme", {"admin", "staff", "reader", "owner"}),
    ("programmes.change_programme", "programme", {"admin", "staff"}),
    ("programmes.delete_programme", "programme", {"admin"}),
    ("programmes.manage_access", "programme", {"admin"}),
    ("programmes.add_programme", None, {"admin", "staff"}),
    ("programmes.change_effort", "owned_effort", {"admin", "staff", "owner"}),
    ("programmes.change_effort", "other_effort", {"admin", "staff"}),
    ("programmes.view_people", None, {"admin", "staff"}),
    ("programmes.change_people", None, {"admin", "staff"}),
    ("programmes.view_programme", "elsewhere", {"admin"}),
    ("programmes.change_programme", "elsewhere", {"admin"}),
    ("programmes.change_effort", "effort_elsewhere", {"admin"}),
    # Contributions between programmes: the effort's owner alone may not commit it elsewhere.
    ("programmes.propose_cross_link", "owned_effort", {"admin", "staff"}),
    ("programmes.propose_cross_link", "effort_elsewhere", {"admin"}),
    ("programmes.decide_cross_link", "programme", {"admin", "staff"}),
    ("programmes.decide_cross_link", "elsewhere", {"admin"}),
]

CASES = [
    pytest.param(user, perm, target, user in allowed, id=f"{user}-{perm.split('.')[1]}-{target}")
    for perm, target, allowed in EXPECTED
    for user in USERS
]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The fixture users get passwords; hashing them properly would dominate this table's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def targets(programme, admin_user):
    other_effort = services.effort_create(
        actor=admin_user, programme=programme, name="Citymarketing"
    )
    elsewhere = bare_programme(
        admin_user,
        "elders",
        name="Elders",
        period_start=date(2023, 1, 1),
        period_end=date(2026, 12, 31),
    )
    effort_elsewhere = services.effort_create(
        actor=admin_user, programme=elsewhere, name="Inspanning elders"
    )
    return {
        None: None,
        "programme": programme,
        "owned_effort": programme.efforts.get(name="Evenementen"),
        "other_effort": other_effort,
        "elsewhere": elsewhere,
        "effort_elsewhere": effort_elsewhere,
    }


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user):
    return {
        "admin": admin_user,
        "staff": staff_user,
        "reader": reader_user,
        "owner": owner_user,
        "outsider": outsider_user,
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(("user", "perm", "target", "expected"), CASES)
def test_permission_table(users, targets, user, perm, target, expected):
    subject = users[user]
    obj = targets[target]
    if obj is None:
        assert subject.has_perm(perm) is expected
    else:
        assert subject.has_perm(perm, obj) is expected


def test_table_covers_every_registered_permission():
    import rules

    registered = {name for name in rules.permissions.permissions if name.startswith("programmes.")}
    assert registered == {perm for perm, _target, _allowed in EXPECTED}


def test_inactive_functional_admin_may_do_nothing(admin_user, programme):
    admin_user.is_active = False
    admin_user.save()
    assert not admin_user.has_perm("programmes.view_programme", programme)
    assert not admin_user.has_perm("programmes.add_programme")


def test_owner_keeps_read_access_but_not_edit_of_the_programme(owner_user, programme):
    assert owner_user.has_perm("programmes.view_programme", programme)
    # Objects with a programme (goals, tracks, …) follow the programme's permissions.
    goal = programme.operational_goals.get(code="1a")
    assert owner_user.has_perm("programmes.view_programme", goal)
    assert not owner_user.has_perm("programmes.change_programme", goal)


def test_access_granted_later_is_seen_on_the_same_user_object(outsider_user, programme, admin_user):
    assert not outsider_user.has_perm("programmes.view_programme", programme)
    services.programme_access_grant(
        programme=programme, user=outsider_user, level=AccessLevel.READER, actor=admin_user
    )
    assert outsider_user.has_perm("programmes.view_programme", programme)
    assert not outsider_user.has_perm("programmes.change_programme", programme)


@pytest.mark.parametrize("role", ["staff", "reader", "owner", "outsider"])
def test_checking_many_objects_costs_at_most_two_queries(
    users, programme, admin_user, django_user_model, django_assert_max_num_queries, role
):
    efforts = [
        services.effort_create(actor=admin_user, programme=programme, name=f"Inspanning {i:02d}")
        for i in range(50)
    ]
    efforts.append(programme.efforts.get(name="Evenementen"))
    # A fresh user object, as at the start of a request: nothing cached yet.
    user = django_user_model.objects.get(pk=users[role].pk)
    with django_assert_max_num_queries(2):
        answers = [user.has_perm("programmes.change_effort", effort) for effort in efforts]
        views = [user.has_perm("programmes.view_programme", effort) for effort in efforts]
    expected_edit = {"staff": 51, "reader": 0, "owner": 1, "outsider": 0}[role]
    assert sum(answers) == expected_edit
    assert all(views) is (role != "outsider")


def test_functional_admin_needs_no_queries_for_object_checks(
    admin_user, programme, django_user_model, django_assert_num_queries
):
    user = django_user_model.objects.get(pk=admin_user.pk)
    efforts = list(programme.efforts.all())
    with django_assert_num_queries(0):
        assert all(user.has_perm("programmes.change_effort", e) for e in efforts)
