"""``koers reminders send [--days N] [--today YYYY-MM-DD] [--dry-run]``: e-mail the owners whose
progress report is due soon or late, each reminder once (see :mod:`koers.reporting.reminders`).

Meant to run once a day from the host's scheduler, e.g. in cron::

    15 7 * * *  koers reminders send

The output says what was sent to whom and what was skipped and why. The exit status is 0, also
when there was nothing to send; it is 1 only when the mail server refused a message (that
reminder is tried again on the next run).
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.reporting.reminders import send_reminders


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("‘%(text)s’ is not a date; write it as YYYY-MM-DD.") % {"text": text}
        ) from None


class Command(BaseCommand):
    help = _("E-mail effort owners whose progress report is due soon or late, once per report.")

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        send = actions.add_parser(
            "send", help=_("Send the reminders that are due today and were not sent before.")
        )
        send.add_argument(
            "--days",
            type=int,
            metavar="N",
            help=_(
                "Remind this many days before the deadline, instead of the number set in each "
                "programme's reporting calendar."
            ),
        )
        send.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help=_("Act as if today were this date (to test, or to catch up)."),
        )
        send.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only say what would be sent; send and record nothing."),
        )

    def handle(self, *args, action: str, **options) -> None:
        today = _date(options["today"]) if options.get("today") else timezone.localdate()
        days = options.get("days")
        if days is not None and days < 0:
            raise CommandError(_("--days cannot be negative."))
        dry_run = options.get("dry_run", False)
        outcome = send_reminders(today, days=days, dry_run=dry_run)
        sent_line = _("Would send to %(address)s:") if dry_run else _("Sent to %(address)s:")
        for address, reminders in outcome.sent:
            self.stdout.write(sent_line % {"address": address})
            for r in reminders:
                self.stdout.write(f"  {r.describe()}")
        for r in outcome.skipped:
            self.stdout.write(
                _("Skipped: %(reminder)s — %(reason)s")
                % {"reminder": r.describe(), "reason": r.problem}
            )
        if options.get("verbosity", 1) >= 2:
            for r in outcome.already_sent:
                self.stdout.write(
                    _("Already sent earlier: %(reminder)s") % {"reminder": r.describe()}
                )
        for address, reminders, error in outcome.failed:
            self.stderr.write(
                _("Could not send to %(address)s (tried again on the next run): %(error)s")
                % {"address": address, "error": error}
            )
            for r in reminders:
                self.stderr.write(f"  {r.describe()}")
        reminders_sent = sum(len(rs) for _address, rs in outcome.sent)
        summary = _(
            "%(date)s: %(sent)s reminders in %(mails)s e-mails, %(skipped)s skipped, "
            "%(already)s sent earlier, %(failed)s failed."
        )
        if dry_run:
            summary = _(
                "%(date)s (trial run, nothing sent): %(sent)s reminders in %(mails)s e-mails, "
                "%(skipped)s skipped, %(already)s sent earlier."
            )
        self.stdout.write(
            summary
            % {
                "date": today.isoformat(),
                "sent": reminders_sent,
                "mails": len(outcome.sent),
                "skipped": len(outcome.skipped),
                "already": len(outcome.already_sent),
                "failed": sum(len(rs) for _a, rs, _e in outcome.failed),
            }
        )
        if outcome.failed:
            raise CommandError(_("Some reminders could not be sent; see above."))
