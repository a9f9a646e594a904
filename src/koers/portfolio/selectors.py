"""Every read the portfolio and the meetings need, with a fixed number of queries.

The portfolio (:func:`portfolio`) shows all programmes a user may see on one page. Its query
count does not depend on the number of programmes: the goals, indicators, measurements and
judgements of all programmes are fetched in one query each and handed to the monitor's pure
status engine per programme; efforts, money, risks, reports and digests are one aggregated
query each."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Max, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404

from koers.finance.constants import SpendingKind
from koers.finance.models import BudgetLine, Spending
from koers.monitoring.constants import Status
from koers.monitoring.selectors import goal_states
from koers.monitoring.status import roll_up
from koers.programmes.constants import RoleKind
from koers.programmes.models import OperationalGoal, Programme, ProgrammeRole
from koers.programmes.selectors import programmes_for_user
from koers.reporting.attention import attention_many
from koers.reporting.constants import AspectStatus, ReportState
from koers.reporting.models import DigestLog, ProgressReport
from koers.risks.constants import RiskStatus
from koers.risks.models import Risk

from .constants import ItemKind, ItemStatus
from .models import AgendaItem, Meeting, MeetingItem, MeetingOccurrence

#: Reports whose status counts: those the owner handed in (as on the DIN diagram).
COUNTED_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
TOP_RISKS = 3


@dataclass(frozen=True)
class Holder:
    """A portfolio holder: the person in the role of bestuurlijk opdrachtgever (the alderman).
    ``key`` is the person's id, or ``t<role id>`` for a role without a named person."""

    key: str
    name: str


@dataclass
class ConcernEffort:
    pk: int
    name: str
    status: str

    @property
    def status_label(self) -> str:
        return AspectStatus(self.status).label


@dataclass
class PortfolioRow:
    programme: Programme
    holders: list[Holder] = field(default_factory=list)
    status: str = Status.NO_DATA
    counts: dict[str, int] = field(default_factory=dict)
    concerns: list[ConcernEffort] = field(default_factory=list)
    report_period: object = None  # the reporting period the concerns are over
    allocated: Decimal = Decimal("0.00")
    spent: Decimal = Decimal("0.00")
    risks: list[Risk] = field(default_factory=list)
    latest_report: dt.datetime | None = None
    latest_digest: dt.datetime | None = None
    open_actions: int = 0

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, number of operational goals) for every status that occurs."""
        return [(s.value, s.label, self.counts[s.value]) for s in Status if self.counts.get(s)]

    @property
    def attention(self) -> list[ConcernEffort]:
        return [c for c in self.concerns if c.status == AspectStatus.ATTENTION]

    @property
    def problems(self) -> list[ConcernEffort]:
        return [c for c in self.concerns if c.status == AspectStatus.PROBLEM]

    @property
    def spent_percent(self) -> int | None:
        if not self.allocated:
            return None
        return int((self.spent * 100 / self.allocated).to_integral_value())


@dataclass
class Portfolio:
    rows: list[PortfolioRow]
    holders: list[Holder]  # every portfolio holder of the programmes the user may see
    total: int  # programmes the user may see, before the filters
    as_of: dt.date

    @property
    def filtered(self) -> bool:
        return len(self.rows) != self.total

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocated for r in self.rows), Decimal("0.00"))

    @property
    def spent(self) -> Decimal:
        return sum((r.spent for r in self.rows), Decimal("0.00"))


def _holders(programme_ids) -> dict[int, list[Holder]]:
    found: dict[int, list[Holder]] = defaultdict(list)
    roles = (
        ProgrammeRole.objects.filter(
            programme_id__in=programme_ids, kind=RoleKind.POLITICAL_PRINCIPAL
        )
        .select_related("person")
        .order_by("order", "pk")
    )
    for role in roles:
        if role.person_id:
            holder = Holder(str(role.person_id), role.person.name)
        else:
            holder = Holder(f"t{role.pk}", role.title or str(role.get_kind_display()))
        found[role.programme_id].append(holder)
    return found


def _goal_statuses(programme_ids, as_of: dt.date) -> dict[int, tuple[str, dict[str, int]]]:
    """Per programme its rolled-up status and the number of operational goals per status: the
    monitor's roll-up (operational → strategic → programme) in three queries for all."""
    goals = list(
        OperationalGoal.objects.filter(programme_id__in=programme_ids)
        .working()  # an archived goal is in the record, not in the portfolio's roll-up
        .select_related("indicator")
        .order_by("programme_id", "strategic_goal_id", "order", "code")
    )
    by_strategic: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for state in goal_states(goals, as_of=as_of).values():
        goal = state.goal
        by_strategic[goal.programme_id][goal.strategic_goal_id].append(state.status)
        counts[goal.programme_id][state.status] += 1
    return {
        pk: (
            roll_up(roll_up(s) for s in by_strategic[pk].values()),
            dict(counts[pk]),
        )
        for pk in by_strategic
    }


def _concerns(programmes, today: dt.date) -> dict[int, tuple[list[ConcernEffort], object]]:
    """Per programme (the efforts that are a concern, the reporting period they are over), from
    :func:`koers.reporting.attention.attention_many`: the digest's and the progress report's
    answer, over each programme's default period."""
    found = {}
    for pk, seen in attention_many(programmes, today=today).items():
        concerns = [
            ConcernEffort(
                r.effort.pk,
                r.effort.name,
                AspectStatus.PROBLEM if r.severity == 0 else AspectStatus.ATTENTION,
            )
            for r in sorted(
                seen.concerns, key=lambda r: (r.effort.order, r.effort.name, r.effort.pk)
            )
        ]
        found[pk] = (concerns, seen.period)
    return found


def _sums(queryset, key: str) -> dict[int, Decimal]:
    return {
        row[key]: row["total"] or Decimal("0.00")
        for row in queryset.order_by().values(key).annotate(total=Sum("amount"))
    }


def _top_risks(programme_ids) -> dict[int, list[Risk]]:
    """Per programme its open risks with the highest score (unscored ones last), at most
    :data:`TOP_RISKS`; one query with a window function."""
    score = F("likelihood") * F("impact")
    ranked = (
        Risk.objects.filter(programme_id__in=programme_ids, status=RiskStatus.OPEN)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("programme_id")],
                order_by=[score.desc(nulls_last=True), F("title").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=TOP_RISKS)
        .order_by("programme_id", "rank")
    )
    found: dict[int, list[Risk]] = defaultdict(list)
    for risk in ranked:
        found[risk.programme_id].append(risk)
    return found


def _latest(queryset, key: str, field_name: str) -> dict[int, dt.datetime]:
    return {
        row[key]: row["latest"]
        for row in queryset.order_by().values(key).annotate(latest=Max(field_name))
    }


def portfolio(
    user,
    *,
    as_of: dt.date,
    holder: str | None = None,
    status: str | None = None,
    goal_status: str | None = None,
) -> Portfolio:
    """The programmes ``user`` may see with their roll-up, filtered by portfolio holder (a
    :attr:`Holder.key`), programme status and rolled-up goal status. A fixed number of queries
    (eleven, plus the user's access once), whatever the number of programmes."""
    programmes = list(programmes_for_user(user))
    holders = _holders([p.pk for p in programmes])
    every_holder = sorted(
        {h for hs in holders.values() for h in hs}, key=lambda h: (h.name.lower(), h.key)
    )
    rows = [
        PortfolioRow(programme=p, holders=holders.get(p.pk, []))
        for p in programmes
        if (not status or p.status == status)
        and (not holder or any(h.key == holder for h in holders.get(p.pk, [])))
    ]
    ids = [r.programme.pk for r in rows]
    statuses = _goal_statuses(ids, as_of)
    concerns = _concerns([r.programme for r in rows], as_of)
    allocated = _sums(BudgetLine.objects.filter(programme_id__in=ids), "programme_id")
    spent = _sums(
        Spending.objects.filter(budget_line__programme_id__in=ids, kind=SpendingKind.EXPENDITURE),
        "budget_line__programme_id",
    )
    risks = _top_risks(ids)
    reports = _latest(
        ProgressReport.objects.filter(
            effort__programme_id__in=ids, state__in=COUNTED_STATES, submitted_at__isnull=False
        ),
        "effort__programme_id",
        "submitted_at",
    )
    digests = _latest(DigestLog.objects.filter(programme_id__in=ids), "programme_id", "sent_at")
    actions = dict(
        MeetingItem.objects.filter(
            occurrence__meeting__programme_id__in=ids,
            kind=ItemKind.ACTION,
            status=ItemStatus.OPEN,
        )
        .order_by()
        .values("occurrence__meeting__programme_id")
        .annotate(n=Count("pk"))
        .values_list("occurrence__meeting__programme_id", "n")
    )
    for row in rows:
        pk = row.programme.pk
        row.status, row.counts = statuses.get(pk, (Status.NO_DATA, {}))
        row.concerns, row.report_period = concerns.get(pk, ([], None))
        row.allocated = allocated.get(pk, Decimal("0.00"))
        row.spent = spent.get(pk, Decimal("0.00"))
        row.risks = risks.get(pk, [])
        row.latest_report = reports.get(pk)
        row.latest_digest = digests.get(pk)
        row.open_actions = actions.get(pk, 0)
    if goal_status:
        rows = [r for r in rows if r.status == goal_status]
    return Portfolio(rows=rows, holders=every_holder, total=len(programmes), as_of=as_of)


# --- meetings ------------------------------------------------------------------------------------


def _open_actions() -> Q:
    return Q(kind=ItemKind.ACTION, status=ItemStatus.OPEN)


def meetings_of(programme: Programme) -> list[Meeting]:
    """The programme's meetings, each with ``n_held``, ``last_held`` and ``n_open`` (one
    query)."""
    held = MeetingOccurrence.objects.filter(meeting=OuterRef("pk")).order_by().values("meeting")
    open_actions = (
        MeetingItem.objects.filter(_open_actions(), occurrence__meeting=OuterRef("pk"))
        .order_by()
        .values("occurrence__meeting")
    )
    return list(
        Meeting.objects.filter(programme=programme)
        .annotate(
            n_held=Subquery(held.annotate(n=Count("pk")).values("n")),
            last_held=Subquery(held.annotate(d=Max("date")).values("d")),
            n_open=Subquery(open_actions.annotate(n=Count("pk")).values("n")),
        )
        .order_by("title", "pk")
    )


def meeting_get(programme: Programme, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("programme"), programme=programme, pk=pk
    )


def _actions():
    return MeetingItem.objects.select_related("owner", "occurrence__meeting__programme").order_by(
        F("due_date").asc(nulls_last=True), "occurrence__date", "pk"
    )


@dataclass
class MeetingPage:
    meeting: Meeting
    occurrences: list[MeetingOccurrence]
    open_actions: list[MeetingItem]


def meeting_page(meeting: Meeting) -> MeetingPage:
    """A meeting with every time it was held (newest first, with the number of decisions and
    actions) and its open actions (two queries)."""
    occurrences = list(
        meeting.occurrences.annotate(
            n_items=Count("items", distinct=True),
        ).order_by("-date", "-pk")
    )
    open_actions = list(_actions().filter(_open_actions(), occurrence__meeting=meeting))
    return MeetingPage(meeting, occurrences, open_actions)


def occurrence_get(meeting: Meeting, pk: int) -> MeetingOccurrence:
    occurrence = (
        MeetingOccurrence.objects.select_related("meeting__programme")
        .filter(meeting=meeting, pk=pk)
        .first()
    )
    if occurrence is None:
        raise Http404(pk)
    return occurrence


@dataclass
class OccurrencePage:
    occurrence: MeetingOccurrence
    agenda: list[AgendaItem]
    decisions: list[MeetingItem]
    actions: list[MeetingItem]  # recorded at this meeting
    carried_over: list[MeetingItem]  # from earlier meetings: still open, or done since
    previous: MeetingOccurrence | None
    next: MeetingOccurrence | None

    @property
    def open_carried_over(self) -> list[MeetingItem]:
        return [a for a in self.carried_over if a.is_open]


def occurrence_page(occurrence: MeetingOccurrence) -> OccurrencePage:
    """One meeting held: its agenda, the decisions and actions recorded there, and the actions
    of earlier meetings of the series that were open on its date (four queries)."""
    agenda = list(occurrence.agenda.order_by("order", "pk"))
    recorded = list(occurrence.items.select_related("owner").order_by("pk"))
    for item in recorded:
        item.occurrence = occurrence  # with its meeting and programme, already fetched
    carried = list(
        _actions().filter(
            Q(status=ItemStatus.OPEN) | Q(done_on__gte=occurrence.date),
            kind=ItemKind.ACTION,
            occurrence__meeting_id=occurrence.meeting_id,
            occurrence__date__lt=occurrence.date,
        )
    )
    siblings = list(
        MeetingOccurrence.objects.filter(meeting_id=occurrence.meeting_id)
        .only("pk", "date", "meeting_id")
        .order_by("date", "pk")
    )
    index = next(i for i, o in enumerate(siblings) if o.pk == occurrence.pk)
    return OccurrencePage(
        occurrence=occurrence,
        agenda=agenda,
        decisions=[i for i in recorded if i.kind == ItemKind.DECISION],
        actions=[i for i in recorded if i.kind == ItemKind.ACTION],
        carried_over=carried,
        previous=siblings[index - 1] if index > 0 else None,
        next=siblings[index + 1] if index + 1 < len(siblings) else None,
    )


def agenda_item_get(occurrence: MeetingOccurrence, pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, occurrence=occurrence, pk=pk)


def meeting_item_get(programme: Programme, pk: int) -> MeetingItem:
    return get_object_or_404(
        MeetingItem.objects.select_related("occurrence__meeting__programme", "owner__user"),
        occurrence__meeting__programme=programme,
        pk=pk,
    )
