"""The reads the DIN diagram needs, as the plain data of :mod:`koers.din.graph`.

A fixed number of queries, however large the programme: the monitor's four (strategic goals,
operational goals with their indicators, measurements, judgements: the goals' statuses), the
tracks, the efforts each with the status of its latest submitted report (one query: a
subquery per row, in the database), the links, the activities (always one query, also when
they are not shown, so the count does not depend on the request), and the accepted contributions
with other programmes (one query: their efforts and goals are drawn as external nodes).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.monitoring.constants import Status
from koers.monitoring.selectors import programme_monitor
from koers.monitoring.templatetags.monitor import ICONS as GOAL_ICONS
from koers.programmes.models import Activity, Effort, GoalEffortLink, Programme, Track
from koers.programmes.selectors_crosslinks import accepted_for_programme
from koers.reporting.constants import AspectStatus, ReportState
from koers.reporting.models import ProgressReport
from koers.reporting.templatetags.reports import ICONS as REPORT_ICONS

from . import graph

#: The reports whose status counts: those the owner handed in (a draft is not a status yet).
COUNTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def goal_mark(status: str) -> graph.Mark:
    value = Status(status)
    return graph.Mark(value.value, str(value.label), GOAL_ICONS[value])


def report_mark(status: str) -> graph.Mark:
    """The status of an effort's latest report: good, attention, problem, or none yet."""
    if not status:
        return graph.Mark("", _("no report yet"), "○")
    value = AspectStatus(status)
    return graph.Mark(
        value.value,
        _("report: %(status)s") % {"status": value.label},
        REPORT_ICONS[value],
    )


def _latest_report_status() -> Subquery:
    """The overall status of the effort's latest handed-in report, as a subquery."""
    return Subquery(
        ProgressReport.objects.filter(effort=OuterRef("pk"), state__in=COUNTED_STATES)
        .order_by("-period_start")
        .values("overall_status")[:1]
    )


def _contributions(programme: Programme, codes: dict[int, str], viewer) -> dict:
    """The accepted contributions into and out of ``programme`` as the external part of the
    network (one query). Links to the other programme's pages are left out for a ``viewer`` who
    may not see that programme (all are given when there is no viewer)."""

    def url(name: str, other: Programme, **kwargs) -> str:
        if viewer is not None and not viewer.has_perm("programmes.view_programme", other):
            return ""
        return reverse(name, kwargs={"slug": other.slug, **kwargs})

    efforts, goals, links_in, links_out = {}, {}, set(), set()
    for link in accepted_for_programme(programme):
        effort, goal = link.effort, link.operational_goal
        if goal.programme_id == programme.pk and goal.pk in codes:
            other = effort.programme
            efforts[effort.pk] = graph.ExternalEffort(
                id=effort.pk,
                name=effort.name,
                programme=other.name,
                url=url("programmes:effort", other, pk=effort.pk),
            )
            links_in.add((codes[goal.pk], effort.pk))
        elif effort.programme_id == programme.pk:
            other = goal.programme
            goals[goal.pk] = graph.ExternalGoal(
                id=goal.pk,
                code=goal.code,
                statement=goal.statement,
                programme=other.name,
                url=url("programmes:goal", other, code=goal.code),
            )
            links_out.add((goal.pk, effort.pk))
    return {
        "external_efforts": tuple(efforts.values()),
        "external_goals": tuple(goals.values()),
        "links_in": frozenset(links_in),
        "links_out": frozenset(links_out),
        "external_label": _("other programme: %(name)s"),
    }


def _pending_nodes(
    pending: Iterable[tuple[str, int]], strategic: dict[int, str], codes: dict[int, str]
) -> frozenset[str]:
    """The node ids of the elements (model label, key) that pending changes are about."""
    nodes = set()
    for label, pk in pending:
        if label == "programmes.strategicgoal" and pk in strategic:
            nodes.add(graph.network.strategic_node_id(strategic[pk]))
        elif label == "programmes.operationalgoal" and pk in codes:
            nodes.add(graph.goal_node_id(codes[pk]))
        elif label == "programmes.effort":
            nodes.add(graph.effort_node_id(pk))
    return frozenset(nodes)


def diagram_network(
    programme: Programme,
    *,
    as_of: dt.date,
    viewer=None,
    pending: Iterable[tuple[str, int]] = (),
    proposed_links: Iterable[tuple[int, int]] = (),
) -> graph.Network:
    """The DIN of ``programme`` as a :class:`graph.Network`, with the goals' status on
    ``as_of``, each effort's latest report and the accepted contributions with other
    programmes; the elements (model label, key) in ``pending`` marked as having a proposed
    change not yet in force, and the ``proposed_links`` (goal key, effort key) drawn as
    proposed. Nine queries."""
    slug = programme.slug
    monitor = programme_monitor(programme, as_of=as_of)
    strategic = tuple(
        graph.StrategicGoal(
            code=s.goal.code,
            text=s.goal.text,
            title=s.goal.title,
            url=reverse("programmes:strategic_goal", kwargs={"slug": slug, "code": s.goal.code}),
            status=goal_mark(s.status),
        )
        for s in monitor.strategic
    )
    codes = {}
    goals = []
    for s in monitor.strategic:
        for state in s.goals:
            goal = state.goal
            codes[goal.pk] = goal.code
            goals.append(
                graph.Goal(
                    code=goal.code,
                    statement=goal.statement,
                    strategic=s.goal.code,
                    url=reverse("programmes:goal", kwargs={"slug": slug, "code": goal.code}),
                    status=goal_mark(state.status),
                )
            )
    tracks = tuple(
        graph.Track(
            id=pk,
            name=name,
            order=order,
            url=reverse("din:diagram", kwargs={"slug": slug}) + f"?spoor={pk}",
        )
        for pk, name, order in Track.objects.filter(programme=programme)
        .order_by("order", "name", "pk")
        .values_list("pk", "name", "order")
    )
    activities: dict[int, list[graph.Activity]] = defaultdict(list)
    for effort_id, year, description in (
        Activity.objects.filter(effort__programme=programme)
        .order_by("effort_id", "year", "order", "pk")
        .values_list("effort_id", "year", "description")
    ):
        activities[effort_id].append(graph.Activity(year, description))
    efforts = tuple(
        graph.Effort(
            id=pk,
            name=name,
            track=track_id,
            order=order,
            url=reverse("programmes:effort", kwargs={"slug": slug, "pk": pk}),
            status=report_mark(latest or ""),
            activities=tuple(activities.get(pk, ())),
        )
        for pk, name, track_id, order, latest in Effort.objects.filter(programme=programme)
        .working()
        .annotate(latest=_latest_report_status())
        .order_by("order", "name", "pk")
        .values_list("pk", "name", "track_id", "order", "latest")
    )
    links = frozenset(
        (codes[goal_id], effort_id)
        for goal_id, effort_id in GoalEffortLink.objects.filter(
            effort__programme=programme, effort__archived_at__isnull=True
        ).values_list("operational_goal_id", "effort_id")
        if goal_id in codes
    )
    return graph.Network(
        name=programme.name,
        # No mission in the data (the Binnenstad contract states none): say so, not the name alone.
        mission=programme.mission or _("%(name)s (no mission recorded)") % {"name": programme.name},
        url=reverse("programmes:detail", kwargs={"slug": slug}),
        strategic=strategic,
        goals=tuple(goals),
        tracks=tracks,
        efforts=efforts,
        links=links,
        no_track_label=_("Without a track"),
        mission_label=_("Mission"),
        pending=_pending_nodes(pending, {s.goal.pk: s.goal.code for s in monitor.strategic}, codes),
        pending_label=_("proposed change, not yet in force"),
        proposed_links=frozenset(
            (codes[goal_id], effort_id) for goal_id, effort_id in proposed_links if goal_id in codes
        ),
        **_contributions(programme, codes, viewer),
    )
