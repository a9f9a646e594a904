"""Reads of the risk register, each with a fixed number of queries however many risks there
are: the risks (with their owner) in one query, their goals and efforts in one query each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from koers.programmes.constants import EffortStatus
from koers.programmes.models import Effort, OperationalGoal, Programme

from .constants import RiskKind, RiskStatus
from .heatmap import HeatMap, heat_map
from .models import EffortRiskParagraph, Risk


def _risks_qs() -> QuerySet[Risk]:
    return Risk.objects.select_related("owner", "programme").prefetch_related(
        Prefetch("goals", queryset=OperationalGoal.objects.only("id", "code", "statement")),
        Prefetch("efforts", queryset=Effort.objects.only("id", "name")),
    )


def _by_score(risks) -> list[Risk]:
    """Highest score first, unscored last, then by title."""
    return sorted(risks, key=lambda r: (r.score is None, -(r.score or 0), r.title.lower(), r.pk))


@dataclass
class Register:
    programme: Programme
    risks: list[Risk]
    heat_map: HeatMap
    total: int
    filtered: bool


def risk_register(
    programme: Programme, *, status: str | None = None, kind: str | None = None
) -> Register:
    """The programme's risks, highest score first (unscored last), narrowed by status and kind;
    the heat map shows the same selection. Four queries."""
    qs = _risks_qs().filter(programme=programme)
    total = None
    if status or kind:
        total = Risk.objects.filter(programme=programme).count()
        if status:
            qs = qs.filter(status=status)
        if kind:
            qs = qs.filter(kind=kind)
    risks = _by_score(qs)
    return Register(
        programme=programme,
        risks=risks,
        heat_map=heat_map(risks),
        total=len(risks) if total is None else total,
        filtered=bool(status or kind),
    )


def risk_get(programme: Programme, pk: int) -> Risk:
    risk = _risks_qs().filter(programme=programme, pk=pk).first()
    if risk is None:
        raise Http404(pk)
    return risk


def link_choices(programme: Programme, risk=None):
    """Goals and efforts a risk of ``programme`` may link to (for the form): those in use, and
    the archived ones the risk already names (so that saving it keeps them)."""
    kept_goals = [g.pk for g in risk.goals.all()] if risk is not None else []
    kept_efforts = [e.pk for e in risk.efforts.all()] if risk is not None else []
    goals = OperationalGoal.objects.filter(
        Q(archived_at__isnull=True) | Q(pk__in=kept_goals), programme=programme
    ).order_by("strategic_goal__order", "order", "code")
    efforts = Effort.objects.filter(
        Q(archived_at__isnull=True) | Q(pk__in=kept_efforts), programme=programme
    ).order_by("order", "name")
    return goals, efforts


def risk_presets(programme: Programme, *, goal_code: str = "", effort_id: str = "") -> dict:
    """Initial values of a new risk opened from a goal's (``?doel=<code>``) or an effort's page
    (``?inspanning=<id>``): linked to it, of the matching kind. Unknown values are ignored."""
    initial: dict = {}
    if goal_code:
        goals = list(
            OperationalGoal.objects.filter(programme=programme, code=goal_code).values_list(
                "pk", flat=True
            )
        )
        if goals:
            initial.update(goals=goals, kind=RiskKind.GOALS)
    if effort_id.isdigit():
        efforts = list(
            Effort.objects.filter(programme=programme, pk=int(effort_id)).values_list(
                "pk", flat=True
            )
        )
        if efforts:
            initial.update(efforts=efforts, kind=RiskKind.EFFORTS)
    return initial


#: The statuses of a risk that still asks for attention: shown on a goal's and an effort's page.
#: A controlled or lapsed risk stays in the register but is not listed there.
CURRENT_STATUSES = (RiskStatus.OPEN, RiskStatus.OCCURRED)


def goal_risks(goal: OperationalGoal) -> list[Risk]:
    """The open (and occurred) risks linked to ``goal``, highest score first. One query."""
    return _by_score(
        Risk.objects.filter(goals=goal, status__in=CURRENT_STATUSES).select_related("owner")
    )


def effort_risks(effort: Effort) -> list[Risk]:
    """The open (and occurred) risks linked to ``effort``, highest score first. One query."""
    return _by_score(
        Risk.objects.filter(efforts=effort, status__in=CURRENT_STATUSES).select_related("owner")
    )


#: Effort statuses that mean the effort has started (see :func:`effort_has_started`).
STARTED_STATUSES = (EffortStatus.EXECUTION, EffortStatus.COMPLETED)


def effort_has_started(effort: Effort, today: date) -> bool:
    """In progress or completed, or its start date has passed (unless it was stopped)."""
    if effort.status in STARTED_STATUSES:
        return True
    return (
        effort.status != EffortStatus.STOPPED
        and effort.start_date is not None
        and effort.start_date <= today
    )


def risk_paragraph_of(effort: Effort) -> EffortRiskParagraph | None:
    """The effort's risk paragraph with its author, or None. One query."""
    return EffortRiskParagraph.objects.select_related("drawn_up_by").filter(effort=effort).first()


def paragraph_effort_get(programme: Programme, effort_pk: int) -> Effort:
    """The effort of ``programme`` whose paragraph is written, with the paragraph. One query."""
    effort = (
        Effort.objects.filter(programme=programme, pk=effort_pk)
        .select_related("programme", "owner", "risk_paragraph", "risk_paragraph__drawn_up_by")
        .first()
    )
    if effort is None:
        raise Http404(effort_pk)
    return effort


def effort_risk_snapshot(effort: Effort) -> dict:
    """The effort's linked risks (every status) and its risk paragraph as plain data, to freeze in
    a submitted progress report. Two queries."""
    risks = _by_score(Risk.objects.filter(efforts=effort))
    paragraph = risk_paragraph_of(effort)
    return {
        "risks": [
            {
                "title": r.title,
                "kind": str(r.get_kind_display()),
                "likelihood": r.likelihood,
                "impact": r.impact,
                "score": r.score,
                "status": str(r.get_status_display()),
                "mitigation": r.mitigation,
            }
            for r in risks
        ],
        "risk_paragraph": None
        if paragraph is None
        else {
            "text": paragraph.text,
            "mitigation": paragraph.mitigation,
            "drawn_up_on": paragraph.drawn_up_on.isoformat(),
            "drawn_up_by": paragraph.drawn_up_by.name if paragraph.drawn_up_by_id else "",
        },
    }
