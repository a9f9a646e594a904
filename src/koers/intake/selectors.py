"""Reads of the intake, each with a fixed number of queries however many initiatives there are:
the initiatives (with registrant, assessor and effort) in one query, their goals and their
moments of contact in one query each."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.programmes.constants import ProgrammeStatus
from koers.programmes.models import OperationalGoal, Programme

from .constants import IntakeStatus, Outcome
from .models import ContactMoment, Initiative


def _initiatives_qs() -> QuerySet[Initiative]:
    return Initiative.objects.select_related(
        "programme", "registered_by", "assessed_by", "effort"
    ).prefetch_related(
        Prefetch(
            "goals",
            queryset=OperationalGoal.objects.only("id", "code", "statement", "programme_id"),
        ),
        Prefetch("contact_moments", queryset=ContactMoment.objects.order_by("date", "pk")),
    )


def programmes_for_registration() -> QuerySet[Programme]:
    """Every programme that is not closed, by name: anyone with an account may register an
    initiative for any of them (names only are shown)."""
    return (
        Programme.objects.exclude(status=ProgrammeStatus.CLOSED)
        .only("id", "slug", "name")
        .order_by("name")
    )


def registration_programme(slug: str) -> Programme | None:
    return programmes_for_registration().filter(slug=slug).first()


def may_choose_goals(user, programme: Programme) -> bool:
    """Anyone with an account may register an initiative for a programme, but only a user who
    may read the programme sees its goals (the others name the programme only)."""
    return user.has_perm("programmes.view_programme", programme)


def goal_choices(programme: Programme, user) -> QuerySet[OperationalGoal]:
    """The operational goals an initiative of ``programme`` may expect to serve, as far as
    ``user`` may read them: none of a programme the user may not read."""
    if not may_choose_goals(user, programme):
        return OperationalGoal.objects.none()
    return (
        OperationalGoal.objects.filter(programme=programme)
        .working()
        .order_by("strategic_goal__order", "order", "code")
    )


def my_initiatives(user) -> list[Initiative]:
    """The initiatives ``user`` registered, newest first, in every programme. Three queries."""
    return list(_initiatives_qs().filter(registered_by=user).order_by("-registered_at", "-pk"))


@dataclass
class OpenIntake:
    initiative: Initiative
    age: int  # days since registration


@dataclass
class IntakeList:
    programme: Programme
    today: date
    open: list[OpenIntake] = field(default_factory=list)
    assessed: list[Initiative] = field(default_factory=list)
    aligned: list[Initiative] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.open) + len(self.assessed)


def programme_intake(programme: Programme, *, today: date | None = None) -> IntakeList:
    """The programme's initiatives: the open intakes with their age in days, oldest first; the
    assessed ones, most recently assessed first; and the aligned ones (afstemming) with their
    moments of contact. Three queries."""
    today = today or timezone.localdate()
    result = IntakeList(programme=programme, today=today)
    for initiative in _initiatives_qs().filter(programme=programme):
        initiative.programme = programme
        if initiative.status == IntakeStatus.OPEN:
            result.open.append(OpenIntake(initiative, initiative.age_in_days(today)))
        else:
            result.assessed.append(initiative)
            if initiative.outcome == Outcome.ALIGNMENT:
                result.aligned.append(initiative)
    result.open.sort(key=lambda o: (o.initiative.registered_at, o.initiative.pk))
    result.assessed.sort(
        key=lambda i: (i.assessed_at or i.registered_at, i.pk),
        reverse=True,
    )
    result.aligned.sort(key=lambda i: i.title.lower())
    return result


def initiative_get(programme: Programme, pk: int) -> Initiative:
    initiative = _initiatives_qs().filter(programme=programme, pk=pk).first()
    if initiative is None:
        raise Http404(pk)
    initiative.programme = programme
    return initiative


def contact_moment_get(initiative: Initiative, pk: int) -> ContactMoment:
    moment = ContactMoment.objects.filter(initiative=initiative, pk=pk).first()
    if moment is None:
        raise Http404(pk)
    moment.initiative = initiative
    return moment
