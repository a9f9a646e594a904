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
from koers.ui import apply_errors

from . import selectors, services
from .constants import SCALE
from .forms import FIELDS, RegisterFilterForm, RiskForm
from .models import Risk

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
    form = RiskForm(request.POST if bound else None, programme=programme, instance=risk)
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
                differences = _differences(risk, form)
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


def _differences(risk: Risk, form: RiskForm) -> list | None:
    """What the other person saved beside the user's input; the form takes the new version so
    that saving again is a deliberate choice."""
    fresh = Risk.objects.filter(pk=risk.pk).first()
    if fresh is None:
        return None
    rows = []
    for name in _COMPARED:
        saved = getattr(fresh, name)
        typed = form.cleaned_data.get(name)
        if name in ("kind", "status"):
            choices = dict(form.fields[name].choices)
            saved, typed = choices.get(saved, saved), choices.get(typed, typed)
        saved_text = "" if saved is None else str(saved)
        typed_text = "" if typed is None else str(typed)
        if saved_text.strip() != typed_text.strip():
            rows.append((form.fields[name].label, saved_text or "—", typed_text or "—"))
    form.data = form.data.copy()
    form.data["version"] = str(fresh.version)
    return rows


def risk_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, "risks.change_risks")
    risk = selectors.risk_get(programme, pk)
    error = None
    status = 200
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            services.risk_delete(
                risk=risk,
                actor=request.user,
                expected_version=int(version) if version.isdigit() else None,
            )
            messages.success(request, _("Risk “%(title)s” deleted.") % {"title": risk})
            return redirect(_register_url(programme))
        except services.ConflictError as exc:
            error = str(exc)
            status = 409
    return render(
        request,
        "risks/risk_delete.html",
        {"programme": programme, "risk": risk, "error": error, "crumbs": _crumbs(programme, risk)},
        status=status,
    )
