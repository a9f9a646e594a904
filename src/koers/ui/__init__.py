"""What every app's pages share: the one edit and delete mechanism, versioned forms, what the
other person saved, the programme of a URL, safe redirects and the form helpers.

A new edit page is one description and two URL lines::

    # <app>/views.py (or views_<topic>.py)
    from koers.ui import Editable, delete_view, edit_view

    SOURCE = Editable(
        key="finance.source",
        model=FundingSource,
        form=SourceForm,                      # a VersionedForm (or ElementForm) subclass
        permission="finance.change_budget",   # checked on the programme of the URL's slug
        get=lambda edit, pk: selectors.source_get(edit.programme, pk),
        create=lambda edit, values: services.source_create(
            actor=edit.user, programme=edit.programme, **values
        ),
        update=lambda edit, values, version: services.source_update(
            source=edit.instance, actor=edit.user, expected_version=version, **values
        ),
        delete=lambda edit, version: services.source_delete(
            source=edit.instance, actor=edit.user, expected_version=version
        ),
        after=lambda edit, saved: reverse("finance:budget", args=[edit.programme.slug]),
        new_title=_("New funding source"), edit_title=..., delete_title=...,
        saved=_("Funding source ‘%(name)s’ saved."), deleted=...,
        consequences=_("The amounts this source makes available are deleted with it."),
    )
    source_edit, source_delete = edit_view(SOURCE), delete_view(SOURCE)

    # <app>/urls.py
    path("<slug:slug>/bron/nieuw", views.source_edit, name="source_create"),
    path("<slug:slug>/bron/<int:pk>", views.source_edit, name="source_edit"),
    path("<slug:slug>/bron/<int:pk>/verwijderen", views.source_delete, name="source_delete"),

The pages render ``koers/edit.html`` and ``koers/delete.html`` (extend them and override a
block — ``fields``, ``intro``, ``consequences``, ``delete_fields`` — for what is special). The
policy is one: a stale version is 409 with what the other person saved; a refused action
(protected data, a rule, a ``ValidationError``) is 400 with the reason. A workflow action that is
not an edit page (review, convert, transfer, accept/decline) calls :func:`versioned_submit`
with its form and its write. Every Editable behind a URL is walked by
``tests/ui/test_conflicts.py``: add the new key to its table.
"""

from .differences import saved_differences, set_version
from .editing import (
    Edit,
    Editable,
    Submitted,
    delete_posted,
    delete_view,
    edit_view,
    editables,
    posted_version,
    versioned_submit,
)
from .files import already_confirmed, carried_file, carry_file, remember_confirmed
from .forms import VersionedForm
from .requests import programme_for, safe_next
from .widgets import (
    TEXTBOX,
    WIDGET_CLASSES,
    DecimalInput,
    DutchDecimalField,
    DutchIntegerField,
    apply_errors,
    style_widgets,
    use_dutch_decimals,
)

__all__ = [
    "TEXTBOX",
    "WIDGET_CLASSES",
    "DecimalInput",
    "DutchDecimalField",
    "DutchIntegerField",
    "Edit",
    "Editable",
    "Submitted",
    "VersionedForm",
    "already_confirmed",
    "apply_errors",
    "carried_file",
    "carry_file",
    "delete_posted",
    "delete_view",
    "edit_view",
    "editables",
    "posted_version",
    "programme_for",
    "remember_confirmed",
    "safe_next",
    "saved_differences",
    "set_version",
    "style_widgets",
    "use_dutch_decimals",
    "versioned_submit",
]
