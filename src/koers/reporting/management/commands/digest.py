"""``koers digest``: the principals' digest of a programme.

    koers digest send SLUG [--periode DATE] [--to ADDRESS ...] [--dry-run]
    koers digest show SLUG [--periode DATE]

``send`` e-mails the digest (HTML with a plain-text alternative) to the programme's bestuurlijk
and ambtelijk opdrachtgever and programme manager, or to the addresses given with ``--to``, and
records it so that the next digest shows what changed since. With nobody to send it to the
command stops with status 1 and records nothing. ``--dry-run`` shows the recipients and the
text, and sends and records nothing. ``show`` prints the text version. ``--periode`` takes
the reporting period that contains DATE (YYYY-MM-DD); by default the period that matters today.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from koers.programmes.models import Programme
from koers.reporting.digest import (
    NoRecipients,
    build_digest,
    digest_send,
    digest_subject,
    digest_text,
    no_recipients_message,
)
from koers.reporting.selectors import calendar_get


class Command(BaseCommand):
    help = _("Send or show the principals' digest of a programme.")

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        send = actions.add_parser(
            "send",
            help=_("E-mail the digest to the principals and the programme manager and record it."),
        )
        send.add_argument("slug", metavar="SLUG", help=_("The programme's short name."))
        send.add_argument(
            "--to",
            metavar="ADDRESS",
            nargs="+",
            action="extend",
            help=_("Send to these e-mail addresses instead."),
        )
        send.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Only show the recipients and the text; send and record nothing."),
        )
        show = actions.add_parser("show", help=_("Print the digest as text."))
        show.add_argument("slug", metavar="SLUG", help=_("The programme's short name."))
        for sub in (send, show):
            sub.add_argument(
                "--periode",
                metavar="DATE",
                help=_(
                    "The reporting period that contains this date (YYYY-MM-DD); by default "
                    "the period that matters today."
                ),
            )

    def handle(self, *args, action: str, slug: str, **options) -> None:
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the short name %(slug)s.") % {"slug": slug}
            )
        period = self._period(programme, options.get("periode"))
        if action == "show":
            self.stdout.write(digest_text(build_digest(programme, period=period)))
            return
        to = options.get("to") or None
        for address in to or []:
            try:
                validate_email(address)
            except ValidationError:
                raise CommandError(
                    _("‘%(address)s’ is not an e-mail address.") % {"address": address}
                ) from None
        dry_run = options.get("dry_run", False)
        try:
            digest, recipients, _log = digest_send(programme, to=to, dry_run=dry_run, period=period)
        except NoRecipients:
            raise CommandError(
                no_recipients_message(programme) + " " + _("Or name recipients with --to.")
            ) from None
        except OSError as exc:  # the mail server refused or is unreachable (SMTPException too)
            raise CommandError(
                _("The digest could not be sent (nothing was recorded): %(error)s") % {"error": exc}
            ) from exc
        if dry_run:
            self.stdout.write(
                _("Trial run: nothing sent or recorded. Would send to: %(recipients)s")
                % {"recipients": ", ".join(recipients)}
            )
            self.stdout.write(_("Subject: %(subject)s") % {"subject": digest_subject(digest)})
            self.stdout.write("")
            self.stdout.write(digest_text(digest))
            return
        self.stdout.write(
            _("Sent the digest of %(programme)s to %(recipients)s.")
            % {"programme": programme.name, "recipients": ", ".join(recipients)}
        )

    def _period(self, programme, text: str | None):
        """The reporting period containing the date ``text``, or None (the default)."""
        if not text:
            return None
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                _("‘%(value)s’ is not a date; write it as YYYY-MM-DD.") % {"value": text}
            ) from None
        calendar = calendar_get(programme)
        periods = calendar.periods_until(day) if calendar is not None else []
        if not periods or periods[-1].end < day:
            raise CommandError(
                _("%(programme)s has no reporting period that contains %(date)s.")
                % {"programme": programme.name, "date": day.isoformat()}
            )
        return periods[-1]
