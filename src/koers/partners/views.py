"""The partners pages: per partner its interests and what it committed and delivered, per
effort who contributes what; adding, changing and deleting a contribution; a partner's
interests. Thin views: permission, selector or service, render."""

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
from .forms import FIELDS, ContributionForm, InterestForm


def _programme(request: HttpRequest, slug: str, perm: str):
    programme = programme_get(slug)
    if not request.user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def _overview_url(programme, anchor: str = "") -> str:
    url = reverse("partners:overview", args=[programme.slug])
    return f"{url}#{anchor}" if anchor else url


def _crumbs(programme) -> list[tuple[str, str]]:
    return [(_overview_url(programme), _("Partners"))]


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "partners.view_contributions")
    return render(
        request,
        "partners/overview.html",
        {
            "programme": programme,
            "overview": selectors.partners_overview(programme),
            "can_change": request.user.has_perm("partners.change_contributions", programme),
        },
    )


def _presets(request: HttpRequest) -> dict | None:
    """Opened from an effort's or a partner's row: the effort, partner and kind filled in."""
    keys = {"inspanning": "effort", "partner": "partner", "jaar": "year", "soort": "kind"}
    initial = {keys[k]: v for k, v in request.GET.items() if k in keys and v}
    return initial or None


def contribution_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = _programme(request, slug, "partners.change_contributions")
    contribution = selectors.contribution_get(programme, pk) if pk is not None else None
    bound = request.method == "POST"
    initial = _presets(request) if contribution is None and not bound else None
    form = ContributionForm(
        request.POST if bound else None,
        instance=contribution,
        programme=programme,
        **({"initial": initial} if initial else {}),
    )
    differences, status = None, 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                if contribution is None:
                    saved = services.contribution_create(actor=request.user, **form.values())
                else:
                    saved = services.contribution_update(
                        contribution=contribution,
                        actor=request.user,
                        expected_version=form.cleaned_data["version"],
                        **form.values(),
                    )
                messages.success(request, _("Contribution saved: %(name)s.") % {"name": saved})
                return redirect(_overview_url(programme, f"partner-{saved.partner_id}"))
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = saved_differences(contribution, form, FIELDS)
            except ValidationError as exc:
                apply_errors(form, exc)
    title = _("Change contribution") if contribution else _("New contribution of a partner")
    return render(
        request,
        "partners/form.html",
        {
            "programme": programme,
            "form": form,
            "instance": contribution,
            "title": title,
            "differences": differences,
            "crumbs": _crumbs(programme),
            "back_url": _overview_url(programme),
            "delete_url": (
                reverse("partners:contribution_delete", args=[programme.slug, contribution.pk])
                if contribution
                else ""
            ),
        },
        status=status,
    )


def contribution_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, "partners.change_contributions")
    contribution = selectors.contribution_get(programme, pk)
    error, status = None, 200
    if request.method == "POST":
        done, error, status = delete_posted(
            request,
            lambda version: services.contribution_delete(
                contribution=contribution, actor=request.user, expected_version=version
            ),
            services.ConflictError,
        )
        if done:
            messages.success(request, _("Contribution deleted: %(name)s.") % {"name": contribution})
            return redirect(_overview_url(programme))
    return render(
        request,
        "partners/delete.html",
        {
            "programme": programme,
            "instance": contribution,
            "title": _("Delete contribution"),
            "error": error,
            "crumbs": _crumbs(programme),
            "back_url": _overview_url(programme),
        },
        status=status,
    )


def interest_edit(request: HttpRequest, slug: str, partner: int) -> HttpResponse:
    programme = _programme(request, slug, "partners.change_contributions")
    organisation = selectors.partner_get(programme, partner)
    interest = selectors.interest_get(programme, organisation)
    bound = request.method == "POST"
    form = InterestForm(request.POST if bound else None, instance=interest)
    differences, status = None, 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                services.interest_save(
                    actor=request.user,
                    programme=programme,
                    partner=organisation,
                    interests=form.cleaned_data["interests"],
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(
                    request, _("Interests of %(name)s saved.") % {"name": organisation}
                )
                return redirect(_overview_url(programme, f"partner-{organisation.pk}"))
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                current = selectors.interest_get(programme, organisation)
                if current is not None:
                    differences = saved_differences(current, form, ["interests"])
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "partners/form.html",
        {
            "programme": programme,
            "form": form,
            "instance": None,
            "title": _("Interests of %(name)s") % {"name": organisation},
            "differences": differences,
            "crumbs": _crumbs(programme),
            "back_url": _overview_url(programme, f"partner-{organisation.pk}"),
            "delete_url": "",
        },
        status=status,
    )
