"""The intake's pages: registering an initiative and one's own registrations (anyone with an
account), the programme's intake list, one initiative, its assessment, turning it into an effort
and its moments of contact. Thin views: permission, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Edit, Editable, apply_errors, delete_view, programme_for, versioned_submit

from . import selectors, services
from .forms import (
    AssessmentForm,
    ContactMomentForm,
    ProgrammeChoiceForm,
    RegistrationForm,
    ToEffortForm,
)
from .models import ContactMoment


def _check(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _list_url(programme) -> str:
    return reverse("intake:list", args=[programme.slug])


def _crumbs(request, programme, initiative=None) -> list[tuple[str, str]]:
    crumbs = []
    if request.user.has_perm("intake.view_intake", programme):
        crumbs.append((_list_url(programme), _("Initiatives")))
    else:
        crumbs.append((reverse("intake:mine"), _("My initiatives")))
    if initiative is not None:
        crumbs.append((initiative.get_absolute_url(), initiative.title))
    return crumbs


# --- anyone with an account ---------------------------------------------------------------------


def _mine_crumbs() -> list[tuple[str, str]]:
    return [(reverse("intake:mine"), _("My initiatives"))]


def mine(request: HttpRequest) -> HttpResponse:
    _check(request, "intake.register_initiative")
    return render(
        request,
        "intake/mine.html",
        {"initiatives": selectors.my_initiatives(request.user)},
    )


def register(request: HttpRequest) -> HttpResponse:
    """Step one (no programme chosen yet): choose the programme. Step two: the initiative."""
    _check(request, "intake.register_initiative")
    slug = request.GET.get("programma", "")
    programme = selectors.registration_programme(slug) if slug else None
    if programme is None:
        choice = ProgrammeChoiceForm(request.GET if slug else None)
        if slug:
            choice.is_valid()  # shows the error on the field
        return render(
            request,
            "intake/register_choose.html",
            {"choice": choice, "crumbs": _mine_crumbs()},
            status=400 if slug else 200,
        )
    bound = request.method == "POST"
    form = RegistrationForm(request.POST if bound else None, programme=programme, user=request.user)
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                initiative = services.initiative_register(
                    actor=request.user, programme=programme, **form.service_fields()
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Initiative “%(title)s” registered. The programme manager of %(programme)s "
                        "will assess it."
                    )
                    % {"title": initiative.title, "programme": programme.name},
                )
                return redirect(initiative.get_absolute_url())
    return render(
        request,
        "intake/register_form.html",
        {"programme": programme, "form": form, "crumbs": _mine_crumbs()},
        status=status,
    )


# --- the programme's intake ---------------------------------------------------------------------


def intake_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "intake.view_intake")
    return render(
        request,
        "intake/list.html",
        {
            "programme": programme,
            "intake": selectors.programme_intake(programme),
            "can_assess": request.user.has_perm("intake.assess_initiative", programme),
        },
    )


def _initiative(request: HttpRequest, slug: str, pk: int, perm: str):
    programme = programme_for(request, slug, None)
    initiative = selectors.initiative_get(programme, pk)
    _check(request, perm, programme if perm == "intake.assess_initiative" else initiative)
    return programme, initiative


def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, initiative = _initiative(request, slug, pk, "intake.view_initiative")
    can_assess = request.user.has_perm("intake.assess_initiative", programme)
    return render(
        request,
        "intake/detail.html",
        {
            "programme": programme,
            "initiative": initiative,
            "can_assess": can_assess,
            "can_see_effort": request.user.has_perm("programmes.view_programme", programme),
            "contact_form": ContactMomentForm() if can_assess else None,
            "crumbs": _crumbs(request, programme),
        },
    )


def assess(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, initiative = _initiative(request, slug, pk, "intake.assess_initiative")
    bound = request.method == "POST"
    form = AssessmentForm(request.POST if bound else None, instance=initiative)
    done = None
    if bound:
        done = versioned_submit(
            form,
            lambda version: services.initiative_assess(
                initiative=initiative,
                actor=request.user,
                expected_version=version,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
            ),
            instance=initiative,
        )
        if done.ok:
            messages.success(
                request,
                _("Assessment of “%(title)s” saved: %(outcome)s.")
                % {"title": initiative.title, "outcome": initiative.outcome_short},
            )
            return redirect(initiative.get_absolute_url())
    return render(
        request,
        "intake/assess_form.html",
        {
            "programme": programme,
            "initiative": initiative,
            "form": form,
            "differences": done.differences if done else None,
            "crumbs": _crumbs(request, programme, initiative),
        },
        status=done.status if done else 200,
    )


def to_effort(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, initiative = _initiative(request, slug, pk, "intake.assess_initiative")
    bound = request.method == "POST"
    form = ToEffortForm(request.POST if bound else None, instance=initiative, programme=programme)
    done = None
    if bound:
        done = versioned_submit(
            form,
            lambda version: services.initiative_to_effort(
                initiative=initiative,
                actor=request.user,
                expected_version=version,
                name=form.cleaned_data["name"],
                decision=form.cleaned_data.get("decision"),
            ),
        )
        if done.ok:
            effort = done.result
            messages.success(
                request,
                _("The initiative “%(title)s” has become the effort “%(effort)s”.")
                % {"title": initiative.title, "effort": effort.name},
            )
            return redirect(effort.get_absolute_url())
    return render(
        request,
        "intake/to_effort.html",
        {
            "programme": programme,
            "initiative": initiative,
            "form": form,
            "decision_field": form["decision"] if "decision" in form.fields else None,
            "crumbs": _crumbs(request, programme, initiative),
        },
        status=done.status if done else 200,
    )


def contact_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, initiative = _initiative(request, slug, pk, "intake.assess_initiative")
    bound = request.method == "POST"
    form = ContactMomentForm(request.POST if bound else None)
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                services.contact_moment_add(
                    initiative=initiative, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Moment of contact added."))
                return redirect(initiative.get_absolute_url())
    return render(
        request,
        "intake/contact_form.html",
        {
            "programme": programme,
            "initiative": initiative,
            "form": form,
            "crumbs": _crumbs(request, programme, initiative),
        },
        status=status,
    )


def _contact_scope(edit: Edit) -> None:
    edit.parent = selectors.initiative_get(edit.programme, edit.kwargs["pk"])


CONTACT_MOMENT = Editable(
    key="intake.contact_moment",
    model=ContactMoment,
    permission="intake.assess_initiative",
    scope=_contact_scope,
    pk_kwarg="moment_pk",
    get=lambda edit, pk: selectors.contact_moment_get(edit.parent, pk),
    delete=lambda edit, version: services.contact_moment_delete(
        moment=edit.instance, actor=edit.user, expected_version=version
    ),
    after_delete=lambda edit: edit.parent.get_absolute_url(),
    back=lambda edit: edit.parent.get_absolute_url(),
    crumbs=lambda edit: _crumbs(edit.request, edit.programme, edit.parent),
    delete_title=lambda edit: (
        _("Delete the moment of contact “%(moment)s”?") % {"moment": edit.instance}
    ),
    deleted=gettext_lazy("Moment of contact deleted."),
    context=lambda edit: {"hide_object": True},
)
contact_delete = delete_view(CONTACT_MOMENT)
