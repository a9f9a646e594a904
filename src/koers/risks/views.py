"""The risk register's pages: the register with its heat map, one risk, adding, changing and
deleting a risk. Thin views: permission, selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import Editable, delete_view, edit_view, programme_for

from . import selectors, services
from .constants import SCALE, RiskStatus
from .forms import RegisterFilterForm, RiskForm
from .models import Risk


def _register_url(programme) -> str:
    return reverse("risks:register", args=[programme.slug])


def _crumbs(programme, risk=None) -> list[tuple[str, str]]:
    crumbs = [(_register_url(programme), _("Risks"))]
    if risk is not None:
        crumbs.append((risk.get_absolute_url(), risk.title))
    return crumbs


def register(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "risks.view_risks")
    filter_form = RegisterFilterForm(request.GET or None)
    reg = selectors.risk_register(programme, **filter_form.filters())
    return render(
        request,
        "risks/register.html",
        {
            "programme": programme,
            "register": reg,
            "filter_form": filter_form,
            "impacts": SCALE,
            "can_change": request.user.has_perm("risks.change_risks", programme),
        },
    )


def risk_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request, slug, "risks.view_risks")
    risk = selectors.risk_get(programme, pk)
    return render(
        request,
        "risks/risk_detail.html",
        {
            "programme": programme,
            "risk": risk,
            "crumbs": _crumbs(programme),
            "can_change": request.user.has_perm("risks.change_risks", programme),
        },
    )


def _initial(edit) -> dict | None:
    """A new risk opened from a goal's or an effort's page starts linked to it."""
    presets = selectors.risk_presets(
        edit.programme,
        goal_code=edit.request.GET.get("doel", ""),
        effort_id=edit.request.GET.get("inspanning", ""),
    )
    return {"status": RiskStatus.OPEN, **presets} if presets else None


def _after(edit, saved=None) -> str:
    return (saved or edit.instance).get_absolute_url()


RISK = Editable(
    key="risks.risk",
    model=Risk,
    form=RiskForm,
    permission="risks.change_risks",
    get=lambda edit, pk: selectors.risk_get(edit.programme, pk),
    initial=_initial,
    create=lambda edit, values: services.risk_create(
        actor=edit.user, programme=edit.programme, **values
    ),
    update=lambda edit, values, version: services.risk_update(
        risk=edit.instance, actor=edit.user, expected_version=version, **values
    ),
    delete=lambda edit, version: services.risk_delete(
        risk=edit.instance, actor=edit.user, expected_version=version
    ),
    after=_after,
    after_delete=lambda edit: _register_url(edit.programme),
    back=lambda edit: _after(edit) if edit.instance else _register_url(edit.programme),
    crumbs=lambda edit: _crumbs(edit.programme, edit.instance),
    context=lambda edit: {"risk": edit.instance},
    label=lambda risk: risk.title,
    new_title=gettext_lazy("New risk"),
    edit_title=lambda edit: _("Edit the risk “%(title)s”") % {"title": edit.instance.title},
    delete_title=lambda edit: _("Delete the risk “%(title)s”?") % {"title": edit.instance.title},
    consequences=gettext_lazy(
        "The risk disappears from the register and the heat map. The deletion is recorded in "
        "the history."
    ),
    created=gettext_lazy("Risk “%(name)s” added."),
    saved=gettext_lazy("Risk “%(name)s” saved."),
    deleted=gettext_lazy("Risk “%(name)s” deleted."),
    template="risks/risk_form.html",
    delete_template="risks/risk_delete.html",
)
risk_edit, risk_delete = edit_view(RISK), delete_view(RISK)
