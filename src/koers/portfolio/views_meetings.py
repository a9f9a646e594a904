"""Adding, changing and deleting a programme's meetings, the meetings held, their agenda points
and their decisions and actions, through the one edit mechanism (:mod:`koers.ui`). Changing
them needs ``programmes.change_programme``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Edit, Editable, delete_view, edit_view

from . import selectors, services
from .constants import DEFAULT_CADENCE, Cadence, MeetingKind
from .forms import MeetingForm, MeetingItemForm, OccurrenceForm
from .models import AgendaItem, Meeting, MeetingItem, MeetingOccurrence

CHANGE = "programmes.change_programme"


def crumbs(programme, meeting=None, occurrence=None) -> list[tuple[str, str]]:
    trail = [(reverse("portfolio:meetings", args=[programme.slug]), _("Meetings"))]
    if meeting is not None:
        trail.append((meeting.get_absolute_url(), meeting.title))
    if occurrence is not None:
        trail.append((occurrence.get_absolute_url(), _date(occurrence.date)))
    return trail


def _date(day) -> str:
    return formats.date_format(day, "j F Y")


def _meetings_url(edit: Edit) -> str:
    return reverse("portfolio:meetings", args=[edit.programme.slug])


def _meeting_initial(edit: Edit) -> dict:
    kind = edit.request.GET.get("soort", MeetingKind.PRINCIPALS)
    kind = kind if kind in MeetingKind.values else MeetingKind.PRINCIPALS
    return {"kind": kind, "cadence": DEFAULT_CADENCE.get(kind, Cadence.BIWEEKLY)}


MEETING = Editable(
    key="portfolio.meeting",
    model=Meeting,
    form=MeetingForm,
    permission=CHANGE,
    get=lambda edit, pk: selectors.meeting_get(edit.programme, pk),
    initial=_meeting_initial,
    create=lambda edit, v: services.meeting_create(actor=edit.user, programme=edit.programme, **v),
    update=lambda edit, v, version: services.meeting_update(
        meeting=edit.instance, actor=edit.user, expected_version=version, **v
    ),
    delete=lambda edit, version: services.meeting_delete(
        meeting=edit.instance, actor=edit.user, expected_version=version
    ),
    after_delete=_meetings_url,
    back=lambda edit: edit.instance.get_absolute_url() if edit.instance else _meetings_url(edit),
    crumbs=lambda edit: crumbs(edit.programme, edit.instance),
    new_title=gettext_lazy("New meeting"),
    edit_title=lambda edit: _("Edit the meeting “%(title)s”") % {"title": edit.instance.title},
    delete_title=lambda edit: _("Delete the meeting “%(title)s”?") % {"title": edit.instance},
    created=lambda edit, m: _("Meeting “%(title)s” added.") % {"title": m},
    saved=lambda edit, m: _("Meeting “%(title)s” saved.") % {"title": m},
    deleted=lambda edit, m: _("Meeting “%(title)s” deleted.") % {"title": m},
    consequences=gettext_lazy(
        "Every meeting held, with its agenda, decisions and actions, is deleted too. The "
        "deletion is recorded in the history."
    ),
    context=lambda edit: {"hide_instance": True, "hide_object": True},
)


def _meeting_scope(edit: Edit) -> None:
    edit.parent = selectors.meeting_get(edit.programme, edit.kwargs["pk"])


def _occurrence_create(edit: Edit, values: dict):
    return services.occurrence_create(actor=edit.user, meeting=edit.parent, **values)


OCCURRENCE = Editable(
    key="portfolio.occurrence",
    model=MeetingOccurrence,
    form=OccurrenceForm,
    permission=CHANGE,
    scope=_meeting_scope,
    pk_kwarg="occurrence",
    get=lambda edit, pk: selectors.occurrence_get(edit.parent, pk),
    create=_occurrence_create,
    update=lambda edit, v, version: services.occurrence_update(
        occurrence=edit.instance, actor=edit.user, expected_version=version, **v
    ),
    delete=lambda edit, version: services.occurrence_delete(
        occurrence=edit.instance, actor=edit.user, expected_version=version
    ),
    after_delete=lambda edit: edit.parent.get_absolute_url(),
    back=lambda edit: (edit.instance or edit.parent).get_absolute_url(),
    crumbs=lambda edit: crumbs(edit.programme, edit.parent, edit.instance),
    new_title=gettext_lazy("New meeting date"),
    edit_title=lambda edit: _("Edit the meeting of %(date)s") % {"date": _date(edit.instance.date)},
    delete_title=lambda edit: (
        _("Delete the meeting of %(date)s?") % {"date": _date(edit.instance.date)}
    ),
    created=lambda edit, held: _("Meeting of %(date)s added.") % {"date": _date(held.date)},
    saved=lambda edit, held: _("Meeting of %(date)s saved.") % {"date": _date(held.date)},
    deleted=lambda edit, held: _("Meeting of %(date)s deleted.") % {"date": _date(held.date)},
    consequences=gettext_lazy(
        "Its agenda, decisions and actions are deleted too. The deletion is recorded in the "
        "history."
    ),
    context=lambda edit: {"hide_instance": True, "hide_object": True},
    template="portfolio/occurrence_form.html",
)


def _held_scope(edit: Edit) -> None:
    _meeting_scope(edit)
    edit.extra["held"] = selectors.occurrence_get(edit.parent, edit.kwargs["occurrence"])


def _held(edit: Edit):
    return edit.extra["held"]


AGENDA_ITEM = Editable(
    key="portfolio.agenda_item",
    model=AgendaItem,
    permission=CHANGE,
    scope=_held_scope,
    pk_kwarg="item",
    get=lambda edit, pk: selectors.agenda_item_get(_held(edit), pk),
    delete=lambda edit, version: services.agenda_item_delete(
        item=edit.instance, actor=edit.user, expected_version=version
    ),
    after_delete=lambda edit: _held(edit).get_absolute_url() + "#agenda",
    back=lambda edit: _held(edit).get_absolute_url(),
    crumbs=lambda edit: crumbs(edit.programme, edit.parent, _held(edit)),
    delete_title=lambda edit: (
        _("Remove the point “%(title)s” from the agenda?") % {"title": edit.instance}
    ),
    deleted=gettext_lazy("Point removed from the agenda."),
    consequences=gettext_lazy("The removal is recorded in the history."),
    context=lambda edit: {"hide_object": True},
)


def _item_get(edit: Edit, pk):
    record = selectors.meeting_item_get(edit.programme, pk)
    if record.occurrence_id != _held(edit).pk:
        raise PermissionDenied
    return record


def _after_item(edit: Edit, saved=None) -> str:
    return _held(edit).get_absolute_url() + "#besluiten"


MEETING_ITEM = Editable(
    key="portfolio.meeting_item",
    model=MeetingItem,
    form=MeetingItemForm,
    permission=CHANGE,
    scope=_held_scope,
    pk_kwarg="item",
    get=_item_get,
    create=lambda edit, v: services.meeting_item_create(
        actor=edit.user, occurrence=_held(edit), **v
    ),
    update=lambda edit, v, version: services.meeting_item_update(
        item=edit.instance, actor=edit.user, expected_version=version, **v
    ),
    after=_after_item,
    back=lambda edit: _held(edit).get_absolute_url(),
    crumbs=lambda edit: crumbs(edit.programme, edit.parent, _held(edit)),
    new_title=gettext_lazy("New decision or action"),
    edit_title=gettext_lazy("Edit decision or action"),
    created=gettext_lazy("Decision or action recorded."),
    saved=gettext_lazy("Decision or action saved."),
    context=lambda edit: {"hide_instance": True, "held": _held(edit)},
    template="portfolio/item_form.html",
)

meeting_edit, meeting_delete = edit_view(MEETING), delete_view(MEETING)
occurrence_edit, occurrence_delete = edit_view(OCCURRENCE), delete_view(OCCURRENCE)
agenda_delete = delete_view(AGENDA_ITEM)
item_edit = edit_view(MEETING_ITEM)
