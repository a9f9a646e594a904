"""Reads of the risk register, each with a fixed number of queries however many risks there
are: the risks (with their owner) in one query, their goals and efforts in one query each."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from koers.programmes.models import Effort, OperationalGoal, Programme

from .heatmap import HeatMap, heat_map
from .models import Risk


def _risks_qs() -> QuerySet[Risk]:
    return Risk.objects.select_related("owner", "programme").prefetch_related(
        Prefetch("goals", queryset=OperationalGoal.objects.only("id", "code", "statement")),
        Prefetch("efforts", queryset=Effort.objects.only("id", "name")),
    )


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
    risks = list(qs)
    risks.sort(key=lambda r: (r.score is None, -(r.score or 0), r.title.lower(), r.pk))
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


def link_choices(programme: Programme):
    """Goals and efforts a risk of ``programme`` may link to (for the form)."""
    goals = OperationalGoal.objects.filter(programme=programme).order_by(
        "strategic_goal__order", "order", "code"
    )
    efforts = Effort.objects.filter(programme=programme).order_by("order", "name")
    return goals, efforts
