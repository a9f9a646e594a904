"""Every read of the API: what a client may see. Deny by default.

Two kinds of access:

- *full*: programmes the client's user may read in the UI (``programmes.view_programme`` and,
  for reports, budget, risks and change proposals, ``reporting.view_reports``,
  ``finance.view_budget``, ``risks.view_risks``, ``decisions.view_decisions``): everything of
  those programmes;
- *public*: what the public monitor shows (:mod:`koers.public.selectors`, the same rule): the
  published programmes, their goals, their published indicators with their measurements, their
  published efforts (with their public description only) and the links between those goals and
  efforts. Anonymous clients get only this; token clients get it as well as their full access.

The serializers show the private fields (notes, descriptions, owners) only for programmes in
``full``; see :class:`Access`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from koers.decisions.models import ChangeProposal
from koers.finance.models import BudgetLine
from koers.monitoring.models import Measurement
from koers.programmes.constants import GoalKind
from koers.programmes.models import Effort, GoalEffortLink, Indicator, OperationalGoal, Programme
from koers.public.selectors import published_programmes
from koers.reporting.constants import ReportState
from koers.reporting.models import ProgressReport
from koers.risks.models import Risk


@dataclass(frozen=True)
class Access:
    """The programmes a client reads in full, per permission (sets of programme ids)."""

    full: frozenset[int]
    reports: frozenset[int]
    budget: frozenset[int]
    risks: frozenset[int]
    decisions: frozenset[int] = frozenset()


NO_ACCESS = Access(frozenset(), frozenset(), frozenset(), frozenset())


def access_for(user) -> Access:
    """What ``user`` may read, through the UI's own rules (one query plus the user's access,
    which the rules cache on the user)."""
    if user is None or not user.is_authenticated:
        return NO_ACCESS
    programmes = list(Programme.objects.only("pk"))

    def ids(perm: str) -> frozenset[int]:
        return frozenset(p.pk for p in programmes if user.has_perm(perm, p))

    return Access(
        full=ids("programmes.view_programme"),
        reports=ids("reporting.view_reports"),
        budget=ids("finance.view_budget"),
        risks=ids("risks.view_risks"),
        decisions=ids("decisions.view_decisions"),
    )


def _published_programme_ids() -> QuerySet:
    return published_programmes().values("pk")


def programmes(access: Access) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(Q(pk__in=access.full) | Q(pk__in=_published_programme_ids()))
        .select_related("publication")
        .order_by("name", "pk")
    )


def goals(access: Access) -> QuerySet[OperationalGoal]:
    """Operational goals: all goals of a published programme are public."""
    return (
        OperationalGoal.objects.filter(
            Q(programme__in=access.full) | Q(programme__in=_published_programme_ids())
        )
        .select_related("programme", "strategic_goal", "indicator")
        .order_by("programme__name", "strategic_goal__order", "order", "code", "pk")
    )


def _public_indicator_q(prefix: str = "") -> Q:
    """The public monitor's rule for an indicator (see koers.public.selectors)."""
    return Q(
        **{
            f"{prefix}operational_goal__programme__in": _published_programme_ids(),
            f"{prefix}publication__published": True,
            f"{prefix}operational_goal__kind": GoalKind.MEASURABLE,
        }
    )


def indicators(access: Access) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(
            Q(operational_goal__programme__in=access.full) | _public_indicator_q()
        )
        .select_related("operational_goal", "operational_goal__programme")
        .order_by(
            "operational_goal__programme__name",
            "operational_goal__strategic_goal__order",
            "operational_goal__order",
            "operational_goal__code",
            "pk",
        )
    )


def measurements(access: Access) -> QuerySet[Measurement]:
    return (
        Measurement.objects.filter(
            Q(indicator__operational_goal__programme__in=access.full)
            | _public_indicator_q("indicator__")
        )
        .select_related("indicator", "indicator__operational_goal__programme")
        .order_by("indicator_id", "period_end", "period_start", "pk")
    )


def _public_effort_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}programme__in": _published_programme_ids(),
            f"{prefix}publication__published": True,
        }
    )


def efforts(access: Access) -> QuerySet[Effort]:
    return (
        Effort.objects.filter(Q(programme__in=access.full) | _public_effort_q())
        .select_related("programme", "track", "owner", "publication")
        .order_by("programme__name", "order", "name", "pk")
    )


def links(access: Access) -> QuerySet[GoalEffortLink]:
    """Links: in full, or between a goal of a published programme and a published effort."""
    return (
        GoalEffortLink.objects.filter(
            Q(effort__programme__in=access.full) | _public_effort_q("effort__")
        )
        .select_related("operational_goal", "effort", "effort__programme")
        .order_by("effort__programme__name", "operational_goal__code", "effort__name", "pk")
    )


def reports(access: Access) -> QuerySet[ProgressReport]:
    """Submitted, accepted and returned reports (drafts are the writer's own work)."""
    return (
        ProgressReport.objects.filter(effort__programme__in=access.reports)
        .exclude(state=ReportState.DRAFT)
        .select_related("effort", "effort__programme")
        .order_by("effort__programme__name", "-period_start", "effort__name", "pk")
    )


def budget_lines(access: Access) -> QuerySet[BudgetLine]:
    return (
        BudgetLine.objects.filter(programme__in=access.budget)
        .select_related("programme", "source")
        .order_by("programme__name", "source__order", "source__name", "year", "pk")
    )


def risks(access: Access) -> QuerySet[Risk]:
    return (
        Risk.objects.filter(programme__in=access.risks)
        .select_related("programme", "owner")
        .prefetch_related("goals", "efforts")
        .order_by("programme__name", "title", "pk")
    )


def proposals(access: Access) -> QuerySet[ChangeProposal]:
    """Change proposals with their pending changes, for the programmes whose decisions the
    client may read (the decisions register's rule): two queries per page."""
    return (
        ChangeProposal.objects.filter(programme__in=access.decisions)
        .select_related("programme", "decision")
        .prefetch_related("pending")
        .order_by("programme__name", "status", "-created_at", "-pk")
    )
