"""An effort's risk paragraph: writing and changing it. Programme staff and the effort's owner
may write it (``programmes.change_effort``); everyone who reads the programme sees it on the
effort's page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from koers.programmes.models import Person
from koers.ui import Editable, edit_view

from . import selectors, services
from .forms import RiskParagraphForm
from .models import EffortRiskParagraph


def _scope(edit) -> None:
    edit.require("programmes.view_programme", edit.programme)
    edit.parent = selectors.paragraph_effort_get(edit.programme, edit.kwargs["effort_pk"])
    edit.instance = getattr(edit.parent, "risk_paragraph", None)


def _new_initial(edit) -> dict:
    """A new paragraph is drawn up today, by the person of the user writing it (if known)."""
    author = Person.objects.filter(user=edit.user).values_list("pk", flat=True).first()
    return {"drawn_up_on": timezone.localdate(), "drawn_up_by": author}


def _effort_url(edit, saved=None) -> str:
    return edit.parent.get_absolute_url() + "#risicoparagraaf"


PARAGRAPH = Editable(
    key="risks.paragraph",
    empty_version_is_new=True,
    model=EffortRiskParagraph,
    form=RiskParagraphForm,
    scope=_scope,
    pk_kwarg="paragraph",  # the URL names the effort; the scope finds its paragraph
    check=lambda edit, action: edit.require("programmes.change_effort", edit.parent),
    form_kwargs=lambda edit: {"instance": edit.instance},
    initial=_new_initial,
    create=lambda edit, values: services.risk_paragraph_create(
        actor=edit.user, programme=edit.programme, effort=edit.parent, **values
    ),
    # A form without a version was opened before anyone wrote the paragraph: version 0 never
    # matches, so that becomes a conflict, not an overwrite.
    update=lambda edit, values, version: services.risk_paragraph_update(
        paragraph=edit.instance, actor=edit.user, expected_version=version or 0, **values
    ),
    after=_effort_url,
    back=lambda edit: edit.parent.get_absolute_url(),
    crumbs=lambda edit: [(edit.parent.get_absolute_url(), edit.parent.name)],
    context=lambda edit: {"effort": edit.parent, "paragraph": edit.instance},
    new_title=gettext_lazy("Write the risk paragraph"),
    edit_title=gettext_lazy("Edit the risk paragraph"),
    created=gettext_lazy("Risk paragraph saved."),
    saved=gettext_lazy("Risk paragraph saved."),
    template="risks/paragraph_form.html",
)
paragraph_edit = edit_view(PARAGRAPH)
