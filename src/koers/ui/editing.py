"""The one edit and delete mechanism: an :class:`Editable` describes one kind of object, and
:func:`edit_view` / :func:`delete_view` build its pages from that description.

The policy is the same everywhere:

- GET shows the form (200); an invalid form is shown again with its errors (400);
- a stale version (someone else saved or deleted first) is refused with 409: the form keeps the
  user's input and shows what the other person saved (:func:`~koers.ui.saved_differences`);
- a refused action (data that still depends on it, a rule of the domain, any
  ``ValidationError`` or ``ProtectedError``) is refused with 400 and the reason;
- after a save or a delete the user goes to a safe ``next`` or to where the description says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .differences import saved_differences
from .requests import programme_for, safe_next
from .widgets import apply_errors

Text = str | Callable[["Edit"], str]  # a title: a text or a function of the request
Message = str | Callable[["Edit", Any], str]  # a message: a function of the request and object


def _conflict_error():
    from koers.programmes.services import ConflictError

    return ConflictError


@dataclass
class Edit:
    """One request on an edit or delete page: what the hooks of an :class:`Editable` receive.

    ``programme`` is the programme of the URL's ``slug`` (None without one), ``parent`` whatever
    ``Editable.scope`` looked up (a goal, a meeting, an initiative), ``instance`` the object
    (None on a "new" page) and ``form`` the bound or unbound form once it exists."""

    request: HttpRequest
    spec: Editable
    kwargs: dict[str, Any]
    programme: Any = None
    parent: Any = None
    instance: Any = None
    form: forms.BaseForm | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def user(self):
        return self.request.user

    def require(self, perm: str, obj=None) -> None:
        """Refuse (403) unless the user has ``perm`` on ``obj``."""
        if not self.user.has_perm(perm, obj):
            raise PermissionDenied


def _default_values(form: forms.BaseForm) -> dict:
    if hasattr(form, "values"):
        return form.values()
    if hasattr(form, "service_fields"):
        return form.service_fields()
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _default_form_kwargs(edit: Edit) -> dict:
    return {"instance": edit.instance, "programme": edit.programme}


@dataclass(frozen=True)
class Editable:
    """What the edit and delete pages need to know about one kind of object.

    Every hook takes the :class:`Edit` of the request. Only ``key``, ``model``, ``form``, ``get``
    and the writes are required; the rest has defaults that fit a page of one programme."""

    key: str  # unique name, e.g. "finance.source"; the conflict test walks these
    model: type[models.Model]
    form: type[forms.BaseForm] | None = None
    # (edit, pk) -> the object, 404 when it is not in scope (another programme's)
    get: Callable[[Edit, Any], models.Model] | None = None
    # (edit, values) -> the new object
    create: Callable[[Edit, dict], models.Model] | None = None
    # (edit, values, expected_version) -> the saved object (edit.instance is the old one)
    update: Callable[[Edit, dict, int | None], models.Model] | None = None
    # (edit, expected_version) -> None
    delete: Callable[[Edit, int | None], Any] | None = None
    # Checked on the programme of the URL; or ``check`` decides (raise PermissionDenied).
    permission: str | None = None
    check: Callable[[Edit, str], None] | None = None  # (edit, "add" | "change" | "delete")
    scope: Callable[[Edit], None] | None = None  # look up edit.parent from edit.kwargs
    pk_kwarg: str = "pk"
    form_class: Callable[[Edit], type[forms.BaseForm]] | None = None  # instead of ``form``
    form_kwargs: Callable[[Edit], dict] = _default_form_kwargs
    initial: Callable[[Edit], dict] | None = None  # presets of a new object (GET)
    prepare: Callable[[Edit], None] | None = None  # adjust edit.form before validating
    values: Callable[[forms.BaseForm], dict] = _default_values
    rename: Callable[[str], str] | None = None  # a service's error key -> the form's field
    # Where to go: after saving (edit, saved), after deleting (edit), and "Cancel" (edit).
    after: Callable[[Edit, models.Model], str] | None = None
    after_delete: Callable[[Edit], str] | None = None
    back: Callable[[Edit], str] | None = None
    # Texts: titles, and messages with %(name)s (or %(item)s) for ``label(object)``.
    label: Callable[[Any], str] = str
    new_title: Text = ""
    edit_title: Text = ""
    delete_title: Text = ""
    created: Message = ""
    saved: Message = ""
    deleted: Message = ""
    # What a delete takes along: a sentence, or anything the delete template shows.
    consequences: Text | Callable[[Edit], Any] = ""
    note: Text = ""  # under the title of an edit page (e.g. that the history keeps the old values)
    crumbs: Callable[[Edit], list] | None = None
    context: Callable[[Edit], dict] | None = None
    delete_url: Callable[[Edit], str] | None = None
    # A page that edits the one object of its parent or makes it (a partner's interests): an
    # empty version means "there was none", which the service refuses (409) once one exists.
    empty_version_is_new: bool = False
    template: str = "koers/edit.html"
    delete_template: str = "koers/delete.html"

    def __post_init__(self) -> None:
        # Deny by default: a description without a right to check is a mistake, not a public page.
        if self.permission is None and self.check is None:
            raise ValueError(f"Editable {self.key!r} needs a permission or a check")

    # --- the steps the views share ---------------------------------------------------------------

    def begin(self, request: HttpRequest, kwargs: dict, action: str | None = None) -> Edit:
        """Look up the programme, the parent and the object of the URL and check the right."""
        edit = Edit(request=request, spec=self, kwargs=kwargs)
        if "slug" in kwargs:
            edit.programme = programme_for(request, kwargs["slug"], None)
        if self.scope is not None:
            self.scope(edit)
        pk = kwargs.get(self.pk_kwarg)
        if pk is not None:
            edit.instance = self.get(edit, pk)
        action = action or ("add" if edit.instance is None else "change")
        if self.check is not None:
            self.check(edit, action)
        else:
            edit.require(self.permission, edit.programme)
        return edit

    def text(self, value: Text | Message, edit: Edit, obj=None) -> str:
        """A title (``value(edit)``) or a message about ``obj`` (``value(edit, obj)``, or a
        text with ``%(name)s`` / ``%(item)s`` for ``label(obj)``)."""
        if callable(value):
            return value(edit, obj) if obj is not None else value(edit)
        text = str(value)
        if obj is not None and ("%(name)" in text or "%(item)" in text):
            name = self.label(obj)
            return text % {"name": name, "item": name}
        return text

    def back_url(self, edit: Edit) -> str:
        if self.back is not None:
            return self.back(edit)
        if edit.instance is not None and hasattr(edit.instance, "get_absolute_url"):
            return edit.instance.get_absolute_url()
        return edit.programme.get_absolute_url() if edit.programme is not None else "/"

    def base_context(self, edit: Edit) -> dict:
        return {
            "spec": self,
            "edit": edit,
            "programme": edit.programme,
            "parent": edit.parent,
            "instance": edit.instance,
            "crumbs": self.crumbs(edit) if self.crumbs else [],
            "back_url": safe_next(edit.request) or self.back_url(edit),
            "next": safe_next(edit.request) or "",
            **(self.context(edit) if self.context else {}),
        }


@dataclass
class Submitted:
    """The outcome of :func:`versioned_submit`: ``ok`` with the ``result`` of the write, or the
    status to answer with (400 invalid or refused, 409 stale) and the differences of a stale
    save."""

    ok: bool
    status: int
    result: Any = None
    differences: list | None = None
    error: str | None = None


def versioned_submit(
    form: forms.BaseForm,
    write: Callable[[int | None], Any],
    *,
    instance=None,
    rename: Callable[[str], str] | None = None,
    version_field: str = "version",
    compare: bool = True,
    require_version: bool | None = None,
) -> Submitted:
    """Validate ``form`` and call ``write(version)`` with the version the user saw: the one step
    of every edit page and every workflow action (review, convert, transfer, accept/decline).

    A stale version gives 409 with the reason above the form and, when ``instance`` is given,
    what the other person saved (the form then carries the current version); a refused write
    (``ValidationError``, ``ProtectedError``) gives 400 with the errors on the form's fields.
    ``version_field`` names the form's version field; ``compare=False`` leaves out the
    differences (when the form does not edit the object that went stale).

    A form that was drawn with a version (the object exists) must send it back: without it
    (a crafted request) the answer is 400 and nothing is written, never a save without the
    conflict check. ``require_version`` overrides that guess (True: always required)."""
    if not form.is_valid():
        return Submitted(False, 400)
    if _version_missing(form, version_field, require_version):
        message = str(missing_version_message())
        form.add_error(None, message)
        return Submitted(False, 400, error=message)
    try:
        result = write(form.cleaned_data.get(version_field))
    except _conflict_error() as exc:
        form.add_error(None, str(exc))
        differences = None
        stale = instance if instance is not None else getattr(exc, "instance", None)
        if compare and stale is not None and stale.pk is not None:
            differences = saved_differences(stale, form)
        return Submitted(False, 409, differences=differences, error=str(exc))
    except ProtectedError as exc:
        form.add_error(None, _protected_message(exc))
        return Submitted(False, 400, error=_protected_message(exc))
    except ValidationError as exc:
        apply_errors(form, exc, rename=rename)
        return Submitted(False, 400, error=" ".join(exc.messages))
    return Submitted(True, 200, result=result)


def missing_version_message() -> str:
    from django.utils.translation import gettext as _

    return _(
        "The version of what you edited is missing, so a change by someone else could be "
        "overwritten; nothing was saved. Open the page again and repeat your change."
    )


def _version_missing(form: forms.BaseForm, name: str, required: bool | None) -> bool:
    """Whether the form of an existing object came back without the version the user saw."""
    if name not in form.fields or form.cleaned_data.get(name) is not None:
        return False
    if required is not None:
        return required
    # The form was drawn with a version: it edits an object that exists.
    return form.get_initial_for_field(form.fields[name], name) not in (None, "")


def _protected_message(exc: ProtectedError) -> str:
    from django.utils.translation import gettext as _

    objects = ", ".join(str(o) for o in list(exc.protected_objects)[:5])
    return _("Still depends on it (delete or move these first): %(label)s") % {"label": objects}


def posted_version(request: HttpRequest, *, required: bool = False) -> int | None:
    """The version the user saw, as the form posted it; None when missing or not a number.
    ``required``: a POST without it (a crafted request) is refused with 400 (``BadRequest``)."""
    version = request.POST.get("version", "")
    if version.isascii() and version.isdigit() and len(version) <= 18:
        return int(version)
    if required:
        raise BadRequest(missing_version_message())
    return None


def delete_posted(
    request, delete, conflict_error=None, *, require_version: bool = True
) -> tuple[bool, str | None, int]:
    """Handle the POST of a delete form: call ``delete(expected_version)`` with the version the
    user saw. Returns (done, error message, HTTP status): a stale delete gives 409, a refused one
    (something still depends on it, a rule) 400, and nothing is deleted in either case. A POST
    without a version (a crafted request) is refused with 400 unless ``require_version`` is
    False (an object without a version)."""
    conflict_error = conflict_error or _conflict_error()
    if require_version and posted_version(request) is None:
        return False, str(missing_version_message()), 400
    try:
        delete(posted_version(request))
    except conflict_error as exc:
        return False, str(exc), 409
    except ProtectedError as exc:
        return False, _protected_message(exc), 400
    except ValidationError as exc:
        return False, " ".join(exc.messages), 400
    return True, None, 200


def edit_view(spec: Editable) -> Callable[..., HttpResponse]:
    """The create (no ``pk`` in the URL) and edit page of ``spec``."""

    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        edit = spec.begin(request, kwargs)
        bound = request.method == "POST"
        form_kwargs = spec.form_kwargs(edit)
        if edit.instance is None and not bound and spec.initial is not None:
            initial = spec.initial(edit)
            if initial:
                form_kwargs["initial"] = initial
        form_class = spec.form_class(edit) if spec.form_class else spec.form
        edit.form = form = form_class(request.POST if bound else None, **form_kwargs)
        if spec.prepare is not None:
            spec.prepare(edit)
        status, differences = 200, None
        if bound:
            creating = edit.instance is None

            def write(version):
                values = spec.values(form)
                if creating:
                    return spec.create(edit, values)
                return spec.update(edit, values, version)

            done = versioned_submit(
                form,
                write,
                instance=edit.instance,
                rename=spec.rename,
                require_version=False if spec.empty_version_is_new else None,
            )
            if done.ok:
                saved = done.result
                message = spec.text(spec.created if creating else spec.saved, edit, saved)
                if message:
                    messages.success(request, message)
                after = safe_next(request)
                if after is None:
                    after = spec.after(edit, saved) if spec.after else saved.get_absolute_url()
                return redirect(after)
            status, differences = done.status, done.differences
        title = spec.edit_title if edit.instance is not None else spec.new_title
        context = spec.base_context(edit)
        context.update(
            {
                "form": form,
                "title": spec.text(title, edit),
                "note": spec.text(spec.note, edit) if edit.instance is not None else "",
                "differences": differences,
                "delete_url": (
                    spec.delete_url(edit) if spec.delete_url and edit.instance is not None else ""
                ),
            }
        )
        return render(request, spec.template, context, status=status)

    view.editable = spec  # type: ignore[attr-defined]
    return view


def _delete(spec: Editable, edit: Edit, version: int | None) -> None:
    """Delete with the version the user saw. A stale version is refused before anything else,
    so the answer is 409 even when a rule would also refuse the delete (the user first sees
    the current state); the service checks the version again as it deletes."""
    current = getattr(edit.instance, "version", None)
    if version is not None and current is not None and version != current:
        raise _conflict_error()(edit.instance)
    spec.delete(edit, version)


def _plan(instance) -> list:
    from koers.programmes.deletion import delete_plan  # the one collector of every app

    return delete_plan(instance).consequences if instance is not None else []


def delete_view(spec: Editable) -> Callable[..., HttpResponse]:
    """The page that asks before deleting (GET) and deletes with the version the user saw
    (POST): 409 when it changed meanwhile, 400 when something refuses the delete."""

    def view(request: HttpRequest, **kwargs) -> HttpResponse:
        edit = spec.begin(request, kwargs, "delete")
        error, status = None, 200
        if request.method == "POST":
            after = safe_next(request) or (
                spec.after_delete(edit) if spec.after_delete else spec.back_url(edit)
            )
            message = spec.text(spec.deleted, edit, edit.instance)
            done, error, status = delete_posted(
                request,
                lambda v: _delete(spec, edit, v),
                require_version=getattr(edit.instance, "version", None) is not None,
            )
            if done:
                if message:
                    messages.success(request, message)
                return redirect(after)
        consequences = spec.consequences
        consequences = consequences(edit) if callable(consequences) else consequences
        context = spec.base_context(edit)
        context.update(
            {
                "title": spec.text(spec.delete_title, edit),
                "error": error,
                "consequences": consequences,
                # What the delete takes along in every app, per kind and count, from Django's
                # collector (a page that lists its own consequences already shows them).
                "plan": None if isinstance(consequences, list) else _plan(edit.instance),
            }
        )
        return render(request, spec.delete_template, context, status=status)

    view.editable = spec  # type: ignore[attr-defined]
    return view


def editables() -> dict[str, tuple[Editable, list[str]]]:
    """Every :class:`Editable` behind a URL of Koers, by key, with the names of its URLs: what
    the conflict test walks."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, tuple[Editable, list[str]]] = {}

    def walk(resolver, prefix=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                walk(p, prefix + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern):
                specs = getattr(p.callback, "editables", None)
                specs = list(specs()) if specs else []
                if getattr(p.callback, "editable", None) is not None:
                    specs.append(p.callback.editable)
                for spec in specs:
                    found.setdefault(spec.key, (spec, []))[1].append(prefix + (p.name or ""))

    walk(get_resolver())
    return found
