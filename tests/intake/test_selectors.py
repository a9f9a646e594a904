"""The intake list: open intakes with their age (today frozen by passing a date), oldest first;
assessed and aligned ones; one's own registrations; a fixed number of queries."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from koers.intake import selectors, services
from koers.intake.constants import Outcome
from koers.intake.models import Initiative

pytestmark = pytest.mark.django_db

TODAY = date(2025, 6, 30)


def _registered_on(initiative, day: date) -> None:
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    Initiative.objects.filter(pk=initiative.pk).update(registered_at=moment)


def _assess(initiative, actor, outcome):
    initiative.refresh_from_db()
    return services.initiative_assess(
        initiative=initiative,
        actor=actor,
        expected_version=initiative.version,
        outcome=outcome,
        reasons="Besproken in het programmateam.",
    )


def test_open_intakes_with_their_age_oldest_first(programme, make_initiative, staff_user):
    young = make_initiative("Jong")
    old = make_initiative("Oud")
    middle = make_initiative("Midden")
    _registered_on(young, TODAY)
    _registered_on(old, TODAY - timedelta(days=40))
    _registered_on(middle, TODAY - timedelta(days=3))
    aligned = make_initiative("Afgestemd")
    _assess(aligned, staff_user, Outcome.ALIGNMENT)
    services.contact_moment_add(
        initiative=aligned, actor=staff_user, date=date(2025, 9, 1), description="Overleg"
    )
    _assess(make_initiative("Buiten"), staff_user, Outcome.OUTSIDE)

    intake = selectors.programme_intake(programme, today=TODAY)
    assert [(o.initiative.title, o.age) for o in intake.open] == [
        ("Oud", 40),
        ("Midden", 3),
        ("Jong", 0),
    ]
    assert {i.title for i in intake.assessed} == {"Afgestemd", "Buiten"}
    assert [i.title for i in intake.aligned] == ["Afgestemd"]
    assert [m.description for m in intake.aligned[0].contact_moments.all()] == ["Overleg"]
    assert intake.total == 5


def test_query_count_does_not_grow(
    programme, make_initiative, staff_user, django_assert_num_queries
):
    def fill(n):
        for i in range(n):
            initiative = make_initiative(f"Initiatief {len(Initiative.objects.all())}-{i}")
            if i % 2:
                _assess(initiative, staff_user, Outcome.ALIGNMENT)

    fill(2)
    with django_assert_num_queries(3):
        intake = selectors.programme_intake(programme, today=TODAY)
        for row in intake.open:
            list(row.initiative.goals.all())
        for initiative in intake.aligned:
            list(initiative.contact_moments.all())
    fill(6)
    with django_assert_num_queries(3):
        intake = selectors.programme_intake(programme, today=TODAY)
        for initiative in intake.assessed:
            list(initiative.goals.all())
            list(initiative.contact_moments.all())
            assert initiative.registered_by.username


def test_my_initiatives_only_my_own(make_initiative, outsider_user, staff_user):
    mine = make_initiative("Van mij")
    make_initiative("Van de staf", actor=staff_user)
    assert selectors.my_initiatives(outsider_user) == [mine]


def test_closed_programmes_are_not_offered(programme, admin_user):
    from koers.programmes import services as din

    assert list(selectors.programmes_for_registration()) == [programme]
    din.programme_update(
        programme=programme, actor=admin_user, expected_version=None, status="afgesloten"
    )
    assert not selectors.programmes_for_registration().exists()
    assert selectors.registration_programme(programme.slug) is None
