"""Every kind of DIN element that the create/edit/delete pages handle, described once as a
:class:`koers.ui.Editable`: its model, its form, the services that write it, the query
parameters that preset a field of a new one, the permission that guards it and where to go
after saving. The hooks that every element shares live in :mod:`koers.programmes.editing`."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from koers.ui import Editable

from . import forms, services
from .editing import element
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


def _delete(instance, *, actor, expected_version, decision=None):
    return services.object_delete(
        instance, actor=actor, expected_version=expected_version, decision=decision
    )


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


def _strategic_goal_delete(instance, *, actor, expected_version, decision=None):
    services.strategic_goal_delete(
        goal=instance, actor=actor, expected_version=expected_version, decision=decision
    )


def programme_of(obj) -> Programme:
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


ELEMENTS: dict[str, Editable] = {
    e.key.removeprefix("programmes."): e
    for e in [
        element(
            "keuze",
            StrategicChoice,
            forms.StrategicChoiceForm,
            _create(StrategicChoice),
            _update,
            _delete,
            back=lambda o: o.programme.get_absolute_url() + "#keuzes",
        ),
        element(
            "strategisch-doel",
            StrategicGoal,
            forms.StrategicGoalForm,
            _create(StrategicGoal),
            _update,
            _strategic_goal_delete,
        ),
        element(
            "doel",
            OperationalGoal,
            forms.OperationalGoalForm,
            _goal_create,
            _goal_update,
            _delete,
            presets=(("strategisch", "strategic_goal", _strategic_by_code),),
        ),
        element(
            "spoor",
            Track,
            forms.TrackForm,
            _create(Track),
            _update,
            _delete,
            back=lambda o: o.programme.get_absolute_url() + "#sporen",
        ),
        element(
            "inspanning",
            Effort,
            forms.EffortForm,
            _effort_create,
            _update,
            _delete,
            effort_guard="self",
            owner_form=forms.OwnerEffortForm,
        ),
        element(
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
        element(
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
        element(
            "rol",
            ProgrammeRole,
            forms.ProgrammeRoleForm,
            _create(ProgrammeRole),
            _update,
            _delete,
            back=lambda o: o.programme.get_absolute_url() + "#team",
        ),
        element(
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

SHARED: dict[str, Editable] = {
    "personen": element(
        "personen",
        Person,
        forms.PersonForm,
        _create(Person),
        _update,
        _delete,
        back=lambda o: reverse("programmes:people"),
        shared=True,
    ),
    "organisaties": element(
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
