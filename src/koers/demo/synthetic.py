"""A synthetic large programme for benchmarks and load tests — clearly fictional.

The Almelo programmes are small (9 and 10 operational goals). Koers must stay fast for a big
municipality's programme too, e.g. 150 efforts and 60 operational goals. This builds such a
programme deterministically (same arguments, same programme) through the services, so history
and versions are as real as in daily use.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from koers.programmes import services
from koers.programmes.constants import EffortStatus, GoalKind, MunicipalityRole, TargetKind
from koers.programmes.models import Activity, Programme, StrategicGoal, Track

FICTIONAL = "Fictief programma, gegenereerd voor prestatiemetingen; geen echte gegevens."


def synthetic_programme_create(
    *,
    slug: str = "synthetisch-groot",
    strategic_goals: int = 10,
    operational_goals: int = 60,
    efforts: int = 150,
    tracks: int = 8,
    links_per_effort: int = 2,
    activities_per_effort: int = 2,
    seed: int = 2026,
    actor=None,
) -> Programme:
    """Create a fictional programme of the given size (deterministic for a given ``seed``)."""
    rng = random.Random(seed)
    with transaction.atomic():
        programme = services.programme_create(
            actor=actor,
            slug=slug,
            name=f"Synthetisch programma ({efforts} inspanningen)",
            municipality="Voorbeeldstad (fictief)",
            period_start=date(2024, 1, 1),
            period_end=date(2027, 12, 31),
            mission="Een fictieve missie voor prestatiemetingen.",
            note=FICTIONAL,
        )
        sgs = [
            services.object_create(
                StrategicGoal,
                actor=actor,
                programme=programme,
                code=str(i + 1),
                text=f"In 2027 is thema {i + 1} verbeterd (fictief)",
                order=i + 1,
            )
            for i in range(strategic_goals)
        ]
        goals = []
        for i in range(operational_goals):
            sg = sgs[i % strategic_goals]
            measurable = i % 4 != 3
            goals.append(
                services.operational_goal_create(
                    actor=actor,
                    programme=programme,
                    strategic_goal=sg,
                    code=f"{sg.code}.{i // strategic_goals + 1}",
                    statement=f"Fictief operationeel doel {i + 1}",
                    kind=GoalKind.MEASURABLE if measurable else GoalKind.QUALITATIVE,
                    order=i + 1,
                    indicator={
                        "name": f"Indicator {i + 1}",
                        "unit": "aantal",
                        "baseline_value": Decimal(rng.randint(100, 10_000)),
                        "baseline_date": date(2023, 12, 31),
                        "target_kind": TargetKind.INCREASE_BY,
                        "target_value": Decimal(rng.randint(10, 1_000)),
                        "target_date": date(2027, 12, 31),
                        "data_source": "Fictieve monitor",
                    }
                    if measurable
                    else None,
                )
            )
        track_objs = [
            services.object_create(
                Track, actor=actor, programme=programme, name=f"Spoor {i + 1}", order=i + 1
            )
            for i in range(tracks)
        ]
        roles = list(MunicipalityRole)[1:]
        statuses = list(EffortStatus)
        for i in range(efforts):
            effort = services.effort_create(
                actor=actor,
                programme=programme,
                name=f"Inspanning {i + 1}",
                description="Fictieve inspanning.",
                track=track_objs[i % tracks],
                municipality_role=roles[i % len(roles)],
                status=statuses[i % len(statuses)],
                order=i + 1,
            )
            for goal in rng.sample(goals, min(links_per_effort, len(goals))):
                services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=actor)
            for j in range(activities_per_effort):
                services.object_create(
                    Activity,
                    actor=actor,
                    effort=effort,
                    year=2024 + j,
                    description=f"Fictieve activiteit {j + 1}",
                )
    return programme
