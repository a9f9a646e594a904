"""The spending page: exhaustion of the budget per line, effort and source, with a warning on
overspend, and the list of commitments and expenditure. Thin: permission, selector, render."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.programmes.selectors import programme_get

from .spending_selectors import programme_spending


def spending(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug)
    if not request.user.has_perm("finance.view_budget", programme):
        raise PermissionDenied
    return render(
        request,
        "finance/spending.html",
        {
            "programme": programme,
            "overview": programme_spending(programme),
            "crumbs": [(reverse("finance:budget", args=[programme.slug]), _("Budget"))],
        },
    )
