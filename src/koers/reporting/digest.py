"""The principals' digest: the main points for the bi-weekly meeting of the programme manager
with the bestuurlijk and ambtelijk opdrachtgever, as a page (/programmas/<slug>/overleg/), an
HTML e-mail and plain text (``koers digest send|show SLUG``).

It holds (1) the goal statuses from the monitor, (2) the efforts whose report has an aspect or
overall status *aandacht* or *probleem*, with the explanations, (3) the decisions asked of the
principals, (4) what changed since the previous digest, and (5) the reporting period and date.

Which report counts for an effort: its submitted or accepted report over the period owners
report on now, or else its latest submitted or accepted report before that.

The previous digest is the latest one sent *before the day* of this digest. A digest e-mailed in
the morning thus still shows, on the page printed for the meeting that afternoon, the changes
it was sent with (and sending twice on one day sends the same content twice).

Every digest sent is recorded (``DigestLog``) with a plain-JSON snapshot: goal codes → status,
effort ids → overall status, the report ids included and the decisions asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from koers.monitoring.constants import Status
from koers.monitoring.selectors import ProgrammeMonitor, programme_monitor
from koers.monitoring.templatetags.monitor import ICONS as STATUS_ICONS
from koers.programmes.constants import RoleKind
from koers.programmes.models import Effort, Programme, ProgrammeRole

from .constants import AspectStatus, ReportState
from .models import DigestLog, ProgressReport
from .schedule import ReportingPeriod
from .selectors import calendar_get, reporting_efforts
from .templatetags.reports import ICONS as ASPECT_ICONS

DONE_STATES = (ReportState.SUBMITTED, ReportState.ACCEPTED)
CONCERNS = (AspectStatus.ATTENTION, AspectStatus.PROBLEM)
RECIPIENT_ROLES = (
    RoleKind.POLITICAL_PRINCIPAL,
    RoleKind.ADMINISTRATIVE_PRINCIPAL,
    RoleKind.PROGRAMME_MANAGER,
)

# Colours for the e-mail, which cannot use the style sheet (as in koers.css): text, fill, border.
_GREEN, _BLUE = ("#14532d", "#e3f1e6", "#2e7d32"), ("#0b3d6e", "#e6f0fa", "#1a4f8b")
_AMBER, _RED = ("#5c3d00", "#fff4d6", "#a06b00"), ("#7a1010", "#fbe5e5", "#b3261e")
_GREY = ("#333333", "#f3f3f3", "#767676")
COLOURS = {"behaald": _GREEN, "goed": _GREEN, "op_koers": _BLUE, "aandacht": _AMBER}
COLOURS |= {"niet_op_koers": _RED, "probleem": _RED}


@dataclass(frozen=True)
class Badge:
    """A status as icon and text (in the e-mail with colours that only repeat them)."""

    value: str  # empty: no status (a new goal, an effort without a report)
    label: str
    icon: str

    @property
    def text(self) -> str:
        return f"{self.icon} {self.label}"

    @property
    def style(self) -> str:
        fg, bg, border = COLOURS.get(self.value, _GREY)
        return (
            f"color:{fg};background:{bg};border:1px solid {border};border-radius:4px;"
            "padding:0 4px;white-space:nowrap"
        )


def _badge(choices, icons, value: str | None, empty: str) -> Badge:
    try:
        status = choices(value)
    except ValueError:
        return Badge("", value or empty, "–")
    return Badge(status.value, status.label, icons[status])


def goal_badge(value: str | None) -> Badge:
    return _badge(Status, STATUS_ICONS, value, _("none"))


def aspect_badge(value: str | None) -> Badge:
    return _badge(AspectStatus, ASPECT_ICONS, value, _("no report"))


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
class AspectLine:
    label: str
    status: str
    explanation: str

    @property
    def badge(self) -> Badge:
        return aspect_badge(self.status)


@dataclass
class EffortReport:
    """An effort with the report that counts for it in the digest."""

    effort: Effort
    report: ProgressReport
    current: bool  # over the period owners report on now (else an earlier one)

    @property
    def badge(self) -> Badge:
        return aspect_badge(self.report.overall_status)

    @property
    def aspects(self) -> list[AspectLine]:
        """The aspects in *aandacht* or *probleem*, in the contract's order."""
        return [
            AspectLine(label, status, explanation)
            for _value, label, status, explanation in self.report.aspects()
            if status in CONCERNS
        ]

    @property
    def is_concern(self) -> bool:
        return self.report.overall_status in CONCERNS or bool(self.aspects)

    @property
    def severity(self) -> int:
        statuses = [self.report.overall_status, *(a.status for a in self.aspects)]
        return 0 if AspectStatus.PROBLEM in statuses else 1

    @property
    def path(self) -> str:
        return self.report.get_absolute_url()

    @property
    def url(self) -> str:
        return settings.BASE_URL.rstrip("/") + self.report.get_absolute_url()


@dataclass
class Decision:
    effort: Effort
    report: ProgressReport
    text: str
    is_new: bool = False

    @property
    def key(self) -> tuple[int, str]:
        return (self.effort.pk, " ".join(self.text.split()))


@dataclass
class Change:
    """A status that changed since the previous digest (``what``: goal code or effort name)."""

    what: str
    text: str
    old: Badge
    new: Badge


@dataclass
class Changes:
    previous: DigestLog | None
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
class Digest:
    programme: Programme
    today: dt.date
    period: ReportingPeriod | None
    monitor: ProgrammeMonitor
    strategic: list[GoalLine]
    reports: list[EffortReport]  # one per effort that has a submitted report
    without_report: list[Effort]  # efforts that report but have no submitted report
    decisions: list[Decision]
    changes: Changes
    sent_today: DigestLog | None = None

    @property
    def concerns(self) -> list[EffortReport]:
        found = [r for r in self.reports if r.is_concern]
        return sorted(found, key=lambda r: r.severity)  # stable: problems first, then order

    @property
    def not_current(self) -> list[Effort]:
        """Efforts without a submitted report over the current period."""
        if self.period is None:
            return []
        current = {r.effort.pk for r in self.reports if r.current}
        return [r.effort for r in self.reports if r.effort.pk not in current] + list(
            self.without_report
        )

    @property
    def programme_badge(self) -> Badge:
        return goal_badge(self.monitor.status)

    @property
    def fictitious_reports(self) -> bool:
        return any(r.report.is_fictitious for r in self.reports)

    @property
    def url(self) -> str:
        path = reverse("reporting:digest", kwargs={"slug": self.programme.slug})
        return settings.BASE_URL.rstrip("/") + path

    def snapshot(self) -> dict:
        """What this digest says, in plain JSON, for the next digest's changes."""
        period = self.period
        return {
            "date": self.today.isoformat(),
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


def counting_reports(efforts: list[Effort], bound: dt.date) -> dict[int, ProgressReport]:
    """Per effort its latest submitted or accepted report over a period starting on or before
    ``bound`` (one query)."""
    newest = (
        ProgressReport.objects.filter(
            effort_id=OuterRef("effort_id"), state__in=DONE_STATES, period_start__lte=bound
        )
        .order_by("-period_start")
        .values("pk")[:1]
    )
    reports = ProgressReport.objects.filter(
        effort_id__in=[e.pk for e in efforts], pk=Subquery(newest)
    ).defer("snapshot")
    return {r.effort_id: r for r in reports}


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
    programme: Programme, previous: DigestLog | None, digest: Digest, snapshot: dict
) -> Changes:
    changes = Changes(previous=previous)
    if previous is None:
        return changes
    before = previous.snapshot or {}
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
    changes.new_reports = list(
        ProgressReport.objects.filter(
            effort__programme=programme,
            state__in=DONE_STATES,
            submitted_at__gt=previous.sent_at,
        )
        .select_related("effort", "effort__programme")
        .defer("snapshot")
        .order_by("submitted_at", "pk")
    )
    asked = {
        (d.get("effort"), " ".join(str(d.get("text", "")).split()))
        for d in before.get("decisions", [])
    }
    for d in digest.decisions:
        d.is_new = d.key not in asked
    changes.new_decisions = [d for d in digest.decisions if d.is_new]
    return changes


def build_digest(programme: Programme, *, today: dt.date | None = None) -> Digest:
    """Everything the digest shows, with a fixed number of queries (about ten) whatever the
    number of goals, efforts and reports."""
    today = today or timezone.localdate()
    monitor = programme_monitor(programme, as_of=today)
    calendar = calendar_get(programme)
    period = calendar.reporting_period(today) if calendar else None
    efforts = reporting_efforts(programme, period.start if period else None)
    counting = counting_reports(efforts, period.start if period else today)
    for e in efforts:
        if e.pk in counting:
            counting[e.pk].effort = e  # the effort with its programme, already fetched
    reports = [
        EffortReport(
            e, counting[e.pk], period is not None and counting[e.pk].period_start == period.start
        )
        for e in efforts
        if e.pk in counting
    ]
    decisions = [
        Decision(r.effort, r.report, r.report.principals_request.strip())
        for r in reports
        if r.report.principals_request.strip()
    ]
    logs = DigestLog.objects.filter(programme=programme).select_related("sent_by")
    previous = logs.filter(sent_at__lt=_start_of(today)).order_by("-sent_at", "-pk").first()
    sent_today = (
        logs.filter(sent_at__gte=_start_of(today), sent_at__lt=_start_of(today + dt.timedelta(1)))
        .defer("snapshot")
        .order_by("-sent_at", "-pk")
        .first()
    )
    digest = Digest(
        programme=programme,
        today=today,
        period=period,
        monitor=monitor,
        strategic=_strategic_lines(monitor),
        reports=reports,
        without_report=[e for e in efforts if e.pk not in counting],
        decisions=decisions,
        changes=Changes(previous=None),
        sent_today=sent_today,
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
) -> tuple[Digest, list[str], DigestLog | None]:
    """E-mail the digest to ``to`` or else the principals and the programme manager, and record
    it (unless ``dry_run``). Raises ``NoRecipients`` when there is nobody to send it to; a
    failure of the mail server propagates and nothing is recorded."""
    recipients = list(to) if to else digest_recipients(programme)
    if not recipients:
        raise NoRecipients(programme)
    digest = build_digest(programme, today=today)
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
