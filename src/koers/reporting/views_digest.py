"""The principals' digest page (/programmas/<slug>/overleg/): the main points for the bi-weekly
meeting with the bestuurlijk and ambtelijk opdrachtgever, printable. Programme staff may also
e-mail it from here (POST), which does what ``koers digest send SLUG`` does."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes.selectors import programme_get

from .digest import (
    NoRecipients,
    build_digest,
    digest_recipients,
    digest_send,
    no_recipients_message,
)
from .forms_calendar import PeriodForm
from .selectors import calendar_get


def _chosen_period(programme, data):
    """(the period chosen with ``periode`` in ``data``, or None for the default; the chooser
    form when one was chosen)."""
    calendar = calendar_get(programme)
    if calendar is None:
        return None, None
    periods = list(reversed(calendar.periods_until(timezone.localdate())))
    form = PeriodForm(data, periods=periods) if data.get("periode") else None
    if form is not None and form.is_valid():
        start = dt.date.fromisoformat(form.cleaned_data["periode"])
        return next(p for p in periods if p.start == start), form
    return None, form


def digest(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug)
    if not request.user.has_perm("reporting.view_reports", programme):
        raise PermissionDenied
    can_send = request.user.has_perm("reporting.review_reports", programme)
    if request.method == "POST":
        if not can_send:
            raise PermissionDenied
        period, _form = _chosen_period(programme, request.POST)
        try:
            _digest, recipients, _log = digest_send(programme, actor=request.user, period=period)
        except NoRecipients:
            messages.error(request, no_recipients_message(programme))
        except OSError as exc:  # the mail server refused or is unreachable (SMTPException too)
            messages.error(
                request,
                _("The digest could not be sent: %(error)s") % {"error": exc},
            )
        else:
            messages.success(
                request,
                _("The digest has been sent to %(recipients)s.")
                % {"recipients": ", ".join(recipients)},
            )
        target = reverse("reporting:digest", kwargs={"slug": programme.slug})
        return redirect(f"{target}?periode={period.key}" if period else target)
    period, form = _chosen_period(programme, request.GET)
    data = build_digest(programme, period=period)
    if form is None or form.is_valid():
        form = (
            PeriodForm(initial={"periode": data.period.key}, periods=data.periods)
            if data.period
            else None
        )
    return render(
        request,
        "reporting/digest.html",
        {
            "programme": programme,
            "digest": data,
            "form": form,
            "can_send": can_send,
            "recipients": digest_recipients(programme) if can_send else [],
            "crumbs": [
                (
                    reverse("reporting:overview", kwargs={"slug": programme.slug}),
                    _("Progress reports"),
                )
            ],
        },
    )
