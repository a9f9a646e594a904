"""The principals' digest: the main points for the bi-weekly meeting of the programme manager
with the bestuurlijk and ambtelijk opdrachtgever, as a page (/programmas/<slug>/overleg/), an
HTML e-mail and plain text (``koers digest send|show SLUG``).

It holds (1) the goal statuses from the monitor, (2) the efforts whose report has an aspect or
overall status *aandacht* or *probleem*, with the explanations, (3) the decisions asked of the
principals, (4) what changed since the previous digest, and (5) the reporting period and date.

The digest is over one reporting period (``?periode=`` on the page, ``--periode`` on the
command); by default the period that matters today
(:func:`~koers.reporting.selectors_overview.period_default`): for a programme that has ended,
its latest period with handed-in reports. It is about the period's last day: the goal statuses
are those of that day. Which efforts are a concern and which decisions are asked comes from
:mod:`koers.reporting.attention`, the same answer as the portfolio's and the progress report's.

"What changed" compares with the digest over the period before, computed the same way, so the
comparison does not depend on whether or when a digest was sent.

Every digest sent is recorded (``DigestLog``) with a plain-JSON snapshot: goal codes → status,
effort ids → overall status, the report ids included and the decisions asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from koers.monitoring.constants import Status
from koers.monitoring.selectors import ProgrammeMonitor, programme_monitor
from koers.programmes.constants import RoleKind
from koers.programmes.models import Programme, ProgrammeRole

from .attention import (
    CONCERNS,
    Attention,
    Decision,
    EffortReport,
    FromAttention,
    attention,
    counting_reports,
)
from .badges import Badge, aspect_badge, goal_badge
from .models import DigestLog, ProgressReport
from .obligations import DONE_STATES
from .schedule import ReportingPeriod
from .selectors import calendar_get
from .selectors_overview import period_default

__all__ = [
    "CONCERNS",
    "DONE_STATES",
    "Badge",
    "Decision",
    "Digest",
    "EffortReport",
    "aspect_badge",
    "build_digest",
    "counting_reports",
    "digest_send",
    "goal_badge",
]

RECIPIENT_ROLES = (
    RoleKind.POLITICAL_PRINCIPAL,
    RoleKind.ADMINISTRATIVE_PRINCIPAL,
    RoleKind.PROGRAMME_MANAGER,
)


@dataclass
class GoalLine:
    """A goal (``listed``: for a strategic goal, its operational goals that are not on course;
    achieved ones included)."""

    code: str
    text: str
    status: str
    fictitious: bool = False
    listed: list[GoalLine] = field(default_factory=list)
    on_course: int = 0

    @property
    def badge(self) -> Badge:
        return goal_badge(self.status)


@dataclass
class Change:
    """A status that changed since the previous digest (``what``: goal code or effort name)."""

    what: str
    text: str
    old: Badge
    new: Badge


@dataclass
class Changes:
    """What changed since the digest over the previous period (``previous``: that period;
    None for the first period, or without a calendar: then nothing is compared)."""

    previous: ReportingPeriod | None
    programme: Change | None = None
    goals: list[Change] = field(default_factory=list)
    efforts: list[Change] = field(default_factory=list)
    new_reports: list[ProgressReport] = field(default_factory=list)
    new_decisions: list[Decision] = field(default_factory=list)

    @property
    def first(self) -> bool:
        return self.previous is None

    @property
    def any(self) -> bool:
        return bool(
            self.programme or self.goals or self.efforts or self.new_reports or self.new_decisions
        )


@dataclass
class Digest(FromAttention):
    programme: Programme
    today: dt.date
    period: ReportingPeriod | None
    as_of: dt.date  # the date the digest is about: the period's last day, or today
    monitor: ProgrammeMonitor
    strategic: list[GoalLine]
    attention: Attention
    changes: Changes
    sent_today: DigestLog | None = None
    periods: list[ReportingPeriod] = field(default_factory=list)  # to choose from, newest first

    @property
    def decisions(self) -> list[Decision]:
        return self.attention.decisions

    @property
    def programme_badge(self) -> Badge:
        return goal_badge(self.monitor.status)

    @property
    def fictitious_reports(self) -> bool:
        return any(r.report.is_fictitious for r in self.reports)

    @property
    def path(self) -> str:
        path = reverse("reporting:digest", kwargs={"slug": self.programme.slug})
        return f"{path}?periode={self.period.key}" if self.period else path

    @property
    def url(self) -> str:
        return settings.BASE_URL.rstrip("/") + self.path

    def snapshot(self) -> dict:
        """What this digest says, in plain JSON, for the next digest's changes."""
        period = self.period
        return {
            "date": self.as_of.isoformat(),
            "period": None
            if period is None
            else {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "deadline": period.deadline.isoformat(),
            },
            "programme_status": self.monitor.status,
            "strategic_goals": {s.goal.code: s.status for s in self.monitor.strategic},
            "goals": {g.goal.code: g.status for g in self.monitor.goals},
            "efforts": {str(r.effort.pk): r.report.overall_status for r in self.reports},
            "reports": [r.report.pk for r in self.reports],
            "concerns": [r.effort.pk for r in self.concerns],
            "decisions": [
                {"effort": d.effort.pk, "report": d.report.pk, "text": d.text}
                for d in self.decisions
            ],
        }


def _strategic_lines(monitor: ProgrammeMonitor) -> list[GoalLine]:
    return [
        GoalLine(
            s.goal.code,
            s.goal.title or s.goal.text,
            s.status,
            listed=[
                GoalLine(g.goal.code, g.goal.statement, g.status, g.fictitious)
                for g in s.goals
                if g.status != Status.ON_COURSE
            ],
            on_course=sum(1 for g in s.goals if g.status == Status.ON_COURSE),
        )
        for s in monitor.strategic
    ]


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _status_changes(old: dict | None, new: dict, texts: dict[str, str]) -> list[Change]:
    if old is None:  # an older snapshot without these statuses: nothing to compare
        return []
    return [
        Change(code, texts.get(code, ""), goal_badge(old.get(code)), goal_badge(status))
        for code, status in new.items()
        if old.get(code) != status
    ]


def _changes(
    programme: Programme, previous: Digest | None, digest: Digest, snapshot: dict
) -> Changes:
    changes = Changes(previous=previous.period if previous else None)
    if previous is None:
        return changes
    before = previous.snapshot()
    if goal_badge(before.get("programme_status")).value not in ("", snapshot["programme_status"]):
        changes.programme = Change(
            programme.name,
            "",
            goal_badge(before["programme_status"]),
            goal_badge(snapshot["programme_status"]),
        )
    texts = {s.goal.code: s.goal.title or s.goal.text for s in digest.monitor.strategic}
    changes.goals = _status_changes(
        before.get("strategic_goals"), snapshot["strategic_goals"], texts
    )
    texts = {g.goal.code: g.goal.statement for g in digest.monitor.goals}
    changes.goals += _status_changes(before.get("goals"), snapshot["goals"], texts)
    old_efforts = before.get("efforts") or {}
    changes.efforts = [
        Change(r.effort.name, "", aspect_badge(old_efforts.get(str(r.effort.pk))), r.badge)
        for r in digest.reports
        if old_efforts.get(str(r.effort.pk)) != r.report.overall_status
    ]
    counted_before = set(before.get("reports", []))
    changes.new_reports = sorted(
        (r.report for r in digest.reports if r.report.pk not in counted_before),
        key=lambda r: (r.submitted_at is None, r.submitted_at, r.pk),
    )
    asked = {
        (d.get("effort"), " ".join(str(d.get("text", "")).split()))
        for d in before.get("decisions", [])
    }
    for d in digest.decisions:
        d.is_new = d.key not in asked
    changes.new_decisions = [d for d in digest.decisions if d.is_new]
    return changes


def _digest(
    programme: Programme,
    *,
    period: ReportingPeriod | None,
    today: dt.date,
    calendar,
) -> Digest:
    """The digest over ``period`` without the comparison (that needs the previous one)."""
    found = attention(programme, today=today, period=period, calendar=calendar, default=False)
    monitor = programme_monitor(programme, as_of=found.as_of)
    return Digest(
        programme=programme,
        today=today,
        period=period,
        as_of=found.as_of,
        monitor=monitor,
        strategic=_strategic_lines(monitor),
        attention=found,
        changes=Changes(previous=None),
    )


def build_digest(
    programme: Programme,
    *,
    today: dt.date | None = None,
    period: ReportingPeriod | None = None,
) -> Digest:
    """The digest over ``period`` (default: the period that matters on ``today``, see
    :func:`~koers.reporting.selectors_overview.period_default`), with what changed since the
    digest over the period before it. A fixed number of queries (about twenty) whatever the
    number of goals, efforts and reports."""
    today = today or timezone.localdate()
    calendar = calendar_get(programme)
    periods = list(reversed(calendar.periods_until(today))) if calendar else []
    if period is None and calendar is not None:
        period = period_default(calendar, today=today)
    digest = _digest(programme, period=period, today=today, calendar=calendar)
    digest.periods = periods
    previous = None
    if period is not None:
        earlier = [p for p in periods if p.start < period.start]
        if earlier:
            previous = _digest(programme, period=earlier[0], today=today, calendar=calendar)
    logs = DigestLog.objects.filter(programme=programme).select_related("sent_by")
    digest.sent_today = (
        logs.filter(sent_at__gte=_start_of(today), sent_at__lt=_start_of(today + dt.timedelta(1)))
        .defer("snapshot")
        .order_by("-sent_at", "-pk")
        .first()
    )
    digest.changes = _changes(programme, previous, digest, digest.snapshot())
    return digest


# --- sending -------------------------------------------------------------------------------------


class NoRecipients(Exception):
    """Nobody to send the digest to."""


def no_recipients_message(programme: Programme) -> str:
    return _(
        "There is nobody to send the digest of %(programme)s to: give the bestuurlijk "
        "opdrachtgever, the ambtelijk opdrachtgever or the programme manager an e-mail address."
    ) % {"programme": programme.name}


def digest_recipients(programme: Programme) -> list[str]:
    """The e-mail addresses of the principals and the programme manager (the person's own
    address, or else their account's), each once."""
    roles = (
        ProgrammeRole.objects.filter(programme=programme, kind__in=RECIPIENT_ROLES)
        .select_related("person", "person__user")
        .order_by("order", "id")
    )
    found: dict[str, str] = {}
    for role in roles:
        person = role.person
        if person is None:
            continue
        address = person.email or (person.user.email if person.user_id else "")
        if address:
            found.setdefault(address.lower(), address)
    return list(found.values())


def digest_subject(digest: Digest) -> str:
    return _("Principals' meeting %(programme)s — %(date)s") % {
        "programme": digest.programme.name,
        "date": formats.date_format(digest.today, "j F Y"),
    }


def digest_text(digest: Digest) -> str:
    """The digest as plain text (the e-mail's text part, and ``koers digest show``)."""
    return render_to_string("reporting/digest_email.txt", {"digest": digest})


def digest_message(digest: Digest, recipients: list[str]) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMultiAlternatives(
            subject=digest_subject(digest),
            body=digest_text(digest),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        message.attach_alternative(
            render_to_string("reporting/digest_email.html", {"digest": digest}), "text/html"
        )
    return message


def digest_send(
    programme: Programme,
    *,
    actor=None,
    to: list[str] | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
    period: ReportingPeriod | None = None,
) -> tuple[Digest, list[str], DigestLog | None]:
    """E-mail the digest to ``to`` or else the principals and the programme manager, and record
    it (unless ``dry_run``). Raises ``NoRecipients`` when there is nobody to send it to; a
    failure of the mail server propagates and nothing is recorded."""
    recipients = list(to) if to else digest_recipients(programme)
    if not recipients:
        raise NoRecipients(programme)
    digest = build_digest(programme, today=today, period=period)
    if dry_run:
        return digest, recipients, None
    digest_message(digest, recipients).send()
    log = DigestLog.objects.create(
        programme=programme,
        sent_by=actor if getattr(actor, "pk", None) else None,
        recipients="\n".join(recipients),
        snapshot=digest.snapshot(),
    )
    return digest, recipients, log
