"""Import of measurement files in the UI (upload → preview → confirm), the delivery template
and the CSV download of a programme's measurements.

Thin views: the checking and writing is done by :mod:`koers.monitoring.importing`. The preview
is computed from the stored file each time it is shown, with the programmes the user may change
*now*; confirming checks the file again against the database as it is at that moment.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.programmes.models import Programme
from koers.programmes.presentation import format_number
from koers.programmes.rules import is_functional_admin
from koers.ui import programme_for

from . import importing
from .constants import ImportState
from .forms_import import ImportUploadForm
from .models import ImportBatch

TEMPLATES = {
    "csv": ("text/csv; charset=utf-8", importing.template_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        importing.template_xlsx,
    ),
}
TEMPLATE_FILE_NAME = "koers-metingen-sjabloon"


def _require(request: HttpRequest, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def allowed_programme_ids(user) -> set[int] | None:
    """The programmes whose measurements ``user`` may change; None for every programme."""
    if is_functional_admin(user):
        return None
    return {
        programme.pk
        for programme in Programme.objects.only("pk")
        if user.has_perm("monitoring.change_measurements", programme)
    }


def _crumbs() -> list[tuple[str, str]]:
    return [(reverse("monitoring:import"), _("Import measurements"))]


def import_upload(request: HttpRequest) -> HttpResponse:
    _require(request, "monitoring.import_measurements")
    posted = request.method == "POST"
    form = ImportUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            batch = importing.batch_create(
                upload=form.cleaned_data["file"],
                actor=request.user,
                only_valid=form.cleaned_data["only_valid"],
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            try:
                importing.batch_preview_store(
                    batch=batch, allowed_programme_ids=allowed_programme_ids(request.user)
                )
            except (FileNotFoundError, ValidationError):
                pass  # the preview page says what is wrong
            return redirect("monitoring:import_preview", pk=batch.pk)
    return render(
        request,
        "monitoring/import_upload.html",
        {"form": form, "retention_hours": importing.retention_hours()},
        status=400 if posted else 200,
    )


def _batch_for(request: HttpRequest, pk: int) -> ImportBatch:
    """The batch, if this user uploaded it or is a functional administrator (else 404: someone
    else's upload is not even said to exist)."""
    batch = get_object_or_404(ImportBatch.objects.select_related("uploaded_by"), pk=pk)
    if not (is_functional_admin(request.user) or batch.uploaded_by_id == request.user.pk):
        raise Http404
    return batch


def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for(request, pk)
    if request.method == "POST":
        return _act(request, batch)
    context = {
        "batch": batch,
        "crumbs": _crumbs(),
        "upload_url": reverse("monitoring:import"),
        "is_preview": batch.state == ImportState.PREVIEW,
        "is_imported": batch.state == ImportState.IMPORTED,
    }
    if batch.state == ImportState.PREVIEW:
        try:
            check = importing.batch_check(
                batch=batch, allowed_programme_ids=allowed_programme_ids(request.user)
            )
        except FileNotFoundError:
            messages.error(request, _("The uploaded file is no longer there. Upload it again."))
            return redirect("monitoring:import")
        except ValidationError:  # confirmed or cancelled in another tab a moment ago
            return redirect("monitoring:import_preview", pk=batch.pk)
        context.update(_preview_context(check))
    elif batch.state == ImportState.IMPORTED:
        context["programmes"] = [
            (p.name, reverse("monitoring:dashboard", args=[p.slug]))
            for p in Programme.objects.filter(
                operational_goals__indicator__measurements__import_batch=batch
            )
            .distinct()
            .order_by("name")
        ]
    return render(request, "monitoring/import_preview.html", context)


def _act(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    """Confirm or cancel; afterwards always back to the (GET) page of the batch."""
    action = request.POST.get("action")
    if action not in ("confirm", "cancel"):
        return HttpResponse(_("Unknown action."), status=400)
    here = redirect("monitoring:import_preview", pk=batch.pk)
    if batch.state != ImportState.PREVIEW:
        messages.error(request, _done_message(batch))
        return here
    try:
        if action == "cancel":
            importing.batch_cancel(batch=batch, actor=request.user)
        else:
            check = importing.batch_confirm(
                batch=batch,
                actor=request.user,
                allowed_programme_ids=allowed_programme_ids(request.user),
            )
    except FileNotFoundError:
        messages.error(request, _("The uploaded file is no longer there. Upload it again."))
        return redirect("monitoring:import")
    except importing.ImportRefused as exc:
        messages.error(
            request,
            ngettext(
                "Nothing was imported: the file has %(count)s problem.",
                "Nothing was imported: the file has %(count)s problems.",
                exc.check.problems_total,
            )
            % {"count": format_number(exc.check.problems_total)},
        )
        return here
    except ValidationError as exc:
        # Typically a second confirm (double click, another tab) that lost the race.
        batch.refresh_from_db()
        if batch.state != ImportState.PREVIEW:
            messages.error(request, _done_message(batch))
        else:
            messages.error(request, " ".join(exc.messages))
        return here
    if action == "confirm":  # (a cancelled batch's page says so itself)
        messages.success(
            request,
            _("Imported: %(added)s added, %(changed)s changed, %(unchanged)s unchanged.")
            % {
                "added": format_number(check.added),
                "changed": format_number(check.changed),
                "unchanged": format_number(check.unchanged),
            },
        )
    return here


def _done_message(batch: ImportBatch) -> str:
    if batch.state == ImportState.IMPORTED:
        return _("This file has already been imported; nothing was imported a second time.")
    return _("This import was cancelled; nothing was imported. Upload the file again to import it.")


def _preview_context(check) -> dict:
    names = dict(check.programmes)

    def rows(samples, *, changed: bool) -> list[dict]:
        ordered = sorted(
            samples, key=lambda s: (names.get(s.programme_slug, ""), s.goal_code, s.row)
        )
        return [
            {
                "row": s.row,
                "programme": names.get(s.programme_slug, s.programme_slug),
                "goal_code": s.goal_code,
                "indicator": s.indicator_name,
                "unit": s.unit,
                "period": s.period_label,
                "old": format_number(s.old_value, s.decimals) if changed else "",
                "new": format_number(s.new_value, s.decimals),
                "source": s.source,
            }
            for s in ordered
        ]

    return {
        "check": check,
        "rows_with_problems": check.rows_total - check.rows_valid,
        "problems_more": check.problems_total - len(check.problems),
        "added_rows": rows(check.added_samples, changed=False),
        "added_more": check.added - len(check.added_samples),
        "changed_rows": rows(check.changed_samples, changed=True),
        "changed_more": check.changed - len(check.changed_samples),
    }


def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The delivery template, for any logged-in user."""
    if fmt not in TEMPLATES:
        raise Http404(fmt)
    content_type, build = TEMPLATES[fmt]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILE_NAME}.{fmt}"'
    return response


def measurements_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """Every measurement of the programme in the delivery format (re-importable), streamed."""
    programme = programme_for(request, slug, "programmes.view_programme")
    response = StreamingHttpResponse(
        importing.measurements_csv(programme), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-metingen.csv"'
    return response
