"""The forms of contributions between programmes (cross-programme links): propose one, accept,
decline or remove it. Accepting and removing may carry a decision field (see
:func:`koers.programmes.forms.offer_decision`), added by the view when the goal's programme is
adopted."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.ui import style_widgets

from .models import CrossProgrammeLink

__all__ = [
    "CrossLinkAcceptForm",
    "CrossLinkDeclineForm",
    "CrossLinkProposeForm",
    "CrossLinkRemoveForm",
]


class _LinkVersionForm(forms.Form):
    """Carries the version of the link the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, link: CrossProgrammeLink | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if link is not None:
            self.fields["version"].initial = link.version
        style_widgets(self)


class CrossLinkProposeForm(forms.Form):
    operational_goal = forms.TypedChoiceField(
        label=gettext_lazy("Goal of another programme"),
        coerce=int,
        help_text=gettext_lazy(
            "The operational goals of the other programmes you may see, by programme."
        ),
    )
    contribution = forms.CharField(
        label=gettext_lazy("Contribution"),
        widget=forms.Textarea,
        help_text=gettext_lazy(
            "How the effort serves this goal; the other programme decides on it with this text."
        ),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = {g.pk: g for _name, goals in groups for g in goals}
        self.fields["operational_goal"].choices = [("", _("(choose a goal)"))] + [
            (name, [(g.pk, f"{g.code} — {g.statement}"[:160]) for g in goals])
            for name, goals in groups
        ]
        style_widgets(self)

    def clean_operational_goal(self):
        return self.goals[self.cleaned_data["operational_goal"]]


class CrossLinkAcceptForm(_LinkVersionForm):
    pass


class CrossLinkDeclineForm(_LinkVersionForm):
    reason = forms.CharField(
        label=gettext_lazy("Reason for declining"),
        widget=forms.Textarea,
        help_text=gettext_lazy("The proposing programme sees this reason."),
    )


class CrossLinkRemoveForm(_LinkVersionForm):
    pass
