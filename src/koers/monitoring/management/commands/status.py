"""``koers status SLUG [--format json|table] [--op YYYY-MM-DD]``: where every operational goal
of a programme stands, as the dashboard shows it. With ``--op`` the status is evaluated as of
that date, using only the measurements known by then (``known_from``); without it, as of today,
so a value for this year entered today is the latest measurement."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.monitoring.selectors import GoalState, programme_monitor
from koers.programmes.models import Programme
from koers.programmes.presentation import format_number


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def goal_json(state: GoalState) -> dict:
    ev = state.evaluation
    ind = state.indicator
    latest = ev.latest if ev else None
    forecast = ev.forecast if ev else None
    return {
        "code": state.goal.code,
        "strategic_goal": state.goal.strategic_goal.code,
        "goal": state.goal.statement,
        "status": state.status,
        "reason": state.reason,
        "latest": None
        if latest is None
        else {
            "value": _num(latest.value),
            "period": _period(latest),
            "date": latest.date.isoformat(),
            "known_from": (latest.known or latest.date).isoformat(),
            "provisional": latest.provisional,
        },
        "target": None
        if ind is None
        else {
            "kind": ind.target_kind,
            "value": _num(ind.target_value),
            "end_value": _num(ev.target_end_value if ev else None),
            "date": ind.target_date.isoformat() if ind.target_date else None,
        },
        "expected_now": _num(ev.expected_now) if ev else None,
        "progress_percent": _num(ev.progress_percent) if ev else None,
        "forecast": None
        if forecast is None
        else {
            "value_at_target_date": _num(forecast.value_at_target_date),
            "reaches_target_on": forecast.reaches_target_on.isoformat()
            if forecast.reaches_target_on
            else None,
            "meets_target": forecast.meets_target,
            "text": forecast.sentence,
        },
        "overdue": bool(ev and ev.overdue),
        "fictitious": state.fictitious,
        "judgement": None
        if state.judgement is None
        else {
            "status": state.judgement.status,
            "date": state.judgement.date.isoformat(),
            "explanation": state.judgement.explanation,
        },
    }


def _period(point) -> str:
    from koers.monitoring.periods import period_code

    if point.period_start and point.period_kind:
        return period_code(point.period_kind, point.period_start)
    return point.date.isoformat()


class Command(BaseCommand):
    help = _(
        "Show where every operational goal of a programme stands (status, latest value, "
        "target, expected value now, forecast)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", metavar="SLUG", help=_("The programme's short name."))
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--op",
            metavar="YYYY-MM-DD",
            help=_("Evaluate as of this date, with only the measurements known on it."),
        )

    def handle(self, *args, slug: str, format: str, op: str | None, **options) -> None:
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(
                _("There is no programme with the short name %(slug)s.") % {"slug": slug}
            )
        try:
            as_of = dt.date.fromisoformat(op) if op else timezone.localdate()
        except ValueError:
            raise CommandError(
                _("‘%(text)s’ is not a date; write it as YYYY-MM-DD.") % {"text": op}
            ) from None
        monitor = programme_monitor(programme, as_of=as_of, count_later=True)
        if format == "json":
            data = {
                "programme": programme.slug,
                "as_of": as_of.isoformat(),
                "status": monitor.status,
                "fictitious_data": monitor.fictitious,
                "measurements_after_as_of": monitor.later,
                "strategic_goals": [
                    {"code": s.goal.code, "status": s.status} for s in monitor.strategic
                ],
                "goals": [goal_json(g) for g in monitor.goals],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            _("%(name)s — status on %(date)s: %(status)s")
            % {"name": programme.name, "date": as_of.isoformat(), "status": monitor.status_label}
        )
        if monitor.fictitious:
            self.stdout.write(_("Note: some measurements are fictitious (illustration)."))
        if monitor.later:
            self.stdout.write(
                ngettext(
                    "There is %(n)s measurement after this date; it does not count in the "
                    "status on this date.",
                    "There are %(n)s measurements after this date; they do not count in the "
                    "status on this date.",
                    monitor.later,
                )
                % {"n": monitor.later}
            )
        header = [
            _("code"),
            _("status"),
            _("latest"),
            _("target"),
            _("expected now"),
            _("forecast"),
        ]
        rows = [header]
        for g in monitor.goals:
            ev = g.evaluation
            decimals = g.indicator.decimals if g.indicator else None
            latest = ev.latest if ev else None
            rows.append(
                [
                    g.goal.code,
                    g.status,
                    f"{format_number(latest.value, decimals)} ({_period(latest)})"
                    if latest
                    else "—",
                    format_number(ev.target_end_value, decimals)
                    if ev and ev.target_end_value is not None
                    else "—",
                    format_number(ev.expected_now, decimals)
                    if ev and ev.expected_now is not None
                    else "—",
                    ev.forecast.sentence if ev and ev.forecast else "—",
                ]
            )
        widths = [max(len(str(r[i])) for r in rows[:]) for i in range(len(header) - 1)]
        for r in rows:
            cells = [str(c).ljust(w) for c, w in zip(r[:-1], widths, strict=True)] + [str(r[-1])]
            self.stdout.write("  ".join(cells).rstrip())
