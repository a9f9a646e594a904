"""The partners pages: per partner its interests and what it committed and delivered, per
effort who contributes what; adding, changing and deleting a contribution; a partner's
interests. Thin views: permission, selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Edit, Editable, delete_view, edit_view, programme_for

from . import selectors, services
from .forms import ContributionForm, InterestForm
from .models import Contribution, PartnerInterest

CHANGE = "partners.change_contributions"


def _overview_url(programme, anchor: str = "") -> str:
    url = reverse("partners:overview", args=[programme.slug])
    return f"{url}#{anchor}" if anchor else url


def _crumbs(edit: Edit) -> list[tuple[str, str]]:
    return [(_overview_url(edit.programme), _("Partners"))]


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "partners.view_contributions")
    return render(
        request,
        "partners/overview.html",
        {
            "programme": programme,
            "overview": selectors.partners_overview(programme),
            "can_change": request.user.has_perm(CHANGE, programme),
        },
    )


def _presets(edit: Edit) -> dict:
    """Opened from an effort's or a partner's row: the effort, partner and kind filled in."""
    keys = {"inspanning": "effort", "partner": "partner", "jaar": "year", "soort": "kind"}
    return {keys[k]: v for k, v in edit.request.GET.items() if k in keys and v}


CONTRIBUTION = Editable(
    key="partners.contribution",
    model=Contribution,
    form=ContributionForm,
    permission=CHANGE,
    get=lambda edit, pk: selectors.contribution_get(edit.programme, pk),
    initial=_presets,
    create=lambda edit, values: services.contribution_create(actor=edit.user, **values),
    update=lambda edit, values, version: services.contribution_update(
        contribution=edit.instance, actor=edit.user, expected_version=version, **values
    ),
    delete=lambda edit, version: services.contribution_delete(
        contribution=edit.instance, actor=edit.user, expected_version=version
    ),
    after=lambda edit, saved: _overview_url(edit.programme, f"partner-{saved.partner_id}"),
    after_delete=lambda edit: _overview_url(edit.programme),
    back=lambda edit: _overview_url(edit.programme),
    crumbs=_crumbs,
    delete_url=lambda edit: reverse(
        "partners:contribution_delete", args=[edit.programme.slug, edit.instance.pk]
    ),
    new_title=gettext_lazy("New contribution of a partner"),
    edit_title=gettext_lazy("Change contribution"),
    delete_title=gettext_lazy("Delete contribution"),
    created=gettext_lazy("Contribution saved: %(name)s."),
    saved=gettext_lazy("Contribution saved: %(name)s."),
    deleted=gettext_lazy("Contribution deleted: %(name)s."),
    note=gettext_lazy("The previous values stay in the history of the programme."),
    consequences=lambda edit: " ".join(
        [
            _(
                "The partner's totals are computed again without it; the partner stays linked "
                "to the effort."
            ),
            _("The deletion is recorded in the history."),
        ]
    ),
)
contribution_edit = edit_view(CONTRIBUTION)
contribution_delete = delete_view(CONTRIBUTION)


def _interest_save(edit: Edit, values: dict, version: int | None = None):
    return services.interest_save(
        actor=edit.user,
        programme=edit.programme,
        partner=edit.parent,
        interests=values["interests"],
        expected_version=version,
    )


def _interest_scope(edit: Edit) -> None:
    edit.parent = selectors.partner_get(edit.programme, edit.kwargs["partner"])


INTEREST = Editable(
    key="partners.interest",
    empty_version_is_new=True,
    model=PartnerInterest,
    form=InterestForm,
    permission=CHANGE,
    scope=_interest_scope,
    pk_kwarg="partner",
    # One record per partner and programme: "new" until the first save.
    get=lambda edit, _pk: selectors.interest_get(edit.programme, edit.parent),
    create=lambda edit, values: _interest_save(edit, values),
    update=_interest_save,
    after=lambda edit, saved: _overview_url(edit.programme, f"partner-{edit.parent.pk}"),
    back=lambda edit: _overview_url(edit.programme, f"partner-{edit.parent.pk}"),
    crumbs=_crumbs,
    context=lambda edit: {"hide_instance": True},
    new_title=lambda edit: _("Interests of %(name)s") % {"name": edit.parent},
    edit_title=lambda edit: _("Interests of %(name)s") % {"name": edit.parent},
    created=lambda edit, saved: _("Interests of %(name)s saved.") % {"name": edit.parent},
    saved=lambda edit, saved: _("Interests of %(name)s saved.") % {"name": edit.parent},
)
interest_edit = edit_view(INTEREST)
