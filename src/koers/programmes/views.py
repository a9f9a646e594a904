"""The DIN pages: thin views that check permission, call a selector and render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.ui import Edit, Editable, delete_view, edit_view, programme_for

from . import selectors, services
from .editing import propose_write, proposed_message, stale_check
from .exchange import ExchangeError
from .forms import AccessGrantForm, ProgrammeForm, offer_decision, offer_proposal
from .models import Programme, ProgrammeAccess
from .safekeeping import export_before_delete
from .selectors import efforts_by_track


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programmes_for_user(request.user))
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": programmes,
            "can_add": request.user.has_perm("programmes.add_programme"),
        },
    )


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_overview(slug, archived=True)
    _require(request, "programmes.view_programme", programme)
    can_edit = request.user.has_perm("programmes.change_programme", programme)
    groups = efforts_by_track(programme)
    editable_efforts = {
        e.pk
        for e in programme.efforts.all()
        if request.user.has_perm("programmes.change_effort", e)
    }
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "can_edit": can_edit,
            "can_delete": request.user.has_perm("programmes.delete_programme", programme),
            "can_manage_access": request.user.has_perm("programmes.manage_access", programme),
            "track_groups": groups,
            "editable_efforts": editable_efforts,
            "archived_count": len(programme.archived_goals) + len(programme.archived_efforts),
        },
    )


def strategic_goal_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    goal = selectors.strategic_goal_get(programme, code)
    return render(
        request,
        "programmes/strategic_goal_detail.html",
        {
            "programme": programme,
            "goal": goal,
            "can_edit": request.user.has_perm("programmes.change_programme", programme),
        },
    )


def goal_detail(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    goal = selectors.operational_goal_get(programme, code)
    return render(
        request,
        "programmes/goal_detail.html",
        {
            "programme": programme,
            "goal": goal,
            "indicator": getattr(goal, "indicator", None) if goal.is_measurable else None,
            "can_edit": request.user.has_perm("programmes.change_programme", programme),
        },
    )


def effort_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    effort = selectors.effort_get(programme, pk)
    activities_by_year: dict[int, list] = {}
    for activity in effort.activities.all():
        activities_by_year.setdefault(activity.year, []).append(activity)
    return render(
        request,
        "programmes/effort_detail.html",
        {
            "programme": programme,
            "effort": effort,
            "activities_by_year": sorted(activities_by_year.items()),
            "can_edit": request.user.has_perm("programmes.change_programme", programme),
            "can_edit_effort": request.user.has_perm("programmes.change_effort", effort),
        },
    )


def programme_history(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.view_programme")
    return render(
        request,
        "programmes/history.html",
        {"programme": programme, "entries": selectors.programme_history(programme)},
    )


def programme_create(request: HttpRequest) -> HttpResponse:
    _require(request, "programmes.add_programme")
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.service_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Programme ‘%(name)s’ created.") % {"name": programme})
            return redirect(programme)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "programme": None},
        status=400 if request.method == "POST" else 200,
    )


def _programme_scope(edit: Edit) -> None:
    edit.instance = edit.programme


def _programme_prepare(edit: Edit) -> None:
    # Adopting and leaving the adopted status take a decision, as does changing an adopted
    # programme's period: one already taken, or the decision on a change proposal.
    offer_decision(edit.form, edit.programme)
    offer_proposal(edit.form, edit.programme, apply_now=True)


def _programme_values(form) -> dict:
    return {
        **form.service_fields(),
        "decision": form.cleaned_data.get("decision"),
        "proposal": form.cleaned_data.get("proposal") or "",
        "reason": form.cleaned_data.get("reason") or "",
    }


def _programme_update(edit: Edit, values: dict, version):
    choice, reason = values.pop("proposal", ""), values.pop("reason", "")
    if choice:
        stale_check(edit.instance, version)
        return propose_write(edit, "programma", "update", edit.instance, values, choice, reason)
    return services.programme_update(
        programme=edit.instance, actor=edit.user, expected_version=version, **values
    )


def _programme_saved(edit: Edit, saved) -> str:
    if getattr(saved, "is_pending_change", False):
        return proposed_message(saved)
    return _("Programme ‘%(name)s’ saved.") % {"name": saved}


def _programme_delete(edit: Edit, version) -> None:
    """Delete a programme (a functional administrator, see ``check``): only after its name is
    typed, and after an export of it has been written to a file whose name the user is told."""
    programme = edit.instance
    typed = edit.request.POST.get("confirm_name", "").strip()
    if typed.casefold() != programme.name.strip().casefold():
        raise ValidationError(
            _("Type the name of the programme (‘%(name)s’) exactly to confirm the delete.")
            % {"name": programme.name}
        )
    stale_check(programme, version)
    path = export_before_delete(programme)
    services.programme_delete(programme=programme, actor=edit.user, expected_version=version)
    messages.info(
        edit.request,
        _("An export of the programme was written first, to the file %(file)s on the server.")
        % {"file": path},
    )


PROGRAMME = Editable(
    key="programmes.programme",
    model=Programme,
    form=ProgrammeForm,
    scope=_programme_scope,
    check=lambda edit, action: edit.require(
        "programmes.delete_programme" if action == "delete" else "programmes.change_programme",
        edit.programme,
    ),
    prepare=_programme_prepare,
    values=_programme_values,
    update=_programme_update,
    after=lambda edit, saved: saved.get_absolute_url(),
    delete=_programme_delete,
    after_delete=lambda edit: reverse("programmes:list"),
    edit_title=gettext_lazy("Edit programme"),
    delete_title=lambda edit: (
        _("Delete %(verbose_name)s?") % {"verbose_name": Programme._meta.verbose_name}
    ),
    saved=_programme_saved,
    deleted=gettext_lazy("Programme ‘%(name)s’ deleted."),
    consequences=lambda edit: selectors.delete_consequences(edit.programme),
    context=lambda edit: {"decisions": None, "hide_instance": True, "confirm_name": True},
    delete_template="programmes/element_delete.html",
)
programme_edit = edit_view(PROGRAMME)
programme_delete = delete_view(PROGRAMME)


def programme_export_json(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole programme as the JSON file of ``koers export`` (docs/uitwisseling.md): the
    complete exchange, format version 2."""
    # The complete exchange sits above every app; imported when used, not when this app loads.
    from koers.exchange import export_programme

    programme = programme_for(request, slug, "programmes.view_programme")
    try:
        text = export_programme(programme)
    except ExchangeError as exc:
        messages.error(request, " ".join(str(p) for p in exc.problems))
        return redirect(programme)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}.json"'
    return response


def programme_access(request: HttpRequest, slug: str) -> HttpResponse:
    """Who may work on the programme: grant or change access (functional administrator)."""
    programme = programme_for(request, slug, "programmes.manage_access")
    form = AccessGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        services.programme_access_grant(
            programme=programme, user=user, level=form.cleaned_data["level"], actor=request.user
        )
        messages.success(request, _("Access for %(user)s saved.") % {"user": user})
        return redirect("programmes:access", slug=programme.slug)
    return render(
        request,
        "programmes/access.html",
        {
            "programme": programme,
            "form": form,
            "access": selectors.programme_access_list(programme),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def programme_access_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, "programmes.manage_access")
    access = get_object_or_404(ProgrammeAccess, programme=programme, pk=pk)
    services.programme_access_revoke(programme=programme, user=access.user, actor=request.user)
    messages.success(request, _("Access for %(user)s revoked.") % {"user": access.user})
    return redirect("programmes:access", slug=programme.slug)


def people_list(request: HttpRequest) -> HttpResponse:
    _require(request, "programmes.view_people")
    return render(
        request,
        "programmes/people_list.html",
        {
            "people": selectors.people_list(),
            "can_edit": request.user.has_perm("programmes.change_people"),
        },
    )


def partner_list(request: HttpRequest) -> HttpResponse:
    _require(request, "programmes.view_people")
    return render(
        request,
        "programmes/partner_list.html",
        {
            "partners": selectors.partner_list(),
            "can_edit": request.user.has_perm("programmes.change_people"),
        },
    )
