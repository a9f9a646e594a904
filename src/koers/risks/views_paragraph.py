"""An effort's risk paragraph: writing and changing it. Programme staff and the effort's owner
may write it (``programmes.change_effort``); everyone who reads the programme sees it on the
effort's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes.models import Person
from koers.ui import apply_errors, saved_differences

from . import selectors, services
from .forms import PARAGRAPH_FIELDS, RiskParagraphForm
from .views import _programme


def _new_initial(request: HttpRequest) -> dict:
    """A new paragraph is drawn up today, by the person of the user writing it (if known)."""
    author = Person.objects.filter(user=request.user).values_list("pk", flat=True).first()
    return {"drawn_up_on": timezone.localdate(), "drawn_up_by": author}


def paragraph_edit(request: HttpRequest, slug: str, effort_pk: int) -> HttpResponse:
    programme = _programme(request, slug, "programmes.view_programme")
    effort = selectors.paragraph_effort_get(programme, effort_pk)
    if not request.user.has_perm("programmes.change_effort", effort):
        raise PermissionDenied
    paragraph = getattr(effort, "risk_paragraph", None)
    bound = request.method == "POST"
    kwargs = {} if paragraph is not None or bound else {"initial": _new_initial(request)}
    form = RiskParagraphForm(request.POST if bound else None, instance=paragraph, **kwargs)
    differences = None
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                if paragraph is None:
                    services.risk_paragraph_create(
                        actor=request.user,
                        programme=programme,
                        effort=effort,
                        **form.service_fields(),
                    )
                else:
                    # A form without a version was opened before anyone wrote the paragraph:
                    # version 0 never matches, so that becomes a conflict, not an overwrite.
                    services.risk_paragraph_update(
                        paragraph=paragraph,
                        actor=request.user,
                        expected_version=form.cleaned_data.get("version") or 0,
                        **form.service_fields(),
                    )
                messages.success(request, _("Risk paragraph saved."))
                return redirect(effort.get_absolute_url() + "#risicoparagraaf")
            except services.ConflictError as exc:
                status = 409
                form.add_error(None, str(exc))
                current = selectors.risk_paragraph_of(effort)
                if current is not None:
                    differences = saved_differences(current, form, PARAGRAPH_FIELDS)
            except ValidationError as exc:
                apply_errors(form, exc)
    return render(
        request,
        "risks/paragraph_form.html",
        {
            "programme": programme,
            "effort": effort,
            "paragraph": paragraph,
            "form": form,
            "differences": differences,
            "crumbs": [(effort.get_absolute_url(), effort.name)],
        },
        status=status,
    )
