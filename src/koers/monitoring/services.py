"""Every write to the monitor: measurements entered or corrected by hand, and judgements of
qualitative goals. Bulk imports are written by :mod:`koers.monitoring.importing`.

Keyword-only arguments, ``full_clean()``, a transaction, the actor in the history; corrections
take the ``expected_version`` the user saw and raise ``ConflictError`` when someone else saved in
the meantime (the same rules as the DIN's services).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes.constants import GoalKind
from koers.programmes.models import Indicator, OperationalGoal
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .models import GoalJudgement, Measurement
from .periods import Period, default_known_from, known_from_problem

__all__ = [
    "ConflictError",
    "goal_judgement_record",
    "measurement_create",
    "measurement_delete",
    "measurement_update",
]


def _check_unique(indicator: Indicator, period: Period, exclude_pk: int | None = None) -> None:
    clash = Measurement.objects.filter(
        indicator=indicator, period_start=period.start, period_end=period.end
    )
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "period": _(
                    "There is already a value for %(period)s; correct that value instead of "
                    "adding a second one."
                )
                % {"period": period.label}
            }
        )


def _known_from(period: Period, known_from: dt.date | None, today: dt.date) -> dt.date:
    """The given day from which the value is known (checked), or its default."""
    if known_from is None:
        return default_known_from(period.start, period.end, today)
    problem = known_from_problem(known_from, start=period.start, today=today)
    if problem:
        raise ValidationError({"known_from": problem})
    return known_from


def measurement_create(
    *,
    actor,
    indicator: Indicator,
    period: Period,
    value: Decimal,
    known_from: dt.date | None = None,
    source: str = "",
    note: str = "",
    is_provisional: bool = False,
    is_fictitious: bool = False,
    reason: str | None = None,
) -> Measurement:
    """Enter the value of ``indicator`` over ``period`` (one value per indicator and period),
    known from ``known_from`` (from the period's first day up to today; None: the end of the
    period, or today when that is earlier). Two people entering the same period at the same
    moment: the second gets the same message as when the value already existed, never a second
    value or an error page."""
    known = _known_from(period, known_from, timezone.localdate())
    try:
        with transaction.atomic():
            _check_unique(indicator, period)
            return object_create(
                Measurement,
                actor=actor,
                reason=reason,
                indicator=indicator,
                period_kind=period.kind,
                period_start=period.start,
                period_end=period.end,
                known_from=known,
                value=value,
                source=source,
                note=note,
                is_provisional=is_provisional,
                is_fictitious=is_fictitious,
                entered_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError:
        _check_unique(indicator, period)  # the other person's value is there now: say so
        raise


def measurement_update(
    *,
    measurement: Measurement,
    actor,
    expected_version: int | None,
    period: Period | None = None,
    reason: str | None = None,
    **fields,
) -> Measurement:
    """Correct a measurement; the previous value stays in the history. ``known_from`` None
    gives the default again (for the period as corrected, entered today); left out, it stays."""
    allowed = {"value", "known_from", "source", "note", "is_provisional"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        if period is not None:
            _check_unique(measurement.indicator, period, exclude_pk=measurement.pk)
            fields.update(period_kind=period.kind, period_start=period.start, period_end=period.end)
        if "known_from" in fields:
            current = period or Period(
                measurement.period_start, measurement.period_end, measurement.period_kind
            )
            given = fields["known_from"]
            if given is None or given != measurement.known_from:
                fields["known_from"] = _known_from(current, given, timezone.localdate())
            elif given < current.start:
                raise ValidationError(
                    {"known_from": known_from_problem(given, start=current.start, today=given)}
                )
        # A value corrected by hand is no longer the one the import delivered (an unchanged
        # save corrects nothing: the stamps are set only with a change).
        stamps: dict = {"import_batch": None}
        if getattr(actor, "pk", None):
            stamps["entered_by"] = actor
        return object_update(
            measurement,
            actor=actor,
            expected_version=expected_version,
            reason=reason,
            stamps=stamps,
            **fields,
        )


def measurement_delete(*, measurement: Measurement, actor, expected_version: int | None) -> None:
    object_delete(measurement, actor=actor, expected_version=expected_version)


def goal_judgement_record(
    *,
    actor,
    goal: OperationalGoal,
    date: dt.date,
    status: str,
    explanation: str,
) -> GoalJudgement:
    """Record the programme manager's judgement of a qualitative goal."""
    if goal.kind != GoalKind.QUALITATIVE:
        raise ValidationError(
            _(
                "Only qualitative goals are judged; a measurable goal gets its status from its "
                "measurements."
            )
        )
    judgement = GoalJudgement(
        operational_goal=goal,
        date=date,
        status=status,
        explanation=explanation.strip(),
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    with transaction.atomic():
        judgement.full_clean()
        judgement._history_user = actor
        judgement.save()
    return judgement
