"""The form of a decision (college decision or another) and the decision field that the forms of
an adopted programme's goals, efforts and links carry."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.programmes.constants import ChangeKind
from koers.programmes.forms import DateInput
from koers.ui import style_widgets

from .constants import DecisionKind

FIELDS = ("kind", "date", "number", "title", "summary", "link", "note")


class DecisionForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("kind"), choices=DecisionKind.choices)
    date = forms.DateField(label=_("date"), widget=DateInput())
    number = forms.CharField(
        label=_("number"),
        max_length=100,
        required=False,
        help_text=_("The number or reference in the decision register, e.g. 2019/0123."),
    )
    title = forms.CharField(label=_("title"), max_length=300)
    summary = forms.CharField(
        label=_("summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was decided, in a few sentences."),
    )
    link = forms.URLField(
        label=_("link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where the decision can be read, e.g. in the council information system."),
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    authorises = forms.MultipleChoiceField(
        label=_("allows these changes"),
        choices=ChangeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The kinds of change to the programme this decision allows. A change of another "
            "kind cannot cite it."
        ),
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(instance, name) for name in FIELDS} | {
                "version": instance.version,
                "authorises": instance.authorises,
            }
        super().__init__(*args, **kwargs)
        if instance is not None and instance.proposal_id is not None:
            # A decision on a change proposal allows exactly the proposal's changes.
            del self.fields["authorises"]
        style_widgets(self)

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in FIELDS}
        if "authorises" in self.fields:
            values["authorises"] = self.cleaned_data["authorises"]
        return values


class ProposalForm(forms.Form):
    """The title and explanation of a change proposal."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("title"), max_length=300)
    summary = forms.CharField(
        label=_("explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why these changes are proposed, for the college."),
    )

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": instance.title,
                "summary": instance.summary,
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def values(self) -> dict:
        return {"title": self.cleaned_data["title"], "summary": self.cleaned_data["summary"]}


class ProposalDecisionForm(DecisionForm):
    """The decision taken on a change proposal: it allows exactly the proposal's changes."""

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["authorises"]
        if proposal is not None:
            self.fields["version"].initial = proposal.version
            self.fields["title"].initial = proposal.title


class ProposalRejectForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date = forms.DateField(label=_("date of the decision"), widget=DateInput())
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. what the college asked for instead."),
    )

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        if proposal is not None:
            self.fields["version"].initial = proposal.version
        style_widgets(self)
