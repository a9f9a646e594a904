"""``koers check SLUG [SLUG ...] [--format table|json] [--op YYYY-MM-DD]``: the quality check of
a programme's DIN (see ``docs/kwaliteitscontrole.md``). Exit status 1 when a rule of severity
*fout* has a finding, 0 otherwise.

This replaces Django's ``check`` command and keeps it: without arguments, with ``--deploy``,
``--tag`` or ``--list-tags``, or with app labels it is Django's system check, unchanged. The
arguments are read as programme short names when ``--format`` or ``--op`` is given, or when
they are not all app labels; an app label wins otherwise (a system check needs no database).
"""

from __future__ import annotations

import datetime as dt
import json

from django.apps import apps
from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.din.check_selectors import programme_check
from koers.din.checks import CheckResult
from koers.programmes.models import Programme


def _is_app_label(label: str) -> bool:
    try:
        apps.get_app_config(label)
    except LookupError:
        return False
    return True


def _programmes(slugs: list[str]) -> dict[str, Programme]:
    try:
        return {p.slug: p for p in Programme.objects.filter(slug__in=slugs)}
    except DatabaseError:  # no database (yet): these are no programmes
        return {}


def result_json(result: CheckResult) -> dict:
    data = result.data
    return {
        "programme": data.slug,
        "name": data.name,
        "as_of": data.as_of.isoformat(),
        "passed": not result.has_errors,
        "counts": {severity: n for severity, _label, _icon, n in result.counts},
        "not_measurable": {
            "goals": result.not_measurable,
            "total": len(data.goals),
            "text": result.measurability_sentence,
        },
        "rules": [
            {
                "id": r.rule.id,
                "severity": r.rule.severity,
                "title": str(r.rule.title),
                "explanation": str(r.rule.explanation),
                "passed": r.passed,
                "findings": [f.as_dict() for f in r.findings],
            }
            for r in result.results
        ],
    }


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines of left-aligned columns; the last column is not padded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    ]


class Command(SystemCheckCommand):
    help = _(
        "Without arguments or with app labels: Django's system check. With the short names of "
        "programmes: the quality check of their DIN (exit status 1 when there is an error)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default=None,
            help=_("Quality check: output as a table (default) or as JSON."),
        )
        parser.add_argument(
            "--op",
            metavar="YYYY-MM-DD",
            help=_("Quality check: check as of this date (default: today)."),
        )

    def handle(self, *labels: str, **options):
        dinish = options.get("format") is not None or options.get("op") is not None
        if not labels:
            if dinish:
                raise CommandError(_("Give the short name of at least one programme."))
            return super().handle(*labels, **options)
        if not dinish and all(_is_app_label(label) for label in labels):
            return super().handle(*labels, **options)
        found = _programmes(list(labels))
        unknown = [label for label in labels if label not in found]
        if unknown:
            raise CommandError(
                _("‘%(name)s’ is not the short name of a programme, nor an app label.")
                % {"name": unknown[0]}
                if len(unknown) == 1
                else _("These are not short names of programmes, nor app labels: %(names)s.")
                % {"names": ", ".join(f"‘{u}’" for u in unknown)}
            )
        op = options.get("op")
        try:
            as_of = dt.date.fromisoformat(op) if op else timezone.localdate()
        except ValueError:
            raise CommandError(
                _("‘%(text)s’ is not a date; write it as YYYY-MM-DD.") % {"text": op}
            ) from None
        results = [programme_check(found[slug], as_of=as_of).result for slug in labels]
        if options.get("format") == "json":
            payload = [result_json(r) for r in results]
            text = json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False)
            self.stdout.write(text)
        else:
            for i, result in enumerate(results):
                if i:
                    self.stdout.write("")
                self._table(result)
        errors = sum(r.count("fout") for r in results)
        if errors:
            message = ngettext(
                "The quality check found %(n)s error.",
                "The quality check found %(n)s errors.",
                errors,
            )
            raise CommandError(message % {"n": errors}, returncode=1)

    def _table(self, result: CheckResult) -> None:
        data = result.data
        self.stdout.write(
            _("Quality check of %(name)s (%(slug)s) on %(date)s")
            % {"name": data.name, "slug": data.slug, "date": data.as_of.isoformat()}
        )
        self.stdout.write(result.measurability_sentence)
        self.stdout.write(
            "  ".join(f"{label.capitalize()}: {n}" for _s, label, _i, n in result.counts)
        )
        rows = [(_("rule"), _("severity"), _("subject"), _("finding"))]
        rows += [(f.rule_id, f.severity, f.subject, f.message) for f in result.findings]
        if len(rows) > 1:
            self.stdout.write("")
            for line in _columns(rows):
                self.stdout.write(line.rstrip())
        passed = [r.rule.id for r in result.results if r.passed]
        if passed:
            self.stdout.write("")
            self.stdout.write(_("Passed: %(rules)s") % {"rules": ", ".join(passed)})
