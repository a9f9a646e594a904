"""Test data built through the services, as a user's actions would build it: one place for the
programmes, goals and efforts that the tests of every app start from.

``programme_build`` is the shared fixture's programme (strategic goal 1, measurable goal 1a with
its indicator, qualitative goal 1b, a track and the effort "Evenementen"); ``bare_programme`` is
only the programme; ``goal_build`` and ``effort_build`` add one element."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from koers.programmes import services
from koers.programmes.constants import GoalKind, TargetKind
from koers.programmes.models import Effort, OperationalGoal, Programme

START = dt.date(2019, 1, 1)
END = dt.date(2022, 12, 31)
# For tests whose reporting periods run up to today: no period lies past a programme's end.
RUNNING_END = dt.date(2030, 12, 31)


def bare_programme(
    actor, slug: str = "ander", *, name: str | None = None, **fields: Any
) -> Programme:
    """A programme of 2019–2022 (unless ``period_start``/``period_end`` say otherwise) with no
    elements."""
    fields.setdefault("municipality", "Almelo")
    fields.setdefault("period_start", START)
    fields.setdefault("period_end", END)
    return services.programme_create(
        actor=actor, slug=slug, name=name or f"Programma {slug}", **fields
    )


def goal_build(
    actor,
    programme: Programme,
    code: str = "1a",
    *,
    strategic_goal=None,
    statement: str = "Groei van het aantal bezoekers per week met 7.000",
    measurable: bool = True,
    **indicator: Any,
) -> OperationalGoal:
    """An operational goal under ``strategic_goal`` (or the programme's first, made when there is
    none); measurable with the 1a indicator of the contract unless ``measurable`` is false."""
    if strategic_goal is None:
        strategic_goal = programme.strategic_goals.order_by("order", "code").first()
        if strategic_goal is None:
            strategic_goal = services.object_create(
                services.StrategicGoal,
                actor=actor,
                programme=programme,
                code="1",
                text="Meer bezoekers",
            )
    if not measurable:
        return services.operational_goal_create(
            actor=actor,
            programme=programme,
            strategic_goal=strategic_goal,
            code=code,
            statement=statement,
            kind=GoalKind.QUALITATIVE,
        )
    spec = {
        "name": "Bezoekers per week",
        "unit": "bezoekers per week",
        "baseline_value": Decimal("93000"),
        "baseline_date": dt.date(2016, 12, 31),
        "target_kind": TargetKind.INCREASE_BY,
        "target_value": Decimal("7000"),
        "target_date": programme.period_end,
    }
    spec.update(indicator)
    return services.operational_goal_create(
        actor=actor,
        programme=programme,
        strategic_goal=strategic_goal,
        code=code,
        statement=statement,
        kind=GoalKind.MEASURABLE,
        indicator=spec,
    )


def effort_build(actor, programme: Programme, name: str = "Evenementen", **fields: Any) -> Effort:
    return services.effort_create(actor=actor, programme=programme, name=name, **fields)


def programme_build(
    actor, slug: str = "test-programma", *, name: str = "Testprogramma", **fields: Any
) -> Programme:
    """The programme every app's tests start from (see the module's docstring)."""
    p = bare_programme(actor, slug, name=name, **fields)
    sg = services.object_create(
        services.StrategicGoal, actor=actor, programme=p, code="1", text="Meer bezoekers"
    )
    goal_build(actor, p, "1a", strategic_goal=sg)
    goal_build(
        actor,
        p,
        "1b",
        strategic_goal=sg,
        statement="Bezoekers voelen zich welkom",
        measurable=False,
    )
    track = services.object_create(services.Track, actor=actor, programme=p, name="Spoor 1")
    effort_build(actor, p, "Evenementen", track=track)
    return p


def amendment_build(actor, programme: Programme, *, title: str = "Bijstelling programma"):
    """A college decision of 10 March 2026 (2026/0042) that raises the 1a target from +7,000 to
    +8,000 and adds the qualitative goal 1c (it also allows removing a goal); returns the
    decision."""
    from koers.decisions import services as decisions

    decision = decisions.decision_create(
        actor=actor,
        programme=programme,
        date=dt.date(2026, 3, 10),
        number="2026/0042",
        title=title,
        authorises=["streefwaarde_gewijzigd", "doel_toegevoegd", "doel_verwijderd"],
    )
    goal = programme.operational_goals.get(code="1a")
    indicator = goal.indicator
    services.operational_goal_update(
        goal=goal,
        actor=actor,
        expected_version=goal.version,
        indicator={
            "name": indicator.name,
            "unit": indicator.unit,
            "baseline_value": indicator.baseline_value,
            "baseline_date": indicator.baseline_date,
            "target_kind": indicator.target_kind,
            "target_value": Decimal("8000"),
            "target_date": indicator.target_date,
        },
        decision=decision,
    )
    services.operational_goal_create(
        actor=actor,
        programme=programme,
        strategic_goal=programme.strategic_goals.get(code="1"),
        code="1c",
        statement="Later toegevoegd doel",
        kind=GoalKind.QUALITATIVE,
        decision=decision,
    )
    return decision


def adopt(actor, programme: Programme, *, date: dt.date = dt.date(2019, 3, 12), number="2019/0101"):
    """Adopt ``programme`` as a programme is adopted: by the college decision that adopts its
    contract (recorded first); returns the decision."""
    from koers.decisions import services as decisions
    from koers.programmes.constants import ProgrammeStatus

    decision = decisions.decision_create(
        actor=actor,
        programme=programme,
        date=date,
        number=number,
        title=f"Vaststelling {programme.name}",
        authorises=["vastgesteld"],
    )
    services.programme_update(
        programme=programme,
        actor=actor,
        expected_version=None,
        status=ProgrammeStatus.ADOPTED,
        decision=decision,
    )
    programme.refresh_from_db()
    return decision
