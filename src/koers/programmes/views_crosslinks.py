"""The pages of contributions between programmes (cross-programme links, see
:mod:`koers.programmes.services_crosslinks`):
propose one from an effort's page, review (accept or decline) and remove one as the goal's
programme, withdraw a proposal, and each programme's overview of its contributions. Thin views:
permission, selector or service, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.ui import delete_posted, safe_next, versioned_submit

from . import selectors_crosslinks as selectors
from . import services_crosslinks as service
from .change_control import is_controlled
from .forms import offer_decision
from .forms_crosslinks import (
    CrossLinkAcceptForm,
    CrossLinkDeclineForm,
    CrossLinkProposeForm,
    CrossLinkRemoveForm,
)
from .models import CrossProgrammeLink, Programme
from .selectors import effort_get, programme_get


def _require(request: HttpRequest, allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _safe_next(request: HttpRequest, default: str) -> str:
    return safe_next(request) or default


def _offer_decision_if_adopted(form: forms.Form, programme: Programme) -> bool:
    return is_controlled(programme) and offer_decision(form, programme)


# --- the effort's side --------------------------------------------------------------------------


def cross_link_propose(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Propose that an effort of this programme serves a goal of another programme."""
    programme = programme_get(slug)
    effort = effort_get(programme, pk)
    _require(request, request.user.has_perm("programmes.propose_cross_link", effort))
    groups = selectors.goals_to_offer(request.user, effort)
    form = CrossLinkProposeForm(request.POST or None, groups=groups)
    status = 200
    if request.method == "POST":
        done = versioned_submit(
            form,
            lambda _version: service.cross_link_propose(
                effort=effort,
                operational_goal=form.cleaned_data["operational_goal"],
                contribution=form.cleaned_data["contribution"],
                actor=request.user,
            ),
            compare=False,
        )
        status = done.status
        if done.ok:
            goal = form.cleaned_data["operational_goal"]
            messages.success(
                request,
                _(
                    "Contribution to goal %(code)s of %(programme)s proposed; that programme "
                    "decides on it."
                )
                % {"code": goal.code, "programme": goal.programme.name},
            )
            return redirect(effort.get_absolute_url() + "#bijdragen")
    return render(
        request,
        "programmes/crosslink_propose.html",
        {
            "programme": programme,
            "effort": effort,
            "form": form,
            "has_goals": bool(groups),
            "crumbs": [(effort.get_absolute_url(), effort.name)],
        },
        status=status,
    )


@require_POST
def cross_link_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The effort's programme takes back a proposal that was not accepted (POST)."""
    programme = programme_get(slug)
    link = get_object_or_404(
        CrossProgrammeLink.objects.select_related("effort__programme", "operational_goal"),
        pk=pk,
        effort__programme=programme,
    )
    _require(request, request.user.has_perm("programmes.propose_cross_link", link.effort))
    done, error, _status = delete_posted(
        request,
        lambda version: service.cross_link_withdraw(
            link=link, actor=request.user, expected_version=version
        ),
    )
    if not done:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("The proposal for goal %(code)s has been withdrawn.")
            % {"code": link.operational_goal.code},
        )
    return redirect(_safe_next(request, link.effort.get_absolute_url() + "#bijdragen"))


# --- the goal's side ----------------------------------------------------------------------------


def _incoming(programme: Programme, pk: int) -> CrossProgrammeLink:
    return get_object_or_404(
        CrossProgrammeLink.objects.select_related(
            "effort__programme",
            "effort__owner",
            "operational_goal__programme",
            "proposed_by",
            "decided_by",
        ),
        pk=pk,
        operational_goal__programme=programme,
    )


def cross_link_review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The goal's programme accepts (with a decision when adopted) or declines (with a reason) a
    proposed contribution."""
    programme = programme_get(slug)
    link = _incoming(programme, pk)
    _require(request, request.user.has_perm("programmes.decide_cross_link", programme))
    action = request.POST.get("action") if request.method == "POST" else None
    accept = CrossLinkAcceptForm(
        request.POST if action == "accept" else None, link=link, prefix="accept"
    )
    decision_field = _offer_decision_if_adopted(accept, programme)
    decline = CrossLinkDeclineForm(
        request.POST if action == "decline" else None, link=link, prefix="decline"
    )
    goal_url = link.operational_goal.get_absolute_url()
    status = 200
    if action in ("accept", "decline"):
        form = accept if action == "accept" else decline

        def write(version):
            if action == "accept":
                return service.cross_link_accept(
                    link=link,
                    actor=request.user,
                    expected_version=version,
                    decision=form.cleaned_data.get("decision"),
                )
            return service.cross_link_decline(
                link=link,
                actor=request.user,
                expected_version=version,
                reason=form.cleaned_data["reason"],
            )

        done = versioned_submit(
            form,
            write,
            rename=lambda key: "reason" if key == "decision_reason" else key,
            compare=False,
        )
        status = done.status
        if done.ok:
            if action == "accept":
                text = _("Contribution of %(effort)s accepted.")
            else:
                text = _("Contribution of %(effort)s declined.")
            messages.success(request, text % {"effort": link.effort.name})
            return redirect(_safe_next(request, goal_url + "#andere-programmas"))
    return render(
        request,
        "programmes/crosslink_review.html",
        {
            "programme": programme,
            "link": link,
            "accept": accept,
            "decline": decline,
            "decision_field": accept["decision"] if decision_field else None,
            "can_view_effort": request.user.has_perm(
                "programmes.view_programme", link.effort.programme
            ),
            "next": _safe_next(request, ""),
            "crumbs": [(goal_url, link.operational_goal.code)],
        },
        status=status,
    )


def cross_link_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The goal's programme ends an accepted contribution (with a decision when adopted)."""
    programme = programme_get(slug)
    link = _incoming(programme, pk)
    _require(request, request.user.has_perm("programmes.decide_cross_link", programme))
    form = CrossLinkRemoveForm(request.POST or None, link=link)
    decision_field = link.is_accepted and _offer_decision_if_adopted(form, programme)
    goal_url = link.operational_goal.get_absolute_url()
    status = 200
    if request.method == "POST":
        done = versioned_submit(
            form,
            lambda version: service.cross_link_remove(
                link=link,
                actor=request.user,
                expected_version=version,
                decision=form.cleaned_data.get("decision"),
            ),
            compare=False,
        )
        status = done.status
        if done.ok:
            messages.success(
                request, _("Contribution of %(effort)s removed.") % {"effort": link.effort.name}
            )
            return redirect(_safe_next(request, goal_url + "#andere-programmas"))
    return render(
        request,
        "programmes/crosslink_remove.html",
        {
            "programme": programme,
            "link": link,
            "form": form,
            "decision_field": form["decision"] if decision_field else None,
            "next": _safe_next(request, ""),
            "crumbs": [(goal_url, link.operational_goal.code)],
        },
        status=status,
    )


# --- both sides -----------------------------------------------------------------------------------


def cross_link_inbox(request: HttpRequest, slug: str) -> HttpResponse:
    """A programme's contributions: proposals waiting for its decision, the efforts of other
    programmes serving its goals, and its own efforts' contributions to other programmes."""
    programme = programme_get(slug)
    _require(request, request.user.has_perm("programmes.view_programme", programme))
    box = selectors.cross_link_inbox(programme)
    user = request.user
    return render(
        request,
        "programmes/crosslink_inbox.html",
        {
            "programme": programme,
            "inbox": box,
            "can_decide": user.has_perm("programmes.decide_cross_link", programme),
            "can_propose": user.has_perm("programmes.change_programme", programme),
            "crumbs": [],
            "current": _("Contributions between programmes"),
            "inbox_url": reverse("programmes:cross_links", kwargs={"slug": slug}),
        },
    )
