"""The decisions register of a programme: its decisions (college decisions and others) and every
change made to it since it was adopted, with the decision that allowed it. Thin views:
permission, selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Editable, delete_view, edit_view, programme_for

from . import selectors, services
from .forms import DecisionForm
from .models import Decision
from .selectors import decision_authorised


def _register_url(programme) -> str:
    return reverse("decisions:register", args=[programme.slug])


def _crumbs(programme, decision=None) -> list[tuple[str, str]]:
    crumbs = [(_register_url(programme), _("Decisions and changes"))]
    if decision is not None:
        crumbs.append((decision.get_absolute_url(), str(decision)))
    return crumbs


def decisions(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "decisions.view_decisions")
    return render(
        request,
        "decisions/register.html",
        {
            "programme": programme,
            "register": selectors.decisions_register(programme),
            "proposals": selectors.programme_proposals(programme),
            "can_change": request.user.has_perm("decisions.change_decisions", programme),
        },
    )


def decision_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, "decisions.view_decisions")
    decision = selectors.decision_get(programme, pk)
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "programme": programme,
            "decision": decision,
            "changes": selectors.decision_changes(decision),
            "authorised": decision_authorised(decision),
            "crumbs": _crumbs(programme),
            "can_change": request.user.has_perm("decisions.change_decisions", programme),
        },
    )


def _decision_url(edit, saved=None) -> str:
    return (saved or edit.instance).get_absolute_url()


DECISION = Editable(
    key="decisions.decision",
    model=Decision,
    form=DecisionForm,
    permission="decisions.change_decisions",
    form_kwargs=lambda edit: {"instance": edit.instance},
    get=lambda edit, pk: selectors.decision_get(edit.programme, pk),
    create=lambda edit, values: services.decision_create(
        actor=edit.user, programme=edit.programme, **values
    ),
    update=lambda edit, values, version: services.decision_update(
        decision=edit.instance, actor=edit.user, expected_version=version, **values
    ),
    delete=lambda edit, version: services.decision_delete(
        decision=edit.instance, actor=edit.user, expected_version=version
    ),
    after=_decision_url,
    after_delete=lambda edit: _register_url(edit.programme),
    back=lambda edit: _decision_url(edit) if edit.instance else _register_url(edit.programme),
    crumbs=lambda edit: _crumbs(edit.programme, edit.instance),
    context=lambda edit: {"decision": edit.instance},
    label=lambda decision: str(decision),
    created=gettext_lazy("Decision “%(name)s” recorded."),
    saved=gettext_lazy("Decision “%(name)s” saved."),
    deleted=gettext_lazy("Decision “%(name)s” deleted."),
    template="decisions/decision_form.html",
    delete_template="decisions/decision_delete.html",
)
decision_edit, decision_delete = edit_view(DECISION), delete_view(DECISION)
