"""``koers report SLUG --kind contract|voortgang --format pdf|docx [-o FILE]
[--periode YYYY-MM-DD] [--op YYYY-MM-DD]``: generate the programme contract or the progress
report (see ``docs/documenten.md``).

The file is written to ``-o FILE``, or to a default name in the current folder
(``programmacontract-SLUG.pdf``, ``voortgang-SLUG-PERIOD.docx``); ``-o -`` writes the bytes to
standard output. ``--periode`` is the first day of a reporting period (default: the period
owners report on now); ``--op`` the reference date: for the progress report of the goals' status
and the record it shows (default: the last day of the period), for the contract the date it
reads as of — the adopted baseline with the amendments up to that date (default: today).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.documents.contract import build_contract
from koers.documents.pdf import render_pdf
from koers.documents.selectors import period_find
from koers.documents.word import render_docx
from koers.programmes.models import Programme

KINDS = ("contract", "voortgang")
RENDERERS = {"pdf": render_pdf, "docx": render_docx}


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"{option}: " + _("‘%(text)s’ is not a date; write it as YYYY-MM-DD.") % {"text": value}
        ) from exc


class Command(BaseCommand):
    help = _("Generate the programme contract or the progress report as PDF or Word.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help=_("Short name of the programme, e.g. almelo-binnenstad."))
        parser.add_argument("--kind", choices=KINDS, required=True, help=_("Which document."))
        parser.add_argument(
            "--format", dest="fmt", choices=tuple(RENDERERS), default="pdf", help=_("File type.")
        )
        parser.add_argument(
            "-o", "--output", help=_("File to write; '-' writes to standard output.")
        )
        parser.add_argument("--periode", help=_("First day of the reporting period (YYYY-MM-DD)."))
        parser.add_argument(
            "--op",
            help=_(
                "Reference date (YYYY-MM-DD): the contract as it read on that date, or the "
                "status of the goals in the progress report."
            ),
        )

    def handle(self, *args, slug: str, kind: str, fmt: str, output, periode, op, **options):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the short name %(slug)s.") % {"slug": slug}
            )
        start = _date(periode, "--periode")
        as_of = _date(op, "--op")
        today = timezone.localdate()
        if kind == "contract":
            if start is not None:
                raise CommandError(_("--periode only applies to the progress report."))
            if as_of is not None and as_of > today:
                raise CommandError(_("--op lies in the future."))
            document = build_contract(programme.slug, today=today, as_of=as_of)
            name = f"programmacontract-{programme.slug}"
        else:
            from koers.documents.progress import build_progress

            calendar, period = period_find(programme, start, today=today)
            if start is not None and calendar is None:
                raise CommandError(
                    _("Programme %(slug)s has no reporting calendar, so --periode cannot be used.")
                    % {"slug": slug}
                )
            if start is not None and period is None:
                raise CommandError(
                    _("No reporting period of %(slug)s begins on %(date)s.")
                    % {"slug": slug, "date": start.isoformat()}
                )
            document = build_progress(programme, period=period, as_of=as_of)
            name = f"voortgang-{programme.slug}" + (f"-{period.key}" if period else "")
        data = RENDERERS[fmt](document)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        path = Path(output or f"{name}.{fmt}")
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(
                _("Could not write %(path)s: %(error)s") % {"path": path, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            _("Written: %(path)s (%(size)s bytes)") % {"path": path, "size": len(data)}
        )
