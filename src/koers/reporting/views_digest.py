"""The principals' digest page (/programmas/<slug>/overleg/): the main points for the bi-weekly
meeting with the bestuurlijk and ambtelijk opdrachtgever, printable. Programme staff may also
e-mail it from here (POST), which does what ``koers digest send SLUG`` does."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.programmes.selectors import programme_get

from .digest import (
    NoRecipients,
    build_digest,
    digest_recipients,
    digest_send,
    no_recipients_message,
)


def digest(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug)
    if not request.user.has_perm("reporting.view_reports", programme):
        raise PermissionDenied
    can_send = request.user.has_perm("reporting.review_reports", programme)
    if request.method == "POST":
        if not can_send:
            raise PermissionDenied
        try:
            _digest, recipients, _log = digest_send(programme, actor=request.user)
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
        return redirect(reverse("reporting:digest", kwargs={"slug": programme.slug}))
    data = build_digest(programme)
    return render(
        request,
        "reporting/digest.html",
        {
            "programme": programme,
            "digest": data,
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
