"""The budget pages: the programme's budget table with allocated versus available, and adding,
changing and deleting sources, available amounts and budget lines. Thin views: permission,
selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Edit, Editable, delete_view, edit_view, programme_for

from . import selectors, services, spending, spending_selectors
from .forms import AvailabilityForm, BudgetLineForm, SourceForm, SpendingForm
from .models import BudgetLine, FundingSource, SourceAvailability, Spending
from .transfers import programme_transfers


def budget(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "finance.view_budget")
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


# --- adding, changing and deleting the elements of the budget -------------------------------------


def _budget_url(edit: Edit) -> str:
    return reverse("finance:budget", args=[edit.programme.slug])


def _spending_url(edit: Edit) -> str:
    return reverse("finance:spending", args=[edit.programme.slug])


def _with_history(text):
    return lambda edit: f"{text} {_('The deletion is recorded in the history.')}"


def _budget_element(key: str, model, form, back=_budget_url, crumbs=None, **hooks) -> Editable:
    """One kind of budget element: guarded by ``finance.change_budget`` on its programme, back
    to the budget (or the spending) page afterwards."""
    return Editable(
        key=f"finance.{key}",
        model=model,
        form=form,
        permission="finance.change_budget",
        initial=lambda edit: {k: v for k, v in edit.request.GET.items() if k in form.field_names},
        after=lambda edit, saved: back(edit),
        after_delete=back,
        back=back,
        crumbs=crumbs or (lambda edit: [(_budget_url(edit), _("Budget"))]),
        delete_url=lambda edit: reverse(
            f"finance:{key}_delete", args=[edit.programme.slug, edit.instance.pk]
        ),
        note=gettext_lazy("The previous values stay in the history of the programme."),
        **hooks,
    )


SOURCE = _budget_element(
    "source",
    FundingSource,
    SourceForm,
    get=lambda edit, pk: selectors.source_get(edit.programme, pk),
    create=lambda edit, v: services.source_create(actor=edit.user, programme=edit.programme, **v),
    update=lambda edit, v, ver: services.source_update(
        source=edit.instance, actor=edit.user, expected_version=ver, **v
    ),
    delete=lambda edit, ver: services.source_delete(
        source=edit.instance, actor=edit.user, expected_version=ver
    ),
    new_title=gettext_lazy("New funding source"),
    edit_title=gettext_lazy("Change funding source"),
    delete_title=gettext_lazy("Delete funding source"),
    created=gettext_lazy("Funding source ‘%(name)s’ saved."),
    saved=gettext_lazy("Funding source ‘%(name)s’ saved."),
    deleted=gettext_lazy("Funding source ‘%(name)s’ deleted."),
    consequences=_with_history(
        gettext_lazy(
            "The amounts this source makes available are deleted with it. A source that budget "
            "lines still use cannot be deleted."
        )
    ),
)

AVAILABILITY = _budget_element(
    "availability",
    SourceAvailability,
    AvailabilityForm,
    get=lambda edit, pk: selectors.availability_get(edit.programme, pk),
    create=lambda edit, v: services.availability_create(actor=edit.user, **v),
    update=lambda edit, v, ver: services.availability_update(
        availability=edit.instance, actor=edit.user, expected_version=ver, **v
    ),
    delete=lambda edit, ver: services.availability_delete(
        availability=edit.instance, actor=edit.user, expected_version=ver
    ),
    new_title=gettext_lazy("New available amount"),
    edit_title=gettext_lazy("Change available amount"),
    delete_title=gettext_lazy("Delete available amount"),
    created=gettext_lazy("Available amount of %(name)s saved."),
    saved=gettext_lazy("Available amount of %(name)s saved."),
    deleted=gettext_lazy("Available amount of %(name)s deleted."),
    consequences=_with_history(
        gettext_lazy("The totals of the budget are computed again without it.")
    ),
)

LINE = _budget_element(
    "line",
    BudgetLine,
    BudgetLineForm,
    get=lambda edit, pk: selectors.budget_line_get(edit.programme, pk),
    create=lambda edit, v: services.budget_line_create(
        actor=edit.user, programme=edit.programme, **v
    ),
    update=lambda edit, v, ver: services.budget_line_update(
        line=edit.instance, actor=edit.user, expected_version=ver, **v
    ),
    delete=lambda edit, ver: services.budget_line_delete(
        line=edit.instance, actor=edit.user, expected_version=ver
    ),
    new_title=gettext_lazy("New budget line"),
    edit_title=gettext_lazy("Change budget line"),
    delete_title=gettext_lazy("Delete budget line"),
    created=gettext_lazy("Budget line ‘%(name)s’ saved."),
    saved=gettext_lazy("Budget line ‘%(name)s’ saved."),
    deleted=gettext_lazy("Budget line ‘%(name)s’ deleted."),
    consequences=_with_history(
        gettext_lazy("The totals of the budget are computed again without it.")
    ),
)

SPENDING = _budget_element(
    "spending",
    Spending,
    SpendingForm,
    back=_spending_url,
    crumbs=lambda edit: [(_budget_url(edit), _("Budget")), (_spending_url(edit), _("Spending"))],
    get=lambda edit, pk: spending_selectors.spending_get(edit.programme, pk),
    create=lambda edit, v: spending.spending_create(
        actor=edit.user, submission_key=edit.form.cleaned_data.get("submission") or "", **v
    ),
    update=lambda edit, v, ver: spending.spending_update(
        spending=edit.instance, actor=edit.user, expected_version=ver, **v
    ),
    delete=lambda edit, ver: spending.spending_delete(
        spending=edit.instance, actor=edit.user, expected_version=ver
    ),
    new_title=gettext_lazy("New commitment or expenditure"),
    edit_title=gettext_lazy("Change commitment or expenditure"),
    delete_title=gettext_lazy("Delete commitment or expenditure"),
    created=gettext_lazy("%(name)s saved."),
    saved=gettext_lazy("%(name)s saved."),
    deleted=gettext_lazy("%(name)s deleted."),
    consequences=_with_history(
        gettext_lazy("The exhaustion of the budget line is computed again without it.")
    ),
)

EDITABLES = {"source": SOURCE, "availability": AVAILABILITY, "line": LINE, "spending": SPENDING}
VIEWS = {kind: (edit_view(spec), delete_view(spec)) for kind, spec in EDITABLES.items()}
