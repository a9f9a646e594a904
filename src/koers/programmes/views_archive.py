"""Archive and restore an effort or operational goal (see :mod:`.deletion`): thin views over
:mod:`.services.archive`. In an adopted programme both are scope changes: the form asks for a
decision already taken or a change proposal, as the delete page does."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.ui import posted_version, programme_for, safe_next

from . import services
from .change_control import decisions_for, is_controlled, proposals_for, propose
from .editing import label, proposed_message, stale_check
from .models import Effort, OperationalGoal
from .proposing import operation_name

ARCHIVABLE = {"inspanning": Effort, "doel": OperationalGoal}


def _decision(request: HttpRequest, programme):
    pk = request.POST.get("decision", "")
    return decisions_for(programme).filter(pk=int(pk)).first() if pk.isdigit() else None


@require_http_methods(["GET", "POST"])
def element_archive(
    request: HttpRequest, slug: str, kind: str, pk: int, restore: bool = False
) -> HttpResponse:
    """GET: the page that asks before archiving (or restoring); POST: do it with the version
    the user saw (409 when it changed meanwhile, 400 when refused)."""
    model = ARCHIVABLE.get(kind)
    if model is None:
        raise Http404(kind)
    programme = programme_for(request, slug, "programmes.change_programme")
    instance = get_object_or_404(model, programme=programme, pk=pk)
    controlled = is_controlled(programme)
    error, status = None, 200
    if request.method == "POST":
        version = posted_version(request, required=True)
        choice = request.POST.get("proposal", "") if controlled else ""
        reason = request.POST.get("reason", "")
        try:
            if choice:
                if request.POST.get("decision"):
                    raise ValidationError(_("Choose a decision or a change proposal, not both."))
                if not request.user.has_perm("decisions.propose_changes", programme):
                    raise PermissionDenied
                stale_check(instance, version)
                values = (
                    {"archived_at": None, "archived_by": None}
                    if restore
                    else {
                        "archived_at": timezone.localdate(),
                        # the user itself, not the request's lazy wrapper (stored as JSON)
                        "archived_by": get_user_model()._default_manager.get(pk=request.user.pk),
                    }
                )
                pending = propose(
                    programme=programme,
                    choice=choice,
                    actor=request.user,
                    operation=operation_name(kind, "update"),
                    target=instance,
                    values=values,
                    reason=reason,
                )
                messages.success(request, proposed_message(pending))
                return redirect(pending.get_absolute_url())
            write = services.element_restore if restore else services.element_archive
            write(
                instance,
                actor=request.user,
                expected_version=version,
                decision=_decision(request, programme) if controlled else None,
                reason=reason or None,
            )
        except services.ConflictError as exc:
            error, status = str(exc), 409
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            text = _("%(item)s restored.") if restore else _("%(item)s archived.")
            messages.success(request, text % {"item": label(instance)})
            if restore:
                return redirect(safe_next(request) or instance.get_absolute_url())
            return redirect(safe_next(request) or programme.get_absolute_url() + "#gearchiveerd")
    verbose = model._meta.verbose_name
    title = (_("Restore %(verbose_name)s?") if restore else _("Archive %(verbose_name)s?")) % {
        "verbose_name": verbose
    }
    return render(
        request,
        "programmes/element_archive.html",
        {
            "programme": programme,
            "instance": instance,
            "title": title,
            "restore": restore,
            "error": error,
            "back_url": safe_next(request) or instance.get_absolute_url(),
            "decisions": decisions_for(programme) if controlled else None,
            "proposals": proposals_for(programme) if controlled else None,
            "chosen_decision": request.POST.get("decision", ""),
            "chosen_proposal": request.POST.get("proposal", ""),
            "posted_reason": request.POST.get("reason", ""),
        },
        status=status,
    )


def element_restore(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    return element_archive(request, slug, kind, pk, restore=True)
