"""The decisions register of a programme: its decisions (college decisions and others) and every
change made to it since it was adopted, with the decision that allowed it. Thin views:
permission, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from koers.programmes.selectors import programme_get
from koers.ui import apply_errors, delete_posted, saved_differences

from . import selectors, services
from .forms import FIELDS, DecisionForm


def _programme(request: HttpRequest, slug: str, perm: str):
    programme = programme_get(slug)
    if not request.user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def _register_url(programme) -> str:
    return reverse("decisions:register", args=[programme.slug])


def _crumbs(programme, decision=None) -> list[tuple[str, str]]:
    crumbs = [(_register_url(programme), _("Decisions and changes"))]
    if decision is not None:
        crumbs.append((decision.get_absolute_url(), str(decision)))
    return crumbs


def _next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return nxt
    return ""


def decisions(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "decisions.view_decisions")
    return render(
        request,
        "decisions/register.html",
        {
            "programme": programme,
            "register": selectors.decisions_register(programme),
            "can_change": request.user.has_perm("decisions.change_decisions", programme),
        },
    )


def decision_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, "decisions.view_decisions")
    decision = selectors.decision_get(programme, pk)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "programme": programme,
            "decision": decision,
            "changes": selectors.decision_changes(decision),
            "crumbs": _crumbs(programme),
            "can_change": request.user.has_perm("decisions.change_decisions", programme),
        },
    )


def decision_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(request, slug, "decisions.change_decisions")
    decision = selectors.decision_get(programme, pk) if pk is not None else None
    bound = request.method == "POST"
    form = DecisionForm(request.POST if bound else None, instance=decision)
    differences = None
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                if decision is None:
                    decision = services.decision_create(
                        actor=request.user, programme=programme, **form.values()
                    )
                    messages.success(
                        request, _("Decision “%(decision)s” recorded.") % {"decision": decision}
                    )
                else:
                    services.decision_update(
                        decision=decision,
                        actor=request.user,
                        expected_version=form.cleaned_data.get("version"),
                        **form.values(),
                    )
                    messages.success(
                        request, _("Decision “%(decision)s” saved.") % {"decision": decision}
                    )
                return redirect(_next(request) or decision.get_absolute_url())
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = saved_differences(decision, form, FIELDS)
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "decisions/decision_form.html",
        {
            "programme": programme,
            "decision": decision,
            "form": form,
            "differences": differences,
            "next": _next(request),
            "crumbs": _crumbs(programme, decision),
        },
        status=status,
    )


def decision_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, "decisions.change_decisions")
    decision = selectors.decision_get(programme, pk)
    error, status = None, 200
    if request.method == "POST":
        done, error, status = delete_posted(
            request,
            lambda version: services.decision_delete(
                decision=decision, actor=request.user, expected_version=version
            ),
            services.ConflictError,
        )
        if done:
            messages.success(
                request, _("Decision “%(decision)s” deleted.") % {"decision": decision}
            )
            return redirect(_register_url(programme))
    return render(
        request,
        "decisions/decision_delete.html",
        {
            "programme": programme,
            "decision": decision,
            "error": error,
            "crumbs": _crumbs(programme, decision),
        },
        status=status,
    )
