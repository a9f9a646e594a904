"""The record as it stood on a date, from the history (programmes.selectors_asof): the version
rule on plain records, and the DIN of an adopted programme before and after a decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from koers.programmes.selectors_asof import (
    adopted_at,
    day_after,
    din_as_of,
    version_as_of,
)
from tests.builders import adopt, amendment_build


@dataclass
class R:
    history_date: dt.datetime
    history_type: str
    value: int = 0


def at(day: int) -> dt.datetime:
    return dt.datetime(2020, 1, day, 12, tzinfo=dt.UTC)


def test_the_last_version_before_the_moment_counts():
    records = [R(at(1), "+", 1), R(at(3), "~", 2), R(at(5), "~", 3)]
    found = version_as_of(records, before=at(4), entered_until=None)
    assert found is not None and found[0].value == 2 and found[1] is False


def test_a_row_removed_before_the_moment_is_absent_and_after_it_present():
    records = [R(at(1), "+", 1), R(at(3), "-", 1)]
    assert version_as_of(records, before=at(4), entered_until=None) is None
    assert version_as_of(records, before=at(2), entered_until=None)[0].value == 1


def test_a_row_first_recorded_later_shows_as_first_recorded_unless_added_after_adoption():
    records = [R(at(10), "+", 7), R(at(12), "~", 8)]
    found = version_as_of(records, before=at(2), entered_until=None)
    assert found[0].value == 7 and found[1] is True
    assert version_as_of(records, before=at(2), entered_until=at(11))[0].value == 7
    assert version_as_of(records, before=at(2), entered_until=at(9)) is None


@pytest.mark.django_db
def test_din_as_of_shows_the_target_before_the_decision_and_hides_a_later_goal(
    programme, admin_user, django_assert_num_queries
):

    assert adopted_at(programme) is None
    adopt(admin_user, programme)
    adoption = adopted_at(programme)
    assert adoption is not None
    amendment_build(admin_user, programme, title="Streefwaarde bezoekers")
    with django_assert_num_queries(12):
        din = din_as_of(programme, before=day_after(dt.date(2019, 10, 31)), adopted=adoption)
    codes = [g.code for g in din.goals]
    assert codes == ["1a", "1b"]  # 1c came later, by decision
    target = din.goals[0].indicator.target_value
    assert target == Decimal("7000")
    assert din.goals[0].indicator.as_first_recorded
    assert din.strategic[0].goals == din.goals
    assert din.efforts[0].goal_codes == []
    now = din_as_of(programme, before=day_after(dt.date.today() + dt.timedelta(days=1)))
    assert [g.code for g in now.goals] == ["1a", "1b", "1c"]
    assert now.goals[0].indicator.target_value == Decimal("8000")
    assert not now.first_recorded


@pytest.mark.django_db
def test_a_row_without_any_history_shows_as_it_is_now(programme, admin_user):
    from koers.programmes.models import OperationalGoal

    goal = programme.operational_goals.get(code="1b")
    OperationalGoal.history.filter(id=goal.pk).delete()  # as after a bulk load
    adopt(admin_user, programme)
    din = din_as_of(programme, before=day_after(dt.date(2019, 10, 31)))
    shown = {g.code: g for g in din.goals}
    assert set(shown) == {"1a", "1b"}
    assert shown["1b"].as_first_recorded and shown["1b"].recorded_at is None
    assert din.first_recorded_since is not None  # from the rows that do have history
