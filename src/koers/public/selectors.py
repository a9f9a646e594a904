"""What is public: every read of the public monitor, the open data and the API's public part.

Deny by default. A programme is public only when its :class:`ProgrammePublication` says
``published``; within a published programme an indicator (with its measurements and status) and
an effort (with its *public* description) only when their own publication record says so.

What a published programme shows: name, municipality, period, mission, vision, the public
introduction, strategic goals and operational goals (codes, titles, statements), the budget
total when ``show_budget_total``. Never: notes, people (owners, role holders, who entered or
judged what), risks, decisions, reports, budget lines, the efforts' own descriptions, history,
judgements of qualitative goals, indicators or measurements that are not published.

INTERFACE (fixed; the API relies on it — signatures do not change):

- :func:`published_programmes` ``() -> QuerySet[Programme]`` — one query.
- :func:`published_programme` ``(slug) -> Programme`` — 404 when unknown or not published;
  one query (the publication is selected with it: ``programme.publication``).
- :func:`published_indicators` ``(programme) -> QuerySet[Indicator]`` — one query; each with
  ``operational_goal`` and ``operational_goal.strategic_goal`` selected.
- :func:`published_efforts` ``(programme) -> QuerySet[Effort]`` — one query (``publication``
  and ``track`` selected); show only ``name``, ``status``, ``track.name``, the dates and
  ``publication.public_description``.
- :func:`published_measurements` ``(source, *, since=None, until=None, period_kind=None)
  -> QuerySet[Measurement]`` — ``source`` is a Programme or an Indicator; one query; each
  with ``indicator.operational_goal`` selected; only the public columns are loaded.
- :func:`measurement_record` ``(measurement) -> dict`` — the open-data shape of one value (the
  CSV columns and the JSON objects), no queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Sum
from django.http import Http404

from koers.monitoring.constants import Status
from koers.monitoring.models import Measurement
from koers.monitoring.selectors import GoalState, goal_states, known_points
from koers.monitoring.status import roll_up
from koers.programmes.constants import GoalKind
from koers.programmes.models import (
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    Programme,
    StrategicGoal,
)

from .models import ProgrammePublication

# The open-data licence of the published measurements (shown on the pages, in the JSON, docs).
LICENSE_NAME = "CC0 1.0"
LICENSE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"

# Columns of the open data, in order (CSV header, keys of the JSON objects).
OPEN_DATA_FIELDS = (
    "programme",
    "goal",
    "indicator",
    "unit",
    "period",
    "period_kind",
    "start",
    "end",
    "known_from",
    "value",
    "provisional",
    "fictitious",
    "source",
)

#: The column names of the CSV files, in Dutch (the JSON keeps the field names above).
OPEN_DATA_CSV_HEADERS = {
    "programme": "programma",
    "goal": "doel",
    "indicator": "indicator",
    "unit": "eenheid",
    "period": "periode",
    "period_kind": "soort_periode",
    "start": "begin",
    "end": "einde",
    "known_from": "bekend_sinds",
    "value": "waarde",
    "provisional": "voorlopig",
    "fictitious": "fictief",
    "source": "bron",
}


def published_programmes() -> QuerySet[Programme]:
    """The published programmes, by name, each with its ``publication`` (one query)."""
    return (
        Programme.objects.filter(publication__published=True)
        .select_related("publication")
        .order_by("name")
    )


def published_programme(slug: str) -> Programme:
    """One published programme (one query); 404 when it does not exist or is not published, so
    a draft cannot be told apart from a programme that does not exist."""
    programme = published_programmes().filter(slug=slug).first()
    if programme is None:
        raise Http404(slug)
    return programme


def _published_indicator_filter():
    return {
        "publication__published": True,
        "operational_goal__kind": GoalKind.MEASURABLE,
        "operational_goal__archived_at__isnull": True,  # archived: not in the public monitor
    }


def published_indicators(programme: Programme) -> QuerySet[Indicator]:
    """The published indicators of ``programme`` in DIN order (one query)."""
    return (
        Indicator.objects.filter(
            operational_goal__programme=programme, **_published_indicator_filter()
        )
        .select_related("operational_goal", "operational_goal__strategic_goal")
        .order_by(
            "operational_goal__strategic_goal__order",
            "operational_goal__order",
            "operational_goal__code",
        )
    )


def published_indicator(programme: Programme, code: str) -> Indicator:
    """The published indicator of the operational goal ``code`` (one query); 404 otherwise."""
    indicator = published_indicators(programme).filter(operational_goal__code__iexact=code).first()
    if indicator is None:
        raise Http404(code)
    return indicator


def published_efforts(programme: Programme) -> QuerySet[Effort]:
    """The published efforts of ``programme`` (one query). Only the public fields are loaded."""
    return (
        Effort.objects.filter(
            programme=programme, publication__published=True, archived_at__isnull=True
        )
        .select_related("publication", "track")
        .only(
            "pk",
            "programme_id",
            "name",
            "status",
            "start_date",
            "end_date",
            "order",
            "track__name",
            "publication__public_description",
            "publication__published",
        )
        .order_by("order", "name")
    )


def published_measurements(
    source: Programme | Indicator,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    period_kind: str | None = None,
) -> QuerySet[Measurement]:
    """The published measurements of a programme or of one indicator (one query), oldest
    first. ``since``/``until`` filter on the period's last day (inclusive); ``period_kind`` is a
    :class:`koers.monitoring.constants.PeriodKind` value. Empty when the programme or the
    indicator is not published."""
    qs = Measurement.objects.filter(
        indicator__operational_goal__programme__publication__published=True,
        indicator__publication__published=True,
        indicator__operational_goal__kind=GoalKind.MEASURABLE,
        indicator__operational_goal__archived_at__isnull=True,
    )
    if isinstance(source, Indicator):
        qs = qs.filter(indicator=source)
    else:
        qs = qs.filter(indicator__operational_goal__programme=source)
    if since is not None:
        qs = qs.filter(period_end__gte=since)
    if until is not None:
        qs = qs.filter(period_end__lte=until)
    if period_kind:
        qs = qs.filter(period_kind=period_kind)
    return (
        qs.select_related("indicator", "indicator__operational_goal")
        .only(
            "pk",
            "period_kind",
            "period_start",
            "period_end",
            "known_from",
            "value",
            "source",
            "is_provisional",
            "is_fictitious",
            "indicator__name",
            "indicator__unit",
            "indicator__decimals",
            "indicator__data_source",
            "indicator__operational_goal__code",
            "indicator__operational_goal__programme_id",
        )
        .order_by(
            "indicator__operational_goal__strategic_goal__order",
            "indicator__operational_goal__order",
            "indicator__operational_goal__code",
            "period_end",
            "period_start",
        )
    )


def measurement_record(measurement: Measurement, *, programme_slug: str = "") -> dict:
    """One published measurement as open data (no queries). ``value`` stays a Decimal: the CSV
    writes it with a full stop, the JSON as a string, never as a float."""
    indicator = measurement.indicator
    return {
        "programme": programme_slug,
        "goal": indicator.operational_goal.code,
        "indicator": indicator.name,
        "unit": indicator.unit,
        "period": measurement.period_code,
        "period_kind": measurement.period_kind,
        "start": measurement.period_start.isoformat(),
        "end": measurement.period_end.isoformat(),
        "known_from": measurement.known_from.isoformat(),
        "value": plain_decimal(measurement.value),
        "provisional": measurement.is_provisional,
        "fictitious": measurement.is_fictitious,
        "source": measurement.source or indicator.data_source,
    }


def plain_decimal(value: Decimal) -> Decimal:
    """``value`` without the trailing zeros of its storage (93000.0000 → 93000, 7.50 → 7.5)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def budget_total(programme: Programme) -> Decimal | None:
    """The programme's total budget when it is published (one query), else None. Only the
    total: budget lines, sources and years are never public."""
    publication = getattr(programme, "publication", None)
    if publication is None or not publication.show_budget_total:
        return None
    from koers.finance.models import BudgetLine

    total = BudgetLine.objects.filter(programme=programme).aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal("0.00")


# --- The public monitor page ------------------------------------------------------------------


@dataclass
class PublicGoal:
    """An operational goal as the public sees it: ``state`` only when its indicator is
    published (otherwise the status would tell something about unpublished values)."""

    goal: OperationalGoal
    indicator: Indicator | None
    state: GoalState | None
    measurements: list[Measurement] = field(default_factory=list)
    efforts: list[Effort] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        return self.state.status if self.state else None

    @property
    def status_label(self) -> str:
        return self.state.status_label if self.state else ""

    @property
    def last_measured(self) -> dt.date | None:
        return self.measurements[-1].period_end if self.measurements else None

    @property
    def fictitious(self) -> bool:
        return any(m.is_fictitious for m in self.measurements)


@dataclass
class PublicStrategic:
    goal: StrategicGoal
    goals: list[PublicGoal]
    status: str | None

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""


@dataclass
class PublicMonitor:
    programme: Programme
    as_of: dt.date
    strategic: list[PublicStrategic]
    efforts: list[Effort]
    status: str | None
    budget_total: Decimal | None

    @property
    def status_label(self) -> str:
        return Status(self.status).label if self.status else ""

    @property
    def goals(self) -> list[PublicGoal]:
        return [g for s in self.strategic for g in s.goals]

    @property
    def indicators(self) -> list[PublicGoal]:
        return [g for g in self.goals if g.indicator is not None]

    @property
    def fictitious(self) -> bool:
        return any(g.fictitious for g in self.goals)

    @property
    def last_measured(self) -> dt.date | None:
        return max((g.last_measured for g in self.goals if g.last_measured), default=None)


def _roll_up(statuses: list[str]) -> str | None:
    return roll_up(statuses) if statuses else None


def public_monitor(programme: Programme, *, as_of: dt.date) -> PublicMonitor:
    """Everything the public page of ``programme`` shows, in six queries whatever the number
    of goals, indicators, measurements or efforts (``programme`` from
    :func:`published_programme`). Statuses are computed from published indicators only, and
    the roll-up of a strategic goal and of the programme from those statuses only."""
    strategic = list(StrategicGoal.objects.filter(programme=programme).order_by("order", "code"))
    published = Indicator.objects.filter(
        operational_goal=OuterRef("pk"), **_published_indicator_filter()
    )
    goals = list(
        OperationalGoal.objects.filter(programme=programme)
        .working()
        .annotate(public_indicator=Exists(published))
        .only("pk", "programme_id", "strategic_goal_id", "code", "statement", "kind", "order")
        .order_by("strategic_goal__order", "order", "code")
    )
    indicators = {i.operational_goal_id: i for i in published_indicators(programme)}
    measurements: dict[int, list[Measurement]] = defaultdict(list)
    for m in published_measurements(programme):
        measurements[m.indicator_id].append(m)
    efforts = list(
        published_efforts(programme).prefetch_related(
            Prefetch(
                "links",
                queryset=GoalEffortLink.objects.only("pk", "effort_id", "operational_goal_id"),
            )
        )
    )
    efforts_by_goal: dict[int, list[Effort]] = defaultdict(list)
    for effort in efforts:
        for link in effort.links.all():
            efforts_by_goal[link.operational_goal_id].append(effort)
    measurable = []
    for goal in goals:
        indicator = indicators.get(goal.pk) if goal.public_indicator else None
        if indicator is not None:
            goal.indicator = indicator
            measurable.append(goal)
    states = goal_states(
        measurable,
        as_of=as_of,
        points={ind: known_points(values, as_of)[0] for ind, values in measurements.items()},
        fictitious={
            ind for ind, values in measurements.items() if any(m.is_fictitious for m in values)
        },
        judgements={},
    )
    by_strategic: dict[int, list[PublicGoal]] = defaultdict(list)
    for goal in goals:
        indicator = indicators.get(goal.pk) if goal.public_indicator else None
        values = measurements.get(indicator.pk, []) if indicator else []
        state = states.get(goal.pk)
        by_strategic[goal.strategic_goal_id].append(
            PublicGoal(
                goal=goal,
                indicator=indicator,
                state=state,
                measurements=values,
                efforts=efforts_by_goal.get(goal.pk, []),
            )
        )
    states = [
        PublicStrategic(
            goal=sg,
            goals=by_strategic[sg.pk],
            status=_roll_up([g.status for g in by_strategic[sg.pk] if g.status]),
        )
        for sg in strategic
    ]
    return PublicMonitor(
        programme=programme,
        as_of=as_of,
        strategic=states,
        efforts=efforts,
        status=_roll_up([s.status for s in states if s.status]),
        budget_total=budget_total(programme),
    )


# --- The staff's publication page -------------------------------------------------------------


@dataclass
class PublicationOverview:
    """What of a programme is published, for the publication page (any user with access)."""

    programme: Programme
    publication: ProgrammePublication | None
    indicators: list[Indicator]
    efforts: list[Effort]

    @property
    def version(self) -> int:
        return self.publication.version if self.publication else 0

    @property
    def published(self) -> bool:
        return bool(self.publication and self.publication.published)


def _publication_of(obj):
    try:
        return obj.publication
    except ObjectDoesNotExist:
        return None


def publication_overview(programme: Programme) -> PublicationOverview:
    """The programme's publication with every indicator and effort and theirs (three
    queries). Each indicator and effort gets ``public`` (its publication record or None)."""
    indicators = list(
        Indicator.objects.filter(
            operational_goal__programme=programme, operational_goal__kind=GoalKind.MEASURABLE
        )
        .select_related("operational_goal", "publication")
        .order_by(
            "operational_goal__strategic_goal__order",
            "operational_goal__order",
            "operational_goal__code",
        )
    )
    efforts = list(
        Effort.objects.filter(programme=programme)
        .select_related("publication")
        .order_by("order", "name")
    )
    for obj in (*indicators, *efforts):
        obj.public = _publication_of(obj)
    return PublicationOverview(
        programme=programme,
        publication=ProgrammePublication.objects.filter(programme=programme).first(),
        indicators=indicators,
        efforts=efforts,
    )
