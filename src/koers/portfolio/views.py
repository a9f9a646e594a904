"""The portfolio page and the meetings' pages. Thin views: permission, selector or service,
render. Reading a programme's meetings needs ``programmes.view_programme``, changing them
``programmes.change_programme``; the owner of an action may also mark it done."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.monitoring.constants import Status
from koers.ui import apply_errors, posted_version, programme_for, safe_next

from . import selectors, services
from .forms import AgendaItemForm, PortfolioFilterForm
from .views_meetings import (  # noqa: F401  (the URLs name them here)
    agenda_delete,
    item_edit,
    meeting_delete,
    meeting_edit,
    occurrence_delete,
    occurrence_edit,
)
from .views_meetings import crumbs as _crumbs

VIEW, CHANGE = "programmes.view_programme", "programmes.change_programme"


def overview(request: HttpRequest) -> HttpResponse:
    """All programmes the user may see on one page, with the filters in the query string."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    today = PortfolioFilterForm(request.GET or None).as_of()
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


def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, VIEW)
    return render(
        request,
        "portfolio/meetings.html",
        {
            "programme": programme,
            "meetings": selectors.meetings_of(programme),
            "can_change": request.user.has_perm(CHANGE, programme),
        },
    )


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, VIEW)
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


def occurrence_detail(request: HttpRequest, slug: str, pk: int, occurrence: int) -> HttpResponse:
    programme = programme_for(request, slug, VIEW)
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


def agenda_add(request: HttpRequest, slug: str, pk: int, occurrence: int) -> HttpResponse:
    """Add a point to the agenda by hand (the form is on the meeting's page)."""
    programme = programme_for(request, slug, CHANGE)
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
    programme = programme_for(request, slug, CHANGE)
    meeting = selectors.meeting_get(programme, pk)
    held = selectors.occurrence_get(meeting, occurrence)
    try:
        services.agenda_refresh(
            occurrence=held,
            actor=request.user,
            expected_version=posted_version(request, required=True),
        )
    except services.ConflictError as exc:
        return _conflict(request, programme, exc, held.get_absolute_url())
    messages.success(request, _("The agenda has been drawn from the digest again."))
    return redirect(held.get_absolute_url() + "#agenda")


@require_POST
def item_done(request: HttpRequest, slug: str, item: int) -> HttpResponse:
    """Mark an action done: programme staff, or the action's owner themselves."""
    programme = programme_for(request, slug, VIEW)
    record = selectors.meeting_item_get(programme, item)
    owner_user = record.owner.user_id if record.owner_id else None
    if not (request.user.has_perm(CHANGE, programme) or owner_user == request.user.pk):
        raise PermissionDenied
    back = safe_next(request) or record.occurrence.get_absolute_url()
    try:
        services.meeting_item_done(
            item=record, actor=request.user, expected_version=posted_version(request, required=True)
        )
    except services.ConflictError as exc:
        return _conflict(request, programme, exc, back)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("Action marked done."))
    return redirect(back)
