"""The portfolio page and the meetings' pages. Thin views: permission, selector or service,
render. Reading a programme's meetings needs ``programmes.view_programme``, changing them
``programmes.change_programme``; the owner of an action may also mark it done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.monitoring.constants import Status
from koers.programmes.selectors import programme_get
from koers.ui import apply_errors, delete_posted, saved_differences

from . import selectors, services
from .constants import DEFAULT_CADENCE, Cadence, MeetingKind
from .forms import (
    ITEM_FIELDS,
    MEETING_FIELDS,
    AgendaItemForm,
    MeetingForm,
    MeetingItemForm,
    OccurrenceForm,
    PortfolioFilterForm,
)

VIEW, CHANGE = "programmes.view_programme", "programmes.change_programme"


def overview(request: HttpRequest) -> HttpResponse:
    """All programmes the user may see on one page, with the filters in the query string."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    today = timezone.localdate()
    everything = selectors.portfolio(request.user, as_of=today)
    form = PortfolioFilterForm(request.GET or None, holders=everything.holders)
    filters = form.filters()
    data = everything if not any(filters.values()) else None
    if data is None:
        data = selectors.portfolio(request.user, as_of=today, **filters)
    return render(
        request,
        "portfolio/overview.html",
        {"portfolio": data, "filter_form": form, "statuses": Status},
    )


# --- meetings ------------------------------------------------------------------------------------


def _programme(request: HttpRequest, slug: str, perm: str):
    programme = programme_get(slug)
    if not request.user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def _crumbs(programme, meeting=None, occurrence=None) -> list[tuple[str, str]]:
    crumbs = [(reverse("portfolio:meetings", args=[programme.slug]), _("Meetings"))]
    if meeting is not None:
        crumbs.append((meeting.get_absolute_url(), meeting.title))
    if occurrence is not None:
        crumbs.append((occurrence.get_absolute_url(), _date(occurrence.date)))
    return crumbs


def _date(day) -> str:
    from django.utils import formats

    return formats.date_format(day, "j F Y")


def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, VIEW)
    return render(
        request,
        "portfolio/meetings.html",
        {
            "programme": programme,
            "meetings": selectors.meetings_of(programme),
            "can_change": request.user.has_perm(CHANGE, programme),
        },
    )


def meeting_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk) if pk is not None else None
    bound = request.method == "POST"
    initial = {}
    if meeting is None and not bound:
        kind = request.GET.get("soort", MeetingKind.PRINCIPALS)
        kind = kind if kind in MeetingKind.values else MeetingKind.PRINCIPALS
        initial = {
            "initial": {"kind": kind, "cadence": DEFAULT_CADENCE.get(kind, Cadence.BIWEEKLY)}
        }
    form = MeetingForm(request.POST if bound else None, instance=meeting, **initial)
    differences, status = None, 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                if meeting is None:
                    meeting = services.meeting_create(
                        actor=request.user, programme=programme, **form.service_fields()
                    )
                    messages.success(request, _("Meeting “%(title)s” added.") % {"title": meeting})
                else:
                    services.meeting_update(
                        meeting=meeting,
                        actor=request.user,
                        expected_version=form.cleaned_data.get("version"),
                        **form.service_fields(),
                    )
                    messages.success(request, _("Meeting “%(title)s” saved.") % {"title": meeting})
                return redirect(meeting.get_absolute_url())
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = saved_differences(meeting, form, MEETING_FIELDS)
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "portfolio/meeting_form.html",
        {
            "programme": programme,
            "meeting": meeting,
            "form": form,
            "differences": differences,
            "crumbs": _crumbs(programme, meeting),
        },
        status=status,
    )


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, VIEW)
    meeting = selectors.meeting_get(programme, pk)
    return render(
        request,
        "portfolio/meeting_detail.html",
        {
            "programme": programme,
            "page": selectors.meeting_page(meeting),
            "meeting": meeting,
            "crumbs": _crumbs(programme),
            "can_change": request.user.has_perm(CHANGE, programme),
            "person": _person(request.user),
            "today": timezone.localdate(),
        },
    )


def _conflict(request, programme, exc, back: str) -> HttpResponse:
    """A refused (stale) one-button change: say so, and offer the page again."""
    return render(
        request,
        "portfolio/conflict.html",
        {"programme": programme, "message": str(exc), "back": back},
        status=409,
    )


def _person(user):
    """The person linked to the user (the owner of actions), or None."""
    from koers.programmes.models import Person

    return Person.objects.filter(user=user).first() if user.is_authenticated else None


def _delete_page(
    request, *, programme, obj, delete, heading, explanation, done_url, message, crumbs
):
    """Ask before deleting ``obj`` (GET) and delete it with the version the user saw (POST)."""
    error, status = None, 200
    if request.method == "POST":
        done, error, status = delete_posted(request, delete, services.ConflictError)
        if done:
            messages.success(request, message)
            return redirect(done_url)
    return render(
        request,
        "portfolio/delete.html",
        {
            "programme": programme,
            "object": obj,
            "heading": heading,
            "explanation": explanation,
            "cancel": crumbs[-1][0],
            "error": error,
            "crumbs": crumbs,
        },
        status=status,
    )


def meeting_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    return _delete_page(
        request,
        programme=programme,
        obj=meeting,
        delete=lambda version: services.meeting_delete(
            meeting=meeting, actor=request.user, expected_version=version
        ),
        heading=_("Delete the meeting “%(title)s”?") % {"title": meeting},
        explanation=_(
            "Every meeting held, with its agenda, decisions and actions, is deleted too. The "
            "deletion is recorded in the history."
        ),
        done_url=reverse("portfolio:meetings", args=[programme.slug]),
        message=_("Meeting “%(title)s” deleted.") % {"title": meeting},
        crumbs=_crumbs(programme, meeting),
    )


def occurrence_edit(
    request: HttpRequest, slug: str, pk: int, occurrence: int | None = None
) -> HttpResponse:
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence) if occurrence is not None else None
    bound = request.method == "POST"
    form = OccurrenceForm(request.POST if bound else None, instance=held)
    differences, status = None, 200
    if bound:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                if held is None:
                    held = services.occurrence_create(
                        actor=request.user,
                        meeting=meeting,
                        date=data["date"],
                        minutes=data["minutes"],
                        with_digest=data["with_digest"],
                    )
                    messages.success(
                        request, _("Meeting of %(date)s added.") % {"date": _date(held.date)}
                    )
                else:
                    services.occurrence_update(
                        occurrence=held,
                        actor=request.user,
                        expected_version=data.get("version"),
                        date=data["date"],
                        minutes=data["minutes"],
                    )
                    messages.success(
                        request, _("Meeting of %(date)s saved.") % {"date": _date(held.date)}
                    )
                return redirect(held.get_absolute_url())
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = saved_differences(held, form, ["date", "minutes"])
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "portfolio/occurrence_form.html",
        {
            "programme": programme,
            "meeting": meeting,
            "occurrence": held,
            "form": form,
            "differences": differences,
            "crumbs": _crumbs(programme, meeting, held),
        },
        status=status,
    )


def occurrence_detail(request: HttpRequest, slug: str, pk: int, occurrence: int) -> HttpResponse:
    programme = _programme(request, slug, VIEW)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    can_change = request.user.has_perm(CHANGE, programme)
    return render(
        request,
        "portfolio/occurrence_detail.html",
        {
            "programme": programme,
            "meeting": meeting,
            "page": selectors.occurrence_page(held),
            "agenda_form": AgendaItemForm(prefix="agenda") if can_change else None,
            "crumbs": _crumbs(programme, meeting),
            "can_change": can_change,
            "person": _person(request.user),
            "today": timezone.localdate(),
        },
    )


def occurrence_delete(request: HttpRequest, slug: str, pk: int, occurrence: int) -> HttpResponse:
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    return _delete_page(
        request,
        programme=programme,
        obj=held,
        delete=lambda version: services.occurrence_delete(
            occurrence=held, actor=request.user, expected_version=version
        ),
        heading=_("Delete the meeting of %(date)s?") % {"date": _date(held.date)},
        explanation=_(
            "Its agenda, decisions and actions are deleted too. The deletion is recorded in the "
            "history."
        ),
        done_url=meeting.get_absolute_url(),
        message=_("Meeting of %(date)s deleted.") % {"date": _date(held.date)},
        crumbs=_crumbs(programme, meeting, held),
    )


def agenda_add(request: HttpRequest, slug: str, pk: int, occurrence: int) -> HttpResponse:
    """Add a point to the agenda by hand (the form is on the meeting's page)."""
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    form = AgendaItemForm(request.POST or None, prefix="agenda")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.agenda_item_add(actor=request.user, occurrence=held, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Point added to the agenda."))
                return redirect(held.get_absolute_url() + "#agenda")
    return render(
        request,
        "portfolio/agenda_form.html",
        {
            "programme": programme,
            "meeting": meeting,
            "occurrence": held,
            "form": form,
            "crumbs": _crumbs(programme, meeting, held),
        },
        status=status,
    )


@require_POST
def agenda_refresh(request: HttpRequest, slug: str, pk: int, occurrence: int) -> HttpResponse:
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    version = request.POST.get("version", "")
    try:
        services.agenda_refresh(
            occurrence=held,
            actor=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except services.ConflictError as exc:
        return _conflict(request, programme, exc, held.get_absolute_url())
    messages.success(request, _("The agenda has been drawn from the digest again."))
    return redirect(held.get_absolute_url() + "#agenda")


def agenda_delete(
    request: HttpRequest, slug: str, pk: int, occurrence: int, item: int
) -> HttpResponse:
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    point = selectors.agenda_item_get(held, item)
    return _delete_page(
        request,
        programme=programme,
        obj=point,
        delete=lambda version: services.agenda_item_delete(
            item=point, actor=request.user, expected_version=version
        ),
        heading=_("Remove the point “%(title)s” from the agenda?") % {"title": point},
        explanation=_("The removal is recorded in the history."),
        done_url=held.get_absolute_url() + "#agenda",
        message=_("Point removed from the agenda."),
        crumbs=_crumbs(programme, meeting, held),
    )


def item_edit(
    request: HttpRequest, slug: str, pk: int, occurrence: int, item: int | None = None
) -> HttpResponse:
    """Record a decision or an action at a meeting, or change one."""
    programme = _programme(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    record = selectors.meeting_item_get(programme, item) if item is not None else None
    if record is not None and record.occurrence_id != held.pk:
        raise PermissionDenied
    bound = request.method == "POST"
    form = MeetingItemForm(request.POST if bound else None, instance=record)
    differences, status = None, 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                if record is None:
                    services.meeting_item_create(
                        actor=request.user, occurrence=held, **form.service_fields()
                    )
                    messages.success(request, _("Decision or action recorded."))
                else:
                    services.meeting_item_update(
                        item=record,
                        actor=request.user,
                        expected_version=form.cleaned_data.get("version"),
                        **form.service_fields(),
                    )
                    messages.success(request, _("Decision or action saved."))
                return redirect(held.get_absolute_url() + "#besluiten")
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = saved_differences(record, form, ITEM_FIELDS)
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "portfolio/item_form.html",
        {
            "programme": programme,
            "meeting": meeting,
            "occurrence": held,
            "item": record,
            "form": form,
            "differences": differences,
            "crumbs": _crumbs(programme, meeting, held),
        },
        status=status,
    )


@require_POST
def item_done(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    """Mark an action done: programme staff, or the action's owner themselves."""
    programme = _programme(request, slug, VIEW)
    record = selectors.meeting_item_get(programme, item)
    owner_user = record.owner.user_id if record.owner_id else None
    if not (request.user.has_perm(CHANGE, programme) or owner_user == request.user.pk):
        raise PermissionDenied
    version = request.POST.get("version", "")
    back = request.POST.get("next", "")
    if not back.startswith("/") or back.startswith("//"):
        back = record.occurrence.get_absolute_url()
    try:
        services.meeting_item_done(
            item=record,
            actor=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except services.ConflictError as exc:
        return _conflict(request, programme, exc, back)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("Action marked done."))
    return redirect(back)
