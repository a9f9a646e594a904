"""The risk register's pages: the register with its heat map, one risk, adding, changing and
deleting a risk. Thin views: permission, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.programmes.selectors import programme_get
from koers.ui import apply_errors, delete_posted, saved_differences

from . import selectors, services
from .constants import SCALE, RiskStatus
from .forms import FIELDS, RegisterFilterForm, RiskForm

# Fields compared on a conflict (the links are shown through the form itself).
_COMPARED = [f for f in FIELDS if f not in ("goals", "efforts")]


def _programme(request: HttpRequest, slug: str, perm: str):
    programme = programme_get(slug)
    if not request.user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def _register_url(programme) -> str:
    return reverse("risks:register", args=[programme.slug])


def _crumbs(programme, risk=None) -> list[tuple[str, str]]:
    crumbs = [(_register_url(programme), _("Risks"))]
    if risk is not None:
        crumbs.append((risk.get_absolute_url(), risk.title))
    return crumbs


def register(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "risks.view_risks")
    filter_form = RegisterFilterForm(request.GET or None)
    reg = selectors.risk_register(programme, **filter_form.filters())
    return render(
        request,
        "risks/register.html",
        {
            "programme": programme,
            "register": reg,
            "filter_form": filter_form,
            "impacts": SCALE,
            "can_change": request.user.has_perm("risks.change_risks", programme),
        },
    )


def risk_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, "risks.view_risks")
    risk = selectors.risk_get(programme, pk)
    return render(
        request,
        "risks/risk_detail.html",
        {
            "programme": programme,
            "risk": risk,
            "crumbs": _crumbs(programme),
            "can_change": request.user.has_perm("risks.change_risks", programme),
        },
    )


def risk_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(request, slug, "risks.change_risks")
    risk = selectors.risk_get(programme, pk) if pk is not None else None
    bound = request.method == "POST"
    initial = None
    if risk is None and not bound:  # opened from a goal's or an effort's page
        initial = selectors.risk_presets(
            programme,
            goal_code=request.GET.get("doel", ""),
            effort_id=request.GET.get("inspanning", ""),
        )
        initial = {"status": RiskStatus.OPEN, **initial} if initial else None
    kwargs = {"initial": initial} if initial else {}
    form = RiskForm(request.POST if bound else None, programme=programme, instance=risk, **kwargs)
    differences = None
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                if risk is None:
                    risk = services.risk_create(
                        actor=request.user, programme=programme, **form.service_fields()
                    )
                    messages.success(request, _("Risk “%(title)s” added.") % {"title": risk})
                else:
                    services.risk_update(
                        risk=risk,
                        actor=request.user,
                        expected_version=form.cleaned_data.get("version"),
                        **form.service_fields(),
                    )
                    messages.success(request, _("Risk “%(title)s” saved.") % {"title": risk})
                return redirect(risk.get_absolute_url())
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = saved_differences(risk, form, _COMPARED)
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "risks/risk_form.html",
        {
            "programme": programme,
            "risk": risk,
            "form": form,
            "differences": differences,
            "crumbs": _crumbs(programme, risk),
        },
        status=status,
    )


def risk_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, "risks.change_risks")
    risk = selectors.risk_get(programme, pk)
    error, status = None, 200
    if request.method == "POST":
        done, error, status = delete_posted(
            request,
            lambda version: services.risk_delete(
                risk=risk, actor=request.user, expected_version=version
            ),
            services.ConflictError,
        )
        if done:
            messages.success(request, _("Risk “%(title)s” deleted.") % {"title": risk})
            return redirect(_register_url(programme))
    return render(
        request,
        "risks/risk_delete.html",
        {"programme": programme, "risk": risk, "error": error, "crumbs": _crumbs(programme, risk)},
        status=status,
    )
