"""The pages of change proposals: the proposal with its pending changes, its title and
explanation, registering the decision on it (which applies every change) or its rejection, and
withdrawing a change from a concept. Thin views: permission, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.ui import Editable, delete_view, edit_view, programme_for, versioned_submit

from . import proposals, selectors
from .forms import ProposalDecisionForm, ProposalForm, ProposalRejectForm
from .models import ChangeProposal, PendingChange


def _register_url(programme) -> str:
    return reverse("decisions:register", args=[programme.slug]) + "#voorstellen"


def _crumbs(programme, proposal=None) -> list[tuple[str, str]]:
    crumbs = [(_register_url(programme), _("Decisions and changes"))]
    if proposal is not None:
        crumbs.append((proposal.get_absolute_url(), str(proposal)))
    return crumbs


def proposal_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, "decisions.view_decisions")
    proposal = selectors.proposal_get(programme, pk)
    can_change = request.user.has_perm("decisions.change_decisions", programme)
    changes = selectors.proposal_changes(proposal)
    return render(
        request,
        "decisions/proposal_detail.html",
        {
            "programme": programme,
            "proposal": proposal,
            "changes": changes,
            "suggestions": selectors.statement_suggestions(changes) if proposal.is_concept else {},
            "crumbs": _crumbs(programme),
            "can_change": can_change and proposal.is_concept,
            "decide_form": ProposalDecisionForm(proposal=proposal) if can_change else None,
            "reject_form": ProposalRejectForm(proposal=proposal) if can_change else None,
        },
    )


def _decision_step(request, slug, pk, form_class, write, template, done_message):
    programme = programme_for(request, slug, "decisions.change_decisions")
    proposal = selectors.proposal_get(programme, pk)
    form = form_class(request.POST or None, proposal=proposal)
    status = 200
    if request.method == "POST":
        done = versioned_submit(
            form, lambda version: write(proposal, form, version, request.user), compare=False
        )
        if done.ok:
            messages.success(request, done_message % {"proposal": proposal})
            return redirect(proposal.get_absolute_url())
        status = done.status
    return render(
        request,
        template,
        {
            "programme": programme,
            "proposal": proposal,
            "changes": selectors.proposal_changes(proposal),
            "form": form,
            "crumbs": _crumbs(programme, proposal),
        },
        status=status,
    )


def proposal_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Register the decision on the proposal: every change applies, with that decision."""

    def write(proposal, form, version, user):
        return proposals.proposal_decide(
            proposal=proposal, actor=user, expected_version=version, **form.values()
        )

    return _decision_step(
        request,
        slug,
        pk,
        ProposalDecisionForm,
        write,
        "decisions/proposal_decide.html",
        _("The decision on ‘%(proposal)s’ is registered; its changes are in force."),
    )


def proposal_reject(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def write(proposal, form, version, user):
        return proposals.proposal_reject(
            proposal=proposal,
            actor=user,
            expected_version=version,
            date=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
        )

    return _decision_step(
        request,
        slug,
        pk,
        ProposalRejectForm,
        write,
        "decisions/proposal_reject.html",
        _("‘%(proposal)s’ is recorded as rejected; its changes stay unapplied."),
    )


@require_POST
def pending_withdraw(request: HttpRequest, slug: str, pk: int, change: int) -> HttpResponse:
    programme = programme_for(request, slug, "decisions.view_decisions")
    proposal = selectors.proposal_get(programme, pk)
    pending = get_object_or_404(PendingChange, proposal=proposal, pk=change)
    mine = pending.created_by_id is not None and pending.created_by_id == request.user.pk
    if not (request.user.has_perm("decisions.change_decisions", programme) or mine):
        raise PermissionDenied
    try:
        proposals.pending_withdraw(pending=pending, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The change is taken out of the proposal."))
    return redirect(proposal.get_absolute_url())


@require_POST
def pending_statement(request: HttpRequest, slug: str, pk: int, change: int) -> HttpResponse:
    """Take the suggested statement into a proposed target change of a goal."""
    programme = programme_for(request, slug, "decisions.change_decisions")
    proposal = selectors.proposal_get(programme, pk)
    pending = get_object_or_404(PendingChange, proposal=proposal, pk=change)
    try:
        proposals.pending_statement_update(
            pending=pending, actor=request.user, statement=request.POST.get("statement", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The goal's statement is updated in the proposal."))
    return redirect(proposal.get_absolute_url() + f"#pending-{pending.pk}")


PROPOSAL = Editable(
    key="decisions.proposal",
    model=ChangeProposal,
    form=ProposalForm,
    permission="decisions.change_decisions",
    form_kwargs=lambda edit: {"instance": edit.instance},
    get=lambda edit, pk: selectors.proposal_get(edit.programme, pk),
    create=lambda edit, values: proposals.proposal_create(
        actor=edit.user, programme=edit.programme, **values
    ),
    update=lambda edit, values, version: proposals.proposal_update(
        proposal=edit.instance, actor=edit.user, expected_version=version, **values
    ),
    delete=lambda edit, version: proposals.proposal_delete(
        proposal=edit.instance, actor=edit.user, expected_version=version
    ),
    after=lambda edit, saved: saved.get_absolute_url(),
    after_delete=lambda edit: _register_url(edit.programme),
    crumbs=lambda edit: _crumbs(edit.programme, edit.instance),
    label=str,
    new_title=gettext_lazy("New change proposal"),
    edit_title=gettext_lazy("Edit change proposal"),
    delete_title=gettext_lazy("Delete change proposal?"),
    created=gettext_lazy("Change proposal ‘%(name)s’ created."),
    saved=gettext_lazy("Change proposal ‘%(name)s’ saved."),
    deleted=gettext_lazy("Change proposal ‘%(name)s’ deleted."),
    consequences=lambda edit: (
        _("Its %(count)s proposed change(s) are deleted with it; none of them is in force.")
        % {"count": edit.instance.pending.count()}
    ),
)
proposal_edit, proposal_delete = edit_view(PROPOSAL), delete_view(PROPOSAL)
