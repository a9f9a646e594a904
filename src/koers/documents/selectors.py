"""The reads the documents need, through the other apps' selectors, each with a fixed number
of queries however large the programme is.

Every document shows the record as it stood on its date (see ``docs/documenten.md``, "Stand per
datum"): the goals, targets, efforts, links, budget lines and risks come from their history
through :mod:`koers.programmes.selectors_asof`; the contract is the baseline at its adoption with
the amendments (the change record) up to its date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from koers.decisions.models import Decision, ProgrammeChange
from koers.decisions.selectors import programme_changes, programme_decisions
from koers.din import graph
from koers.din.selectors_diagram import diagram_network
from koers.finance.exhaustion import ExhaustionReport, exhaustion_report
from koers.finance.models import BudgetLine, FundingSource
from koers.finance.selectors import Budget, build_budget, programme_budget
from koers.finance.spending_selectors import programme_spending
from koers.monitoring.selectors import (
    ProgrammeMonitor,
    StrategicState,
    goal_states,
)
from koers.monitoring.status import roll_up
from koers.programmes.constants import ChangeKind
from koers.programmes.models import Effort, Person, Programme
from koers.programmes.selectors import programme_overview
from koers.programmes.selectors_asof import (
    DinAsOf,
    adopted_at,
    day_after,
    din_as_of,
    rows_as_of,
)
from koers.reporting.attention import Attention, FromAttention, attention
from koers.reporting.models import ProgressReport, ReportingCalendar
from koers.reporting.obligations import DONE_STATES
from koers.reporting.schedule import ReportingPeriod
from koers.reporting.selectors import calendar_get
from koers.reporting.selectors_overview import default_period, periods_so_far
from koers.risks.constants import RiskStatus
from koers.risks.models import Risk

#: How many risks the progress report shows: the open ones with the highest score.
TOP_RISKS = 5


def _without_status(network: graph.Network) -> graph.Network:
    return dataclasses.replace(
        network,
        strategic=tuple(dataclasses.replace(s, status=None) for s in network.strategic),
        goals=tuple(dataclasses.replace(g, status=None) for g in network.goals),
        efforts=tuple(dataclasses.replace(e, status=None) for e in network.efforts),
    )


def network_as_of(network: graph.Network, din: DinAsOf) -> graph.Network:
    """``network`` (the diagram's plain data of today, for its addresses, activities and
    contributions) reduced to the DIN as it stood in ``din``, without statuses. Pure."""
    strategic = {s.code: s for s in network.strategic}
    goals = {g.code: g for g in network.goals}
    efforts = {e.id: e for e in network.efforts}
    tracks = {t.id: t for t in network.tracks}
    codes = {g.code for g in din.goals}
    ids = {e.pk for e in din.efforts}
    return _without_status(
        dataclasses.replace(
            network,
            strategic=tuple(
                dataclasses.replace(
                    strategic.get(s.code) or graph.StrategicGoal(code=s.code, text=s.text, url=""),
                    text=s.text,
                    title=s.title,
                )
                for s in din.strategic
            ),
            goals=tuple(
                dataclasses.replace(
                    goals.get(g.code)
                    or graph.Goal(code=g.code, statement=g.statement, strategic=""),
                    statement=g.statement,
                    strategic=g.strategic_goal.code,
                )
                for g in din.goals
            ),
            tracks=tuple(
                dataclasses.replace(tracks[t.pk], name=t.name, order=t.order)
                if t.pk in tracks
                else graph.Track(id=t.pk, name=t.name, order=t.order)
                for t in din.tracks
            ),
            efforts=tuple(
                dataclasses.replace(
                    efforts.get(e.pk) or graph.Effort(id=e.pk, name=e.name),
                    name=e.name,
                    track=e.track_id,
                    order=e.order,
                )
                for e in din.efforts
            ),
            links=frozenset((x.operational_goal.code, x.effort_id) for x in din.links),
            links_in=frozenset((code, e) for code, e in network.links_in if code in codes),
            links_out=frozenset((g, e) for g, e in network.links_out if e in ids),
        )
    )


def _partners(programme: Programme) -> dict[int, list[str]]:
    through = Effort.partners.through
    result: dict[int, list[str]] = {}
    rows = (
        through.objects.filter(effort__programme=programme)
        .order_by("partnerorganisation__name")
        .values_list("effort_id", "partnerorganisation__name")
    )
    for effort_id, name in rows:
        result.setdefault(effort_id, []).append(name)
    return result


def _by_score(risks) -> list[Risk]:
    """Highest score first, unscored last, then by title (as the risk register)."""
    return sorted(risks, key=lambda r: (r.score is None, -(r.score or 0), r.title.lower(), r.pk))


def risks_as_of(
    programme: Programme, *, before: dt.datetime, adopted: dt.datetime | None
) -> list[Risk]:
    """The programme's risks as they stood before ``before``, highest score first, with their
    owners: two queries (one when none has an owner)."""
    risks = rows_as_of(
        Risk,
        before=before,
        entered_until=adopted,
        current=Risk.objects.filter(programme=programme),
        programme_id=programme.pk,
    )
    owners = {p.pk: p for p in Person.objects.filter(pk__in={r.owner_id for r in risks} - {None})}
    for risk in risks:
        risk.programme = programme
        risk.owner = owners.get(risk.owner_id)
    return _by_score(risks)


def lines_as_of(
    programme: Programme,
    *,
    before: dt.datetime,
    adopted: dt.datetime | None,
    sources,
    efforts,
) -> list[BudgetLine]:
    """The programme's budget lines as they stood before ``before``, with their source and
    effort attached from ``sources`` and ``efforts`` (by id); in the order of the budget
    page. One query."""
    by_source = {s.pk: s for s in sources}
    by_effort = {e.pk: e for e in efforts}
    lines = []
    for line in rows_as_of(
        BudgetLine,
        before=before,
        entered_until=adopted,
        current=BudgetLine.objects.filter(programme=programme),
        programme_id=programme.pk,
    ):
        source = by_source.get(line.source_id)
        if source is None or (line.effort_id and line.effort_id not in by_effort):
            continue  # its source or its effort is not in the record of that date
        line.programme = programme
        line.source = source
        line.effort = by_effort.get(line.effort_id) if line.effort_id else None
        lines.append(line)
    lines.sort(key=lambda x: (x.source.order, x.source.name, x.year, x.pk))
    return lines


def effective_date(change: ProgrammeChange) -> dt.date:
    """When a change applies: the date of its decision, or else the day it was recorded."""
    if change.decision_id is not None:
        return change.decision.date
    return timezone.localtime(change.changed_at).date()


@dataclass
class ContractData:
    programme: Programme  # from programme_overview: choices and roles prefetched
    record: (
        Programme  # the programme's own fields (version, mission, vision, scope) of the baseline
    )
    din: DinAsOf  # the goals, indicators, tracks, efforts and links of the baseline
    partners: dict[int, list[str]]  # effort id → partner names
    calendar: ReportingCalendar | None
    budget: Budget
    risks: list[Risk]
    network: graph.Network  # without statuses: a contract shows the plan, not the progress
    as_of: dt.date  # the contract as it read on this date
    adopted: dt.datetime | None  # when the programme was adopted in Koers (None: not adopted)
    baseline: dt.date  # the date of the state shown in the body
    baseline_at_adoption: bool  # the body is the record at the adoption in Koers (after the
    # contract date: the programme was entered in Koers after the college adopted it)
    amendments: list[ProgrammeChange]  # since adoption, applying by as_of, oldest first

    @property
    def first_recorded(self) -> bool:
        return bool(self.din.first_recorded) or any(r.as_first_recorded for r in self.risks)


def contract_data(slug: str, *, today: dt.date, as_of: dt.date | None = None) -> ContractData:
    """The programme contract as it read on ``as_of`` (default ``today``): for an adopted
    programme the baseline — the record at its adoption in Koers, or at the end of its contract
    date when that is later — and the amendments recorded since then that apply by ``as_of``
    (by the date of their decision); for a programme not adopted, the record as it stood on
    ``as_of``."""
    as_of = as_of or today
    programme = programme_overview(slug)
    adopted = adopted_at(programme)
    baseline, at_adoption = as_of, False
    if adopted is not None:
        before = adopted + dt.timedelta(microseconds=1)
        baseline, at_adoption = timezone.localtime(adopted).date(), True
        if programme.contract_date is not None and day_after(programme.contract_date) > before:
            before = day_after(programme.contract_date)
            baseline, at_adoption = programme.contract_date, False
        changes = programme_changes(programme)
        adoption = min(
            (c for c in changes if c.kind in (ChangeKind.ADOPTED, ChangeKind.STATUS_CHANGED)),
            key=lambda c: (c.changed_at, c.pk),
            default=None,
        )
        amendments = sorted(
            (
                c
                for c in changes
                if c is not adoption and c.changed_at >= before and effective_date(c) <= as_of
            ),
            key=lambda c: (effective_date(c), c.changed_at, c.pk),
        )
    else:
        before = day_after(as_of)
        amendments = []
    din = din_as_of(programme, before=before, adopted=adopted)
    records = rows_as_of(Programme, before=before, entered_until=None, id=programme.pk)
    record = records[0] if records else programme
    current = programme_budget(programme)
    sources = [block.source for block in current.sources]
    lines = lines_as_of(
        programme, before=before, adopted=adopted, sources=sources, efforts=din.efforts
    )
    network = diagram_network(programme, as_of=today)
    return ContractData(
        programme=programme,
        record=record,
        din=din,
        partners=_partners(programme),
        calendar=calendar_get(programme),
        budget=build_budget(programme, sources, lines),
        risks=risks_as_of(programme, before=before, adopted=adopted),
        network=network_as_of(network, din),
        as_of=as_of,
        adopted=adopted,
        baseline=baseline,
        baseline_at_adoption=at_adoption,
        amendments=amendments,
    )


def monitor_as_of(din: DinAsOf, *, as_of: dt.date) -> ProgrammeMonitor:
    """The status on ``as_of`` of every goal of ``din``, measured against its target as it stood
    then: two queries (measurements, judgements)."""
    states = goal_states(din.goals, as_of=as_of)
    strategic = [
        StrategicState(
            goal=sg,
            status=roll_up(states[g.pk].status for g in sg.goals),
            goals=[states[g.pk] for g in sg.goals],
        )
        for sg in din.strategic
    ]
    return ProgrammeMonitor(
        programme=din.programme,
        as_of=as_of,
        status=roll_up(s.status for s in strategic),
        strategic=strategic,
        fictitious=any(s.fictitious for s in states.values()),
    )


@dataclass
class ProgressData(FromAttention):
    programme: Programme
    period: ReportingPeriod | None  # None: the programme has no reporting calendar
    as_of: dt.date
    monitor: ProgrammeMonitor  # goals and targets as they stood on as_of
    attention: Attention  # per reporting effort the report that counts (as in the digest)
    exhaustion: ExhaustionReport  # budget lines as of as_of, spending booked up to as_of
    risks: list[Risk]  # the open risks with the highest score, as they stood on as_of
    open_risks: int
    decisions: list[Decision]  # taken up to as_of, newest first
    changes: list[ProgrammeChange]  # applying by as_of, newest first
    first_recorded_at: dt.datetime | None = None  # set: some values shown as first recorded

    @property
    def fictitious(self) -> bool:
        return self.monitor.fictitious or any(r.report.is_fictitious for r in self.reports)


def progress_data(
    programme: Programme, *, period: ReportingPeriod | None, as_of: dt.date
) -> ProgressData:
    """What the progress report over ``period`` shows: the goals, targets, budget lines and risks
    as they stood on ``as_of``, and the goals' status on that date."""
    before = day_after(as_of)
    adopted = adopted_at(programme)
    din = din_as_of(programme, before=before, adopted=adopted)
    monitor = monitor_as_of(din, as_of=as_of)
    # Which efforts are a concern and which decisions are asked: the digest's answer.
    seen = attention(programme, today=as_of, period=period, default=False)
    spending = programme_spending(programme)
    lines = lines_as_of(
        programme,
        before=before,
        adopted=adopted,
        sources=FundingSource.objects.filter(programme=programme),
        efforts=din.efforts,
    )
    entries = [e for e in spending.entries if e.date <= as_of]
    risks = [
        r
        for r in risks_as_of(programme, before=before, adopted=adopted)
        if r.status == RiskStatus.OPEN
    ]
    decisions = list(programme_decisions(programme).filter(date__lte=as_of))
    for decision in decisions:
        decision.programme = programme
    changes = [c for c in programme_changes(programme) if effective_date(c) <= as_of]
    first = [
        *din.first_recorded,
        *(r for r in risks if r.as_first_recorded),
        *(x for x in lines if x.as_first_recorded),
    ]
    return ProgressData(
        programme=programme,
        period=period,
        as_of=as_of,
        monitor=monitor,
        attention=seen,
        exhaustion=exhaustion_report(lines, entries),
        risks=risks[:TOP_RISKS],
        open_risks=len(risks),
        decisions=decisions,
        changes=changes,
        first_recorded_at=min((r.recorded_at for r in first if r.recorded_at), default=None)
        or (timezone.now() if first else None),
    )


@dataclass
class PeriodChoice:
    calendar: ReportingCalendar | None
    periods: list[ReportingPeriod]  # every period so far, newest first
    default: ReportingPeriod | None
    latest_reported: ReportingPeriod | None  # the latest period with a submitted report


def period_choice(programme: Programme, *, today: dt.date) -> PeriodChoice:
    """The periods a progress report can be made over (two queries)."""
    calendar = calendar_get(programme)
    if calendar is None:
        return PeriodChoice(None, [], None, None)
    periods = periods_so_far(calendar, today)
    latest = ProgressReport.objects.filter(
        effort__programme=programme, state__in=DONE_STATES, period_start__lte=today
    ).aggregate(latest=Max("period_start"))["latest"]
    latest_reported = None
    if latest is not None:
        latest_reported = next((p for p in periods if p.start <= latest), None)
    return PeriodChoice(calendar, periods, default_period(calendar, today), latest_reported)


def period_find(programme: Programme, start: dt.date | None, *, today: dt.date):
    """(calendar, period): the period beginning on ``start`` (None if no period begins then),
    or the default period when ``start`` is None. One query."""
    calendar = calendar_get(programme)
    if calendar is None:
        return None, None
    if start is None:
        return calendar, default_period(calendar, today)
    return calendar, calendar.period_starting(start)
