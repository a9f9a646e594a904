"""Reminders to effort owners whose progress report is due soon or late
(``koers reminders send``, run once a day by the host's scheduler).

For every programme with a reporting calendar Koers takes the period owners report on now (the
latest that has ended; none when that period begins after the programme's end date). Every
effort that owes a report over it (:func:`koers.reporting.obligations.owes`) and whose report is
not submitted or accepted (missing, draft or returned) gets:

- a reminder *binnenkort* (due soon) from ``reminder_days`` days before the deadline up to and
  including the deadline itself;
- a reminder *te_laat* (late) from the day after the deadline.

Each (effort, period, kind) is mailed at most once. An owner with several reminders on the same
day gets them in one e-mail; the log stays per effort, period and kind.

Sending once, also when the command runs twice or twice at the same moment: ``ReminderLog`` has
a unique (effort, period, kind). Before an e-mail goes out its log rows are created and
committed (*create first*); only then is the mail handed to the mail server, and if that fails
the rows are deleted again so that the next run retries. A second run finds the rows and sends
nothing; of two runs at the same moment the database lets only one insert a row, and the other
skips that reminder. The price of this order: should the process die between committing the
rows and handing over the mail, that one reminder is lost rather than ever sent twice. No
database lock is held while talking to the mail server.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from koers.programmes.models import Effort, Programme

from .constants import ReminderKind
from .models import ProgressReport, ReminderLog, ReportingCalendar
from .obligations import DONE_STATES, owes
from .schedule import ReportingPeriod, reporting_period
from .selectors import reporting_efforts


@dataclass
class Reminder:
    """One reminder that is due: an effort's report over a period, soon due or late."""

    effort: Effort
    programme: Programme
    period: ReportingPeriod
    kind: str
    report: ProgressReport | None
    recipient: str = ""
    problem: str = ""  # why it cannot be sent (no owner, no e-mail address)

    @property
    def is_late(self) -> bool:
        return self.kind == ReminderKind.LATE

    @property
    def state_label(self) -> str:
        if self.report is None:
            return _("not started")
        return self.report.get_state_display()

    @property
    def path(self) -> str:
        return reverse(
            "reporting:report",
            kwargs={
                "slug": self.programme.slug,
                "effort": self.effort.pk,
                "period": self.period.key,
            },
        )

    @property
    def url(self) -> str:
        return settings.BASE_URL.rstrip("/") + self.path

    def describe(self) -> str:
        """One line for the command's output."""
        return _(
            "%(effort)s (%(programme)s), period %(start)s–%(end)s, due %(deadline)s: %(kind)s"
        ) % {
            "effort": self.effort.name,
            "programme": self.programme.name,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "deadline": self.period.deadline.isoformat(),
            "kind": ReminderKind(self.kind).label,
        }


@dataclass
class Outcome:
    """What a run did: mails sent (address → reminders), reminders not sendable, already sent
    earlier, or failed to send."""

    sent: list[tuple[str, list[Reminder]]] = field(default_factory=list)
    skipped: list[Reminder] = field(default_factory=list)
    already_sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[str, list[Reminder], str]] = field(default_factory=list)


def reminder_kind(
    period: ReportingPeriod, state: str | None, *, today: dt.date, days: int
) -> str | None:
    """Which reminder a report in ``state`` (None: not started) over ``period`` needs today."""
    if state in DONE_STATES:
        return None
    if period.is_late(today):
        return ReminderKind.LATE
    if today >= period.deadline - dt.timedelta(days=days):
        return ReminderKind.DUE
    return None


def _address(effort: Effort) -> tuple[str, str]:
    """(e-mail address, problem) of the effort's owner."""
    owner = effort.owner
    if owner is None:
        return "", _("the effort has no owner")
    if owner.email:
        return owner.email, ""
    if owner.user_id and owner.user.email:
        return owner.user.email, ""
    return "", _("the owner %(name)s has no e-mail address") % {"name": owner.name}


def due_reminders(today: dt.date, *, days: int | None = None) -> tuple[list[Reminder], list]:
    """(reminders due today, reminders due today that were already sent), over every programme
    with a calendar. Four queries per programme, whatever its number of efforts."""
    due: list[Reminder] = []
    already: list[Reminder] = []
    calendars = ReportingCalendar.objects.select_related("programme").order_by("programme__name")
    for calendar in calendars:
        period = reporting_period(
            calendar.frequency, calendar.start_date, calendar.deadline_days, today
        )
        if period is None or calendar.is_past_programme(period):
            continue  # no reminders over a period after the programme's end
        programme = calendar.programme
        efforts = [
            e for e in reporting_efforts(programme) if owes(e, period, today=today, reports=True)
        ]
        ids = [e.pk for e in efforts]
        reports = {
            r.effort_id: r
            for r in ProgressReport.objects.filter(effort_id__in=ids, period_start=period.start)
        }
        logged = set(
            ReminderLog.objects.filter(effort_id__in=ids, period_start=period.start).values_list(
                "effort_id", "kind"
            )
        )
        window = calendar.reminder_days if days is None else days
        for effort in efforts:
            report = reports.get(effort.pk)
            kind = reminder_kind(period, report.state if report else None, today=today, days=window)
            if kind is None:
                continue
            address, problem = _address(effort)
            reminder = Reminder(effort, programme, period, kind, report, address, problem)
            (already if (effort.pk, kind) in logged else due).append(reminder)
    return due, already


def _bundles(reminders: list[Reminder]) -> list[tuple[str, list[Reminder]]]:
    """Reminders per recipient address (case-insensitive), in order of first appearance."""
    bundles: dict[str, tuple[str, list[Reminder]]] = {}
    for r in reminders:
        bundles.setdefault(r.recipient.lower(), (r.recipient, []))[1].append(r)
    return list(bundles.values())


def _date(day: dt.date) -> str:
    return formats.date_format(day, "j F Y")


def reminder_message(address: str, reminders: list[Reminder]) -> EmailMultiAlternatives:
    """The e-mail for one owner, in the interface's language (Dutch)."""
    with translation.override(settings.LANGUAGE_CODE):
        if len(reminders) == 1:
            r = reminders[0]
            values = {"effort": r.effort.name, "deadline": _date(r.period.deadline)}
            subject = (
                _("Late: progress report ‘%(effort)s’ was due on %(deadline)s") % values
                if r.is_late
                else _("Reminder: progress report ‘%(effort)s’ is due on %(deadline)s") % values
            )
        else:
            subject = _("Reminder: %(count)s progress reports to hand in") % {
                "count": len(reminders)
            }
        owner = reminders[0].effort.owner
        body = render_to_string(
            "reporting/reminder_email.txt",
            {
                "name": owner.name if owner else "",
                "reminders": reminders,
                "any_late": any(r.is_late for r in reminders),
                "mine_url": settings.BASE_URL.rstrip("/") + reverse("reporting:mine"),
            },
        )
    return EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
    )


def _claim(reminders: list[Reminder]) -> tuple[list[Reminder], list[int]]:
    """Create the log rows (committed) for the reminders no other run has claimed yet."""
    claimed: list[Reminder] = []
    pks: list[int] = []
    with transaction.atomic():
        for r in reminders:
            try:
                with transaction.atomic():
                    row = ReminderLog.objects.create(
                        effort=r.effort,
                        period_start=r.period.start,
                        kind=r.kind,
                        recipient=r.recipient,
                    )
            except IntegrityError:
                continue  # another run sent this one a moment ago
            claimed.append(r)
            pks.append(row.pk)
    return claimed, pks


def send_reminders(today: dt.date, *, days: int | None = None, dry_run: bool = False) -> Outcome:
    """Send every reminder due today that has not been sent before; see the module's docstring
    for how each is sent at most once. With ``dry_run`` nothing is sent or logged: the outcome
    says what would be sent."""
    due, already = due_reminders(today, days=days)
    outcome = Outcome(already_sent=already)
    sendable = []
    for r in due:
        (outcome.skipped if r.problem else sendable).append(r)
    for address, reminders in _bundles(sendable):
        if dry_run:
            outcome.sent.append((address, reminders))
            continue
        claimed, pks = _claim(reminders)
        if len(claimed) < len(reminders):
            kept = {id(r) for r in claimed}
            outcome.already_sent.extend(r for r in reminders if id(r) not in kept)
        if not claimed:
            continue
        try:
            reminder_message(address, claimed).send()
        except Exception as exc:  # noqa: BLE001 - any failure of the mail server: retry next run
            ReminderLog.objects.filter(pk__in=pks).delete()
            outcome.failed.append((address, claimed, str(exc) or exc.__class__.__name__))
            continue
        outcome.sent.append((address, claimed))
    return outcome
