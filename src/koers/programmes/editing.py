"""Create, edit and delete every DIN element with one set of thin views.

Each element kind is described once (:data:`ELEMENTS`): its model, form, the services that write
it, the permission it needs and where to go afterwards. The views parse the request, check the
permission, call the service and render; validation errors from the service land on the form
fields, a stale edit (someone else saved first) is refused with a message and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.numbers import NumberFormatError, format_decimal_input, parse_decimal

from . import forms, services
from .models import (
    Activity,
    Effort,
    GoalEffortLink,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)
from .selectors import delete_consequences, programme_get


@dataclass(frozen=True)
class Element:
    key: str
    model: type[models.Model]
    form: type[forms.ElementForm]
    create: Callable[..., models.Model]
    update: Callable[..., models.Model]
    delete: Callable[..., None]
    # Query parameters that preset a field on "new" (e.g. ?inspanning=5 presets the effort).
    presets: tuple[tuple[str, str, Callable[[Programme, str], Any]], ...] = ()
    # Guarded by "change_effort" on the element itself ("self") or on one of its fields
    # ("effort"); every other element needs "change_programme".
    effort_guard: str | None = None
    back: Callable[[models.Model], str] | None = None
    owner_form: type[forms.ElementForm] | None = None
    shared: bool = False  # people and partners: not part of one programme


def _create(model):
    def create(*, actor, programme=None, **fields):
        if programme is not None and _has_field(model, "programme"):
            fields["programme"] = programme
        return services.object_create(model, actor=actor, **fields)

    return create


def _update(instance, *, actor, expected_version, **fields):
    return services.object_update(
        instance, actor=actor, expected_version=expected_version, **fields
    )


def _delete(instance, *, actor, expected_version):
    return services.object_delete(instance, actor=actor, expected_version=expected_version)


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _goal_create(*, actor, programme, indicator=None, **fields):
    return services.operational_goal_create(
        actor=actor, programme=programme, indicator=indicator, **fields
    )


def _goal_update(instance, *, actor, expected_version, indicator=None, **fields):
    return services.operational_goal_update(
        goal=instance,
        actor=actor,
        expected_version=expected_version,
        indicator=indicator,
        **fields,
    )


def _effort_create(*, actor, programme, **fields):
    return services.effort_create(actor=actor, programme=programme, **fields)


def _link_create(*, actor, programme, **fields):
    return services.goal_effort_link_create(actor=actor, **fields)


def _strategic_goal_delete(instance, *, actor, expected_version):
    services.strategic_goal_delete(goal=instance, actor=actor, expected_version=expected_version)


def _programme_of(obj) -> Programme:
    for path in ("programme", "effort.programme", "role.programme", "operational_goal.programme"):
        cur = obj
        try:
            for part in path.split("."):
                cur = getattr(cur, part)
        except AttributeError:
            continue
        if isinstance(cur, Programme):
            return cur
    raise AttributeError(obj)


def _goal_by_code(programme: Programme, value: str):
    return get_object_or_404(OperationalGoal, programme=programme, code=value)


def _effort_by_id(programme: Programme, value: str):
    if not value.isdigit():
        raise Http404(value)
    return get_object_or_404(Effort, programme=programme, pk=int(value))


def _role_by_id(programme: Programme, value: str):
    if not value.isdigit():
        raise Http404(value)
    return get_object_or_404(ProgrammeRole, programme=programme, pk=int(value))


def _strategic_by_code(programme: Programme, value: str):
    return get_object_or_404(StrategicGoal, programme=programme, code=value)


ELEMENTS: dict[str, Element] = {
    e.key: e
    for e in [
        Element(
            "keuze",
            StrategicChoice,
            forms.StrategicChoiceForm,
            _create(StrategicChoice),
            _update,
            _delete,
            back=lambda o: o.programme.get_absolute_url() + "#keuzes",
        ),
        Element(
            "strategisch-doel",
            StrategicGoal,
            forms.StrategicGoalForm,
            _create(StrategicGoal),
            _update,
            _strategic_goal_delete,
        ),
        Element(
            "doel",
            OperationalGoal,
            forms.OperationalGoalForm,
            _goal_create,
            _goal_update,
            _delete,
            presets=(("strategisch", "strategic_goal", _strategic_by_code),),
        ),
        Element(
            "spoor",
            Track,
            forms.TrackForm,
            _create(Track),
            _update,
            _delete,
            back=lambda o: o.programme.get_absolute_url() + "#sporen",
        ),
        Element(
            "inspanning",
            Effort,
            forms.EffortForm,
            _effort_create,
            _update,
            _delete,
            effort_guard="self",
            owner_form=forms.OwnerEffortForm,
        ),
        Element(
            "koppeling",
            GoalEffortLink,
            forms.GoalEffortLinkForm,
            _link_create,
            _update,
            _delete,
            presets=(
                ("doel", "operational_goal", _goal_by_code),
                ("inspanning", "effort", _effort_by_id),
            ),
            back=lambda o: o.operational_goal.get_absolute_url(),
        ),
        Element(
            "activiteit",
            Activity,
            forms.ActivityForm,
            _create(Activity),
            _update,
            _delete,
            presets=(("inspanning", "effort", _effort_by_id),),
            effort_guard="effort",
            back=lambda o: o.effort.get_absolute_url() + "#activiteiten",
        ),
        Element(
            "rol",
            ProgrammeRole,
            forms.ProgrammeRoleForm,
            _create(ProgrammeRole),
            _update,
            _delete,
            back=lambda o: o.programme.get_absolute_url() + "#team",
        ),
        Element(
            "uren",
            RoleHours,
            forms.RoleHoursForm,
            _create(RoleHours),
            _update,
            _delete,
            presets=(("rol", "role", _role_by_id),),
            back=lambda o: o.role.programme.get_absolute_url() + "#team",
        ),
    ]
}

SHARED: dict[str, Element] = {
    "personen": Element(
        "personen",
        Person,
        forms.PersonForm,
        _create(Person),
        _update,
        _delete,
        back=lambda o: reverse("programmes:people"),
        shared=True,
    ),
    "organisaties": Element(
        "organisaties",
        PartnerOrganisation,
        forms.PartnerOrganisationForm,
        _create(PartnerOrganisation),
        _update,
        _delete,
        back=lambda o: reverse("programmes:partners"),
        shared=True,
    ),
}


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


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            name = key.replace("indicator-", "indicator_")
            target = name if name in form.fields and key != NON_FIELD_ERRORS else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


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
        if programme is not None and _programme_of(instance).pk != programme.pk:
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
            _apply_errors(form, exc)
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
            "presets": {
                p: request.GET.get(p) or request.POST.get(f"preset_{p}")
                for p, _f, _r in element.presets
            },
        },
        status=status,
    )


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
    if programme is not None and _programme_of(instance).pk != programme.pk:
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
        },
        status=status,
    )


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


__all__ = ["ELEMENTS", "SHARED", "element_delete", "element_edit", "gettext_lazy"]
