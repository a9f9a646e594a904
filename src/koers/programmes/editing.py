"""Create, edit and delete every DIN element through the one edit mechanism (:mod:`koers.ui`).

Each element kind is one :class:`~koers.ui.Editable` in :mod:`koers.programmes.elements`, made
by :func:`element` from what is particular to the DIN: the query parameters that preset a field
of a new one, whether an effort owner may change it, the owner's narrower form, whether it is
shared by all programmes (people and organisations), and the decision an adopted programme
needs. :func:`element_edit` and :func:`element_delete` pick the kind from the URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Edit, Editable, delete_view, edit_view

from . import forms
from .change_control import (
    decisions_for,
    is_controlled,
    needs_decision_on_create,
    needs_decision_on_update,
    proposals_for,
    propose,
)
from .deletion import archivable, delete_plan
from .models import Person, Programme


def label(obj) -> str:
    return f"{obj._meta.verbose_name.capitalize()} ‘{obj}’"


def _programmes_referring(instance) -> set[int]:
    """The programmes whose elements (in any app) refer to ``instance``: those a delete would
    change, from the same plan the delete checks."""
    return {pid for c in delete_plan(instance).consequences for pid in c.programme_ids}


def _programme_of(obj) -> Programme:
    from .elements import programme_of

    return programme_of(obj)


def element(
    key: str,
    model,
    form: type[forms.ElementForm],
    create: Callable,
    update: Callable,
    delete: Callable,
    *,
    presets: tuple[tuple[str, str, Callable[[Programme, str], Any]], ...] = (),
    effort_guard: str | None = None,
    back: Callable | None = None,
    owner_form: type[forms.ElementForm] | None = None,
    shared: bool = False,
) -> Editable:
    """The Editable of one DIN element kind.

    ``presets`` are query parameters that preset a field of a new one (``?inspanning=5``);
    ``effort_guard`` says the element is guarded by ``change_effort`` on itself (``"self"``) or
    on its effort (``"effort"``) instead of ``change_programme``; ``owner_form`` is the narrower
    form of an effort owner; ``shared`` elements (people, organisations) belong to no
    programme."""

    def get(edit: Edit, pk):
        instance = get_object_or_404(model, pk=pk)
        if edit.programme is not None and _programme_of(instance).pk != edit.programme.pk:
            raise Http404
        return instance

    def guard(edit: Edit, instance) -> tuple[str, Any]:
        if shared:
            return "programmes.change_people", None
        if effort_guard == "self" and instance is not None:
            return "programmes.change_effort", instance
        if effort_guard == "effort" and instance is not None:
            return "programmes.change_effort", instance.effort
        return "programmes.change_programme", edit.programme

    def check_new(edit: Edit, values: dict) -> None:
        """An effort owner may add activities to their own effort; everything else needs the
        right to change the programme."""
        if shared:
            edit.require("programmes.change_people")
        elif effort_guard == "effort" and values.get("effort") is not None:
            edit.require("programmes.change_effort", values["effort"])
        else:
            edit.require("programmes.change_programme", edit.programme)

    def preset_values(edit: Edit) -> dict:
        request, values = edit.request, {}
        for param, field_name, resolve in presets:
            value = request.GET.get(param) or request.POST.get(f"preset_{param}")
            if value and edit.programme is not None:
                values[field_name] = resolve(edit.programme, value)
        return values

    def check(edit: Edit, action: str) -> None:
        if action == "add":
            edit.extra["initial"] = preset_values(edit)
            check_new(edit, edit.extra["initial"])
            return
        if action == "delete" and key == "inspanning":
            # Deleting an effort is a change to the DIN: staff only, not its owner.
            edit.require("programmes.change_programme", edit.programme)
        else:
            edit.require(*guard(edit, edit.instance))
        if action == "change" and shared and model is Person:
            # A person is shared: a role, an effort or a risk in a programme refers to them,
            # and the digest of a programme goes to its principals' addresses. Editing them
            # changes every such programme, so (as for a delete) the user must be allowed to
            # change each of those programmes.
            for other in Programme.objects.filter(pk__in=_programmes_referring(edit.instance)):
                edit.require("programmes.change_programme", other)
        if action == "delete":
            plan = delete_plan(edit.instance)
            edit.extra["consequences"] = plan.consequences
            if plan.keeps_record and archivable(edit.instance):
                # The delete will be refused: offer to archive it instead (the same form posts
                # its decision or proposal there).
                edit.extra["archive_url"] = reverse(
                    "programmes:element_archive",
                    kwargs={"slug": edit.programme.slug, "kind": key, "pk": edit.instance.pk},
                )
            if shared:
                # A person or organisation is shared: deleting it changes every programme that
                # refers to it, so the user must be allowed to change each of those programmes.
                affected = {pid for c in edit.extra["consequences"] for pid in c.programme_ids}
                for other in Programme.objects.filter(pk__in=affected):
                    edit.require("programmes.change_programme", other)

    def form_class(edit: Edit):
        if (
            owner_form is not None
            and edit.instance is not None
            and not edit.user.has_perm("programmes.change_programme", edit.instance.programme)
        ):
            return owner_form
        return form

    def form_kwargs(edit: Edit) -> dict:
        # The label as stored: a bound form writes the user's (unsaved) input onto the instance.
        edit.extra["instance_label"] = str(edit.instance) if edit.instance is not None else ""
        return {
            "instance": edit.instance,
            "initial": edit.extra.get("initial", {}),
            "programme": edit.programme,
        }

    def prepare(edit: Edit) -> None:
        the_form = edit.form
        if _wants_decision(model, shared, edit.instance, edit.programme):
            # The staff may apply a change under a decision already taken; anyone who may make
            # the change may put it in a change proposal (an effort owner: only that).
            staff = edit.user.has_perm("programmes.change_programme", edit.programme)
            if staff and forms.offer_decision(the_form, edit.programme):
                edit.extra["decision_field"] = the_form["decision"]
            if forms.offer_proposal(the_form, edit.programme, apply_now=staff):
                edit.extra["proposal_fields"] = (the_form["proposal"], the_form["reason"])
        if effort_guard == "effort" and edit.programme is not None:
            # Offer only the efforts this user may change (an owner: their own).
            efforts = the_form.fields["effort"].queryset
            allowed = [e.pk for e in efforts if edit.user.has_perm("programmes.change_effort", e)]
            the_form.fields["effort"].queryset = efforts.filter(pk__in=allowed)

    def do_create(edit: Edit, values: dict):
        # The preset may have been changed in the form: check the chosen one too.
        check_new(edit, values)
        choice, reason = values.pop("proposal", ""), values.pop("reason", "")
        if choice:
            return propose_write(edit, key, "create", None, values, choice, reason)
        if edit.programme is not None:
            values["programme"] = edit.programme
        return create(actor=edit.user, **values)

    def do_update(edit: Edit, values: dict, version):
        if effort_guard == "effort":
            edit.require("programmes.change_effort", values.get("effort", edit.instance.effort))
        choice, reason = values.pop("proposal", ""), values.pop("reason", "")
        if choice:
            stale_check(edit.instance, version)
            return propose_write(edit, key, "update", edit.instance, values, choice, reason)
        return update(edit.instance, actor=edit.user, expected_version=version, **values)

    def decisions(edit: Edit):
        programme = edit.programme
        if (
            programme is not None
            and not shared
            and is_controlled(programme)
            and needs_decision_on_create(model)
        ):
            return decisions_for(programme)
        return None

    def do_delete(edit: Edit, version):
        extra = {}
        if decisions(edit) is not None:
            extra["decision"] = _posted_decision(edit.request, edit.programme)
            choice = edit.request.POST.get("proposal", "")
            if choice:
                stale_check(edit.instance, version)
                propose_write(
                    edit,
                    key,
                    "delete",
                    edit.instance,
                    extra,
                    choice,
                    edit.request.POST.get("reason", ""),
                )
                return
        delete(edit.instance, actor=edit.user, expected_version=version, **extra)

    def after(edit: Edit, saved) -> str:
        if getattr(saved, "is_pending_change", False):
            return saved.get_absolute_url()
        if back is not None:
            return back(saved)
        if hasattr(saved, "get_absolute_url"):
            return saved.get_absolute_url()
        return _programme_url(edit)

    def after_delete(edit: Edit) -> str:
        proposed = _posted_proposal_url(edit)
        if proposed:
            return proposed
        if back is not None and (shared or key in ("koppeling", "activiteit", "uren")):
            # Links, activities and hours: back to what they belonged to.
            return back(edit.instance)
        return _programme_url(edit)

    def cancel(edit: Edit) -> str:
        if edit.instance is not None and hasattr(edit.instance, "get_absolute_url"):
            return edit.instance.get_absolute_url()
        if shared and back is not None:
            return back(edit.instance)
        return _programme_url(edit)

    def context(edit: Edit) -> dict:
        return {
            "verbose_name": model._meta.verbose_name,
            "instance_label": edit.extra.get("instance_label", ""),
            "decision_field": edit.extra.get("decision_field"),
            "presets": {
                p: edit.request.GET.get(p) or edit.request.POST.get(f"preset_{p}")
                for p, _f, _r in presets
            },
            "decisions": decisions(edit),
            "chosen_decision": edit.request.POST.get("decision", ""),
            "proposal_fields": edit.extra.get("proposal_fields"),
            "proposals": proposals_for(edit.programme) if decisions(edit) is not None else None,
            "chosen_proposal": edit.request.POST.get("proposal", ""),
            "posted_reason": edit.request.POST.get("reason", ""),
            "archive_url": edit.extra.get("archive_url", ""),
        }

    _WRITES[key] = {"create": create, "update": update, "delete": delete}
    verbose = model._meta.verbose_name
    return Editable(
        key=f"programmes.{key}",
        model=model,
        form=form,
        get=get,
        create=do_create,
        update=do_update,
        delete=do_delete,
        check=check,
        form_class=form_class,
        form_kwargs=form_kwargs,
        prepare=prepare,
        values=_service_kwargs,
        rename=lambda name: name.replace("indicator-", "indicator_"),
        after=after,
        after_delete=after_delete,
        back=cancel,
        label=label,
        new_title=lambda edit: _("New %(verbose_name)s") % {"verbose_name": verbose},
        edit_title=lambda edit: _("Edit %(verbose_name)s") % {"verbose_name": verbose},
        delete_title=lambda edit: _("Delete %(verbose_name)s?") % {"verbose_name": verbose},
        created=_saved_message(gettext_lazy("%(item)s added.")),
        saved=_saved_message(gettext_lazy("%(item)s saved.")),
        deleted=_deleted_message,
        consequences=lambda edit: edit.extra.get("consequences", []),
        context=context,
        template="programmes/element_form.html",
        delete_template="programmes/element_delete.html",
    )


# The plain writes of each element kind (no request): what a change proposal applies later.
_WRITES: dict[str, dict[str, Callable]] = {}


def writes_of(kind: str) -> dict[str, Callable]:
    """The create, update and delete of an element kind (see :mod:`.proposing`)."""
    return _WRITES[kind]


def propose_write(
    edit: Edit, key: str, action: str, target, values: dict, choice: str, reason: str
):
    """Put the write in a change proposal instead of making it (see :mod:`.proposing`)."""
    from .proposing import operation_name

    if values.pop("decision", None) is not None:
        raise ValidationError({"proposal": _("Choose a decision or a change proposal, not both.")})
    edit.require("decisions.propose_changes", edit.programme)
    return propose(
        programme=edit.programme,
        choice=choice,
        actor=edit.user,
        operation=operation_name(key, action),
        target=target,
        values=values,
        reason=reason,
    )


def stale_check(instance, version) -> None:
    """A change proposed from a stale form is refused as a stale save would be."""
    from .services import ConflictError

    stored = type(instance).objects.filter(pk=instance.pk).values_list("version", flat=True)
    current = stored.first()
    if current is None or (version is not None and current != version):
        raise ConflictError(instance)


def proposed_message(pending) -> str:
    """What the user reads after putting a change in a proposal."""
    return _(
        "Proposed in ‘%(proposal)s’, not yet in force: %(change)s. It takes effect when the "
        "decision on the proposal is registered."
    ) % {"proposal": pending.proposal, "change": pending}


def _saved_message(text):
    def message(edit: Edit, saved) -> str:
        if getattr(saved, "is_pending_change", False):
            return proposed_message(saved)
        return str(text) % {"item": label(saved)}

    return message


def _deleted_message(edit: Edit, instance) -> str:
    if edit.request.POST.get("proposal"):
        return _(
            "Removing %(item)s is proposed; it takes effect when the decision on the proposal "
            "is registered."
        ) % {"item": label(instance)}
    return _("%(item)s deleted.") % {"item": label(instance)}


def _posted_proposal_url(edit: Edit) -> str:
    """Where a removal put in a proposal leads: that proposal, or the programme's proposals."""
    choice = edit.request.POST.get("proposal", "")
    if not choice or edit.programme is None:
        return ""
    if choice.isdigit():
        return reverse("decisions:proposal", kwargs={"slug": edit.programme.slug, "pk": choice})
    return reverse("decisions:register", args=[edit.programme.slug]) + "#voorstellen"


def _programme_url(edit: Edit) -> str:
    return edit.programme.get_absolute_url() if edit.programme else reverse("programmes:list")


def _wants_decision(model, shared: bool, instance, programme: Programme | None) -> bool:
    """Does this form carry a change that an adopted programme takes only with a decision?"""
    if programme is None or shared or not is_controlled(programme):
        return False
    if instance is None:
        return needs_decision_on_create(model)
    return needs_decision_on_update(model)


def _service_kwargs(form) -> dict:
    fields = form.service_fields()
    if isinstance(form, forms.OperationalGoalForm):
        fields["indicator"] = form.indicator_data()
    if "decision" in form.fields:
        fields["decision"] = form.cleaned_data.get("decision")
    if "proposal" in form.fields:
        fields["proposal"] = form.cleaned_data.get("proposal") or ""
        fields["reason"] = form.cleaned_data.get("reason") or ""
    for name, field in form.fields.items():
        if field.disabled:
            fields.pop(name, None)
    return fields


def _posted_decision(request: HttpRequest, programme: Programme):
    """The decision chosen on a delete form, or None (the service then refuses the removal)."""
    pk = request.POST.get("decision", "")
    if not pk.isdigit():
        return None
    return decisions_for(programme).filter(pk=int(pk)).first()


def _views() -> tuple[dict, dict]:
    from .elements import ELEMENTS, SHARED

    return ELEMENTS, SHARED


_EDIT: dict[tuple[str, bool], Callable] = {}
_DELETE: dict[tuple[str, bool], Callable] = {}


def _spec(kind: str, shared: bool) -> Editable:
    elements, shared_elements = _views()
    table = shared_elements if shared else elements
    if kind not in table:
        raise Http404(kind)
    return table[kind]


def element_edit(request: HttpRequest, kind: str, shared: bool = False, **kwargs) -> HttpResponse:
    """Create (no pk) or edit one element of the kind in the URL."""
    spec = _spec(kind, shared)
    view = _EDIT.setdefault((kind, shared), edit_view(spec))
    return view(request, **kwargs)


def element_delete(request: HttpRequest, kind: str, shared: bool = False, **kwargs) -> HttpResponse:
    spec = _spec(kind, shared)
    view = _DELETE.setdefault((kind, shared), delete_view(spec))
    return view(request, **kwargs)


def _all_elements() -> list[Editable]:
    """Every element's Editable, for :func:`koers.ui.editables` (one view serves them all)."""
    elements, shared_elements = _views()
    return [*elements.values(), *shared_elements.values()]


element_edit.editables = element_delete.editables = _all_elements  # type: ignore[attr-defined]

__all__ = [
    "element",
    "element_delete",
    "element_edit",
    "label",
    "proposed_message",
    "propose_write",
    "stale_check",
]
