"""Moving money between efforts: form → preview (amounts before and after, the goals that lose
and gain support) → confirm. Nothing is stored between the steps: the preview carries the form's
values as hidden fields, with the from-line's version, and confirming checks everything again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.programmes.change_control import propose
from koers.programmes.editing import proposed_message
from koers.ui import apply_errors, programme_for, versioned_submit

from .forms import TransferForm
from .money import format_euro
from .transfers import budget_transfer_create, transfer_preview

RENAME = {"to_line": "to_effort"}


def _rename(key: str) -> str:
    return RENAME.get(key, key)


def transfer(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "finance.change_budget")
    posted = request.method == "POST"
    initial = {k: v for k, v in request.GET.items() if k in ("from_line", "to_effort")}
    form = TransferForm(request.POST if posted else None, programme=programme, initial=initial)
    context = {
        "programme": programme,
        "form": form,
        "crumbs": [(reverse("finance:budget", args=[programme.slug]), _("Budget"))],
    }
    action = request.POST.get("action", "preview")
    if posted and action == "edit":  # back from the preview: the values again, no messages
        context["form"] = TransferForm(programme=programme, initial=request.POST.dict())
    if not posted or action == "edit":
        return render(request, "finance/transfer_form.html", context)
    if not form.is_valid():
        return render(request, "finance/transfer_form.html", context, status=400)
    values = {
        name: form.cleaned_data[name]
        for name in ("from_line", "to_effort", "amount", "reason", "decision")
    }
    choice = form.cleaned_data.get("proposal") or ""
    if action == "confirm" and choice:
        return _propose(request, programme, form, values, choice, context)
    if action == "confirm":
        done = versioned_submit(
            form,
            lambda version: budget_transfer_create(
                actor=request.user, expected_version=version, **values
            ),
            rename=_rename,
            version_field="from_version",
            compare=False,
        )
        if not done.ok:
            return render(request, "finance/transfer_form.html", context, status=done.status)
        messages.success(
            request,
            _("%(amount)s moved from %(from)s to %(to)s.")
            % {
                "amount": format_euro(values["amount"]),
                "from": values["from_line"],
                "to": values["to_effort"].name,
            },
        )
        return redirect(reverse("finance:budget", args=[programme.slug]) + "#verschuivingen")
    try:
        plan = transfer_preview(programme, **values)
    except ValidationError as exc:
        apply_errors(form, exc, rename=_rename)
        return render(request, "finance/transfer_form.html", context, status=400)
    context.update({"plan": plan, "from_version": plan.from_line.version})
    return render(request, "finance/transfer_preview.html", context)


def _propose(request, programme, form, values, choice, context) -> HttpResponse:
    """Put the move in a change proposal instead of booking it."""
    if values.pop("decision", None) is not None:
        form.add_error("proposal", _("Choose a decision or a change proposal, not both."))
        return render(request, "finance/transfer_form.html", context, status=400)
    done = versioned_submit(
        form,
        lambda version: propose(
            programme=programme,
            choice=choice,
            actor=request.user,
            operation="finance.transfer:create",
            target=None,
            values=values,
            reason=values["reason"],
        ),
        rename=_rename,
        version_field="from_version",
        compare=False,
    )
    if not done.ok:
        return render(request, "finance/transfer_form.html", context, status=done.status)
    messages.success(request, proposed_message(done.result))
    return redirect(done.result.get_absolute_url())
