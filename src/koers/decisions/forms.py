"""The form of a decision (college decision or another) and the decision field that the forms of
an adopted programme's goals, efforts and links carry."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(instance, name) for name in FIELDS} | {
                "version": instance.version
            }
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}
