"""Create, edit and delete every DIN element with one set of thin views.

Each element kind is described once, in :mod:`koers.programmes.elements`: its model, form, the
services that write it, the permission it needs and where to go afterwards. The views parse the
request, check the permission, call the service and render; validation errors from the service
land on the form fields, a stale edit (someone else saved first) is refused with a message and
nothing is lost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from koers.numbers import NumberFormatError, format_decimal_input, parse_decimal
from koers.ui import apply_errors

from . import forms, services
from .change_control import (
    decisions_for,
    is_controlled,
    needs_decision_on_create,
    needs_decision_on_update,
)
from .elements import ELEMENTS, SHARED, Element, programme_of
from .models import (
    Activity,
    GoalEffortLink,
    Programme,
    RoleHours,
)
from .selectors import delete_consequences, programme_get


def _element(kind: str, shared: bool = False) -> Element:
    table = SHARED if shared else ELEMENTS
    if kind not in table:
        raise Http404(kind)
    return table[kind]


def _check(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _guard_for(element: Element, instance, programme: Programme | None) -> tuple[str, Any]:
    if element.shared:
        return "programmes.change_people", None
    if element.effort_guard == "self" and instance is not None:
        return "programmes.change_effort", instance
    if element.effort_guard == "effort" and instance is not None:
        return "programmes.change_effort", instance.effort
    return "programmes.change_programme", programme


def _safe_next(request: HttpRequest) -> str | None:
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return nxt
    return None


def _after(element: Element, instance, programme: Programme | None, request) -> str:
    nxt = _safe_next(request)
    if nxt:
        return nxt
    if element.back is not None:
        return element.back(instance)
    if hasattr(instance, "get_absolute_url"):
        return instance.get_absolute_url()
    return programme.get_absolute_url() if programme else reverse("programmes:list")


def _form_class(element: Element, request, instance) -> type[forms.ElementForm]:
    if (
        element.owner_form is not None
        and instance is not None
        and not request.user.has_perm("programmes.change_programme", instance.programme)
    ):
        return element.owner_form
    return element.form


def _service_kwargs(form) -> dict:
    fields = form.service_fields()
    if isinstance(form, forms.OperationalGoalForm):
        fields["indicator"] = form.indicator_data()
    if "decision" in form.fields:
        fields["decision"] = form.cleaned_data.get("decision")
    for name, field in form.fields.items():
        if field.disabled:
            fields.pop(name, None)
    return fields


def element_edit(
    request: HttpRequest,
    kind: str,
    slug: str | None = None,
    pk: int | None = None,
    shared: bool = False,
) -> HttpResponse:
    """Create (pk is None) or edit one element."""
    element = _element(kind, shared)
    programme = programme_get(slug) if slug else None
    instance = None
    if pk is not None:
        lookup = {"pk": pk}
        instance = get_object_or_404(element.model, **lookup)
        if programme is not None and programme_of(instance).pk != programme.pk:
            raise Http404
    if instance is not None:
        _check(request.user, *_guard_for(element, instance, programme))

    form_class = _form_class(element, request, instance)
    # The label as stored: a bound form writes the user's (unsaved) input onto the instance.
    instance_label = str(instance) if instance is not None else ""
    initial = {}
    if instance is None:
        for param, field_name, resolve in element.presets:
            value = request.GET.get(param) or request.POST.get(f"preset_{param}")
            if value and programme is not None:
                initial[field_name] = resolve(programme, value)
        _check_new(request.user, element, programme, initial)
    bound = request.method == "POST"
    form = form_class(
        request.POST if bound else None,
        instance=instance,
        initial=initial,
        programme=programme,
    )
    decision_field = _wants_decision(element, instance, programme) and forms.offer_decision(
        form, programme
    )
    if element.effort_guard == "effort" and programme is not None:
        # Offer only the efforts this user may change (an owner: their own).
        efforts = form.fields["effort"].queryset
        allowed = [e.pk for e in efforts if request.user.has_perm("programmes.change_effort", e)]
        form.fields["effort"].queryset = efforts.filter(pk__in=allowed)
    conflict = False
    differences = None
    if bound and form.is_valid():
        kwargs = _service_kwargs(form)
        # The preset, or an activity's effort, may have been changed in the form: check the
        # chosen one too.
        if instance is None:
            _check_new(request.user, element, programme, kwargs)
        elif element.effort_guard == "effort":
            _check(request.user, "programmes.change_effort", kwargs.get("effort", instance.effort))
        try:
            if instance is None:
                if programme is not None:
                    kwargs["programme"] = programme
                saved = element.create(actor=request.user, **kwargs)
                messages.success(request, _("%(item)s added.") % {"item": _label(saved)})
            else:
                saved = element.update(
                    instance,
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    **kwargs,
                )
                messages.success(request, _("%(item)s saved.") % {"item": _label(saved)})
            return redirect(_after(element, saved, programme, request))
        except services.ConflictError as exc:
            conflict = True
            form.add_error(None, str(exc))
            differences = _conflict_differences(element, form, instance, form_class, programme)
        except ValidationError as exc:
            apply_errors(form, exc, rename=lambda key: key.replace("indicator-", "indicator_"))
    status = 409 if conflict else (400 if bound else 200)
    return render(
        request,
        "programmes/element_form.html",
        {
            "element": element,
            "verbose_name": element.model._meta.verbose_name,
            "programme": programme,
            "instance": instance,
            "instance_label": instance_label,
            "form": form,
            "next": _safe_next(request) or "",
            "differences": differences,
            "decision_field": form["decision"] if decision_field else None,
            "presets": {
                p: request.GET.get(p) or request.POST.get(f"preset_{p}")
                for p, _f, _r in element.presets
            },
        },
        status=status,
    )


def _wants_decision(element: Element, instance, programme: Programme | None) -> bool:
    """Does this form carry a change that an adopted programme takes only with a decision?"""
    if programme is None or element.shared or not is_controlled(programme):
        return False
    if instance is None:
        return needs_decision_on_create(element.model)
    return needs_decision_on_update(element.model)


def _conflict_differences(element, form, instance, form_class, programme) -> list | None:
    """After a refused save: what the other person saved, field by field, next to the user's
    input. The form then carries the current version, so saving again is a deliberate choice to
    replace their values with the user's. None when the element was deleted meanwhile."""
    fresh = element.model.objects.filter(pk=instance.pk).first()
    if fresh is None:
        return None
    theirs = form_class(instance=fresh, programme=programme)
    rows = []
    for name, field in theirs.fields.items():
        if name == "version" or field.disabled or name not in form.fields:
            continue
        saved, typed = theirs[name].value(), form[name].value()
        if _comparable(saved) != _comparable(typed):
            rows.append((field.label, _shown(field, saved), _shown(field, typed)))
    form.data = form.data.copy()
    form.data["version"] = str(fresh.version)
    return rows


def _comparable(value) -> str:
    if isinstance(value, list | tuple):
        return ",".join(sorted(_comparable(v) for v in value))
    if value is None:
        return ""
    value = getattr(value, "pk", value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    text = str(value).strip()
    try:
        return format(parse_decimal(text).normalize(), "f")
    except NumberFormatError:
        return text


def _shown(field, value) -> str:
    values = value if isinstance(value, list | tuple) else [value]
    labels = dict((str(k), str(v)) for k, v in getattr(field, "choices", []) or [])
    shown = []
    for v in values:
        key = str(getattr(v, "pk", v) if v is not None else "")
        if key in labels:
            shown.append(labels[key])
        elif isinstance(v, Decimal):
            shown.append(format_decimal_input(v))
        else:
            shown.append("" if v is None else str(v))
    return ", ".join(s for s in shown if s) or "—"


def _check_new(user, element: Element, programme: Programme | None, values: dict) -> None:
    """May ``user`` add this element? An effort owner may add activities to their own effort;
    everything else needs the right to change the programme."""
    if element.shared:
        _check(user, "programmes.change_people", None)
    elif element.effort_guard == "effort" and values.get("effort") is not None:
        _check(user, "programmes.change_effort", values["effort"])
    else:
        _check(user, "programmes.change_programme", programme)


def element_delete(
    request: HttpRequest,
    kind: str,
    pk: int,
    slug: str | None = None,
    shared: bool = False,
) -> HttpResponse:
    element = _element(kind, shared)
    programme = programme_get(slug) if slug else None
    instance = get_object_or_404(element.model, pk=pk)
    if programme is not None and programme_of(instance).pk != programme.pk:
        raise Http404
    # Deleting an effort is a change to the DIN: staff only, not its owner.
    perm, obj = (
        ("programmes.change_programme", programme)
        if element.key == "inspanning"
        else _guard_for(element, instance, programme)
    )
    _check(request.user, perm, obj)
    consequences = delete_consequences(instance)
    if element.shared:
        # A person or organisation is shared: deleting it changes every programme that refers to
        # it, so the user must be allowed to change each of those programmes.
        affected = {pid for c in consequences for pid in c.programme_ids}
        for other in Programme.objects.filter(pk__in=affected):
            _check(request.user, "programmes.change_programme", other)
    decisions = (
        decisions_for(programme)
        if programme is not None
        and not element.shared
        and is_controlled(programme)
        and needs_decision_on_create(element.model)
        else None
    )
    error = None
    status = 200
    if request.method == "POST":
        back = _after_delete(element, instance, programme, request)
        label = _label(instance)
        try:
            version = request.POST.get("version")
            element.delete(
                instance,
                actor=request.user,
                expected_version=int(version) if version and version.isdigit() else None,
                **({"decision": _posted_decision(request, programme)} if decisions else {}),
            )
            messages.success(request, _("%(item)s deleted.") % {"item": label})
            return redirect(back)
        except (services.ConflictError, ValidationError) as exc:
            error = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            status = 409
    return render(
        request,
        "programmes/element_delete.html",
        {
            "element": element,
            "verbose_name": element.model._meta.verbose_name,
            "programme": programme,
            "instance": instance,
            "error": error,
            "next": _safe_next(request) or "",
            "consequences": consequences,
            "decisions": decisions,
            "chosen_decision": request.POST.get("decision", ""),
        },
        status=status,
    )


def _posted_decision(request: HttpRequest, programme: Programme):
    """The decision chosen on a delete form, or None (the service then refuses the removal)."""
    pk = request.POST.get("decision", "")
    if not pk.isdigit():
        return None
    return decisions_for(programme).filter(pk=int(pk)).first()


def _after_delete(element: Element, instance, programme, request) -> str:
    nxt = _safe_next(request)
    if nxt:
        return nxt
    if isinstance(instance, GoalEffortLink | Activity):
        return element.back(instance)
    if isinstance(instance, RoleHours):
        return element.back(instance)
    if element.shared:
        return element.back(instance)
    return programme.get_absolute_url() if programme else reverse("programmes:list")


def _label(obj) -> str:
    return f"{obj._meta.verbose_name.capitalize()} ‘{obj}’"


__all__ = ["element_delete", "element_edit"]
