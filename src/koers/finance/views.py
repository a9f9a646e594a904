"""The budget pages: the programme's budget table with allocated versus available, and adding,
changing and deleting sources, available amounts and budget lines. Thin views: permission,
selector or service, render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.programmes.models import Programme
from koers.programmes.selectors import programme_get
from koers.ui import apply_errors, delete_posted

from . import selectors, services, spending, spending_selectors
from .forms import AvailabilityForm, BudgetLineForm, SourceForm, SpendingForm
from .money import format_euro
from .transfers import programme_transfers


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def budget(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_get(slug)
    _require(request, "finance.view_budget", programme)
    return render(
        request,
        "finance/budget.html",
        {
            "programme": programme,
            "budget": selectors.programme_budget(programme),
            "transfers": programme_transfers(programme),
            "can_change": request.user.has_perm("finance.change_budget", programme),
        },
    )


@dataclass(frozen=True)
class Kind:
    """What the generic edit and delete views need to know about one kind of budget element."""

    form: type
    get: Callable
    create: Callable
    update: Callable
    delete: Callable
    new_title: str
    edit_title: str
    delete_title: str
    saved: str
    deleted: str
    back: str = "finance:budget"  # the page to return to (URL name taking the slug)
    back_label: str = gettext_lazy("Budget")

    def back_url(self, programme: Programme) -> str:
        return reverse(self.back, args=[programme.slug])

    def crumbs(self, programme: Programme) -> list[tuple[str, str]]:
        crumbs = _crumbs(programme)
        if self.back != "finance:budget":
            crumbs.append((self.back_url(programme), str(self.back_label)))
        return crumbs


KINDS = {
    "source": Kind(
        form=SourceForm,
        get=selectors.source_get,
        create=lambda p, actor, v: services.source_create(actor=actor, programme=p, **v),
        update=lambda o, actor, ver, v: services.source_update(
            source=o, actor=actor, expected_version=ver, **v
        ),
        delete=lambda o, actor, ver: services.source_delete(
            source=o, actor=actor, expected_version=ver
        ),
        new_title=gettext_lazy("New funding source"),
        edit_title=gettext_lazy("Change funding source"),
        delete_title=gettext_lazy("Delete funding source"),
        saved=gettext_lazy("Funding source ‘%(name)s’ saved."),
        deleted=gettext_lazy("Funding source ‘%(name)s’ deleted."),
    ),
    "availability": Kind(
        form=AvailabilityForm,
        get=selectors.availability_get,
        create=lambda p, actor, v: services.availability_create(actor=actor, **v),
        update=lambda o, actor, ver, v: services.availability_update(
            availability=o, actor=actor, expected_version=ver, **v
        ),
        delete=lambda o, actor, ver: services.availability_delete(
            availability=o, actor=actor, expected_version=ver
        ),
        new_title=gettext_lazy("New available amount"),
        edit_title=gettext_lazy("Change available amount"),
        delete_title=gettext_lazy("Delete available amount"),
        saved=gettext_lazy("Available amount of %(name)s saved."),
        deleted=gettext_lazy("Available amount of %(name)s deleted."),
    ),
    "line": Kind(
        form=BudgetLineForm,
        get=selectors.budget_line_get,
        create=lambda p, actor, v: services.budget_line_create(actor=actor, programme=p, **v),
        update=lambda o, actor, ver, v: services.budget_line_update(
            line=o, actor=actor, expected_version=ver, **v
        ),
        delete=lambda o, actor, ver: services.budget_line_delete(
            line=o, actor=actor, expected_version=ver
        ),
        new_title=gettext_lazy("New budget line"),
        edit_title=gettext_lazy("Change budget line"),
        delete_title=gettext_lazy("Delete budget line"),
        saved=gettext_lazy("Budget line ‘%(name)s’ saved."),
        deleted=gettext_lazy("Budget line ‘%(name)s’ deleted."),
    ),
    "spending": Kind(
        form=SpendingForm,
        get=spending_selectors.spending_get,
        create=lambda p, actor, v: spending.spending_create(actor=actor, **v),
        update=lambda o, actor, ver, v: spending.spending_update(
            spending=o, actor=actor, expected_version=ver, **v
        ),
        delete=lambda o, actor, ver: spending.spending_delete(
            spending=o, actor=actor, expected_version=ver
        ),
        new_title=gettext_lazy("New commitment or expenditure"),
        edit_title=gettext_lazy("Change commitment or expenditure"),
        delete_title=gettext_lazy("Delete commitment or expenditure"),
        saved=gettext_lazy("%(name)s saved."),
        deleted=gettext_lazy("%(name)s deleted."),
        back="finance:spending",
        back_label=gettext_lazy("Spending"),
    ),
}


def _budget_url(programme: Programme) -> str:
    return reverse("finance:budget", args=[programme.slug])


def _crumbs(programme: Programme) -> list[tuple[str, str]]:
    return [(_budget_url(programme), _("Budget"))]


def _display(value) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "as_tuple"):
        return format_euro(value)
    return str(value)


def _differences(kind: Kind, programme: Programme, instance, form) -> list | None:
    """What the other person saved next to the user's input; the form takes the new version so
    saving again is a deliberate choice."""
    fresh = type(instance).objects.filter(pk=instance.pk).first()
    if fresh is None:
        return None
    theirs = kind.form(instance=fresh, programme=programme)
    rows = []
    cleaned = getattr(form, "cleaned_data", {})
    for name in form.field_names:
        saved = theirs.initial.get(name)
        typed = cleaned.get(name, form.data.get(name, ""))
        if _display(saved).strip() != _display(typed).strip():
            rows.append((form.fields[name].label, _display(saved) or "—", _display(typed) or "—"))
    form.data = form.data.copy()
    form.data["version"] = str(fresh.version)
    return rows


def element_edit(request: HttpRequest, slug: str, kind: str, pk: int | None = None):
    programme = programme_get(slug)
    _require(request, "finance.change_budget", programme)
    spec = KINDS[kind]
    instance = spec.get(programme, pk) if pk is not None else None
    bound = request.method == "POST"
    initial = None
    if instance is None and not bound:
        initial = {k: v for k, v in request.GET.items() if k in spec.form.field_names} or None
    form = spec.form(
        request.POST if bound else None,
        instance=instance,
        programme=programme,
        **({"initial": initial} if initial else {}),
    )
    differences = None
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            values = form.values()
            try:
                if instance is None:
                    saved = spec.create(programme, request.user, values)
                else:
                    version = form.cleaned_data["version"]
                    saved = spec.update(instance, request.user, version, values)
                messages.success(request, spec.saved % {"name": str(saved)})
                return redirect(spec.back_url(programme))
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                differences = _differences(spec, programme, instance, form)
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "finance/element_form.html",
        {
            "programme": programme,
            "form": form,
            "instance": instance,
            "title": spec.edit_title if instance else spec.new_title,
            "differences": differences,
            "crumbs": spec.crumbs(programme),
            "back_url": spec.back_url(programme),
            "delete_url": (
                reverse(f"finance:{kind}_delete", args=[programme.slug, instance.pk])
                if instance
                else ""
            ),
        },
        status=status,
    )


def element_delete(request: HttpRequest, slug: str, kind: str, pk: int):
    programme = programme_get(slug)
    _require(request, "finance.change_budget", programme)
    spec = KINDS[kind]
    instance = spec.get(programme, pk)
    error, status = None, 200
    if request.method == "POST":
        done, error, status = delete_posted(
            request,
            lambda version: spec.delete(instance, request.user, version),
            services.ConflictError,
        )
        if done:
            messages.success(request, spec.deleted % {"name": str(instance)})
            return redirect(spec.back_url(programme))
    return render(
        request,
        "finance/element_delete.html",
        {
            "programme": programme,
            "instance": instance,
            "kind": kind,
            "title": spec.delete_title,
            "error": error,
            "crumbs": spec.crumbs(programme),
            "back_url": spec.back_url(programme),
        },
        status=status,
    )
