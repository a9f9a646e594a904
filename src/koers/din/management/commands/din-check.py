"""``koers din-check SLUG [SLUG ...] [--format table|json] [--op YYYY-MM-DD]``: the quality
check of a programme's DIN (see ``docs/kwaliteitscontrole.md``). Exit status 1 when a rule of
severity *fout* has a finding, 0 otherwise.

A command of its own, so that ``koers check`` stays Django's system check: a programme whose short
name is also an app label is checked like any other.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.din.checks import CheckResult
from koers.din.selectors_check import programme_check
from koers.programmes.models import Programme


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


class Command(BaseCommand):
    help = _(
        "The quality check of the DIN of the programmes with these short names (exit status 1 "
        "when there is an error)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slugs", nargs="+", metavar="SLUG")
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            help=_("Quality check: output as a table (default) or as JSON."),
        )
        parser.add_argument(
            "--op",
            metavar="YYYY-MM-DD",
            help=_("Quality check: check as of this date (default: today)."),
        )

    def handle(self, *args, **options):
        labels = options["slugs"]
        found = {p.slug: p for p in Programme.objects.filter(slug__in=labels)}
        unknown = [label for label in labels if label not in found]
        if unknown:
            raise CommandError(
                _("‘%(name)s’ is not the short name of a programme.") % {"name": unknown[0]}
                if len(unknown) == 1
                else _("These are not short names of programmes: %(names)s.")
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
