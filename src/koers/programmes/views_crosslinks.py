"""The pages of contributions between programmes (cross-programme links, see
:mod:`koers.programmes.services_crosslinks`):
propose one from an effort's page, review (accept or decline) and remove one as the goal's
programme, withdraw a proposal, and each programme's overview of its contributions. Thin views:
permission, selector or service, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.ui import apply_errors

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
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return nxt
    return default


def _version(form: forms.Form) -> int | None:
    return form.cleaned_data.get("version")


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
        status = 400
        if form.is_valid():
            goal = form.cleaned_data["operational_goal"]
            try:
                service.cross_link_propose(
                    effort=effort,
                    operational_goal=goal,
                    contribution=form.cleaned_data["contribution"],
                    actor=request.user,
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
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
    version = request.POST.get("version", "")
    try:
        service.cross_link_withdraw(
            link=link,
            actor=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except (service.ConflictError, ValidationError) as exc:
        messages.error(
            request, str(exc) if isinstance(exc, service.ConflictError) else " ".join(exc.messages)
        )
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
        status = 400
        form = accept if action == "accept" else decline
        if form.is_valid():
            try:
                if action == "accept":
                    service.cross_link_accept(
                        link=link,
                        actor=request.user,
                        expected_version=_version(form),
                        decision=form.cleaned_data.get("decision"),
                    )
                    text = _("Contribution of %(effort)s accepted.")
                else:
                    service.cross_link_decline(
                        link=link,
                        actor=request.user,
                        expected_version=_version(form),
                        reason=form.cleaned_data["reason"],
                    )
                    text = _("Contribution of %(effort)s declined.")
            except service.ConflictError as exc:
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                apply_errors(
                    form, exc, rename=lambda key: "reason" if key == "decision_reason" else key
                )
            else:
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
        status = 400
        if form.is_valid():
            try:
                service.cross_link_remove(
                    link=link,
                    actor=request.user,
                    expected_version=_version(form),
                    decision=form.cleaned_data.get("decision"),
                )
            except service.ConflictError as exc:
                form.add_error(None, str(exc))
                status = 409
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Contribution of %(effort)s removed.") % {"effort": link.effort.name},
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
