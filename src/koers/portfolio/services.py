"""Writes to the meetings: keyword-only arguments, ``full_clean()``, one transaction, ``actor`` in
the history; changes and deletions refuse a stale ``expected_version`` with
:class:`ConflictError` (the generic functions of :mod:`koers.programmes.services`).

A meeting held gets its agenda from the principals' digest (:func:`agenda_from_digest`) when it
is created; the points drawn from the digest can be drawn again until the meeting, the points
added by hand stay."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes.models import Programme
from koers.programmes.services import (
    ConflictError,
    object_create,
    object_delete,
    object_update,
    version_bump,
)
from koers.reporting.digest import build_digest

from .agenda import agenda_points
from .constants import AgendaSource, ItemKind, ItemStatus
from .models import AgendaItem, Meeting, MeetingItem, MeetingOccurrence

__all__ = [
    "ConflictError",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_refresh",
    "meeting_create",
    "meeting_delete",
    "meeting_item_create",
    "meeting_item_done",
    "meeting_item_update",
    "meeting_update",
    "occurrence_create",
    "occurrence_delete",
    "occurrence_update",
]


def meeting_create(*, actor, programme: Programme, **fields: Any) -> Meeting:
    return object_create(Meeting, actor=actor, programme=programme, **fields)


def meeting_update(
    *, meeting: Meeting, actor, expected_version: int | None, **fields: Any
) -> Meeting:
    if "programme" in fields:
        raise ValidationError(_("A meeting cannot move to another programme."))
    return object_update(meeting, actor=actor, expected_version=expected_version, **fields)


def meeting_delete(*, meeting: Meeting, actor, expected_version: int | None) -> None:
    object_delete(meeting, actor=actor, expected_version=expected_version)


def _unique(create):
    """Run ``create``; a meeting on the same day written meanwhile is a validation error."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError as exc:
        raise ValidationError(
            {"date": _("This meeting already takes place on this date.")}
        ) from exc


def occurrence_create(
    *,
    actor,
    meeting: Meeting,
    date: dt.date,
    minutes: str = "",
    with_digest: bool = True,
    today: dt.date | None = None,
) -> MeetingOccurrence:
    """Add a meeting held on ``date``, with the agenda drawn from the digest (as it stands
    ``today``) unless ``with_digest`` is false."""

    def create() -> MeetingOccurrence:
        occurrence = object_create(
            MeetingOccurrence, actor=actor, meeting=meeting, date=date, minutes=minutes
        )
        if with_digest:
            _draw_agenda(occurrence, actor=actor, today=today)
        return occurrence

    return _unique(create)


def occurrence_update(
    *, occurrence: MeetingOccurrence, actor, expected_version: int | None, **fields: Any
) -> MeetingOccurrence:
    if "meeting" in fields:
        raise ValidationError(_("A meeting held cannot move to another meeting."))
    return _unique(
        lambda: object_update(occurrence, actor=actor, expected_version=expected_version, **fields)
    )


def occurrence_delete(
    *, occurrence: MeetingOccurrence, actor, expected_version: int | None
) -> None:
    """Delete a meeting held with its agenda, decisions and actions."""
    object_delete(occurrence, actor=actor, expected_version=expected_version)


def _draw_agenda(occurrence: MeetingOccurrence, *, actor, today: dt.date | None) -> None:
    programme = occurrence.meeting.programme
    digest = build_digest(programme, today=today or timezone.localdate())
    for order, point in enumerate(agenda_points(digest), start=1):
        object_create(
            AgendaItem,
            actor=actor,
            occurrence=occurrence,
            order=order,
            title=point.title[:500],
            text=point.text,
            link=point.link[:300],
            source=AgendaSource.DIGEST,
        )


def agenda_refresh(
    *,
    occurrence: MeetingOccurrence,
    actor,
    expected_version: int | None,
    today: dt.date | None = None,
) -> MeetingOccurrence:
    """Draw the agenda from the digest again: the points drawn before are replaced, the points
    added by hand stay (after the digest's)."""
    with transaction.atomic():
        # The agenda changes, not the occurrence's own fields: claim its version (a redraw based
        # on an old version is refused), the points carry their own history.
        version_bump(occurrence, expected_version)
        for item in occurrence.agenda.filter(source=AgendaSource.DIGEST):
            object_delete(item, actor=actor, expected_version=item.version)
        _draw_agenda(occurrence, actor=actor, today=today)
        drawn = occurrence.agenda.filter(source=AgendaSource.DIGEST).count()
        for offset, item in enumerate(
            occurrence.agenda.filter(source=AgendaSource.FREE).order_by("order", "pk"), start=1
        ):
            if item.order != drawn + offset:
                object_update(
                    item, actor=actor, expected_version=item.version, order=drawn + offset
                )
    return occurrence


def agenda_item_add(
    *, actor, occurrence: MeetingOccurrence, title: str, text: str = ""
) -> AgendaItem:
    """Add a point by hand, at the end of the agenda."""
    with transaction.atomic():
        last = occurrence.agenda.order_by("-order").values_list("order", flat=True).first()
        return object_create(
            AgendaItem,
            actor=actor,
            occurrence=occurrence,
            order=(last or 0) + 1,
            title=title,
            text=text,
            source=AgendaSource.FREE,
        )


def agenda_item_delete(*, item: AgendaItem, actor, expected_version: int | None) -> None:
    object_delete(item, actor=actor, expected_version=expected_version)


def meeting_item_create(
    *, actor, occurrence: MeetingOccurrence, kind: str, text: str, **fields: Any
) -> MeetingItem:
    """Record a decision or an action at ``occurrence``."""
    if kind == ItemKind.DECISION:
        fields = {**fields, "status": ItemStatus.DONE}
    elif fields.get("status") == ItemStatus.DONE and not fields.get("done_on"):
        fields = {**fields, "done_on": timezone.localdate()}
    return object_create(
        MeetingItem, actor=actor, occurrence=occurrence, kind=kind, text=text, **fields
    )


def meeting_item_update(
    *, item: MeetingItem, actor, expected_version: int | None, **fields: Any
) -> MeetingItem:
    if "occurrence" in fields:
        raise ValidationError(_("A decision or action stays with the meeting it was recorded at."))
    if fields.get("status") == ItemStatus.DONE and not fields.get("done_on") and not item.done_on:
        fields["done_on"] = timezone.localdate()
    return object_update(item, actor=actor, expected_version=expected_version, **fields)


def meeting_item_done(
    *, item: MeetingItem, actor, expected_version: int | None, done_on: dt.date | None = None
) -> MeetingItem:
    """Mark an action done (on ``done_on``, default today): it no longer carries over."""
    if item.kind != ItemKind.ACTION:
        raise ValidationError(_("Only an action can be marked done."))
    return object_update(
        item,
        actor=actor,
        expected_version=expected_version,
        status=ItemStatus.DONE,
        done_on=done_on or timezone.localdate(),
    )
